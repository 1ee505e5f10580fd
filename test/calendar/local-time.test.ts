// The calendar's local-time conversions (compile.ts: localDay, localMsOfDay, localToEpoch) reuse
// a zone's offset between two of its transitions instead of asking Temporal each time. Checked
// here against Temporal itself, asked directly (the independent reference), at generated instants
// and wall times, and at hand-picked ones on the edges: DST changes in both directions, a
// half-hour DST (Lord Howe), a skipped day (Apia, 30 Dec 2011), a zone without transitions.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileCalendar, localDay, localMsOfDay, localToEpoch, localYear, type CompiledCalendar } from '../../src/calendar/compile.ts';

const DAY = 86_400_000;
const ZONES = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Apia', 'America/St_Johns', 'Asia/Kathmandu', 'Africa/Casablanca', 'Antarctica/Troll', 'UTC', '-06:00'];

const calendar = (timeZone: string): CompiledCalendar => compileCalendar({ id: 'c', name: 'c', timeZone, week: [[], [], [], [], [], [], []], holidays: { regions: [], except: [], dates: [], yearly: [] } });

// The reference: Temporal, asked every time.
const refLocal = (ms: number, tz: string) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(tz);
const refDay = (ms: number, tz: string) => {
  const z = refLocal(ms, tz);
  return Math.round(Temporal.PlainDate.from({ year: z.year, month: z.month, day: z.day }).since('1970-01-01').total('days'));
};
const refMsOfDay = (ms: number, tz: string) => {
  const z = refLocal(ms, tz);
  return ((z.hour * 60 + z.minute) * 60 + z.second) * 1000 + z.millisecond;
};
const refEpoch = (day: number, msOfDay: number, tz: string) =>
  Temporal.PlainDate.from('1970-01-01').add({ days: day }).toPlainDateTime().add({ milliseconds: msOfDay })
    .toZonedDateTime(tz, { disambiguation: 'compatible' }).epochMilliseconds;

describe('local time in a calendar zone', () => {
  it('agrees with Temporal at generated instants and wall times, 1900 to 2100, in ten zones', () => {
    const from = Date.UTC(1900, 0, 1);
    const to = Date.UTC(2100, 0, 1);
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: from, max: to }), fc.integer({ min: 0, max: DAY - 1 }), (tz, ms, wall) => {
        const cal = calendar(tz);
        assert.equal(localDay(cal, ms), refDay(ms, tz));
        assert.equal(localMsOfDay(cal, ms), refMsOfDay(ms, tz));
        assert.equal(localYear(cal, ms), refLocal(ms, tz).year);
        const day = refDay(ms, tz);
        assert.equal(localToEpoch(cal, day, wall), refEpoch(day, wall, tz), `${tz} day ${day} wall ${wall}`);
      }),
      { seed: 20261203, numRuns: 4000 },
    );
  });

  it('agrees with Temporal minute by minute across transitions, in both directions, and after a skipped day', () => {
    const cases: [string, string][] = [
      ['Europe/London', '2026-03-29T01:00:00Z'], // 01:00 GMT -> 02:00 BST: 01:00-02:00 local does not exist
      ['Europe/London', '2026-10-25T01:00:00Z'], // 02:00 BST -> 01:00 GMT: 01:00-02:00 local happens twice
      ['America/New_York', '2026-03-08T07:00:00Z'],
      ['America/New_York', '2026-11-01T06:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'], // a half-hour change
      ['Pacific/Apia', '2011-12-30T10:00:00Z'], // Friday 30 December 2011 did not happen in Samoa
    ];
    for (const [tz, change] of cases) {
      const cal = calendar(tz);
      const t0 = Temporal.Instant.from(change).epochMilliseconds;
      // Fresh state per direction: spans learnt walking forward, then backward.
      for (const step of [60_000, -60_000]) {
        for (let ms = t0 - step * 60 * 30; Math.abs(ms - t0) <= 60_000 * 60 * 30; ms += step) {
          assert.equal(localDay(cal, ms), refDay(ms, tz), `${tz} ${ms}`);
          assert.equal(localMsOfDay(cal, ms), refMsOfDay(ms, tz), `${tz} ${ms}`);
        }
      }
      // To the millisecond on each side of the change.
      for (const ms of [t0 - 1, t0, t0 + 1, t0 - 1]) {
        assert.equal(localDay(cal, ms), refDay(ms, tz), `${tz} ${ms}`);
        assert.equal(localMsOfDay(cal, ms), refMsOfDay(ms, tz), `${tz} ${ms}`);
      }
      const day = refDay(t0, tz);
      for (let d = day - 2; d <= day + 2; d++) {
        for (let wall = 0; wall < DAY; wall += 15 * 60_000) {
          assert.equal(localToEpoch(cal, d, wall), refEpoch(d, wall, tz), `${tz} day ${d} wall ${wall}`);
        }
      }
    }
  });

  it('resolves a wall time in a gap forward and one in a fold to the earlier instant, as worked out by hand', () => {
    const london = calendar('Europe/London');
    const day = (iso: string) => Math.round(Temporal.PlainDate.from(iso).since('1970-01-01').total('days'));
    // 29 Mar 2026 01:30 does not exist in London (clocks go 01:00 GMT -> 02:00 BST): 'compatible'
    // moves it on by the gap, to 02:30 BST = 01:30Z.
    assert.equal(localToEpoch(london, day('2026-03-29'), 90 * 60_000), Date.UTC(2026, 2, 29, 1, 30));
    // 25 Oct 2026 01:30 happens twice (BST, then GMT): the earlier, 01:30 BST = 00:30Z.
    assert.equal(localToEpoch(london, day('2026-10-25'), 90 * 60_000), Date.UTC(2026, 9, 25, 0, 30));
    // A summer Wednesday 09:00 BST = 08:00Z; a winter one 09:00 GMT = 09:00Z.
    assert.equal(localToEpoch(london, day('2026-07-15'), 9 * 3_600_000), Date.UTC(2026, 6, 15, 8));
    assert.equal(localToEpoch(london, day('2026-12-02'), 9 * 3_600_000), Date.UTC(2026, 11, 2, 9));
    // Samoa skipped Friday 30 Dec 2011: Thursday 29th 23:59 -10:00 was followed by Saturday 31st 00:00 +14:00.
    const apia = calendar('Pacific/Apia');
    assert.equal(localDay(apia, Date.UTC(2011, 11, 30, 9, 59)), day('2011-12-29'));
    assert.equal(localDay(apia, Date.UTC(2011, 11, 30, 10, 0)), day('2011-12-31'));
  });
});
