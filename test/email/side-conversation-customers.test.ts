// A side conversation is the team's with a third party, never the customer's, OpenBack: no contact of
// the ticket's organization may be written to in one (nor written on once one in it became theirs),
// one answering in its thread is held, and mail to the customer never threads on a third party's answer.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { captureSender, deliverDueMail, listCapturedMail, takeIntoSideConversation } from '../../src/email/index.ts';
import { createContact } from '../../src/customers/index.ts';
import { addReply, listTicketEvents, sendSideMessage } from '../../src/tickets/index.ts';
import { openMailDesk, type MailDesk } from './support.ts';

describe("a side conversation never reaches the customer's people, OpenBack", () => {
  let m: MailDesk;
  before(async () => {
    m = await openMailDesk();
  });
  after(() => m.desk.close());

  const agent = () => m.desk.ctx(m.desk.agent);
  const mail = (from: string, lines: string[], text: string) => Buffer.from([
    `From: ${from}`, 'To: support@desk.example', ...lines, 'Content-Type: text/plain; charset=utf-8', '', text, '',
  ].join('\r\n'));
  const sideMessageIdOf = async (eventId: string) =>
    (await m.desk.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'side_message' AND payload->>'event_id' = $1 ORDER BY recipient LIMIT 1", [eventId])).rows[0].id;

  it("refuses any contact of the ticket's organization, not only those on the ticket, and refuses writing on once one in it became theirs", async () => {
    // Bea is a named contact of the ticket's organization, on no ticket.
    await assert.rejects(sendSideMessage({ ctx: agent(), input: { ticketId: m.ticket.id, to: 'Colleague@customer.example', body: 'Psst' } }), (e: { code: string; details: Array<{ path: string; message: string }> }) => {
      assert.deepEqual([e.code, e.details.map((d) => d.path)], ['invalid_input', ['to']]);
      assert.match(e.details[0].message, /is a contact of the ticket's organization: copy them on the ticket and write to them with a reply/);
      return true;
    });
    await assert.rejects(sendSideMessage({ ctx: agent(), input: { ticketId: m.ticket.id, to: 'sam@partner.example', alsoTo: ['colleague@customer.example'], body: 'Psst' } }), { code: 'invalid_input' });
    // Taken in while a stranger; later one of the customer's people: nothing more is sent.
    const first = await sendSideMessage({ ctx: agent(), input: { ticketId: m.ticket.id, to: 'sam@partner.example', alsoTo: ['lee@partner.example'], body: 'Seen this?' } });
    await createContact({ ctx: m.desk.ctx(m.desk.manager), input: { organizationId: m.org1, email: 'lee@partner.example', name: 'Lee Hired', namedContact: false } });
    const before = (await m.desk.t.db.query("SELECT 1 FROM outbox WHERE kind = 'side_message'")).rows.length;
    await assert.rejects(sendSideMessage({ ctx: agent(), input: { ticketId: m.ticket.id, conversationId: String(first.data.conversation_id), body: 'Any news?' } }), (e: { code: string; details: Array<{ path: string; message: string }> }) => {
      assert.deepEqual([e.code, e.details.map((d) => d.path)], ['conflict', ['alsoFrom']]);
      assert.match(e.details[0].message, /^lee@partner\.example is a contact of the ticket's organization: leave them out of the conversation first$/);
      return true;
    });
    assert.equal((await m.desk.t.db.query("SELECT 1 FROM outbox WHERE kind = 'side_message'")).rows.length, before);
  });

  it("a contact of the organization answering in a side conversation's thread is held, never put on the ticket as their reply; an admin cannot take them in", async () => {
    const sent = await sendSideMessage({ ctx: agent(), input: { ticketId: m.ticket.id, to: 'kim@partner.example', body: 'Between us: is the firmware late?' } });
    const outboxId = await sideMessageIdOf(sent.id);
    const held = await m.deliver(mail('colleague@customer.example', [`In-Reply-To: <outbox.${outboxId}@desk.example>`, 'Message-ID: <bea.1@customer.example>', 'Subject: Re: Keys fail'], 'What firmware?'), 'colleague@customer.example');
    assert.equal(held.status, 'held');
    assert.match(held.outcome, /^Held for review: colleague@customer\.example, a contact of the ticket's organization, answered in the side conversation "Keys fail" on ticket #\d+, which is the team's only/);
    const { rows: [row] } = await m.desk.t.db.query<{ side_conversation_id: string | null }>('SELECT side_conversation_id FROM inbound_messages WHERE id = $1', [held.id]);
    assert.equal(row.side_conversation_id, null, 'no take-in offered');
    const replies = (await listTicketEvents({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id } })).filter((e) => e.type === 'reply');
    assert.ok(!replies.some((e) => e.body === 'What firmware?'));
    // A stranger held in the thread who became one of the customer's people since: not taken in.
    const stranger = await m.deliver(mail('pat@partner.example', [`In-Reply-To: <outbox.${outboxId}@desk.example>`, 'Message-ID: <pat.1@partner.example>', 'Subject: Re: Keys fail'], 'Late, yes.'), 'pat@partner.example');
    assert.equal(stranger.status, 'held');
    await createContact({ ctx: m.desk.ctx(m.desk.manager), input: { organizationId: m.org1, email: 'pat@partner.example', name: 'Pat Hired', namedContact: false } });
    await assert.rejects(takeIntoSideConversation({ ctx: m.desk.ctx(m.desk.admin), settings: m.settings, input: { inboundId: stranger.id } }), { code: 'invalid_input' });
  });

  it("mail to the customer never threads on a third party's answer: only their own people's Message-IDs", async () => {
    const sent = await sendSideMessage({ ctx: agent(), input: { ticketId: m.ticket.id, to: 'sam@partner.example', body: 'And the keys?' } });
    const outboxId = await sideMessageIdOf(sent.id);
    const answered = await m.deliver(mail('sam@partner.example', [`In-Reply-To: <outbox.${outboxId}@desk.example>`, 'Message-ID: <sam.secret@exch01.partner.example>', 'Subject: Re: Keys fail'], 'Shipping Friday.'), 'sam@partner.example');
    assert.equal(answered.status, 'appended');
    // The customer writes by mail, then the agent answers them.
    const theirs = await m.deliver(mail('contact1@customer.example', [`Subject: Re: [#${m.ticket.number}] Keys fail`, 'Message-ID: <c1.2@customer.example>'], 'Any news?'), 'contact1@customer.example');
    assert.equal(theirs.status, 'appended');
    const reply = await addReply({ ctx: agent(), input: { ticketId: m.ticket.id, body: 'Soon.' } });
    await m.desk.t.db.query("UPDATE outbox SET status = 'sent' WHERE status = 'pending' AND NOT (kind = 'ticket_reply' AND payload->>'event_id' = $1)", [reply.id]);
    await deliverDueMail({ ctx: m.desk.system, settings: { email: m.settings, sender: captureSender(m.desk.t.db, m.desk.clock), random: () => 0 } });
    const [captured] = (await listCapturedMail(m.desk.t.db)).filter((c) => c.subject.includes('Keys fail') && c.text?.startsWith('Soon.'));
    const header = (name: string) => (captured.headers as Array<[string, string]>).filter(([k]) => k.toLowerCase() === name).map(([, v]) => v).join(' ');
    assert.match(header('references'), /<c1\.2@customer\.example>/);
    assert.doesNotMatch(`${header('references')} ${header('in-reply-to')}`, /exch01\.partner\.example/);
  });
});
