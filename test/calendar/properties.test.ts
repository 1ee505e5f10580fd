// Property tests (fast-check) for the business-time engine: algebraic laws on every clock,
// lazy year compilation (a fresh calendar answers like a warmed one), and a brute-force
// reference that walks minute by minute over the weekly hours and a hand-written holiday list.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CLOCK_24X7, addBusinessDays, addBusinessTime, businessTimeBetween, isOpen, nextOpen, parseTimeRange } from '../../src/calendar/index.ts';
import type { BusinessClock, Interval } from '../../src/calendar/index.ts';
import { HOUR, MIN, clockOf, show } from './helpers.ts';
import type { CalendarSpec } from './helpers.ts';

const DAY = 24 * HOUR;
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2028, 0, 1);

// Range ends stay outside 01:00-03:00: inside a skipped or repeated hour "the end of the range"
// has no single wall-clock meaning (the engine resolves it like Temporal's 'compatible').
const SPECS: Record<string, CalendarSpec> = {
  londonOffice: {
    timeZone: 'Europe/London',
    hours: { 'mon-fri': ['09:00-17:30'], sat: ['10:00-14:00'] },
    regions: ['GB-ENG'],
    dates: { '2026-12-24': ['12:00-24:00'], '2025-06-11': ['13:00-15:00'] },
    yearly: { '12-31': ['16:00-24:00'] },
  },
  londonNight: { timeZone: 'Europe/London', hours: { 'mon-fri': ['22:00-06:00'] }, regions: ['GB-ENG'], yearly: { '12-31': ['00:00-03:00'] } },
  londonEarly: { timeZone: 'Europe/London', hours: { daily: ['00:00-04:00', '20:00-23:00'] }, regions: ['GB-ENG'] },
  chicagoOffice: { timeZone: 'America/Chicago', hours: { 'mon-fri': ['08:00-17:00'] }, regions: ['US'], yearly: { '12-24': ['12:00-24:00'] } },
  chicagoNight: { timeZone: 'America/Chicago', hours: { 'sun-thu': ['22:00-06:00'] }, regions: ['US'] },
  chicagoEarly: { timeZone: 'America/Chicago', hours: { daily: ['00:00-04:00', '19:00-21:30'] }, regions: ['US'] },
};
const NAMES = Object.keys(SPECS);

// Public holidays (public/bank days off) written out by hand, December 2024 to January 2028.
const REGION_DAYS: Record<string, string[]> = {
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

/** Long-lived clocks, warmed by every query of every property in random order. */
const shared: Record<string, BusinessClock> = Object.fromEntries(NAMES.map((n) => [n, clockOf(SPECS[n], n)]));

// ---- generators ----

const utcDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
// DST changes, holiday clusters and year ends, so uniform sampling is not left to find them.
const ANCHORS = [
  '2025-03-30', '2025-10-26', '2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31', // London DST
  '2025-03-09', '2025-11-02', '2026-03-08', '2026-11-01', '2027-03-14', '2027-11-07', // Chicago DST
  '2025-12-25', '2026-12-25', '2027-12-25', '2025-04-18', '2026-04-03', '2027-03-26', // Christmas, Easter
  '2026-11-26', '2026-07-03', '2027-07-05', '2027-12-31', '2026-08-31', '2025-06-11', // US, bank holiday, partial closure
  '2026-01-01', '2027-01-01', // overnight spill into New Year's Day
].map(utcDay);

const minuteIn = (from: number, to: number) => fc.integer({ min: 0, max: Math.floor((to - from) / MIN) - 1 }).map((k) => from + k * MIN);
const startArb = fc.oneof(
  minuteIn(FROM, TO),
  fc.tuple(fc.constantFrom(...ANCHORS), fc.integer({ min: -4 * 1440, max: 2 * 1440 })).map(([a, k]) => a + k * MIN),
);
/** Any millisecond, not only whole minutes, for the engine-only laws. */
const instantArb = fc.tuple(startArb, fc.integer({ min: 0, max: MIN - 1 })).map(([t, ms]) => t + ms);
const durationArb = fc.integer({ min: 1, max: 100 * HOUR });
const specArb = fc.constantFrom(...NAMES);
const pausesArb = (start: number) =>
  fc.array(
    fc.tuple(fc.integer({ min: -2 * DAY, max: 10 * DAY }), fc.integer({ min: 0, max: 3 * DAY })).map(([o, len]): Interval => ({ from: start + o, to: start + o + len })),
    { maxLength: 4 },
  );
const withPauses = fc.tuple(instantArb, durationArb).chain(([s, d]) => pausesArb(s).map((p) => ({ s, d, p })));

const RUNS = { numRuns: 300 };

describe('laws of addBusinessTime and businessTimeBetween', () => {
  it('add then measure gives back the duration (with and without pauses)', () => {
    fc.assert(
      fc.property(specArb, withPauses, (name, { s, d, p }) => {
        const clock = shared[name];
        assert.equal(businessTimeBetween(clock, s, addBusinessTime(clock, s, d)), d);
        assert.equal(businessTimeBetween(clock, s, addBusinessTime(clock, s, d, p), p), d);
      }),
      RUNS,
    );
  });

  it('the deadline is monotonic in the duration', () => {
    fc.assert(
      fc.property(specArb, instantArb, durationArb, durationArb, (name, s, d1, d2) => {
        const [lo, hi] = d1 <= d2 ? [d1, d2] : [d2, d1];
        assert.ok(addBusinessTime(shared[name], s, lo) <= addBusinessTime(shared[name], s, hi));
      }),
      RUNS,
    );
  });

  it('a deadline is open or a closing: the instant before it is open', () => {
    fc.assert(
      fc.property(specArb, instantArb, durationArb, (name, s, d) => {
        const r = addBusinessTime(shared[name], s, d);
        assert.ok(r > s && isOpen(shared[name], r - 1), show(r, SPECS[name].timeZone));
      }),
      RUNS,
    );
  });

  it('businessTimeBetween is additive over a <= b <= c (with pauses too)', () => {
    const arb = fc.tuple(instantArb, fc.integer({ min: 0, max: 20 * DAY }), fc.integer({ min: 0, max: 20 * DAY })).chain(([a, x, y]) =>
      pausesArb(a).map((p) => ({ a, b: a + x, c: a + x + y, p })),
    );
    fc.assert(
      fc.property(specArb, arb, (name, { a, b, c, p }) => {
        const clock = shared[name];
        assert.equal(businessTimeBetween(clock, a, c), businessTimeBetween(clock, a, b) + businessTimeBetween(clock, b, c));
        assert.equal(businessTimeBetween(clock, a, c, p), businessTimeBetween(clock, a, b, p) + businessTimeBetween(clock, b, c, p));
      }),
      RUNS,
    );
  });

  it('pauses never make a deadline earlier', () => {
    fc.assert(
      fc.property(specArb, withPauses, fc.integer({ min: 1, max: 8 }), (name, { s, d, p }, n) => {
        const clock = shared[name];
        assert.ok(addBusinessTime(clock, s, d, p) >= addBusinessTime(clock, s, d));
        assert.ok(addBusinessDays(clock, s, n, p) >= addBusinessDays(clock, s, n));
      }),
      RUNS,
    );
  });

  it('24x7 counts real time: add is start + duration, between is b - a', () => {
    fc.assert(
      fc.property(instantArb, durationArb, (s, d) => {
        assert.equal(addBusinessTime(CLOCK_24X7, s, d), s + d);
        assert.equal(businessTimeBetween(CLOCK_24X7, s, s + d), d);
        assert.equal(addBusinessTime(CLOCK_24X7, s, d, [{ from: s + d, to: s + d + HOUR }]), s + d);
      }),
      RUNS,
    );
  });
});

describe('laws of addBusinessDays', () => {
  it('is monotonic in the number of days, and lands open or on a closing', () => {
    fc.assert(
      fc.property(specArb, instantArb, fc.integer({ min: 1, max: 10 }), (name, s, n) => {
        const clock = shared[name];
        const a = addBusinessDays(clock, s, n);
        const b = addBusinessDays(clock, s, n + 1);
        assert.ok(a <= b, `${show(a, SPECS[name].timeZone)} > ${show(b, SPECS[name].timeZone)}`);
        assert.ok(a > s && (isOpen(clock, a) || isOpen(clock, a - 1)));
      }),
      RUNS,
    );
  });
});

describe('lazy year compilation', () => {
  // The same calendars with the regional holidays written as explicit dates: compiling a year
  // then costs ~2 ms instead of ~10 ms (date-holidays), so fresh calendars are cheap enough.
  const explicit = (spec: CalendarSpec): CalendarSpec => ({
    ...spec,
    regions: [],
    dates: { ...Object.fromEntries((spec.regions ?? []).flatMap((r) => REGION_DAYS[r]).map((d) => [d, null])), ...spec.dates },
  });
  const SPECS_EXPLICIT: Record<string, CalendarSpec> = Object.fromEntries(NAMES.map((n) => [n, explicit(SPECS[n])]));

  it('a fresh calendar answers like one warmed by earlier and later queries', () => {
    const warmArb = fc.array(fc.integer({ min: -2 * 365, max: 2 * 365 }).map((days) => days * DAY), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(specArb, instantArb, durationArb, fc.integer({ min: 1, max: 6 }), warmArb, (name, s, d, n, warm) => {
        const ask = (clock: BusinessClock) => {
          const r = addBusinessTime(clock, s, d);
          return [isOpen(clock, s), nextOpen(clock, s), r, businessTimeBetween(clock, s - 3 * DAY, r), addBusinessDays(clock, s, n)];
        };
        const fresh = ask(clockOf(SPECS_EXPLICIT[name]));
        const warmed = clockOf(SPECS_EXPLICIT[name]);
        for (const w of warm) isOpen(warmed, s + w); // compiles around s + w: appends later years, rebuilds for earlier ones
        assert.deepEqual(ask(warmed), fresh);
        assert.deepEqual(ask(shared[name]), fresh);
      }),
      { numRuns: 100 },
    );
  });
});

// ---- the brute-force reference ----

type Closure = [number, number][] | null;
type Reference = { timeZone: string; week: [number, number][][]; closed: Map<number, Closure>; offsets: Map<number, number> };

const epochDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const DAY_INDEX: Record<string, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };

function referenceOf(spec: CalendarSpec): Reference {
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
function refOpen(ref: Reference, t: number): boolean {
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

function refAdd(ref: Reference, start: number, duration: number, pauses: Interval[] = []): number {
  let left = duration;
  for (let t = start, i = 0; i < LIMIT; t += MIN, i++) {
    if (refOpen(ref, t) && !paused(pauses, t) && (left -= MIN) <= 0) return t + MIN;
  }
  throw new Error('reference walk too long');
}

function refBetween(ref: Reference, a: number, b: number, pauses: Interval[] = []): number {
  let total = 0;
  for (let t = a; t < b; t += MIN) if (refOpen(ref, t) && !paused(pauses, t)) total += MIN;
  return total;
}

function refAddDays(ref: Reference, start: number, n: number): number {
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

describe('against a brute-force minute-stepping reference', () => {
  const refs: Record<string, Reference> = Object.fromEntries(NAMES.map((n) => [n, referenceOf(SPECS[n])]));
  const minutesArb = fc.integer({ min: 1, max: 60 * 60 }).map((m) => m * MIN);
  /** Whole-minute pauses near the start, possibly overlapping or nested. */
  const minutePausesArb = fc.array(
    fc.tuple(fc.integer({ min: -1440, max: 6 * 1440 }), fc.integer({ min: 0, max: 2 * 1440 })).map(([o, len]) => ({ from: o * MIN, to: (o + len) * MIN })),
    { maxLength: 4 },
  );

  it('isOpen agrees at every sampled minute', () => {
    fc.assert(
      fc.property(specArb, startArb, (name, t) => {
        assert.equal(isOpen(shared[name], t), refOpen(refs[name], t), show(t, SPECS[name].timeZone));
      }),
      { numRuns: 1000 },
    );
  });

  it('addBusinessTime agrees for whole-minute durations up to 60 business hours', () => {
    fc.assert(
      fc.property(specArb, startArb, minutesArb, (name, s, d) => {
        const tz = SPECS[name].timeZone;
        assert.equal(show(addBusinessTime(shared[name], s, d), tz), show(refAdd(refs[name], s, d), tz), `from ${show(s, tz)} + ${d / MIN} min`);
      }),
      { numRuns: 500 },
    );
  });

  it('addBusinessTime agrees with overlapping and nested pauses', () => {
    fc.assert(
      fc.property(specArb, startArb, minutesArb, minutePausesArb, (name, s, d, rel) => {
        const tz = SPECS[name].timeZone;
        const pauses = rel.map((p) => ({ from: s + p.from, to: s + p.to }));
        assert.equal(show(addBusinessTime(shared[name], s, d, pauses), tz), show(refAdd(refs[name], s, d, pauses), tz), `from ${show(s, tz)} + ${d / MIN} min`);
      }),
      { numRuns: 200 },
    );
  });

  it('businessTimeBetween agrees over spans up to 10 days, with pauses', () => {
    fc.assert(
      fc.property(specArb, startArb, fc.integer({ min: 0, max: 10 * 1440 }), minutePausesArb, (name, a, len, rel) => {
        const b = a + len * MIN;
        const pauses = rel.map((p) => ({ from: a + p.from, to: a + p.to }));
        const tz = SPECS[name].timeZone;
        assert.equal(businessTimeBetween(shared[name], a, b), refBetween(refs[name], a, b), `${show(a, tz)} to ${show(b, tz)}`);
        assert.equal(businessTimeBetween(shared[name], a, b, pauses), refBetween(refs[name], a, b, pauses), `${show(a, tz)} to ${show(b, tz)} paused`);
      }),
      { numRuns: 300 },
    );
  });

  it('addBusinessDays agrees for 1 to 6 days', () => {
    fc.assert(
      fc.property(specArb, startArb, fc.integer({ min: 1, max: 6 }), (name, s, n) => {
        const tz = SPECS[name].timeZone;
        assert.equal(show(addBusinessDays(shared[name], s, n), tz), show(refAddDays(refs[name], s, n), tz), `from ${show(s, tz)} + ${n} days`);
      }),
      { numRuns: 300 },
    );
  });
});
