// A simulated pause stops only the metrics the policy's pause rules name, and says so.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { simulateSla } from '../../src/sla/index.ts';
import { dues, examplePolicy, withPauses } from '../helpers/policies.ts';

const at = (iso: string) => Temporal.Instant.from(iso).epochMilliseconds;

describe('simulateSla with pauses', () => {
  it('a policy without pause rules pauses nothing, and explains why (OpenBack)', () => {
    // Pro, Severity 2 ("Under 1 business day") from Wed 2 Dec 10:00 GMT: Thu 3 Dec 10:00 GMT,
    // the 12:00-14:00 pause notwithstanding.
    const sim = simulateSla(examplePolicy('openback'), {
      plan: 'pro', severity: 2, openedAt: at('2026-12-02T10:00:00Z'), pauses: [{ from: at('2026-12-02T12:00:00Z'), to: at('2026-12-02T14:00:00Z') }],
    });
    assert.deepEqual(dues(sim), { first_response: ['2026-12-03T10:00:00Z', null] });
    assert.ok(sim.targets[0].explain.includes('Not paused Wed 2 Dec 2026 12:00 GMT to Wed 2 Dec 2026 14:00 GMT: this policy has no pause rules; this clock keeps running.'), sim.targets[0].explain.join('\n'));
  });

  it('pauses the metrics a rule names and not the others (OpenMethods System Outage with a test-local rule)', () => {
    const policy = withPauses('openmethods', [{ status: 'pending_customer', metrics: ['update', 'resolution'] }]);
    // Sat 5 Dec 15:00Z, waiting 15:10-15:40 (30 min). First response 30 min, not paused: 15:30.
    // Update every 60 min, paused 30 min: 16:30.
    const sim = simulateSla(policy, { plan: 'premium', severity: 1, openedAt: at('2026-12-05T15:00:00Z'), pauses: [{ from: at('2026-12-05T15:10:00Z'), to: at('2026-12-05T15:40:00Z') }] });
    assert.deepEqual(dues(sim), { first_response: ['2026-12-05T15:30:00Z', null], update: ['2026-12-05T16:30:00Z', null] });
    const [first, update] = sim.targets;
    assert.ok(first.explain.some((l) => l.startsWith('Not paused ') && l.includes('no pause rule of this policy names First response (Waiting on customer stops Update and Resolution)')), first.explain.join('\n'));
    assert.ok(update.explain.some((l) => l.startsWith('Paused ') && l.includes('30 min')), update.explain.join('\n'));
    assert.ok(update.explain.includes('Pauses stop this clock: Waiting on customer stops Update under this policy.'));
  });

  // OpenMethods has no "support hours": its hours are the remediation hours, "Remediation work:
  // 6am-4pm U.S. Eastern Standard Time". Sat 5 Dec 15:00Z is 10:00 EST, a Saturday: outside them.
  it('names OpenMethods\' hours as it does, never "support hours"', () => {
    const sim = simulateSla(examplePolicy('openmethods'), { plan: 'standard', severity: 2, openedAt: at('2026-12-05T15:00:00Z') });
    assert.deepEqual(sim.notes, ['Opened Sat Dec 5 2026 10:00 AM EST, outside the hours "6am-4pm U.S. Eastern Standard Time" of plan "Standard Support".']);
  });

  it('pauseStatus picks one rule', () => {
    const policy = withPauses('openmethods', [
      { status: 'pending_customer', metrics: ['update'] },
      { status: 'pending_third_party', metrics: ['first_response'] },
    ]);
    const run = (pauseStatus?: 'pending_customer' | 'pending_third_party') =>
      dues(simulateSla(policy, { plan: 'premium', severity: 1, openedAt: at('2026-12-05T15:00:00Z'), pauses: [{ from: at('2026-12-05T15:10:00Z'), to: at('2026-12-05T15:40:00Z') }], pauseStatus }));
    // 30 min paused moves a paused metric by 30 min: first response 15:30 -> 16:00, update 16:00 -> 16:30.
    assert.deepEqual(run('pending_customer'), { first_response: ['2026-12-05T15:30:00Z', null], update: ['2026-12-05T16:30:00Z', null] });
    assert.deepEqual(run('pending_third_party'), { first_response: ['2026-12-05T16:00:00Z', null], update: ['2026-12-05T16:00:00Z', null] });
    assert.deepEqual(run(), { first_response: ['2026-12-05T16:00:00Z', null], update: ['2026-12-05T16:30:00Z', null] });
  });

  it('explains an approximate target as measured exactly (OpenKey Tier 2)', () => {
    const sim = simulateSla(examplePolicy('openkey'), { plan: 'standard', severity: 2, openedAt: at('2026-12-02T16:00:00Z') });
    assert.ok(sim.targets[0].explain.includes('The policy publishes this target as approximate; it is measured as exactly 30 minutes.'));
  });

  it('tells the desk a goal is measured all the same, and alerts the team when it passes, no breach (OfficeSpace Response Goal)', () => {
    const sim = simulateSla(examplePolicy('officespace'), { plan: 'standard', severity: 2, openedAt: at('2026-12-02T16:00:00Z') });
    assert.ok(sim.targets[0].explain.includes('The policy calls this target a goal; it is measured as exactly 4 Hours (a goal, not a deadline: the team is alerted if it passes).'), sim.targets[0].explain.join('\n'));
  });
});
