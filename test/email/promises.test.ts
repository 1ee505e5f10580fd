// Only people meet promises. Automatic messages (the receipt, the out-of-hours acknowledgement in
// it, the resolution notice) and the customer's own mail never meet first_response, update or
// status_notification; an agent's public reply does, and a status notification that requires an
// ETA is met only by a reply carrying one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { captureSender, deliverDueMail } from '../../src/email/index.ts';
import { addReply, createTicket, getTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { openMailDesk, type MailDesk } from './support.ts';

const states = async (desk: Desk, ticketId: string) =>
  Object.fromEntries((await getTicket({ ctx: desk.system, input: { ticketId } })).clocks.map((c) => [c.metric, c.state]));

describe('only people meet promises', () => {
  let m: MailDesk;
  before(async () => {
    m = await openMailDesk();
  });
  after(() => m.desk.close());

  it('the receipt, delivered, and the customer\'s emailed reply meet nothing; the agent\'s reply meets first response', async () => {
    const r = await m.deliver(m.fixture('01-new-request-from-contact.eml'));
    assert.equal(r.status, 'created');
    const before = await states(m.desk, r.ticketId!);
    assert.equal(before.first_response, 'running');
    const run = await deliverDueMail({ ctx: m.desk.system, settings: { email: m.settings, sender: captureSender(m.desk.t.db, m.desk.clock) } });
    assert.ok(run.sent >= 1);
    const { rows } = await m.desk.t.db.query<{ status: string }>("SELECT status FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [r.ticketId]);
    assert.deepEqual(rows, [{ status: 'sent' }]);
    m.desk.clock.advance({ minutes: 5 });
    const { rows: out } = await m.desk.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [r.ticketId]);
    const reply = Buffer.from(`From: contact1@customer.example\r\nTo: support@desk.example\r\nSubject: Re: more\r\nIn-Reply-To: <outbox.${out[0].id}@desk.example>\r\nMessage-ID: <more@customer.example>\r\n\r\nAlso the dashboard.\r\n`);
    assert.equal((await m.deliver(reply)).status, 'appended');
    assert.deepEqual(await states(m.desk, r.ticketId!), before, 'nothing met by automatic mail or the customer');
    m.desk.clock.advance({ minutes: 5 });
    await addReply({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: r.ticketId!, body: 'Looking at it now.' } });
    const afterReply = await getTicket({ ctx: m.desk.system, input: { ticketId: r.ticketId! } });
    const first = afterReply.clocks.find((c) => c.metric === 'first_response')!;
    assert.equal(first.state, 'met');
    assert.equal(first.metAt?.toString(), m.desk.clock.now().toString());
  });

  it('a reply by the system (an automation) meets nothing', async () => {
    const org = await m.desk.addOrganization('enterprise');
    const t = await createTicket({ ctx: m.desk.ctx(org.contact), input: { subject: 'x', description: 'y', severity: 2 } });
    await addReply({ ctx: m.desk.system, input: { ticketId: t.id, body: 'An automated note to the customer.' } });
    assert.equal((await states(m.desk, t.id)).first_response, 'running');
  });
});

describe('after hours: the acknowledgement is in the receipt and meets nothing; a status notification needs its ETA', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('opscom', '2026-12-03T04:10:00Z'); // Thursday 23:10 EST: support is closed
  });
  after(() => desk.close());

  it('one receipt carries the acknowledgement: one message, not two', async () => {
    const org = await desk.addOrganization('standard-plus');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Report layout', description: 'Misaligned', channel: 'email' } });
    const { rows } = await desk.t.db.query<{ kind: string; body: string }>("SELECT kind, body FROM outbox WHERE payload->>'ticket_id' = $1 AND recipient LIKE 'contact%'", [t.id]);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].kind, 'ticket_received');
    // A mail says no severity: after hours it is passed to on call; the customer reads what after-hours support takes.
    assert.match(rows[0].body, /We received your request outside our support hours\. Work on it resumes Thu Dec 3 2026 09:00 AM EST, unless it is one that after-hours support takes:\n\nAfter hours support is limited to critical issues\./);
  });

  it('a critical request by email: only an agent\'s reply with the ETA meets the status notification', async () => {
    desk.clock.set('2026-12-03T04:10:00Z');
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Down', description: 'All down', channel: 'email', intake: { immediate_work_stoppage: true } } });
    desk.clock.set('2026-12-03T04:20:00Z');
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Looking into it.' } });
    assert.equal((await states(desk, t.id)).status_notification, 'running', 'no ETA: not the notification the policy requires');
    desk.clock.set('2026-12-03T04:30:00Z');
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Restoring service.', eta: '2026-12-03T07:00:00Z' } });
    assert.equal((await states(desk, t.id)).status_notification, 'met');
    const { rows } = await desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_reply' AND payload->>'ticket_id' = $1 AND payload ? 'eta'", [t.id]);
    assert.match(rows[0].body, /Restoring service\.\n\nEstimated time to resolution: Thu Dec 3 2026 02:00 AM EST/);
  });
});
