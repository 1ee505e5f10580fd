// The managers' morning digest and the team's work by agent count each update a cadence missed,
// though the cadence's clock forgets it once the late update starts the next cycle.
//
// OpenMethods, Premium Support (examples/policies/openmethods.yaml). System Outage: "Response
// time" within 30 minutes and "Communication cadence ... status update once every 60 minutes", both
// 24/7; the cadence restarts at each public agent reply, and at the due time of an update missed
// (sla/clocks.ts). Major Impairment: "Response time" within 2 hours on the remediation hours (6am-4pm
// U.S. Eastern, Monday to Friday), no timed cadence. By hand, Wednesday 2 December 2026 (UTC; EST is
// UTC-5):
//   B, an outage, opened 14:00, given to agent@ 14:05, answered 14:10: an update due 15:10. The
//     agent's mailed update reaches the desk 15:05; the sweep at 15:26 (the 15 minutes' hold passed)
//     records 15:10 missed; the mail is read 15:30: the update was given in time after all. Solved 15:40.
//   A, an outage, opened 15:00, given to agent@ 15:02, answered 15:05 (in time): an update due 16:05.
//     The sweep at 16:06 records it missed; agent@ updates at 16:20 (late): the next due 17:20. At
//     17:00 A goes to escalation@; the sweep at 17:21 records 17:20 missed; escalation@ updates and
//     solves it at 17:30.
//   C, a major impairment, opened 15:00 (10:00 EST), given to escalation@ 15:02: its response due
//     12:00 EST = 17:00 UTC; the sweep at 17:21 records it missed; answered 17:45.
// The digest at 07:00 Thursday counts the breaches due from 06:45 Wednesday to 06:45 Thursday: A's
// update due 16:05, A's update due 17:20 (two promises, two breaches mailed) and C's response due
// 17:00: 3, B's given in time none. Against who held the ticket at each due time: agent@ A's 16:05;
// escalation@ C's 17:00 and A's 17:20. The SLA report counts A's cadence once: breached.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emailSettingsFor, processInbound, storeInbound } from '../../src/email/index.ts';
import { activePolicy } from '../../src/policy-versions/index.ts';
import { addReply, agentActivity, createTicket, digestOf, digestText, slaAttainment, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { testBackend } from '../support/test-db.ts';

const at = (s: string) => Temporal.Instant.from(s);

describe(`the digest and the activity report count each missed update, on ${testBackend}`, () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openmethods', '2026-12-02T14:00:00Z');
  });
  after(() => desk.close());

  it('A missed two updates, C its response, B none (given in time, read late): 3 breaches, each against its holder', async () => {
    const d = desk;
    const set = (t: string) => d.clock.set(`2026-12-02T${t}:00Z`);
    const id = (a: unknown) => (a as { id: string }).id;
    const org = await d.addOrganization('premium');
    const open = (subject: string, percent: number) =>
      createTicket({ ctx: d.ctx(org.contact), input: { subject, description: 'Agents cannot log in', intake: { affected_agents_percent: percent } } });
    const assign = (ticketId: string, to: unknown) => updateTicket({ ctx: d.ctx(d.manager), input: { ticketId, assigneeId: id(to) } });
    const reply = (ticketId: string, who: typeof d.agent, status?: 'solved') =>
      addReply({ ctx: d.ctx(who), input: { ticketId, body: 'Failover is under way.', ...(status ? { status } : {}) } });
    const sweep = async (t: string) => {
      set(t);
      await sweepSlaClocks({ ctx: d.system });
    };

    const b = await open('Outage B', 100);
    set('14:05');
    await assign(b.id, d.agent);
    const { rows: [assigned] } = await d.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'agent_assigned' AND payload->>'ticket_id' = $1", [b.id]);
    set('14:10');
    await reply(b.id, d.agent);
    set('15:00');
    const a = await open('Outage A', 100);
    const c = await open('Dashboards slow', 10);
    assert.deepEqual([a.severity, b.severity, c.severity], [1, 1, 2]);
    set('15:02');
    await assign(a.id, d.agent);
    await assign(c.id, d.escalation);
    set('15:05');
    await reply(a.id, d.agent);
    const raw = Buffer.from(`From: agent@vendor.example\r\nTo: support@desk.example\r\nSubject: Re: ticket\r\nIn-Reply-To: <outbox.${assigned.id}@desk.example>\r\nMessage-ID: <${b.id}@vendor.example>\r\n\r\nFailover is under way.\r\n`);
    const mail = await storeInbound(d.t.db, d.clock, raw, { source: 'smtp', envelopeFrom: 'agent@vendor.example', envelopeTo: ['support@desk.example'] });
    await sweep('15:26');
    set('15:30');
    const read = await processInbound({ ctx: d.system, settings: emailSettingsFor('support@desk.example', 'OpenMethods'), inboundId: mail! });
    assert.equal(read!.status, 'appended', read!.outcome);
    set('15:40');
    await updateTicket({ ctx: d.ctx(d.agent), input: { ticketId: b.id, status: 'solved' } });
    await sweep('16:06');
    set('16:20');
    await reply(a.id, d.agent);
    set('17:00');
    await assign(a.id, d.escalation);
    await sweep('17:21');
    set('17:30');
    await reply(a.id, d.escalation, 'solved');
    set('17:45');
    await reply(c.id, d.escalation);

    const missed = async (ticketId: string) => (await d.t.db.query<{ due: string }>(
      "SELECT data->>'due' AS due FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_breach' ORDER BY seq", [ticketId])).rows.map((r) => r.due);
    assert.deepEqual(await missed(a.id), ['2026-12-02T16:05:00Z', '2026-12-02T17:20:00Z'], 'two breaches announced for A');
    assert.deepEqual(await missed(b.id), ['2026-12-02T15:10:00Z'], "B's announced, though given in time");
    assert.deepEqual(await missed(c.id), ['2026-12-02T17:00:00Z']);

    d.clock.set('2026-12-03T07:00:00Z');
    const digest = await digestOf(d.t.db, at('2026-12-02T07:00:00Z'), at('2026-12-03T07:00:00Z'));
    assert.equal(digest.breachCount, 3);
    assert.deepEqual(digest.breaches.map((x) => [x.number, x.metric]), [[a.number, 'update'], [a.number, 'update'], [c.number, 'first response']]);
    const { subject, body } = digestText(digest, (await activePolicy(d.t.db)).model);
    assert.equal(subject, 'Support today: 1 open ticket, 3 breaches in the 24 hours to 2026-12-03 06:45 UTC');
    assert.deepEqual(body.split('\n').slice(2, 6), [
      '- 3 promises missed (SLA breaches due in the 24 hours to 2026-12-03 06:45 UTC):',
      `    #${a.number} Outage A: update due 2026-12-02 16:05 UTC, Severity 1 (System Outage), Premium Support plan`,
      `    #${a.number} Outage A: update due 2026-12-02 17:20 UTC, Severity 1 (System Outage), Premium Support plan`,
      `    #${c.number} Dashboards slow: first response due 2026-12-02 17:00 UTC, Severity 2 (Major Impairment), Premium Support plan`,
    ]);

    const window = { from: '2026-12-02T00:00:00Z', to: '2026-12-03T00:00:00Z' };
    const activity = await agentActivity({ ctx: d.ctx(d.manager), input: window });
    assert.deepEqual(activity.map((r) => [r.name, r.breachesHolding]), [['agent@vendor.example', 1], ['escalation@vendor.example', 2]]);

    // The SLA report counts a clock once: A's cadence breached, B's not (its one miss given in time).
    const sla = await slaAttainment({ ctx: d.ctx(d.manager), input: { ...window, period: 'day' } });
    assert.deepEqual(sla.filter((r) => r.metric === 'update').map((r) => [r.severity, r.breached]), [[1, 1]]);

    // A cancelled clock counts nothing (as in the SLA reports).
    await d.t.db.query("UPDATE sla_clocks SET state = 'cancelled' WHERE ticket_id = $1 AND metric = 'update'", [a.id]);
    assert.equal((await digestOf(d.t.db, at('2026-12-02T07:00:00Z'), at('2026-12-03T07:00:00Z'))).breachCount, 1);
    const cancelled = await agentActivity({ ctx: d.ctx(d.manager), input: window });
    assert.deepEqual(cancelled.map((r) => [r.name, r.breachesHolding]), [['agent@vendor.example', 0], ['escalation@vendor.example', 1]]);
  });
});
