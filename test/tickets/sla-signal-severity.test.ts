// A warning, a reminder and a breach each name the severity the clock was owed under when it fired,
// on the timeline and in the sla.warning / sla.breached webhooks: after a regrade the ticket's
// severity is another, and a consumer paging on a breach needs the one the missed target belonged to.
// Expected values worked by hand from the seeds:
// - OpenBack Enterprise (hours Mon-Fri 9am - 6pm GMT, Sat 9am - 4pm): Severity 3 "Initial Response
//   Time" 6 - 12 business hours, Severity 2 12 business hours. Opened Wed 2 Dec 2026 10:00 GMT: the
//   goal is 16:00 (6 hours that day), the due time Thu 3 Dec 13:00 (8 hours Wed, 4 Thu), the same
//   under Severity 2 (12 business hours from the opening, a time no shorter than the one owed).
// - OpenMethods System Outage (Severity 1): "Communication cadence: status update once every 60
//   minutes", reminded 15 minutes before: a response at 14:10 owes an update at 15:10, reminded 14:55.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addReply, createTicket, getTicket, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { createWebhook } from '../../src/webhooks/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

const entries = async (desk: Desk, ticketId: string, type: string) =>
  (await desk.t.db.query<{ data: any }>('SELECT data FROM ticket_events WHERE ticket_id = $1 AND type = $2 ORDER BY at, seq', [ticketId, type])).rows.map((r) => r.data);

describe('OpenBack Enterprise: a warning under Severity 3, regraded to 2, then breached', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback', '2026-12-02T10:00:00Z');
    await createWebhook({ ctx: desk.ctx(desk.admin), input: { url: 'https://hooks.example.com/accord', events: ['sla.warning', 'sla.breached'] }, settings: { allowPrivate: false } });
  });
  after(() => desk.close());

  const payloads = async (type: string) =>
    (await desk.t.db.query<{ payload: any }>('SELECT payload FROM webhook_deliveries WHERE event_type = $1 ORDER BY created_at', [type])).rows.map((r) => r.payload.data);

  it('each names the severity it was owed under, whatever the ticket has now', async () => {
    const org = await desk.addOrganization('enterprise');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Pushes late', description: 'Some pushes arrive late', severity: 3 } });
    desk.clock.set('2026-12-02T16:05:00Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).warnings, 1);
    desk.clock.set('2026-12-02T16:30:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 2, reason: 'More customers affected' } });
    desk.clock.set('2026-12-03T13:05:00Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 1);

    const [warning] = await payloads('sla.warning');
    assert.deepEqual(warning.clock, { id: warning.clock.id, metric: 'first_response', goal_at: '2026-12-02T16:00:00Z', due_at: '2026-12-03T13:00:00Z', severity: 3 });
    assert.equal(warning.ticket.severity, 3);
    const [breached] = await payloads('sla.breached');
    assert.deepEqual(breached.clock, { id: warning.clock.id, metric: 'first_response', due_at: '2026-12-03T13:00:00Z', severity: 2 });
    // The timeline keeps each as it fired: the warning under 3, though the ticket is 2 now.
    assert.equal((await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } })).severity, 2);
    assert.deepEqual((await entries(desk, t.id, 'sla_warning')).map((d) => [d.metric, d.goal, d.severity]), [['first_response', '2026-12-02T16:00:00Z', 3]]);
    assert.deepEqual((await entries(desk, t.id, 'sla_breach')).map((d) => [d.metric, d.due, d.severity]), [['first_response', '2026-12-03T13:00:00Z', 2]]);
  });
});

describe('OpenMethods: an update reminded under System Outage, then regraded to Major Impairment', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openmethods', '2026-12-02T14:00:00Z');
  });
  after(() => desk.close());

  it('the reminder entry keeps Severity 1', async () => {
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Outage', description: 'No agent can log in', intake: { affected_agents_percent: 100 } } });
    desk.clock.set('2026-12-02T14:10:00Z');
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'We are on it.' } });
    desk.clock.set('2026-12-02T14:56:00Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).reminders, 1);
    desk.clock.set('2026-12-02T15:00:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 2, reason: 'Half the agents can log in again' } });
    assert.deepEqual((await entries(desk, t.id, 'sla_reminder')).map((d) => [d.metric, d.remind, d.severity]), [['update', '2026-12-02T14:55:00Z', 1]]);
  });
});
