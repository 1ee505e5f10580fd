// A mailed request held for review (OpenBack Enterprise: from a contact who is not a named support
// contact) stays one conversation in the sender's mail client: the answer that it is held, and once
// an agent accepts it the new case's mail, answer their message (In-Reply-To, References); and their
// reply to the "held for review" mail, written after the request was accepted, goes on that case
// instead of being held again as a new request. (QA: the held answer came as a thread of its own, and
// a reply to it, after acceptance, was held a second time.)
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { listHeldRequests, reviewHeldRequest } from '../../src/tickets/index.ts';
import { deliverDueMail, type ComposedMail, type MailSender } from '../../src/email/index.ts';
import { openMailDesk, type MailDesk } from './support.ts';

const mail = (lines: string[], text: string) => Buffer.from([...lines, 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n'));

describe("a held mailed request's answers are on the sender's thread, and a reply to them reaches the case it became", () => {
  let m: MailDesk;
  const sent: ComposedMail[] = [];
  const sender: MailSender = { kind: 'capture', send: async (composed) => (sent.push(composed), { sent: true }), close: () => {} };
  const deliver = () => deliverDueMail({ ctx: m.desk.system, settings: { email: m.settings, sender, random: () => 0 } });
  const toNat = () => sent.filter((s) => s.to === 'nat@customer.example');

  before(async () => {
    m = await openMailDesk('openback', '2026-12-07T10:00:00Z');
    await m.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [
      randomUUID(), m.org1, 'nat@customer.example', 'Nat Notnamed', m.desk.clock.now(),
    ]);
  });
  after(() => m.desk.close());

  it('held, accepted, replied to: one thread, one case', async () => {
    const first = await m.deliver(mail(['From: nat@customer.example', 'To: support@desk.example', 'Subject: App crashes', 'Message-ID: <nat-1@customer.example>'], 'It crashes at start.'));
    assert.equal(first.status, 'held', first.outcome);
    await deliver();
    const [heldAnswer] = toNat();
    assert.equal(heldAnswer.subject, 'Received, held for review: App crashes');
    // Their message is the one answered, and the only one in the thread so far.
    assert.equal(heldAnswer.headers['In-Reply-To'], '<nat-1@customer.example>');
    assert.equal(heldAnswer.headers.References, '<nat-1@customer.example>');

    const held = (await listHeldRequests({ ctx: m.desk.ctx(m.desk.manager), input: {} })).items.find((h) => (h.request as { subject?: string }).subject === 'App crashes');
    const { ticket } = await reviewHeldRequest({ ctx: m.desk.ctx(m.desk.manager), input: { heldRequestId: held!.id, decision: 'accept' } });
    assert.ok(ticket);
    await deliver();
    const receipt = toNat().find((s) => s.subject.startsWith(`[#${ticket.number}]`));
    assert.ok(receipt, 'the case is acknowledged to them');
    // compose.ts: the ticket's root, then the customer's messages; the latest is answered.
    assert.equal(receipt.headers['In-Reply-To'], '<nat-1@customer.example>');
    assert.equal(receipt.headers.References, `<ticket.${ticket.id}@desk.example> <nat-1@customer.example>`);

    // They answer the "held for review" mail (its subject has no case number) after it was accepted.
    const reply = await m.deliver(mail([
      'From: nat@customer.example', 'To: support@desk.example', 'Subject: Re: Received, held for review: App crashes', 'Message-ID: <nat-2@customer.example>',
      `In-Reply-To: ${heldAnswer.messageId}`, `References: <nat-1@customer.example> ${heldAnswer.messageId}`,
    ], 'It is version 4.2 on Android 14.'));
    assert.equal(reply.status, 'appended', reply.outcome);
    assert.equal(reply.ticketId, ticket.id);
  });
});
