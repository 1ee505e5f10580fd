// The sample calendars the business-time tables are worked out on (business-time.test.ts,
// open-hours-and-holidays.test.ts): London 09:00-18:00 and variants, Chicago 09:00-17:00, nights, 24x7.
import { CLOCK_24X7, type BusinessClock } from '../../src/calendar/index.ts';
import { clockOf } from './helpers.ts';

export const LONDON = 'Europe/London';
export const CHICAGO = 'America/Chicago';

export const clocks = {
  london: clockOf({ timeZone: LONDON, hours: { 'mon-fri': ['09:00-18:00'] }, regions: ['GB-ENG'] }),
  londonSat: clockOf({ timeZone: LONDON, hours: { 'mon-fri': ['09:00-18:00'], sat: ['09:00-16:00'] }, regions: ['GB-ENG'] }),
  londonXmasEve: clockOf({
    timeZone: LONDON,
    hours: { 'mon-fri': ['09:00-18:00'] },
    regions: ['GB-ENG'],
    dates: { '2026-12-24': ['12:00-24:00'], '2026-06-10': ['12:00-14:00'] },
  }),
  londonEarly: clockOf({ timeZone: LONDON, hours: { daily: ['00:00-04:00'] } }),
  londonNight: clockOf({ timeZone: LONDON, hours: { daily: ['22:00-06:00'] } }),
  londonNightWeek: clockOf({ timeZone: LONDON, hours: { 'mon-fri': ['22:00-06:00'] }, regions: ['GB-ENG'] }),
  londonNightWedOff: clockOf({ timeZone: LONDON, hours: { 'mon-fri': ['22:00-06:00'] }, dates: { '2026-06-03': null } }),
  chicago: clockOf({ timeZone: CHICAGO, hours: { 'mon-fri': ['09:00-17:00'] }, regions: ['US'] }),
  chicagoEarly: clockOf({ timeZone: CHICAGO, hours: { daily: ['00:00-04:00'] } }),
  chicagoNight: clockOf({ timeZone: CHICAGO, hours: { daily: ['22:00-06:00'] } }),
  '24x7': CLOCK_24X7,
} satisfies Record<string, BusinessClock>;
export type ClockName = keyof typeof clocks;
