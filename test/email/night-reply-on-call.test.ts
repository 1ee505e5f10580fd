// OPS-COM (seed 004): "After hours support is limited to critical issues. ... This support is
// provided by email and is staffed by on-call personnel. Issues will be triaged within 15 minutes
// and a status notification will be sent to you within 1 hour for Critical issues." The customer of
// a critical online ticket opened Saturday 5 December 2026 14:00 EST (19:00Z) answers its receipt by
// email at 14:20 EST (19:20Z): the mail, read by the desk, hands the ticket to on call.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emailSettingsFor, processInbound, storeInbound } from '../../src/email/index.ts';
import { addReply, createTicket, getTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('email: a reply to a critical ticket outside support hours reaches on call', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('opscom', '2026-12-05T19:00:00Z');
  });
  after(() => desk.close());

  it('the mailed reply at Sat 14:20 EST is added to the case and hands it over: triage by 14:35, status notification by 15:20; the next reaches on call by mail', async () => {
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Site down', description: 'Nobody can log in', channel: 'web', intake: { system_outage: true } } });
    const { rows: [receipt] } = await desk.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [t.id]);
    const { rows: [contact] } = await desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [org.contactId]);

    desk.clock.set('2026-12-05T19:20:00Z'); // Sat 14:20 EST
    const raw = Buffer.from(`From: ${contact.email}\r\nTo: support@desk.example\r\nSubject: Re: [#${t.number}] Site down\r\nIn-Reply-To: <outbox.${receipt.id}@desk.example>\r\nMessage-ID: <night-reply@customer.example>\r\n\r\nStill down, nobody can work.\r\n`);
    const id = await storeInbound(desk.t.db, desk.clock, raw, { source: 'smtp', envelopeFrom: contact.email, envelopeTo: ['support@desk.example'] });
    const result = await processInbound({ ctx: desk.system, settings: emailSettingsFor('support@desk.example', 'OPS-COM'), inboundId: id! });
    assert.deepEqual([result?.status, result?.ticketId], ['appended', t.id]);

    const handed = await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
    assert.equal(handed.handedToOnCallAt?.toString(), '2026-12-05T19:20:00Z');
    // 14:20 + 15 min = 14:35 EST (19:35Z); 14:20 + 1 h = 15:20 EST (20:20Z).
    assert.deepEqual(handed.clocks.filter((c) => c.metric === 'triage' || c.metric === 'status_notification').map((c) => [c.metric, c.state, c.due?.toString()]), [
      ['triage', 'running', '2026-12-05T19:35:00Z'],
      ['status_notification', 'running', '2026-12-05T20:20:00Z'],
    ]);
    const { rows: pages } = await desk.t.db.query("SELECT 1 FROM outbox WHERE kind = 'oncall_page' AND payload->>'ticket_id' = $1", [t.id]);
    assert.ok(pages.length >= 1, 'on call is paged');

    // Sat 14:40 EST (19:40Z): the customer writes again on the thread. The ticket is on call's and
    // nobody holds it: what they wrote reaches on call by mail ("This support is provided by email and
    // is staffed by on-call personnel"), not only the queue nobody watches at night. Nobody is on call
    // in this desk, so the managers and admins, who were paged, hear it: admin@ and manager@.
    desk.clock.set('2026-12-05T19:40:00Z');
    const again = Buffer.from(`From: ${contact.email}\r\nTo: support@desk.example\r\nSubject: Re: [#${t.number}] Site down\r\nIn-Reply-To: <outbox.${receipt.id}@desk.example>\r\nMessage-ID: <night-reply-2@customer.example>\r\n\r\nThe error says certificate expired.\r\n`);
    const id2 = await storeInbound(desk.t.db, desk.clock, again, { source: 'smtp', envelopeFrom: contact.email, envelopeTo: ['support@desk.example'] });
    assert.equal((await processInbound({ ctx: desk.system, settings: emailSettingsFor('support@desk.example', 'OPS-COM'), inboundId: id2! }))?.status, 'appended');
    const { rows: heard } = await desk.t.db.query<{ recipient: string; subject: string; body: string }>(
      "SELECT recipient, subject, body FROM outbox WHERE kind = 'agent_reply_notice' AND payload->>'ticket_id' = $1 ORDER BY recipient", [t.id]);
    assert.deepEqual(heard.map((h) => h.recipient), ['admin@vendor.example', 'manager@vendor.example']);
    assert.equal(heard[0].subject, `[#${t.number}] Customer replied: Site down`);
    assert.match(heard[0].body, /wrote on ticket #\d+ "Site down" \(nobody holds it; it is with on call now\):\n\nThe error says certificate expired\./);
  });

  it('in support hours an unassigned ticket mails nobody when its customer writes: it is on the queue', async () => {
    // Mon 7 Dec 2026 10:00 EST (15:00Z): a critical email, unassigned; the customer writes again at 10:10.
    desk.clock.set('2026-12-07T15:00:00Z');
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Site down', description: 'x', channel: 'email', intake: { system_outage: true } } });
    desk.clock.set('2026-12-07T15:10:00Z');
    await addReply({ ctx: desk.ctx(org.contact), input: { ticketId: t.id, body: 'Any news?' } });
    const { rows } = await desk.t.db.query("SELECT 1 FROM outbox WHERE kind = 'agent_reply_notice' AND payload->>'ticket_id' = $1", [t.id]);
    assert.equal(rows.length, 0);
  });
});
