// OpenMethods (seed 002) deadlines worked out by hand from the seed's words alone, for the cases
// test/policy/seed-tables.test.ts does not cover: the edges of the remediation hours, weekends,
// holidays (the seed names none), the two US Eastern DST changes of 2026 and the start of DST in 2027.
// The seed: "Response time: 30 minutes / Remediation work: 24/7 until resolved / Communication
// cadence: status update once every 60 minutes" (System Outage); "Response time: 2 hours" /
// "6 hours" / "24 hours", each with "Remediation work: 6am-4pm U.S. Eastern Standard Time".
// Readings (examples/policies/openmethods.yaml): Severities 2-4 count their response time in
// those remediation hours, Monday to Friday, US Eastern civil time (EST = UTC-5, EDT = UTC-4).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifySeverity } from '../../src/policy/index.ts';
import { dues, examplePolicy, simulate } from '../helpers/policies.ts';

// Each case: [what, plan, severity, opened, the due times worked by hand]; the working in the comment above it.
const CASES: Array<[string, string, number, string, Record<string, [string, null]>]> = [
  // 01:45 EST = 06:45Z. 24/7: +30 min = 07:15Z, which is 03:15 EDT (02:00-03:00 does not exist).
  // The status update: 60 minutes from the opening = 07:45Z (03:45 EDT).
  ['System Outage at 01:45 EST on the night clocks go forward (8 Mar 2026): 30 minutes of real time, 03:15 EDT', 'standard', 1, '2026-03-08T06:45:00Z', { first_response: ['2026-03-08T07:15:00Z', null], update: ['2026-03-08T07:45:00Z', null] }],
  // 23:50 EST = 04:50Z on the 26th; +30 min = 05:20Z; update +60 min = 05:50Z.
  ['System Outage at 23:50 on Christmas Day (Friday): remediation is 24/7, no holiday stops it', 'premium', 1, '2026-12-26T04:50:00Z', { first_response: ['2026-12-26T05:20:00Z', null], update: ['2026-12-26T05:50:00Z', null] }],
  // Wed 9 Dec 2026 15:59 EST (20:59Z): 1 min to 16:00, then Thu 06:00 + 119 min = 07:59 EST = 12:59Z.
  ['Major Impairment one minute before the 4pm close: 1 minute that day, 119 the next morning', 'standard', 2, '2026-12-09T20:59:00Z', { first_response: ['2026-12-10T12:59:00Z', null] }],
  // Tue 8 Dec 2026 05:59 EST (10:59Z): the clock starts 06:00; +2 h = 08:00 EST = 13:00Z.
  ['Major Impairment at 05:59 EST, a minute before the 6am start: counted from 06:00', 'premium', 2, '2026-12-08T10:59:00Z', { first_response: ['2026-12-08T13:00:00Z', null] }],
  // 09:00 EST (14:00Z) + 2 h = 11:00 EST = 16:00Z, the same day.
  ['Major Impairment on Thanksgiving (Thu 26 Nov 2026): the seed names no holiday, so it is a working day', 'standard', 2, '2026-11-26T14:00:00Z', { first_response: ['2026-11-26T16:00:00Z', null] }],
  // Fri 30 Oct 14:00 EDT (18:00Z): 14:00-16:00 is 2 h; the weekend is outside the hours;
  // Mon 2 Nov 06:00 EST + 4 h = 10:00 EST = 15:00Z.
  ['Minor Loss of Service across the end of DST (Sunday 1 Nov 2026): 2 h on Friday in EDT, 4 h on Monday in EST', 'standard', 3, '2026-10-30T18:00:00Z', { first_response: ['2026-11-02T15:00:00Z', null] }],
  // Fri 6 Mar 13:00 EST (18:00Z): 13:00-16:00 is 3 h; Mon 9 Mar 06:00 EDT + 3 h = 09:00 EDT = 13:00Z.
  ['Minor Loss of Service across the start of DST (Sunday 8 Mar 2026): 3 h on Friday in EST, 3 h on Monday in EDT', 'premium', 3, '2026-03-06T18:00:00Z', { first_response: ['2026-03-09T13:00:00Z', null] }],
  // Sat 5 Dec 2026 10:00 EST: nothing counts until Mon 7 Dec 06:00. 10 h Monday, 10 h Tuesday,
  // 4 h Wednesday: Wed 9 Dec 10:00 EST = 15:00Z.
  ['No Loss of Service sent on a Saturday: 24 hours of remediation time from Monday 06:00', 'standard', 4, '2026-12-05T15:00:00Z', { first_response: ['2026-12-09T15:00:00Z', null] }],
  // Fri 11 Dec 2026 12:00 EST (17:00Z): 4 h Friday, 10 h Monday 14th, 10 h Tuesday 15th = 24 h,
  // reached at Tue 16:00 EST = 21:00Z.
  ['No Loss of Service ending exactly at the 4pm close: due at 16:00, not carried to the next morning', 'premium', 4, '2026-12-11T17:00:00Z', { first_response: ['2026-12-15T21:00:00Z', null] }],
  // 2027, clocks forward on Sunday 14 March. Sun 14 Mar 01:30 EST = 06:30Z; 24/7: +30 min = 07:00Z
  // (03:00 EDT); the status update, 60 minutes from the opening, 07:30Z.
  ['System Outage at 01:30 EST on the night clocks go forward (14 Mar 2027): 03:00 EDT', 'premium', 1, '2027-03-14T06:30:00Z', { first_response: ['2027-03-14T07:00:00Z', null], update: ['2027-03-14T07:30:00Z', null] }],
  // Fri 12 Mar 2027 13:00 EST (18:00Z): 3 h to 16:00; Mon 15 Mar 06:00 EDT + 3 h = 09:00 EDT = 13:00Z.
  ['Minor Loss of Service across the start of DST (Sunday 14 Mar 2027): 3 h on Friday in EST, 3 h on Monday in EDT', 'standard', 3, '2027-03-12T18:00:00Z', { first_response: ['2027-03-15T13:00:00Z', null] }],
  // Fri 12 Mar 2027 20:00 EST (Sat 01:00Z): nothing until Mon 15 Mar 06:00 EDT; 10 h Monday, 10 h
  // Tuesday, 4 h Wednesday: Wed 17 Mar 10:00 EDT = 14:00Z.
  ['No Loss of Service sent on a Friday evening before the start of DST 2027: due Wednesday 10:00 EDT', 'premium', 4, '2027-03-13T01:00:00Z', { first_response: ['2027-03-17T14:00:00Z', null] }],
  // Fri 1 Jan 2027 (New Year's Day, not a holiday here) 15:00 EST (20:00Z): 1 h Friday; Mon 4 Jan
  // 06:00 EST + 1 h = 07:00 EST = 12:00Z.
  ['Major Impairment on New Year\'s Day 2027 (a Friday): a working day, the rest on Monday morning', 'standard', 2, '2027-01-01T20:00:00Z', { first_response: ['2027-01-04T12:00:00Z', null] }],
  // Fri 24 Dec 2027 15:59:59 EST (20:59:59Z): 1 s Friday; Mon 27 and Tue 28 Dec, 10 h each; the
  // 3 h 59 min 59 s left from Wed 29 Dec 06:00 EST: 09:59:59 EST = 14:59:59Z. Christmas falls on the weekend.
  ['No Loss of Service one second before the close on Christmas Eve 2027: counted to the second', 'premium', 4, '2027-12-24T20:59:59Z', { first_response: ['2027-12-29T14:59:59Z', null] }],
];

describe('OpenMethods, worked by hand from the seed', () => {
  for (const [what, plan, severity, opened, expected] of CASES) {
    it(what, () => assert.deepEqual(dues(simulate('openmethods', plan, severity, opened)), expected));
  }
});

describe('OpenMethods severities, worked by hand from the seed\'s 30% rules', () => {
  const severity = (answers: Record<string, unknown>) => classifySeverity(examplePolicy('openmethods'), answers).severity;

  it('"30% or more of interaction flows or screen pops are not executing": exactly 30% is a System Outage', () => {
    assert.equal(severity({ failing_flows_percent: 30 }), 1);
    assert.equal(severity({ failing_flows_percent: 29 }), 2);
  });

  it('"< 30% of chats are not routing": 29.9% is a Major Impairment, 0% is no signal at all (the default, Severity 3)', () => {
    assert.equal(severity({ misrouted_chats_percent: 29.9 }), 2);
    assert.equal(severity({ misrouted_chats_percent: 0 }), 3);
  });

  it('2 agents of 3 cannot log in (67%, "30% or more of agents"): a System Outage; 1 agent of 2 is "one agent": Minor', () => {
    assert.equal(severity({ affected_agents: 2, total_agents: 3 }), 1);
    assert.equal(severity({ affected_agents: 1, total_agents: 2 }), 3);
  });

  it('the gravest level any answer reaches wins: one agent, but 40% of emails not routing, is a System Outage', () => {
    assert.equal(severity({ affected_agents: 1, misrouted_emails_percent: 40 }), 1);
  });

  it('"a request for information or documentation" is No Loss of Service', () => {
    assert.equal(severity({ request_kind: 'information' }), 4);
    assert.equal(severity({ request_kind: 'documentation' }), 4);
  });
});
