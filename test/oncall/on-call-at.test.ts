// Table tests for the pure on-call arithmetic. Every expected instant is worked out by hand
// in the comment beside it: New York is UTC-5 (EST) until 2026-03-08 02:00 and UTC-4 (EDT)
// until 2026-11-01 02:00; London is UTC+0 until 2026-03-29 01:00 and UTC+1 until 2026-10-25 02:00.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { onCallAt, rotationShiftAt, rotationStart, shiftsFrom, type OverrideSpan, type RotationPlan } from '../../src/oncall/index.ts';

const I = (text: string) => Temporal.Instant.from(text);

/** A shift as text, to compare whole rows at once. */
function show(shift: ReturnType<typeof onCallAt>): string | null {
  return shift && `${shift.agentId} ${shift.startsAt} ${shift.endsAt}${shift.overrideId ? ` (${shift.overrideId})` : ''}`;
}

const nyDaily: RotationPlan = {
  timeZone: 'America/New_York',
  handoverTime: '09:00',
  cadence: 'daily',
  handoverWeekday: null,
  startDate: '2026-03-06',
  members: ['ada', 'bo', 'cy'],
};

describe('onCallAt: a daily rotation across DST in New York', () => {
  const rows: Array<[string, string | null]> = [
    // Before the first shift (2026-03-06 09:00 EST = 14:00Z) nobody is on call.
    ['2026-03-06T13:59:59Z', null],
    ['2026-03-06T14:00:00Z', 'ada 2026-03-06T14:00:00Z 2026-03-07T14:00:00Z'],
    // The shift over the spring-forward night runs 09:00 EST to 09:00 EDT: 23 hours.
    ['2026-03-07T14:00:00Z', 'bo 2026-03-07T14:00:00Z 2026-03-08T13:00:00Z'],
    ['2026-03-08T12:59:59Z', 'bo 2026-03-07T14:00:00Z 2026-03-08T13:00:00Z'],
    ['2026-03-08T13:00:00Z', 'cy 2026-03-08T13:00:00Z 2026-03-09T13:00:00Z'],
    // Fourth shift: back to the first member.
    ['2026-03-09T20:00:00Z', 'ada 2026-03-09T13:00:00Z 2026-03-10T13:00:00Z'],
    // 2026-10-31 is 239 days after 2026-03-06; 239 % 3 = 2: cy. Over the fall-back night the shift
    // runs 09:00 EDT (13:00Z) to 09:00 EST (14:00Z): 25 hours.
    ['2026-11-01T13:30:00Z', 'cy 2026-10-31T13:00:00Z 2026-11-01T14:00:00Z'],
    ['2026-11-01T14:00:00Z', 'ada 2026-11-01T14:00:00Z 2026-11-02T14:00:00Z'],
  ];
  for (const [at, expected] of rows) {
    it(`at ${at}: ${expected ?? 'nobody'}`, () => assert.equal(show(onCallAt(nyDaily, [], I(at))), expected));
  }

  it('keeps a hand-over at a skipped local time on the next real time (02:30 on 2026-03-08 is 03:30 EDT)', () => {
    const night = { ...nyDaily, handoverTime: '02:30', startDate: '2026-03-07' };
    // 2026-03-07 02:30 EST = 07:30Z; 2026-03-08 "02:30" does not exist: 03:30 EDT = 07:30Z (24 h later);
    // 2026-03-09 02:30 EDT = 06:30Z (23 h later).
    assert.equal(show(onCallAt(night, [], I('2026-03-07T12:00:00Z'))), 'ada 2026-03-07T07:30:00Z 2026-03-08T07:30:00Z');
    assert.equal(show(onCallAt(night, [], I('2026-03-08T07:30:00Z'))), 'bo 2026-03-08T07:30:00Z 2026-03-09T06:30:00Z');
  });

  it('takes the first of a repeated local time (01:30 on 2026-11-01 is 01:30 EDT)', () => {
    const night = { ...nyDaily, handoverTime: '01:30', startDate: '2026-10-31' };
    // 2026-10-31 01:30 EDT = 05:30Z; 2026-11-01 01:30 EDT (the first) = 05:30Z; 2026-11-02 01:30 EST = 06:30Z.
    assert.equal(show(onCallAt(night, [], I('2026-11-01T06:00:00Z'))), 'bo 2026-11-01T05:30:00Z 2026-11-02T06:30:00Z');
    assert.equal(show(onCallAt(night, [], I('2026-11-01T05:29:59Z'))), 'ada 2026-10-31T05:30:00Z 2026-11-01T05:30:00Z');
  });

  it('starts where it says', () => {
    assert.equal(rotationStart(nyDaily).toString(), '2026-03-06T14:00:00Z');
  });
});

const londonWeekly: RotationPlan = {
  timeZone: 'Europe/London',
  handoverTime: '09:00',
  cadence: 'weekly',
  handoverWeekday: 'mon',
  startDate: '2026-03-16',
  members: ['ada', 'bo'],
};

describe('onCallAt: a weekly rotation across DST in London, and week boundaries', () => {
  const rows: Array<[string, string | null]> = [
    ['2026-03-16T08:59:59Z', null],
    ['2026-03-16T09:00:00Z', 'ada 2026-03-16T09:00:00Z 2026-03-23T09:00:00Z'],
    // The week over the spring-forward night: Monday 09:00 GMT to Monday 09:00 BST (08:00Z), 167 hours.
    ['2026-03-29T00:30:00Z', 'bo 2026-03-23T09:00:00Z 2026-03-30T08:00:00Z'],
    ['2026-03-30T07:59:59Z', 'bo 2026-03-23T09:00:00Z 2026-03-30T08:00:00Z'],
    ['2026-03-30T08:00:00Z', 'ada 2026-03-30T08:00:00Z 2026-04-06T08:00:00Z'],
    // 2026-10-19 is 31 weeks after 2026-03-16: bo. Over the fall-back night: 09:00 BST (08:00Z)
    // to 09:00 GMT (09:00Z), 169 hours.
    ['2026-10-25T01:30:00Z', 'bo 2026-10-19T08:00:00Z 2026-10-26T09:00:00Z'],
    ['2026-10-26T09:00:00Z', 'ada 2026-10-26T09:00:00Z 2026-11-02T09:00:00Z'],
    // Sunday night is still the Monday-to-Monday week.
    ['2026-11-01T23:59:59Z', 'ada 2026-10-26T09:00:00Z 2026-11-02T09:00:00Z'],
  ];
  for (const [at, expected] of rows) {
    it(`at ${at}: ${expected ?? 'nobody'}`, () => assert.equal(show(onCallAt(londonWeekly, [], I(at))), expected));
  }

  it('runs a short first week when the start date is not the hand-over weekday', () => {
    // Start Wednesday 2026-03-04 09:00 EST (14:00Z); the first Monday hand-over after it is
    // 2026-03-09 09:00 EDT (13:00Z); then Monday to Monday.
    const midweek: RotationPlan = { ...londonWeekly, timeZone: 'America/New_York', startDate: '2026-03-04' };
    assert.equal(show(onCallAt(midweek, [], I('2026-03-08T12:00:00Z'))), 'ada 2026-03-04T14:00:00Z 2026-03-09T13:00:00Z');
    assert.equal(show(onCallAt(midweek, [], I('2026-03-09T13:00:00Z'))), 'bo 2026-03-09T13:00:00Z 2026-03-16T13:00:00Z');
    assert.equal(show(onCallAt(midweek, [], I('2026-03-16T13:00:00Z'))), 'ada 2026-03-16T13:00:00Z 2026-03-23T13:00:00Z');
  });

  it('runs whole weeks from a start date on the hand-over weekday', () => {
    const sunday: RotationPlan = { ...londonWeekly, handoverWeekday: 'sun', startDate: '2026-03-22' };
    // Sunday 2026-03-22 09:00 GMT to Sunday 2026-03-29 09:00 BST (08:00Z).
    assert.equal(show(onCallAt(sunday, [], I('2026-03-25T00:00:00Z'))), 'ada 2026-03-22T09:00:00Z 2026-03-29T08:00:00Z');
  });

  it('keeps 09:00 at a fixed offset all year', () => {
    const fixed: RotationPlan = { ...nyDaily, timeZone: '-06:00' };
    // 09:00 at UTC-6 is 15:00Z before and after the US change.
    assert.equal(show(onCallAt(fixed, [], I('2026-03-08T16:00:00Z'))), 'cy 2026-03-08T15:00:00Z 2026-03-09T15:00:00Z');
  });
});

describe('onCallAt: overrides', () => {
  // Around bo's shift 2026-03-07T14:00Z to 2026-03-08T13:00Z (23 hours, see above).
  const zed: OverrideSpan = { id: 'swap', agentId: 'zed', startsAt: I('2026-03-07T20:00:00Z'), endsAt: I('2026-03-08T18:00:00Z') };
  const wu: OverrideSpan = { id: 'sick', agentId: 'wu', startsAt: I('2026-03-08T01:00:00Z'), endsAt: I('2026-03-08T03:00:00Z') };

  const rows: Array<[string, OverrideSpan[], string | null]> = [
    // The rotation's shift is cut where the override begins.
    ['2026-03-07T15:00:00Z', [zed], 'bo 2026-03-07T14:00:00Z 2026-03-07T20:00:00Z'],
    // An override across a hand-over is one shift: no hand-over at 13:00Z.
    ['2026-03-08T12:00:00Z', [zed], 'zed 2026-03-07T20:00:00Z 2026-03-08T18:00:00Z (swap)'],
    ['2026-03-08T13:00:00Z', [zed], 'zed 2026-03-07T20:00:00Z 2026-03-08T18:00:00Z (swap)'],
    // The rotation takes over again where it ends, in cy's shift (13:00Z to next 13:00Z).
    ['2026-03-08T18:00:00Z', [zed], 'cy 2026-03-08T18:00:00Z 2026-03-09T13:00:00Z'],
    // A newer override inside an older one wins for its own time and splits the older one.
    ['2026-03-08T00:00:00Z', [zed, wu], 'zed 2026-03-07T20:00:00Z 2026-03-08T01:00:00Z (swap)'],
    ['2026-03-08T02:00:00Z', [zed, wu], 'wu 2026-03-08T01:00:00Z 2026-03-08T03:00:00Z (sick)'],
    ['2026-03-08T05:00:00Z', [zed, wu], 'zed 2026-03-08T03:00:00Z 2026-03-08T18:00:00Z (swap)'],
    // An older override under a newer one is hidden by it.
    ['2026-03-08T02:00:00Z', [wu, zed], 'zed 2026-03-07T20:00:00Z 2026-03-08T18:00:00Z (swap)'],
    // An override matching a shift exactly replaces it.
    [
      '2026-03-07T14:00:00Z',
      [{ id: 'exact', agentId: 'zed', startsAt: I('2026-03-07T14:00:00Z'), endsAt: I('2026-03-08T13:00:00Z') }],
      'zed 2026-03-07T14:00:00Z 2026-03-08T13:00:00Z (exact)',
    ],
    // Before the rotation starts, an override still puts someone on call; outside it nobody.
    ['2026-03-05T01:00:00Z', [{ id: 'early', agentId: 'zed', startsAt: I('2026-03-05T00:00:00Z'), endsAt: I('2026-03-05T06:00:00Z') }], 'zed 2026-03-05T00:00:00Z 2026-03-05T06:00:00Z (early)'],
    ['2026-03-05T07:00:00Z', [{ id: 'early', agentId: 'zed', startsAt: I('2026-03-05T00:00:00Z'), endsAt: I('2026-03-05T06:00:00Z') }], null],
  ];
  for (const [at, overrides, expected] of rows) {
    it(`at ${at} with ${overrides.map((o) => o.id).join(', ')}: ${expected ?? 'nobody'}`, () =>
      assert.equal(show(onCallAt(nyDaily, overrides, I(at))), expected));
  }

  it('lists the next shifts, overrides applied, skipping the time before the rotation starts', () => {
    const early: OverrideSpan = { id: 'early', agentId: 'zed', startsAt: I('2026-03-05T00:00:00Z'), endsAt: I('2026-03-05T06:00:00Z') };
    assert.deepEqual(shiftsFrom(nyDaily, [early, zed, wu], I('2026-03-05T01:00:00Z'), 7).map(show), [
      'zed 2026-03-05T00:00:00Z 2026-03-05T06:00:00Z (early)',
      'ada 2026-03-06T14:00:00Z 2026-03-07T14:00:00Z',
      'bo 2026-03-07T14:00:00Z 2026-03-07T20:00:00Z',
      'zed 2026-03-07T20:00:00Z 2026-03-08T01:00:00Z (swap)',
      'wu 2026-03-08T01:00:00Z 2026-03-08T03:00:00Z (sick)',
      'zed 2026-03-08T03:00:00Z 2026-03-08T18:00:00Z (swap)',
      'cy 2026-03-08T18:00:00Z 2026-03-09T13:00:00Z',
    ]);
  });

  it('ignores the rotation under an override: rotationShiftAt still answers for the rotation alone', () => {
    assert.equal(rotationShiftAt(nyDaily, I('2026-03-08T12:00:00Z'))?.agentId, 'bo');
  });
});
