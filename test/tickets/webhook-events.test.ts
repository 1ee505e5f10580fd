// The ticket domain's webhook events, emitted in the write's transaction: a flow through the
// verbs produces each event type once where expected, with public data only.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addNote, addReply, createTicket, escalateTicket, linkTicket, sweepSlaClocks, updateTicket,
} from '../../src/tickets/index.ts';
import { createWebhook } from '../../src/webhooks/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

const NOTE = 'INTERNAL-NOTE-MARKER-4c1f';
const LINK = 'https://opscom.atlassian.net/browse/SECRET-9';

describe('webhook events from tickets (OPS-COM)', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('opscom', '2026-12-03T04:10:00Z'); // Wednesday 23:10 EST: after hours
    await createWebhook({ ctx: desk.ctx(desk.admin), input: { url: 'https://hooks.example.com/accord', events: ['*'] }, settings: { allowPrivate: false } });
  });
  after(() => desk.close());

  const deliveries = async () =>
    (await desk.t.db.query<{ event_type: string; payload: any }>('SELECT event_type, payload FROM webhook_deliveries ORDER BY created_at, event_type')).rows;

  it('emits created, paged, replied, updated, escalated and breached, never an internal note, link or escalation reason', async () => {
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Down', description: 'All down', channel: 'email', intake: { system_outage: true } } });
    await addNote({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: NOTE } });
    await linkTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, url: LINK, title: 'SECRET-9' } });
    desk.clock.set('2026-12-03T04:40:00Z');
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Looking into it.' } });
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, status: 'pending_customer', assigneeId: (desk.agent as { id: string }).id } });
    await escalateTicket({ ctx: desk.ctx(desk.escalation), input: { ticketId: t.id, reason: `A bug: ${NOTE}` } });
    desk.clock.set('2026-12-03T05:11:00Z'); // the status notification (with an ETA) was due 05:10
    await sweepSlaClocks({ ctx: desk.system });

    const all = await deliveries();
    const types = all.map((d) => d.event_type);
    for (const type of ['ticket.created', 'oncall.paged', 'ticket.replied', 'ticket.updated', 'ticket.escalated', 'sla.breached']) {
      assert.ok(types.includes(type), `${type} in ${types.join(', ')}`);
    }
    const updated = all.find((d) => d.event_type === 'ticket.updated')!.payload.data;
    assert.deepEqual(updated.changes, { status: { from: 'open', to: 'pending_customer' }, assignee_id: { from: null, to: (desk.agent as { id: string }).id } });
    const escalated = all.find((d) => d.event_type === 'ticket.escalated')!.payload.data;
    assert.deepEqual(escalated.escalation, { from_level: 'front-line', to_level: 'escalation' }, 'the levels, never the internal reason');
    const breached = all.find((d) => d.event_type === 'sla.breached')!.payload.data;
    assert.deepEqual([breached.clock.metric, breached.clock.due_at], ['status_notification', '2026-12-03T05:10:00Z']);
    const text = JSON.stringify(all);
    assert.ok(!text.includes(NOTE) && !text.includes('SECRET-9'), 'no internal note or engineering link in any webhook');
    assert.ok(!text.includes('All down'), 'the description stays out of webhooks');
  });
});
