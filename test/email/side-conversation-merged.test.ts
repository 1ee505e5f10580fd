// A side conversation of a ticket merged into another goes on there, OpenBack: the supplier's answer
// to a message of the merged ticket lands on the open one, writing on threads on all of it, and
// erasing the merged ticket's words erases its conversation's subject where it now is.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deliverDueMail, smtpSender, type MailSender } from '../../src/email/index.ts';
import { ERASED, eraseWords } from '../../src/privacy/index.ts';
import { createTicket, listSideConversations, listTicketEvents, mergeTicket, sendSideMessage } from '../../src/tickets/index.ts';
import { startSink, type Sink } from './sink.ts';
import { openMailDesk, type MailDesk } from './support.ts';

describe('a side conversation of a merged ticket goes on on the ticket it was merged into, OpenBack', () => {
  let m: MailDesk;
  let sink: Sink;
  let sender: MailSender;
  let into: { id: string; number: number };
  const deliverOut = () => deliverDueMail({ ctx: m.desk.system, settings: { email: m.settings, sender, random: () => 0 } });
  const later = (minutes: number) => m.desk.clock.set(m.desk.clock.now().add({ minutes }));
  const sideMail = async () => (await m.desk.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'side_message' ORDER BY created_at, id")).rows.map((r) => r.id);
  const sides = async (ticketId: string) =>
    (await listTicketEvents({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId } })).filter((e) => e.type.startsWith('side_')).map((e) => [e.type, e.body]);

  before(async () => {
    m = await openMailDesk();
    sink = await startSink();
    sender = smtpSender(sink.url, { timeoutMs: 5_000 });
    const t = await createTicket({ ctx: m.desk.ctx(m.contact1), input: { subject: 'Keys fail on door 4 too', description: 'Same as before.', severity: 3 } });
    into = { id: t.id, number: t.number };
    await m.desk.t.db.query("UPDATE outbox SET status = 'sent' WHERE status = 'pending'");
  });
  after(async () => {
    sender.close();
    await sink.close();
    await m.desk.close();
  });

  it("the supplier's answer to a message of the merged ticket lands on the open one; writing on threads on all of it", async () => {
    later(1);
    const first = await sendSideMessage({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id, to: 'sam@partner.example', body: 'Encoders on 2.1?' } });
    const conversationId = String(first.data.conversation_id);
    await deliverOut();
    later(5);
    await mergeTicket({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id, intoTicketId: into.id } });
    const [ours] = await sideMail();
    later(30);
    const answered = Buffer.from([
      'From: sam@partner.example', 'To: support@desk.example', 'Subject: Re: Keys fail', `In-Reply-To: <outbox.${ours}@desk.example>`, 'Message-ID: <sam7@partner.example>', '',
      'Yes, 2.1 is affected.',
    ].join('\r\n'));
    const r = await m.deliver(answered);
    assert.equal(r.status, 'appended');
    assert.match(r.outcome, new RegExp(`^Added to ticket #${into.number} as sam@partner\\.example's answer in the side conversation "Keys fail"`));
    // Our message stays where it was written; their answer is on the case the team works now.
    assert.deepEqual(await sides(m.ticket.id), [['side_message', 'Encoders on 2.1?']]);
    assert.deepEqual(await sides(into.id), [['side_reply', 'Yes, 2.1 is affected.']]);
    assert.deepEqual(await listSideConversations({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id } }), []);
    const [conversation] = await listSideConversations({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: into.id } });
    assert.deepEqual([conversation.id, conversation.sent, conversation.received, conversation.earlierOn], [conversationId, 1, 1, [{ ticketId: m.ticket.id, number: m.ticket.number }]]);
    // The agent who wrote on the merged ticket hears of the answer.
    const { rows: notices } = await m.desk.t.db.query<{ recipient: string; payload: { ticket_id: string } }>("SELECT recipient, payload FROM outbox WHERE kind = 'agent_side_reply_notice'");
    assert.deepEqual(notices.map((n) => [n.recipient, n.payload.ticket_id]), [['agent@vendor.example', into.id]]);
    // Written on from the merged ticket: refused; from the open one: threaded on our first message and their answer.
    await assert.rejects(sendSideMessage({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id, conversationId, body: 'Hi' } }), { code: 'conflict' });
    later(5);
    await sendSideMessage({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: into.id, conversationId, body: 'Thanks: which build fixes it?' } });
    const second = (await sideMail()).at(-1)!;
    await deliverOut();
    const mail = sink.received.find((x) => x.messageId === `<outbox.${second}@desk.example>`)!;
    assert.equal(mail.headers.get('in-reply-to'), '<sam7@partner.example>');
    assert.deepEqual([mail.headers.get('references')].flat(), [`<outbox.${ours}@desk.example>`, '<sam7@partner.example>']);
  });

  it("erasing the merged ticket's words erases the subject of its conversation, now on the other ticket", async () => {
    await m.desk.t.db.transaction((tx) => eraseWords(tx, { ticketIds: [m.ticket.id], person: null, now: m.desk.clock.now(), actor: { kind: 'system' }, note: 'test' }));
    const [conversation] = await listSideConversations({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: into.id } });
    assert.equal(conversation.subject, ERASED);
    assert.deepEqual(await sides(m.ticket.id), [['side_message', ERASED]]);
  });
});
