// Property tests (fast-check) for the business-time engine: algebraic laws on every clock,
// lazy year compilation (a fresh calendar answers like a warmed one), and agreement with a
// brute-force reference that walks minute by minute over the weekly hours and a hand-written
// holiday list (minute-reference.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CLOCK_24X7, addBusinessDays, addBusinessTime, businessTimeBetween, isOpen, nextOpen } from '../../src/calendar/index.ts';
import type { BusinessClock, Interval } from '../../src/calendar/index.ts';
import { HOUR, MIN, clockOf, show } from './helpers.ts';
import type { CalendarSpec } from './helpers.ts';
import { REGION_DAYS, referenceOf, refAdd, refAddDays, refBetween, refOpen, type Reference } from './minute-reference.ts';

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
