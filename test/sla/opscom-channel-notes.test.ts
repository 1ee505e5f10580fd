// OPS-COM (seed 004): why-this-deadline notes on a channel a plan does not include. The seed's
// words, copied here:
//   "Telephone Support is available to our Premium customers Mon-Fri 9-5 EST. Standard Plus
//    support clients have email support only during the same hours."
//   "After hours support is limited to critical issues. ... This support is provided by email"
// Standard Plus has no telephone support at any hour: a call is never taken, so it does not
// "wait for support hours" as a Premium call or an online ticket does.
// Wed 2 Dec 2026 18:00 EST = 23:00Z, after the 5 pm closing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { simulateRequest } from '../../src/tickets/simulate-request.ts';
import { examplePolicy, exampleSource, policyFrom, simulate } from '../helpers/policies.ts';

const WEDNESDAY_6PM = '2026-12-02T23:00:00Z';

describe('OPS-COM: notes on a channel the plan lacks', () => {
  it('a critical call from a Standard Plus client at night: not taken, as intake refuses it, and after hours taken only by email', () => {
    const sim = simulateRequest(examplePolicy('opscom'), { plan: 'standard-plus', severity: 1, openedAt: Temporal.Instant.from(WEDNESDAY_6PM).epochMilliseconds, channel: 'phone' });
    const notes = sim.notes;
    // Its email and online ticket are closed at 18:00 (Mon-Fri 9-5 EST) and open Thu 3 Dec 09:00 EST;
    // after hours a critical issue is taken by email ("This support is provided by email").
    assert.equal(sim.refusal, 'Not taken by Telephone Support: The Standard Plus plan does not include Telephone Support; a request by Email or Online support ticket ' +
      'is taken then, and work on it resumes Thu Dec 3 2026 09:00 AM EST, unless it is one that after-hours support takes through Email: Critical.');
    assert.ok(notes.includes(sim.refusal), notes.join('\n'));
    assert.deepEqual(sim.targets, []);
    assert.ok(notes.includes('Outside support hours, a Critical request is only taken through Email.'), notes.join('\n'));
    assert.ok(!notes.some((n) => n.includes('waits for')), notes.join('\n'));
  });

  it('the same call from a Premium client, whose plan has telephone 9-5: it waits for support hours', () => {
    const notes = simulate('opscom', 'premium', 1, WEDNESDAY_6PM, 'phone').notes;
    assert.ok(notes.includes('Outside support hours, a Critical request is only taken through Email; through Telephone Support it waits for support hours.'), notes.join('\n'));
  });
});

// The simulator says "then" where intake tells a customer "now": a simulated request is at its own
// `opened` time, not at the time the simulation runs.
describe('OPS-COM: a Premium call when the telephone is closed is not taken, as intake refuses it', () => {
  const at = (iso: string) => Temporal.Instant.from(iso).epochMilliseconds;
  // "Telephone Support is available to our Premium customers Mon-Fri 9-5 EST": closed at Wed 18:00 EST,
  // open again Thu 3 Dec 09:00 EST. After hours, "This support is provided by email": no rule takes a
  // call, critical or not. Premium's email and online ticket are also 9-5 (both open Thu 09:00), and
  // after-hours support takes a critical issue by email only.
  const refusal = 'Not taken by Telephone Support: Telephone Support is closed then; it opens Thu Dec 3 2026 09:00 AM EST; ' +
    'a request by Email or Online support ticket is taken then, and work on it resumes Thu Dec 3 2026 09:00 AM EST, unless it is one that after-hours support takes through Email: Critical.';

  for (const severity of [1, 2]) {
    it(`severity ${severity}: refused in intake's words, no target, no "waits for support hours"`, () => {
      const sim = simulateRequest(examplePolicy('opscom'), { plan: 'premium', severity, openedAt: at(WEDNESDAY_6PM), channel: 'phone' });
      assert.equal(sim.refusal, refusal);
      assert.deepEqual(sim.targets, []);
      assert.deepEqual(sim.unmeasured, []);
      assert.ok(sim.notes.includes(refusal), sim.notes.join('\n'));
      // Not taken: it waits for nothing, and the channel's hours are said by the refusal alone.
      assert.ok(!sim.notes.some((n) => /waits for|only staffed/.test(n)), sim.notes.join('\n'));
    });
  }

  it('the same call at Wed 10:00 EST, in the telephone hours: taken, nothing refused', () => {
    const sim = simulateRequest(examplePolicy('opscom'), { plan: 'premium', severity: 1, openedAt: at('2026-12-02T15:00:00Z'), channel: 'phone' });
    assert.equal(sim.refusal, null);
  });

  it('a policy whose after-hours rule takes a call (OPS-COM varied here, not the seed): the critical call is taken, its targets shown', () => {
    // Test-local variant: the on-call rule also takes Telephone Support. A critical call at Wed 18:00 EST
    // (23:00Z) is then taken: triaged within 15 minutes (23:15Z), status notification within 1 hour (00:00Z).
    const varied = policyFrom(exampleSource('opscom').replace('channels: [email]', 'channels: [email, phone]'), 'opscom+phone-on-call.yaml');
    const critical = simulateRequest(varied, { plan: 'premium', severity: 1, openedAt: at(WEDNESDAY_6PM), channel: 'phone' });
    assert.equal(critical.refusal, null);
    assert.deepEqual(critical.targets.map((t) => [t.metric, t.due]), [['triage', '2026-12-02T23:15:00Z'], ['status_notification', '2026-12-03T00:00:00Z']]);
    // A call that is not critical is still refused: the rule is "limited to critical issues".
    const other = simulateRequest(varied, { plan: 'premium', severity: 2, openedAt: at(WEDNESDAY_6PM), channel: 'phone' });
    assert.match(other.refusal ?? '', /^Not taken by Telephone Support: Telephone Support is closed then; it opens Thu Dec 3 2026 09:00 AM EST;/);
    assert.deepEqual(other.targets, []);
  });
});
