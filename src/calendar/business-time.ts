// The business-time engine: pure functions over a clock (a compiled calendar or the 24x7
// clock). Instants are epoch milliseconds; durations are milliseconds of open time.
// A deadline is always the EARLIEST instant at which the required open time has elapsed,
// so one landing exactly at closing time is that closing time, not the next opening.
import { appendYear, compileCalendar, ensureCovered, localDay, localMsOfDay, localToEpoch, type CalendarModel, type CompiledCalendar } from './compile.ts';

export type Interval = { from: number; to: number };

/** A clock SLA targets run on. */
export type BusinessClock =
  | { kind: '24x7'; id: '24x7' }
  | { kind: 'calendar'; id: string; cal: CompiledCalendar };

export const CLOCK_24X7: BusinessClock = { kind: '24x7', id: '24x7' };

export function calendarClock(model: CalendarModel): BusinessClock {
  return { kind: 'calendar', id: model.id, cal: compileCalendar(model) };
}

// ---- primitives on a compiled calendar ----

/** Index of the last interval starting at or before t, or -1. */
function lastStartAtOrBefore(cal: CompiledCalendar, t: number): number {
  let lo = 0;
  let hi = cal.starts.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cal.starts[mid] <= t) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/** Open time from the start of the compiled range up to t. */
function cumulative(cal: CompiledCalendar, t: number): number {
  const i = lastStartAtOrBefore(cal, t);
  if (i < 0) return 0;
  return cal.cum[i] + Math.min(t, cal.ends[i]) - cal.starts[i];
}

/** The earliest instant at which `x` of open time has accumulated; compiles further years as needed. */
function earliestAt(cal: CompiledCalendar, x: number): number {
  for (;;) {
    const n = cal.starts.length;
    const total = n === 0 ? 0 : cal.cum[n - 1] + cal.ends[n - 1] - cal.starts[n - 1];
    if (n > 0 && total >= x) break;
    appendYear(cal);
  }
  // Smallest i with cum[i] + len(i) >= x.
  let lo = 0;
  let hi = cal.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cal.cum[mid] + cal.ends[mid] - cal.starts[mid] >= x) hi = mid;
    else lo = mid + 1;
  }
  return cal.starts[lo] + Math.max(0, x - cal.cum[lo]);
}

function mergePauses(pauses: readonly Interval[]): Interval[] {
  const sorted = pauses.filter((p) => p.to > p.from).sort((a, b) => a.from - b.from);
  const out: Interval[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && p.from <= last.to) last.to = Math.max(last.to, p.to);
    else out.push({ ...p });
  }
  return out;
}

// ---- public operations ----

/** Whether the clock is running at t: open, and not inside a pause. Intervals include their start, exclude their end. */
export function isOpen(clock: BusinessClock, t: number, pauses: readonly Interval[] = []): boolean {
  if (pauses.some((p) => t >= p.from && t < p.to)) return false;
  if (clock.kind === '24x7') return true;
  const cal = clock.cal;
  ensureCovered(cal, t, t);
  const i = lastStartAtOrBefore(cal, t);
  return i >= 0 && t < cal.ends[i];
}

/** t itself when the clock is running, else the next instant it runs (open and not paused). */
export function nextOpen(clock: BusinessClock, t: number, pauses: readonly Interval[] = []): number {
  const merged = mergePauses(pauses);
  let at = t;
  for (;;) {
    at = nextOpenUnpaused(clock, at);
    const inside = merged.find((p) => at >= p.from && at < p.to);
    if (!inside) return at;
    at = inside.to;
  }
}

function nextOpenUnpaused(clock: BusinessClock, t: number): number {
  if (clock.kind === '24x7') return t;
  const cal = clock.cal;
  ensureCovered(cal, t, t);
  const i = lastStartAtOrBefore(cal, t);
  if (i >= 0 && t < cal.ends[i]) return t;
  while (i + 1 >= cal.starts.length) appendYear(cal);
  return cal.starts[i + 1];
}

/** The next closing at or after t (t when already closed). */
export function nextClose(clock: BusinessClock, t: number): number | null {
  if (clock.kind === '24x7') return null;
  const cal = clock.cal;
  ensureCovered(cal, t, t);
  const i = lastStartAtOrBefore(cal, t);
  return i >= 0 && t < cal.ends[i] ? cal.ends[i] : t;
}

/** Open time between a and b (0 when b <= a), not counting paused time. */
export function businessTimeBetween(clock: BusinessClock, a: number, b: number, pauses: readonly Interval[] = []): number {
  if (b <= a) return 0;
  const merged = mergePauses(pauses);
  if (clock.kind === '24x7') {
    let paused = 0;
    for (const p of merged) paused += Math.max(0, Math.min(b, p.to) - Math.max(a, p.from));
    return b - a - paused;
  }
  const cal = clock.cal;
  ensureCovered(cal, a, b);
  let total = cumulative(cal, b) - cumulative(cal, a);
  for (const p of merged) {
    const from = Math.max(a, p.from);
    const to = Math.min(b, p.to);
    if (to > from) total -= cumulative(cal, to) - cumulative(cal, from);
  }
  return total;
}

/** The earliest instant by which `duration` of open, unpaused time has passed since `start`. */
export function addBusinessTime(clock: BusinessClock, start: number, duration: number, pauses: readonly Interval[] = []): number {
  if (duration <= 0) return start;
  const merged = mergePauses(pauses).filter((p) => p.to > start);
  if (clock.kind === '24x7') {
    let cursor = start;
    let remaining = duration;
    for (const p of merged) {
      const from = Math.max(cursor, p.from);
      if (from - cursor >= remaining) break;
      remaining -= from - cursor;
      cursor = Math.max(cursor, p.to);
    }
    return cursor + remaining;
  }
  const cal = clock.cal;
  ensureCovered(cal, start, start);
  let cursor = start;
  let remaining = duration;
  for (const p of merged) {
    const from = Math.max(cursor, p.from);
    ensureCovered(cal, start, from);
    const available = cumulative(cal, from) - cumulative(cal, cursor);
    if (available >= remaining) break;
    remaining -= available;
    cursor = Math.max(cursor, p.to);
    ensureCovered(cal, start, cursor);
  }
  return earliestAt(cal, cumulative(cal, cursor) + remaining);
}

const DAY_MS = 86_400_000;

/**
 * N business days: the same local time on the Nth business day after the start (the start
 * moved to the next opening when closed), clamped back to the last open instant when that
 * time is closed. Pauses extend the deadline by the open time they cover.
 */
export function addBusinessDays(clock: BusinessClock, start: number, days: number, pauses: readonly Interval[] = []): number {
  if (days <= 0) return start;
  if (clock.kind === '24x7') return addBusinessTime(clock, start, days * DAY_MS, pauses);
  const cal = clock.cal;
  const aligned = nextOpen(clock, start);
  const day = localDay(cal, aligned);
  const wall = localMsOfDay(cal, aligned);
  // Whole days are counted whole: find the (index + days)th open day by binary search.
  let target: number | undefined;
  for (;;) {
    const idx = upperBound(cal.openDays, day);
    target = cal.openDays[idx + days - 1];
    if (target !== undefined) break;
    appendYear(cal);
  }
  const at = localToEpoch(cal, target, wall);
  ensureCovered(cal, start, at);
  // Like every deadline, the earliest instant with that much open time: a closed wall time
  // is clamped back to the closing before it, and an opening (Tuesday 09:00) is reported as
  // the equivalent closing (Monday 18:00): "by the end of Monday", not "first thing Tuesday".
  const deadline = earliestAt(cal, cumulative(cal, at));
  if (pauses.length === 0) return deadline;
  return addBusinessTime(clock, start, businessTimeBetween(clock, start, deadline), pauses);
}

function upperBound(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Closed stretches (gaps between open intervals) that overlap [a, b]. */
export function closedPeriods(clock: BusinessClock, a: number, b: number): Interval[] {
  if (clock.kind === '24x7' || b <= a) return [];
  const cal = clock.cal;
  ensureCovered(cal, a, b);
  const out: Interval[] = [];
  let i = Math.max(0, lastStartAtOrBefore(cal, a));
  let cursor = a;
  for (; i < cal.starts.length && cal.starts[i] < b; i++) {
    if (cal.starts[i] > cursor) out.push({ from: cursor, to: cal.starts[i] });
    cursor = Math.max(cursor, cal.ends[i]);
  }
  if (cursor < b) out.push({ from: cursor, to: b });
  return out;
}

/** Holidays (by local date) between a and b, for explanations. */
export function holidaysBetween(clock: BusinessClock, a: number, b: number): { day: number; name: string; partial: boolean }[] {
  if (clock.kind === '24x7' || b <= a) return [];
  const cal = clock.cal;
  ensureCovered(cal, a, b);
  const out: { day: number; name: string; partial: boolean }[] = [];
  const last = localDay(cal, b);
  for (let d = localDay(cal, a); d <= last; d++) {
    const h = cal.holidays.get(d);
    if (h) out.push({ day: d, name: h.name, partial: h.closed !== null });
  }
  return out;
}
