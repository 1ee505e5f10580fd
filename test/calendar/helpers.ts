// Shared builders for the calendar tests: calendars from a compact spec, and instants
// written as ISO strings with an explicit offset so every expectation is unambiguous.
import { buildWeek, calendarClock, parseIsoDate, parseTimeRange } from '../../src/calendar/index.ts';
import type { BusinessClock, HolidaySource, MinuteRange } from '../../src/calendar/index.ts';

export const MIN = 60_000;
export const HOUR = 3_600_000;

export type CalendarSpec = {
  timeZone: string;
  /** e.g. { 'mon-fri': ['09:00-18:00'], sat: ['09:00-16:00'] } */
  hours: Record<string, string[]>;
  regions?: string[];
  /** Close a regional holiday only on the day it is observed. */
  observedOnly?: boolean;
  /** A holiday closes the whole night that starts on it, past midnight too. */
  wholeNights?: boolean;
  /** ISO date to closed ranges ("12:00-24:00") or null for the whole day. */
  dates?: Record<string, string[] | null>;
  /** "MM-DD" to closed ranges or null. */
  yearly?: Record<string, string[] | null>;
};

const ranges = (texts: string[] | null): MinuteRange[] | null => (texts === null ? null : texts.map(parseTimeRange));

export function holidaySource(spec: CalendarSpec): HolidaySource {
  return {
    regions: spec.regions ?? [],
    except: [],
    observedOnly: spec.observedOnly ?? false,
    wholeNights: spec.wholeNights ?? false,
    dates: Object.entries(spec.dates ?? {}).map(([d, c]) => ({ day: parseIsoDate(d), name: `closed ${d}`, closed: ranges(c) })),
    yearly: Object.entries(spec.yearly ?? {}).map(([md, c]) => {
      const [month, day] = md.split('-').map(Number);
      return { month, day, name: `yearly ${md}`, closed: ranges(c) };
    }),
  };
}

/** A fresh (never queried) calendar clock for the spec. */
export function clockOf(spec: CalendarSpec, id = 'test'): BusinessClock {
  const { week } = buildWeek(Object.entries(spec.hours).map(([key, texts]) => ({ key, ranges: texts.map(parseTimeRange) })));
  return calendarClock({ id, name: id, timeZone: spec.timeZone, week, holidays: holidaySource(spec) });
}

/** "2026-03-29T04:00:00+01:00" to epoch ms (the offset is required). */
export const at = (iso: string): number => Temporal.Instant.from(iso).epochMilliseconds;

/** Epoch ms to local ISO with offset, the same shape `at` reads. */
export const show = (ms: number, timeZone: string): string =>
  Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).toString({ timeZoneName: 'never' });
