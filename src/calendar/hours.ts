// Weekly hours: parse the policy's "mon-fri: 09:00-18:00" notation into minute ranges
// and find overlaps, which the policy validator reports with their position.
import { DAY_NAMES } from './civil.ts';

/** Minutes from local midnight; `end` may pass 1440 when the range runs overnight. */
export type MinuteRange = readonly [start: number, end: number];

export function parseTimeRange(text: string): MinuteRange {
  const [a, b] = text.split('-');
  const start = toMinutes(a);
  let end = toMinutes(b);
  if (end <= start) end += 1440; // "22:00-06:00" runs into the next day
  return [start, end];
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

export function formatMinutes(m: number): string {
  const mm = ((m % 1440) + 1440) % 1440;
  const text = `${String(Math.floor(mm / 60)).padStart(2, '0')}:${String(mm % 60).padStart(2, '0')}`;
  return m === 1440 ? '24:00' : text;
}

/** The days a key covers: "mon", "mon-fri", "fri-mon" (wrapping) or "daily"; 0 = Monday. */
export function daysOfKey(key: string): number[] {
  if (key === 'daily') return [0, 1, 2, 3, 4, 5, 6];
  const [from, to] = key.split('-');
  const a = DAY_NAMES.indexOf(from as (typeof DAY_NAMES)[number]);
  const b = to === undefined ? a : DAY_NAMES.indexOf(to as (typeof DAY_NAMES)[number]);
  const days: number[] = [];
  for (let d = a; ; d = (d + 1) % 7) {
    days.push(d);
    if (d === b) break;
  }
  return days;
}

export type WeeklyEntry = { key: string; ranges: MinuteRange[] };
export type Overlap = { key: string; day: number; a: MinuteRange; b: MinuteRange };

/** Builds the week (0 = Monday) and lists every pair of ranges that overlap, across keys and overnight. */
export function buildWeek(entries: WeeklyEntry[]): { week: MinuteRange[][]; overlaps: Overlap[] } {
  const week: MinuteRange[][] = [[], [], [], [], [], [], []];
  const owner = new Map<MinuteRange, string>();
  for (const { key, ranges } of entries) {
    for (const day of daysOfKey(key)) {
      for (const r of ranges) {
        week[day].push(r);
        owner.set(r, key);
      }
    }
  }
  const overlaps: Overlap[] = [];
  // Lay the week out on a 7-day line (plus the wrap into Monday) and compare neighbours.
  const line = week.flatMap((ranges, day) => ranges.map((r) => ({ day, r, s: day * 1440 + r[0], e: day * 1440 + r[1] })));
  const wrapped = line.map((x) => ({ ...x, s: x.s + 7 * 1440, e: x.e + 7 * 1440 }));
  const all = [...line, ...wrapped].sort((x, y) => x.s - y.s);
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length && all[j].s < all[i].e; j++) {
      if (all[i].s >= 7 * 1440 && all[j].s >= 7 * 1440) continue; // counted once in the first week
      overlaps.push({ key: owner.get(all[j].r) ?? '', day: all[j].day, a: all[i].r, b: all[j].r });
    }
  }
  for (const ranges of week) ranges.sort((x, y) => x[0] - y[0]);
  return { week, overlaps };
}
