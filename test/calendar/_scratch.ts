import { buildWeek, parseTimeRange, calendarClock, addBusinessDays, addBusinessTime, isOpen, parseIsoDate } from '../../src/calendar/index.ts';
const iso = (ms: number, tz = 'Europe/London') => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(tz).toString({ timeZoneName: 'never' });
const at = (s: string, tz = 'Europe/London') => Temporal.PlainDateTime.from(s).toZonedDateTime(tz).epochMilliseconds;
const hol = { regions: ['GB-ENG'], except: [], dates: [], yearly: [] };
{
  const { week } = buildWeek([{ key: 'mon-fri', ranges: [parseTimeRange('09:00-18:00')] }]);
  const c = calendarClock({ id: 'c', name: 'c', timeZone: 'Europe/London', week, holidays: hol });
  console.log('mon 09:00 +1d', iso(addBusinessDays(c, at('2026-06-01T09:00'), 1)));
  console.log('sat 10:00 +1d', iso(addBusinessDays(c, at('2026-06-06T10:00'), 1)));
  console.log('mon 12:00 +1d', iso(addBusinessDays(c, at('2026-06-01T12:00'), 1)));
}
{
  const { week } = buildWeek([{ key: 'mon-fri', ranges: [parseTimeRange('22:00-06:00')] }]);
  const c = calendarClock({ id: 'c', name: 'c', timeZone: 'Europe/London', week, holidays: { ...hol, regions: [], dates: [{ day: parseIsoDate('2026-06-03'), name: 'x', closed: null }] } });
  console.log('tue 23:00 +1d (wed holiday)', iso(addBusinessDays(c, at('2026-06-02T23:00'), 1)));
}
