// A calendar compiled into sorted open intervals (epoch milliseconds) with a running
// total of open time, so every business-time question is a binary search rather than a
// walk minute by minute. Years are compiled on demand and appended; the arrays only grow
// forward within one call, so cumulative values taken earlier in a call stay valid.
import { civilDate, weekdayOf, dayNumber } from './civil.ts';
import { holidaysOfYear, type HolidayRule, type HolidaySource } from './holidays.ts';
import type { MinuteRange } from './hours.ts';

export type CalendarModel = {
  id: string;
  name: string;
  timeZone: string;
  /** Index 0 = Monday; minute ranges from local midnight, sorted. */
  week: MinuteRange[][];
  holidays: HolidaySource;
};

export type CompiledCalendar = {
  readonly model: CalendarModel;
  firstYear: number;
  lastYear: number;
  starts: number[];
  ends: number[];
  /** Open milliseconds before interval i. */
  cum: number[];
  /** Local day numbers on which an open interval starts: the calendar's business days. */
  openDays: number[];
  holidays: Map<number, HolidayRule>;
  /** Instants inside which no compile is needed (the compiled years less a year's margin each side). */
  safeFrom: number;
  safeTo: number;
};

const MAX_YEARS_AHEAD = 30;

export function compileCalendar(model: CalendarModel): CompiledCalendar {
  return { model, firstYear: 0, lastYear: -1, starts: [], ends: [], cum: [], openDays: [], holidays: new Map(), safeFrom: Infinity, safeTo: -Infinity };
}

const DAY_MS = 86_400_000;

/** A stretch of instants [from, to) over which a zone's UTC offset does not change. */
type OffsetSpan = { from: number; to: number; offset: number };

// The spans a zone's recent instants fell in, asked of Temporal once each (its transitions are
// the truth; a span is only reused for an instant inside it). A deadline's day and wall time are
// asked for ticket after ticket, mostly inside one span between two DST changes. Bounded.
const spans = new Map<string, OffsetSpan[]>();
const SPANS_PER_ZONE = 32;

function offsetSpan(timeZone: string, ms: number): OffsetSpan {
  let list = spans.get(timeZone);
  if (!list) spans.set(timeZone, (list = []));
  for (const s of list) if (ms >= s.from && ms < s.to) return s;
  const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
  const next = z.getTimeZoneTransition('next');
  // 'previous' is strictly before its argument: a nanosecond on, it finds a change at `ms` itself.
  const previous = z.add({ nanoseconds: 1 }).getTimeZoneTransition('previous');
  const span = { from: previous ? previous.epochMilliseconds : -Infinity, to: next ? next.epochMilliseconds : Infinity, offset: z.offsetNanoseconds / 1e6 };
  if (list.length >= SPANS_PER_ZONE) list.length = 0;
  list.unshift(span);
  return span;
}

/** The local day number of an instant in the calendar's zone. */
export function localDay(cal: CompiledCalendar, ms: number): number {
  return Math.floor((ms + offsetSpan(cal.model.timeZone, ms).offset) / DAY_MS);
}

export function localYear(cal: CompiledCalendar, ms: number): number {
  return civilDate(localDay(cal, ms)).year;
}

/** Make sure the compiled range covers [fromMs, toMs]; extending backwards rebuilds. */
export function ensureCovered(cal: CompiledCalendar, fromMs: number, toMs: number): void {
  if (fromMs >= cal.safeFrom && toMs < cal.safeTo) return; // the hot path: no time-zone work
  // One year of margin on each side: overnight spills and time zones cross year ends.
  const from = localYear(cal, fromMs) - 1;
  const to = localYear(cal, toMs) + 1;
  if (cal.lastYear < cal.firstYear || from < cal.firstYear) {
    rebuild(cal, from, Math.max(to, cal.lastYear));
  } else {
    while (cal.lastYear < to) appendYear(cal);
  }
  updateSafeRange(cal);
}

function updateSafeRange(cal: CompiledCalendar): void {
  const jan1 = (y: number) => Temporal.PlainDate.from({ year: y, month: 1, day: 1 }).toZonedDateTime(cal.model.timeZone).epochMilliseconds;
  cal.safeFrom = jan1(cal.firstYear + 1);
  cal.safeTo = jan1(cal.lastYear);
}

/** Appends the next year; used while adding time runs past the compiled range. */
export function appendYear(cal: CompiledCalendar): void {
  // Give up only after MAX_YEARS_AHEAD years without open time, not after that many years
  // compiled: a clock warmed by an earlier query must answer a far query like a fresh one.
  const n = cal.starts.length;
  const lastOpenYear = n === 0 ? cal.firstYear : localYear(cal, cal.ends[n - 1]);
  if (cal.lastYear - lastOpenYear > MAX_YEARS_AHEAD + 2) {
    throw new Error(`calendar ${cal.model.id} has no open time within ${MAX_YEARS_AHEAD} years`);
  }
  addYear(cal, cal.lastYear + 1);
  cal.lastYear += 1;
  updateSafeRange(cal);
}

function rebuild(cal: CompiledCalendar, from: number, to: number): void {
  cal.starts = [];
  cal.ends = [];
  cal.cum = [];
  cal.openDays = [];
  cal.holidays = new Map();
  cal.firstYear = from;
  cal.lastYear = from - 1;
  for (let y = from; y <= to; y++) {
    addYear(cal, y);
    cal.lastYear = y;
  }
}

function addYear(cal: CompiledCalendar, year: number): void {
  const { week, timeZone } = cal.model;
  const first = dayNumber(year, 1, 1);
  const last = dayNumber(year + 1, 1, 1); // exclusive
  // Holidays of this year and of next 1 January, which an overnight spill can reach.
  const hol = holidaysOfYear(cal.model.holidays, year);
  for (const [d, r] of hol) cal.holidays.set(d, r);
  const nextHol = holidaysOfYear(cal.model.holidays, year + 1);
  const closedOn = (d: number) => hol.get(d) ?? (d >= last ? nextHol.get(d) : undefined);

  for (let d = first; d < last; d++) {
    let ranges: Array<[number, number]> = week[weekdayOf(d)].map((r) => [r[0], r[1]]);
    // A holiday closes its own local date; a spill into the next day obeys that day's holiday. With
    // wholeNights, a day wholly closed closes the night that starts on it, past midnight too.
    for (const offset of [0, 1]) {
      const rule = closedOn(d + offset);
      if (!rule) continue;
      const whole = offset === 0 && cal.model.holidays.wholeNights ? 2880 : 1440;
      const closures = rule.closed === null ? [[0, whole] as const] : rule.closed;
      for (const c of closures) ranges = subtract(ranges, c[0] + offset * 1440, c[1] + offset * 1440);
    }
    for (const [s, e] of ranges) {
      if (e <= s) continue;
      const from = toEpoch(d, s, timeZone);
      const to = toEpoch(d, e, timeZone);
      if (to <= from) continue; // wholly inside a skipped DST hour: nothing opens
      pushInterval(cal, from, to);
      // A business day is the local date the open range starts on: an overnight range cut
      // by a holiday on its own date starts after midnight, on the next date.
      const startDay = d + Math.floor(s / 1440);
      if (cal.openDays[cal.openDays.length - 1] !== startDay) cal.openDays.push(startDay);
    }
  }
}

function subtract(ranges: Array<[number, number]>, cs: number, ce: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [s, e] of ranges) {
    if (ce <= s || cs >= e) out.push([s, e]);
    else {
      if (s < cs) out.push([s, cs]);
      if (ce < e) out.push([ce, e]);
    }
  }
  return out;
}

function pushInterval(cal: CompiledCalendar, start: number, end: number): void {
  if (end <= start) return; // a range wholly inside a skipped DST hour
  const n = cal.starts.length;
  if (n > 0 && start <= cal.ends[n - 1]) {
    // Touching or overlapping (22:00-24:00 then 00:00-06:00): one open stretch.
    cal.ends[n - 1] = Math.max(cal.ends[n - 1], end);
    return;
  }
  const before = n === 0 ? 0 : cal.cum[n - 1] + (cal.ends[n - 1] - cal.starts[n - 1]);
  cal.starts.push(start);
  cal.ends.push(end);
  cal.cum.push(before);
}

// Farther from a change of offset than any two offsets differ (UTC-12 to UTC+14 is 26 hours), a
// wall time has exactly one instant: no gap, no fold, so no disambiguation to ask Temporal about.
const CLEAR_OF_CHANGE_MS = 2 * DAY_MS;

/**
 * Local wall time (a day number and milliseconds into it, possibly past midnight) to an instant;
 * in a DST gap or fold, as Temporal's 'compatible' (a gap resolves forward, a fold to the earlier).
 */
function wallToEpoch(timeZone: string, day: number, msOfDay: number): number {
  const wall = day * DAY_MS + msOfDay;
  const guess = offsetSpan(timeZone, wall);
  const span = offsetSpan(timeZone, wall - guess.offset);
  const at = wall - span.offset;
  if (at >= span.from + CLEAR_OF_CHANGE_MS && at < span.to - CLEAR_OF_CHANGE_MS) return at;
  const d = civilDate(day);
  const pdt = Temporal.PlainDateTime.from({ year: d.year, month: d.month, day: d.day }).add({ milliseconds: msOfDay });
  return pdt.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** Local wall time (day number + minutes, possibly past midnight) to an instant; DST gaps resolve forward. */
function toEpoch(day: number, minutes: number, timeZone: string): number {
  return wallToEpoch(timeZone, day, minutes * 60_000);
}

/** Instant of a local day number and wall-clock milliseconds into that day ('compatible' in a gap or fold). */
export function localToEpoch(cal: CompiledCalendar, day: number, msOfDay: number): number {
  return wallToEpoch(cal.model.timeZone, day, msOfDay);
}

/** Wall-clock milliseconds since local midnight of an instant. */
export function localMsOfDay(cal: CompiledCalendar, ms: number): number {
  const local = ms + offsetSpan(cal.model.timeZone, ms).offset;
  return local - Math.floor(local / DAY_MS) * DAY_MS;
}
