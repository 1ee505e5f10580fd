// The severity a missed update is counted under in the managers' morning digest: the one it was owed
// under when the sweep recorded it (the sla_breach entry's `severity`), not the ticket's after a regrade.
//
// OpenMethods, Premium Support (examples/policies/openmethods.yaml). System Outage: "Response time"
// within 30 minutes and "Communication cadence ... status update once every 60 minutes", 24/7; the
// cadence restarts at each public agent reply, and at the due time of an update missed (sla/clocks.ts).
// Major Impairment's cadence is "when material updates or progress is made": no timed update. By hand,
// Wednesday 2 December 2026 (UTC):
//   The seed: an outage opened 14:00, answered 14:10: an update due 15:10; the sweep at 15:11 records
//   it missed; regraded to Major Impairment at 15:30, which owes no timed update: the cadence ends as
//   its missed update (ended-clocks.ts). The digest at 07:00 Thursday (breaches due 06:45 Wednesday to
//   06:45 Thursday) names one: the update due 15:10, Severity 1 (System Outage).
//   A variant (this test's own, no seed's promise): Major Impairment given a cadence of "4 hours".
//   The same ticket, regraded at 15:30, still owes updates: the cycle from the 15:10 miss, now due
//   19:10; answered 16:00: due 20:00; the sweep at 20:01 records 20:00 missed. The digest names two:
//   15:10 under Severity 1, owed as an outage, and 20:00 under Severity 2. The SLA report counts the
//   cadence once, breached, under Severity 1, the severity of its first miss (15:10), at which the
//   breach export lists it. An entry recorded before the sweep wrote the severity (none in its data)
//   reads the clock's, as before: Severity 2.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { activePolicy } from '../../src/policy-versions/index.ts';
import { addReply, createTicket, digestOf, digestText, listBreaches, slaAttainment, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { examplePolicySource, openDesk, type Desk } from '../support/desk.ts';

const at = (s: string) => Temporal.Instant.from(s);
const NO_CADENCE = 'update: { all: { label: Communication cadence, note: when material updates or progress is made } }';

/** An outage answered 14:10, its 15:10 update missed (recorded 15:11), regraded to Major Impairment at 15:30. */
async function missedThenRegraded(d: Desk): Promise<{ id: string; number: number }> {
  const org = await d.addOrganization('premium');
  const t = await createTicket({ ctx: d.ctx(org.contact), input: { subject: 'Outage', description: 'No agent can log in', intake: { affected_agents_percent: 100 } } });
  assert.equal(t.severity, 1);
  d.clock.set('2026-12-02T14:10:00Z');
  await addReply({ ctx: d.ctx(d.agent), input: { ticketId: t.id, body: 'We are on it.' } });
  d.clock.set('2026-12-02T15:11:00Z');
  assert.equal((await sweepSlaClocks({ ctx: d.system })).breaches, 1);
  d.clock.set('2026-12-02T15:30:00Z');
  await updateTicket({ ctx: d.ctx(d.agent), input: { ticketId: t.id, severity: 2, reason: 'Business continuity plan in place' } });
  return t;
}

/** The digest's lines naming the misses, at 07:00 Thursday. */
async function namedMisses(d: Desk): Promise<string[]> {
  d.clock.set('2026-12-03T07:00:00Z');
  const digest = await digestOf(d.t.db, at('2026-12-02T07:00:00Z'), at('2026-12-03T07:00:00Z'));
  const { body } = digestText(digest, (await activePolicy(d.t.db)).model);
  return body.split('\n').filter((l) => l.startsWith('    #'));
}

const severitiesRecorded = async (d: Desk, ticketId: string) => (await d.t.db.query<{ due: string; severity: unknown }>(
  "SELECT data->>'due' AS due, data->'severity' AS severity FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_breach' ORDER BY seq", [ticketId])).rows.map((r) => [r.due, r.severity]);

describe('the severity a missed update is counted under in the digest (OpenMethods)', () => {
  it('the seed: missed as a System Outage, regraded to a Major Impairment (no timed cadence): Severity 1', async () => {
    const d = await openDesk('openmethods', '2026-12-02T14:00:00Z');
    try {
      const t = await missedThenRegraded(d);
      assert.deepEqual(await severitiesRecorded(d, t.id), [['2026-12-02T15:10:00Z', 1]]);
      assert.deepEqual(await namedMisses(d), [`    #${t.number} Outage: update due 2026-12-02 15:10 UTC, Severity 1 (System Outage), Premium Support plan`]);
    } finally {
      await d.close();
    }
  });

  it('a variant with a Major Impairment cadence of 4 hours: each miss under the severity it was owed under', async () => {
    const source = examplePolicySource('openmethods').replace(NO_CADENCE, 'update: { all: { within: 4 hours, label: Communication cadence } }');
    assert.notEqual(source, examplePolicySource('openmethods'));
    const d = await openDesk('openmethods', '2026-12-02T14:00:00Z', source);
    try {
      const t = await missedThenRegraded(d);
      d.clock.set('2026-12-02T16:00:00Z');
      await addReply({ ctx: d.ctx(d.agent), input: { ticketId: t.id, body: 'Failover under way.' } });
      d.clock.set('2026-12-02T19:59:00Z');
      assert.equal((await sweepSlaClocks({ ctx: d.system })).breaches, 0, 'not 19:10: the reply at 16:00 restarted the cycle');
      d.clock.set('2026-12-02T20:01:00Z');
      assert.equal((await sweepSlaClocks({ ctx: d.system })).breaches, 1);
      assert.deepEqual(await severitiesRecorded(d, t.id), [['2026-12-02T15:10:00Z', 1], ['2026-12-02T20:00:00Z', 2]]);
      assert.deepEqual(await namedMisses(d), [
        `    #${t.number} Outage: update due 2026-12-02 15:10 UTC, Severity 1 (System Outage), Premium Support plan`,
        `    #${t.number} Outage: update due 2026-12-02 20:00 UTC, Severity 2 (Major Impairment), Premium Support plan`,
      ]);
      // The SLA report counts the cadence once, breached, and the export lists it at its first miss,
      // 15:10: both under the severity that miss was owed under, as a breach recorded stands.
      const window = { from: '2026-12-02T00:00:00Z', to: '2026-12-03T00:00:00Z', period: 'day' as const };
      const report = await slaAttainment({ ctx: d.ctx(d.manager), input: window });
      assert.deepEqual(report.filter((r) => r.metric === 'update').map((r) => [r.severity, r.met, r.breached, r.open]), [[1, 0, 1, 0]]);
      const listed = await listBreaches({ ctx: d.ctx(d.manager), input: window });
      assert.deepEqual(listed.map((r) => [r.metric, r.severity, r.due.toString()]), [['update', 1, '2026-12-02T15:10:00Z']]);

      // An entry of before (no severity recorded) reads the clock's, as the digest did.
      await d.t.db.query("UPDATE ticket_events SET data = data - 'severity' WHERE ticket_id = $1 AND type = 'sla_breach'", [t.id]);
      assert.deepEqual(await namedMisses(d), [
        `    #${t.number} Outage: update due 2026-12-02 15:10 UTC, Severity 2 (Major Impairment), Premium Support plan`,
        `    #${t.number} Outage: update due 2026-12-02 20:00 UTC, Severity 2 (Major Impairment), Premium Support plan`,
      ]);
    } finally {
      await d.close();
    }
  });
});
