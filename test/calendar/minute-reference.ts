// A brute-force reference for the business-time engine's property tests (properties.test.ts): it
// walks minute by minute over a calendar's weekly hours and a hand-written holiday list, so what it
// answers was never computed by the engine under test.
import { parseTimeRange, type Interval } from '../../src/calendar/index.ts';
import { HOUR, MIN, type CalendarSpec } from './helpers.ts';

const DAY = 24 * HOUR;

// Public holidays (public/bank days off) written out by hand, December 2024 to January 2028.
export const REGION_DAYS: Record<string, string[]> = {
  'GB-ENG': [
    '2024-12-25', '2024-12-26',
    '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
    '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-26', '2026-12-28',
    '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-25', '2027-12-26', '2027-12-27', '2027-12-28',
    '2028-01-01', '2028-01-03',
  ],
  US: [
    '2024-12-25',
    '2025-01-01', '2025-01-20', '2025-02-17', '2025-05-26', '2025-06-19', '2025-07-04', '2025-09-01', '2025-10-13', '2025-11-11', '2025-11-27', '2025-12-25',
    '2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03', '2026-07-04', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25',
    '2027-01-01', '2027-01-18', '2027-02-15', '2027-05-31', '2027-06-18', '2027-06-19', '2027-07-04', '2027-07-05', '2027-09-06', '2027-10-11', '2027-11-11', '2027-11-25',
    '2027-12-24', '2027-12-25', '2027-12-31',
    '2028-01-01', '2028-01-17',
  ],
};


type Closure = [number, number][] | null;
export type Reference = { timeZone: string; week: [number, number][][]; closed: Map<number, Closure>; offsets: Map<number, number> };

const epochDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const DAY_INDEX: Record<string, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };

export function referenceOf(spec: CalendarSpec): Reference {
  const week: [number, number][][] = [[], [], [], [], [], [], []];
  for (const [key, texts] of Object.entries(spec.hours)) {
    const [a, b] = key === 'daily' ? ['mon', 'sun'] : key.split('-');
    for (let i = 0, d = DAY_INDEX[a]; i < 7; i++, d = (d + 1) % 7) {
      for (const t of texts) week[d].push([...parseTimeRange(t)]);
      if (d === DAY_INDEX[b ?? a]) break;
    }
  }
  const closed = new Map<number, Closure>();
  const close = (day: number, c: Closure) => {
    const prev = closed.get(day);
    closed.set(day, prev === null || c === null ? null : [...(prev ?? []), ...c]);
  };
  const toMinutes = (ranges: string[] | null): Closure => (ranges === null ? null : ranges.map((r) => [...parseTimeRange(r)] as [number, number]));
  for (const region of spec.regions ?? []) for (const iso of REGION_DAYS[region]) close(epochDay(iso), null);
  for (const [iso, c] of Object.entries(spec.dates ?? {})) close(epochDay(iso), toMinutes(c));
  for (const [md, c] of Object.entries(spec.yearly ?? {})) for (const y of [2024, 2025, 2026, 2027, 2028]) close(epochDay(`${y}-${md}`), toMinutes(c));
  return { timeZone: spec.timeZone, week, closed, offsets: new Map() };
}

/** UTC offset at t; every change in these zones is on a whole UTC hour, so one lookup per hour. */
function offsetAt(ref: Reference, t: number): number {
  const hour = Math.floor(t / HOUR);
  let o = ref.offsets.get(hour);
  if (o === undefined) {
    o = Temporal.Instant.fromEpochMilliseconds(hour * HOUR).toZonedDateTimeISO(ref.timeZone).offsetNanoseconds / 1e6;
    ref.offsets.set(hour, o);
  }
  return o;
}

const localDayOf = (ref: Reference, t: number) => Math.floor((t + offsetAt(ref, t)) / DAY);
const weekday = (day: number) => (day + 3) % 7; // 1970-01-01 was a Thursday; 0 = Monday

/** Open during the minute starting at t (t on a whole minute), straight from the wall clock. */
export function refOpen(ref: Reference, t: number): boolean {
  const local = t + offsetAt(ref, t);
  const day = Math.floor(local / DAY);
  const m = Math.floor((local - day * DAY) / MIN);
  const c = ref.closed.get(day);
  // A holiday closes its own date, including the spill of last night's range into it.
  if (c === null || c?.some(([s, e]) => s <= m && m < e)) return false;
  if (ref.week[weekday(day)].some(([s, e]) => s <= m && m < e)) return true;
  return ref.week[weekday(day + 6)].some(([s, e]) => e > 1440 && s <= m + 1440 && m + 1440 < e);
}

const LIMIT = 120 * 1440; // minutes; a walk longer than this is a bug in the test

const paused = (pauses: Interval[], t: number) => pauses.some((p) => p.from <= t && t < p.to);

export function refAdd(ref: Reference, start: number, duration: number, pauses: Interval[] = []): number {
  let left = duration;
  for (let t = start, i = 0; i < LIMIT; t += MIN, i++) {
    if (refOpen(ref, t) && !paused(pauses, t) && (left -= MIN) <= 0) return t + MIN;
  }
  throw new Error('reference walk too long');
}

export function refBetween(ref: Reference, a: number, b: number, pauses: Interval[] = []): number {
  let total = 0;
  for (let t = a; t < b; t += MIN) if (refOpen(ref, t) && !paused(pauses, t)) total += MIN;
  return total;
}

export function refAddDays(ref: Reference, start: number, n: number): number {
  let t = start;
  while (!refOpen(ref, t)) t += MIN;
  const day0 = localDayOf(ref, t);
  const wall = t + offsetAt(ref, t) - day0 * DAY;
  // Business days: local dates on which an opening (a closed minute then an open one) falls.
  let found = 0;
  let last = day0;
  for (let i = 0; found < n; t += MIN, i++) {
    if (i > LIMIT) throw new Error('reference walk too long');
    if (refOpen(ref, t) && !refOpen(ref, t - MIN) && localDayOf(ref, t) > last) {
      last = localDayOf(ref, t);
      found++;
    }
  }
  const date = Temporal.PlainDate.from('1970-01-01').add({ days: last });
  const target = date.toPlainDateTime({ hour: 0 }).add({ milliseconds: wall }).toZonedDateTime(ref.timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
  // Open with open time just before it: the deadline itself. Otherwise (closed, or exactly an
  // opening) the earliest instant with the same open time: the last closing before it.
  if (refOpen(ref, target) && refOpen(ref, target - MIN)) return target;
  let back = target;
  while (!refOpen(ref, back - MIN)) back -= MIN;
  return back;
}
