// OpenKey (seed 000): deadlines worked out by hand from the seed's words alone, for the cases
// test/policy/seed-tables.test.ts does not already hold (Wednesday 10:00, Friday 16:50 CST).
//   "Regular Business Hours 9 am - 5 pm CST M-F"
//   "Tier 2 Support issues will have a response time of approximately 30 minutes during our
//    regular business hours."
//   "Emergency Tier 2 issues outside of business hours can be addressed by calling 877-800-2008 ...
//    Off hours emergency issues resolution times will vary depending on the nature of the issue."
//   "The resolution time of Tier 2 issues may differ based on the type of issue"
// Readings (examples/policies/openkey.yaml): "CST" is Central civil time, UTC-6 in winter and
// UTC-5 (CDT) from the second Sunday of March to the first Sunday of November; the seed names no
// holidays, so none is taken off; an Emergency Tier 2 issue is a Tier 2 issue, so it has the same
// approximately-30-minute response in business hours; no resolution time is measured.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifySeverity } from '../../src/policy/index.ts';
import { dues, examplePolicy, simulate } from '../helpers/policies.ts';

const firstResponse = (severity: number, opened: string) => dues(simulate('openkey', 'standard', severity, opened));

describe('OpenKey: response deadlines worked by hand', () => {
  it('Tier 2 a minute before closing: 1 minute Monday, 29 minutes Tuesday', () => {
    // Mon 7 Dec 2026 16:59 CST = 22:59Z; 17:00 closes after 1 minute; Tue 8 Dec 09:00 + 29 min
    // = 09:29 CST = 15:29Z.
    assert.deepEqual(firstResponse(2, '2026-12-07T22:59:00Z'), { first_response: ['2026-12-08T15:29:00Z', null] });
  });

  it('Tier 2 at 5 pm sharp waits for the next morning: 09:30 CST', () => {
    // Wed 2 Dec 2026 17:00 CST = 23:00Z is the closing: no business minute is left that day.
    // Thu 3 Dec 09:00 + 30 min = 09:30 CST = 15:30Z.
    assert.deepEqual(firstResponse(2, '2026-12-02T23:00:00Z'), { first_response: ['2026-12-03T15:30:00Z', null] });
  });

  it('Tier 2 on a Saturday night: Monday 09:30 CST', () => {
    // Sat 5 Dec 2026 03:00 CST = 09:00Z; no business hours Saturday or Sunday ("M-F");
    // Mon 7 Dec 09:00 + 30 min = 09:30 CST = 15:30Z.
    assert.deepEqual(firstResponse(2, '2026-12-05T09:00:00Z'), { first_response: ['2026-12-07T15:30:00Z', null] });
  });

  it('Tier 2 in summer: 9 am - 5 pm is Central daylight time, UTC-5', () => {
    // Fri 10 Jul 2026 16:45 CDT = 21:45Z: 15 minutes Friday; Mon 13 Jul 09:00 + 15 min
    // = 09:15 CDT = 14:15Z.
    assert.deepEqual(firstResponse(2, '2026-07-10T21:45:00Z'), { first_response: ['2026-07-13T14:15:00Z', null] });
  });

  it('across the change to daylight time (Sunday 8 March 2026): Friday in CST, Monday in CDT', () => {
    // Fri 6 Mar 2026 16:40 CST = 22:40Z: 20 minutes Friday. Clocks go forward Sun 8 Mar.
    // Mon 9 Mar 09:00 CDT + 10 min = 09:10 CDT = 14:10Z (not 15:10Z, as UTC-6 would give).
    assert.deepEqual(firstResponse(2, '2026-03-06T22:40:00Z'), { first_response: ['2026-03-09T14:10:00Z', null] });
  });

  it('across the change back to standard time (Sunday 1 November 2026): Friday in CDT, Monday in CST', () => {
    // Fri 30 Oct 2026 16:50 CDT = 21:50Z: 10 minutes Friday. Clocks go back Sun 1 Nov.
    // Mon 2 Nov 09:00 CST + 20 min = 09:20 CST = 15:20Z.
    assert.deepEqual(firstResponse(2, '2026-10-30T21:50:00Z'), { first_response: ['2026-11-02T15:20:00Z', null] });
  });

  it('the seed names no holidays: Christmas Day and Thanksgiving 2026 are business days', () => {
    // Fri 25 Dec 2026 10:00 CST = 16:00Z + 30 min = 10:30 CST = 16:30Z.
    assert.deepEqual(firstResponse(2, '2026-12-25T16:00:00Z'), { first_response: ['2026-12-25T16:30:00Z', null] });
    // Thu 26 Nov 2026 16:45 CST = 22:45Z: 15 minutes Thursday, Fri 27 Nov 09:00 + 15 min = 15:15Z.
    assert.deepEqual(firstResponse(2, '2026-11-26T22:45:00Z'), { first_response: ['2026-11-27T15:15:00Z', null] });
  });

  it('Emergency Tier 2 in business hours: the Tier 2 response of approximately 30 minutes', () => {
    // An Emergency Tier 2 issue is a Tier 2 issue. Tue 8 Dec 2026 14:10 CST = 20:10Z + 30 min
    // = 14:40 CST = 20:40Z. Its resolution time "will vary": nothing measured.
    const sim = simulate('openkey', 'standard', 1, '2026-12-08T20:10:00Z');
    assert.deepEqual(dues(sim), { first_response: ['2026-12-08T20:40:00Z', null] });
    assert.ok(sim.targets[0].explain.includes('The policy publishes this target as approximate; it is measured as exactly 30 minutes.'), sim.targets[0].explain.join('\n'));
  });

  it('Emergency Tier 2 off hours: no off-hours response time; the business-hours response counts from Monday 09:00', () => {
    // Sun 6 Dec 2026 22:00 CST = 7 Dec 04:00Z, phoned to the emergency line: the After Hours
    // Emergency Contact takes it, with no time promised ("will vary"); the 30 minutes are
    // "during our regular business hours": Mon 7 Dec 09:30 CST = 15:30Z.
    const sim = simulate('openkey', 'standard', 1, '2026-12-07T04:00:00Z', 'emergency-phone');
    assert.deepEqual(dues(sim), { first_response: ['2026-12-07T15:30:00Z', null] });
    assert.ok(sim.notes.some((n) => n.startsWith('After-hours support staffed by the Openkey After Hours Emergency Contact applies:')), sim.notes.join('\n'));
  });

  it('Tier 1 has no response time, even a minute before closing', () => {
    // The seed gives Tier 1 none: its clients "will be referred back to our Knowledge Base".
    assert.deepEqual(simulate('openkey', 'standard', 3, '2026-12-07T22:59:00Z').targets, []);
  });

  it('a guest reporting a PMS integration issue is Tier 2: the property is disrupted, whoever asks', () => {
    // "An example would be PMS Integration issues" (Tier 2) outweighs "End-User Questions" (Tier 1).
    assert.equal(classifySeverity(examplePolicy('openkey'), { requester_type: 'guest', pms_integration: true }).severity, 2);
  });
});
