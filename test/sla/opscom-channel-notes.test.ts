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
import { examplePolicy, simulate } from '../helpers/policies.ts';

const WEDNESDAY_6PM = '2026-12-02T23:00:00Z';

describe('OPS-COM: notes on a channel the plan lacks', () => {
  it('a critical call from a Standard Plus client at night: not taken, as intake refuses it, and after hours taken only by email', () => {
    const sim = simulateRequest(examplePolicy('opscom'), { plan: 'standard-plus', severity: 1, openedAt: Temporal.Instant.from(WEDNESDAY_6PM).epochMilliseconds, channel: 'phone' });
    const notes = sim.notes;
    // Its email and online ticket are closed at 18:00 (Mon-Fri 9-5 EST) and open Thu 3 Dec 09:00 EST;
    // after hours a critical issue is taken by email ("This support is provided by email").
    assert.equal(sim.refusal, 'Not taken by Telephone Support: The Standard Plus plan does not include Telephone Support; a request by Email or Online support ticket ' +
      'is taken now, and work on it resumes Thu Dec 3 2026 09:00 AM EST, unless it is one that after-hours support takes through Email: Critical.');
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
