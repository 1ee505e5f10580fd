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

/** The local day number of an instant in the calendar's zone. */
export function localDay(cal: CompiledCalendar, ms: number): number {
  const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(cal.model.timeZone);
  return dayNumber(z.year, z.month, z.day);
}

export function localYear(cal: CompiledCalendar, ms: number): number {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(cal.model.timeZone).year;
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
    // A holiday closes its own local date; a spill into the next day obeys that day's holiday.
    for (const offset of [0, 1]) {
      const rule = closedOn(d + offset);
      if (!rule) continue;
      const closures = rule.closed === null ? [[0, 1440] as const] : rule.closed;
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

/** Local wall time (day number + minutes, possibly past midnight) to an instant; DST gaps resolve forward. */
function toEpoch(day: number, minutes: number, timeZone: string): number {
  const d = civilDate(day + Math.floor(minutes / 1440));
  const m = minutes % 1440;
  return Temporal.PlainDateTime.from({ year: d.year, month: d.month, day: d.day, hour: Math.floor(m / 60), minute: m % 60 })
    .toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** Instant of a local day number and wall-clock milliseconds into that day. */
export function localToEpoch(cal: CompiledCalendar, day: number, msOfDay: number): number {
  const d = civilDate(day);
  const pdt = Temporal.PlainDateTime.from({ year: d.year, month: d.month, day: d.day }).add({ milliseconds: msOfDay });
  return pdt.toZonedDateTime(cal.model.timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** Wall-clock milliseconds since local midnight of an instant. */
export function localMsOfDay(cal: CompiledCalendar, ms: number): number {
  const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(cal.model.timeZone);
  return ((z.hour * 60 + z.minute) * 60 + z.second) * 1000 + z.millisecond;
}
