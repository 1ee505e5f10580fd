// Properties of the on-call arithmetic (fast-check, fixed printed seed; FUZZ_SEED replays
// another): from a rotation's start every instant has exactly one agent on call, the one a
// brute-force walk over the hand-overs finds (or the last override covering it); the shift
// holding an instant contains it; and shifts tile time, each starting where the last ended.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { onCallAt, rotationStart, shiftsFrom, WEEKDAYS, type OverrideSpan, type RotationPlan } from '../../src/oncall/index.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_308);
console.log(`# on-call property seed ${SEED} (replay with FUZZ_SEED=${SEED})`);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// DST both ways, a half-hour DST (Lord Howe), a southern-hemisphere change, no DST, a fixed offset.
const ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata', '-06:00'];
const pad = (n: number) => String(n).padStart(2, '0');

const rotationArb: fc.Arbitrary<RotationPlan> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    hour: fc.integer({ min: 0, max: 23 }),
    // Quarter hours, so hand-overs land in skipped and repeated half hours too.
    minute: fc.constantFrom(0, 15, 30, 45),
    weekly: fc.boolean(),
    weekday: fc.constantFrom(...WEEKDAYS),
    // 2025-01-01 plus up to three years, so every zone's DST changes are crossed.
    startDay: fc.integer({ min: 0, max: 3 * 365 }),
    members: fc.integer({ min: 1, max: 4 }),
  })
  .map((r) => ({
    timeZone: r.timeZone,
    handoverTime: `${pad(r.hour)}:${pad(r.minute)}`,
    cadence: r.weekly ? 'weekly' : 'daily',
    handoverWeekday: r.weekly ? r.weekday : null,
    startDate: Temporal.PlainDate.from('2025-01-01').add({ days: r.startDay }).toString(),
    members: Array.from({ length: r.members }, (_, i) => `m${i}`),
  }));

/** Overrides within the first 400 days, in the order they win (last wins). */
function overridesArb(start: number): fc.Arbitrary<OverrideSpan[]> {
  return fc.array(
    fc.record({ from: fc.integer({ min: -2 * DAY, max: 400 * DAY }), hours: fc.integer({ min: 1, max: 24 * 9 }), agent: fc.constantFrom('x', 'y', 'm0') }),
    { maxLength: 6 },
  ).map((list) =>
    list.map((o, i) => ({
      id: `o${i}`,
      agentId: o.agent,
      startsAt: Temporal.Instant.fromEpochMilliseconds(start + o.from),
      endsAt: Temporal.Instant.fromEpochMilliseconds(start + o.from + o.hours * HOUR),
    })),
  );
}

/** The member on call by walking hand-over by hand-over from the start date (no index arithmetic). */
function bruteForceMember(plan: RotationPlan, at: Temporal.Instant): string {
  const time = Temporal.PlainTime.from(plan.handoverTime);
  const handover = (d: Temporal.PlainDate) => d.toZonedDateTime({ timeZone: plan.timeZone, plainTime: time }).toInstant();
  const isBoundary = (d: Temporal.PlainDate) => plan.cadence === 'daily' || d.dayOfWeek === WEEKDAYS.indexOf(plan.handoverWeekday!) + 1;
  let turn = 0;
  let day = Temporal.PlainDate.from(plan.startDate).add({ days: 1 });
  for (;;) {
    if (isBoundary(day)) {
      if (Temporal.Instant.compare(handover(day), at) > 0) return plan.members[turn % plan.members.length];
      turn++;
    }
    day = day.add({ days: 1 });
  }
}

const lastCovering = (overrides: OverrideSpan[], at: Temporal.Instant) =>
  overrides.findLast((o) => Temporal.Instant.compare(o.startsAt, at) <= 0 && Temporal.Instant.compare(at, o.endsAt) < 0);

describe('onCallAt: properties', () => {
  it('every instant from the start has exactly one agent on call, the one the brute-force walk finds, in a shift holding it', () => {
    fc.assert(
      fc.property(
        rotationArb.chain((plan) => {
          const start = rotationStart(plan).epochMilliseconds;
          return fc.tuple(fc.constant(plan), overridesArb(start), fc.integer({ min: 0, max: 400 * DAY }).map((ms) => Temporal.Instant.fromEpochMilliseconds(start + ms)));
        }),
        ([plan, overrides, at]) => {
          const shift = onCallAt(plan, overrides, at);
          assert.ok(shift, 'somebody is on call');
          const covering = lastCovering(overrides, at);
          assert.equal(shift.agentId, covering ? covering.agentId : bruteForceMember(plan, at));
          assert.equal(shift.overrideId, covering?.id ?? null);
          assert.ok(Temporal.Instant.compare(shift.startsAt, at) <= 0 && Temporal.Instant.compare(at, shift.endsAt) < 0, 'the shift holds the instant');
          // The shift is the same seen from its first instant and from its last millisecond.
          const first = onCallAt(plan, overrides, shift.startsAt)!;
          const last = onCallAt(plan, overrides, shift.endsAt.subtract({ milliseconds: 1 }))!;
          for (const seen of [first, last]) {
            assert.equal(seen.agentId, shift.agentId);
            assert.equal(seen.startsAt.toString(), shift.startsAt.toString());
            assert.equal(seen.endsAt.toString(), shift.endsAt.toString());
          }
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300), seed: SEED, endOnFailure: true },
    );
  });

  it('shifts tile time without gaps or overlaps from the start, each one long', () => {
    fc.assert(
      fc.property(
        rotationArb.chain((plan) => fc.tuple(fc.constant(plan), overridesArb(rotationStart(plan).epochMilliseconds))),
        ([plan, overrides]) => {
          const start = rotationStart(plan);
          const shifts = shiftsFrom(plan, overrides, start, 60);
          assert.equal(shifts.length, 60);
          const covering = lastCovering(overrides, start);
          assert.equal(shifts[0].startsAt.toString(), (covering && Temporal.Instant.compare(covering.startsAt, start) < 0 ? shifts[0].startsAt : start).toString());
          for (let i = 1; i < shifts.length; i++) {
            assert.equal(shifts[i].startsAt.toString(), shifts[i - 1].endsAt.toString(), `shift ${i} starts where shift ${i - 1} ended`);
          }
          for (const s of shifts) {
            assert.ok(Temporal.Instant.compare(s.startsAt, s.endsAt) < 0, 'every shift lasts');
            // A rotation's own shift is at most a week and a DST hour long.
            if (!s.overrideId) assert.ok(s.endsAt.epochMilliseconds - s.startsAt.epochMilliseconds <= 7 * DAY + HOUR);
          }
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200), seed: SEED, endOnFailure: true },
    );
  });
});
