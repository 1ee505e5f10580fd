// Mail about a ticket that did not reach its customer, OpenBack (tickets/undelivered-mail.ts): a
// reply their mail server refused for good, a receipt that bounced later. Each is an internal entry
// on the ticket's timeline, once per message, and the agent who holds the ticket is mailed; mail
// to the vendor's own people that fails is left to the outbox's record. The customer sees none of it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deliverDueMail, listTicketMail, smtpSender, type MailSender } from '../../src/email/index.ts';
import { eraseWords } from '../../src/privacy/index.ts';
import { addReply, listTicketEvents, updateTicket } from '../../src/tickets/index.ts';
import { startSink, type Sink } from './sink.ts';
import { openMailDesk, type MailDesk } from './support.ts';

const id = (a: unknown) => (a as { id: string }).id;

/** A mail desk and an SMTP server on loopback for the suite (its before and after hooks). */
function deskWithSink(): { m: MailDesk; sink: Sink; sender: MailSender } {
  const state = {} as { m: MailDesk; sink: Sink; sender: MailSender };
  before(async () => {
    state.m = await openMailDesk();
    state.sink = await startSink();
    state.sender = smtpSender(state.sink.url, { timeoutMs: 5_000 });
  });
  after(async () => {
    state.sender.close();
    await state.sink.close();
    await state.m.desk.close();
  });
  return state;
}

describe('mail that did not reach the customer, OpenBack', () => {
  const s = deskWithSink();
  let m: MailDesk;
  let sink: Sink;
  let sender: MailSender;
  before(() => ({ m, sink, sender } = s));
  const deliverOut = () => deliverDueMail({ ctx: m.desk.system, settings: { email: m.settings, sender, random: () => 0 } });
  const undelivered = async (who = m.desk.manager) =>
    (await listTicketEvents({ ctx: m.desk.ctx(who), input: { ticketId: m.ticket.id } })).filter((e) => e.type === 'mail_undelivered');
  const notices = async () =>
    (await m.desk.t.db.query<{ recipient: string; subject: string; body: string }>("SELECT recipient, subject, body FROM outbox WHERE kind = 'agent_mail_undelivered' ORDER BY created_at, id")).rows;


  it('a reply the customer\'s mail server refuses for good is on the timeline for the team, and the agent who holds the ticket is mailed; the failed notice to that agent is not', async () => {
    await updateTicket({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id, assigneeId: id(m.desk.agent) } });
    // The receipt went out earlier; only what follows is sent now.
    await m.desk.t.db.query("UPDATE outbox SET status = 'sent' WHERE kind = 'ticket_received'");
    await addReply({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id, body: 'Please restart the encoder.' } });
    const { rows: [reply] } = await m.desk.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'ticket_reply'");
    sink.refuseWith = 550;
    const run = await deliverOut();
    assert.equal(run.sent, 0);
    const [entry] = await undelivered();
    assert.deepEqual([entry.visibility, entry.actor, entry.data.outbox_id, entry.data.recipient, entry.data.kind, entry.data.how], [
      'internal', { kind: 'system', id: null }, reply.id, 'contact1@customer.example', 'ticket_reply', 'failed',
    ]);
    assert.match(String(entry.data.reason), /550/);
    assert.equal((await undelivered()).length, 1, 'the assignment notice to the agent that failed too is not a customer\'s mail');
    const [notice] = await notices();
    assert.equal(notice.recipient, 'agent@vendor.example');
    assert.equal(notice.subject, `[#${m.ticket.number}] Mail to contact1@customer.example did not arrive: Keys fail`);
    assert.match(notice.body, new RegExp(`^Our mail to contact1@customer\\.example on ticket #${m.ticket.number} "Keys fail" \\(a reply\\) did not arrive: their mail server refused it \\(.*550.*\\)\\.\\n\\nThey may not know what it said: reach them another way, or have their address corrected and send it again from the mail listed on the ticket\\.`));
    assert.deepEqual(await undelivered(m.contact1), [], 'the customer sees none of it');
    sink.refuseWith = null;
  });

  it('a receipt that bounces later is on the timeline with the bounce\'s reason, once however many times it bounces', async () => {
    const first = await m.deliver(m.fixture('24-dsn-standard-postfix.eml'));
    assert.equal(first.status, 'bounce');
    const entry = (await undelivered()).find((e) => e.data.outbox_id === m.receiptId)!;
    assert.deepEqual([entry.data.kind, entry.data.how, entry.data.reason], [
      'ticket_received', 'bounced', '5.1.1 smtp; 550 5.1.1 <gone@customer.example>: Recipient address rejected: User unknown',
    ]);
    const again = await m.deliver(Buffer.from(m.fixture('24-dsn-standard-postfix.eml').toString('latin1').replace('<dsn-24@mx.customer.example>', '<dsn-24b@mx.customer.example>'), 'latin1'));
    assert.equal(again.status, 'bounce');
    assert.equal((await undelivered()).filter((e) => e.data.outbox_id === m.receiptId).length, 1);
    assert.deepEqual((await notices()).map((n) => n.subject), [
      `[#${m.ticket.number}] Mail to contact1@customer.example did not arrive: Keys fail`,
      `[#${m.ticket.number}] Mail to contact1@customer.example did not arrive: Keys fail`,
    ], 'one notice for each message that did not arrive');
  });

  it("an erasure takes the address and the server's reason off these entries: of the person's, wherever their mail failed", async () => {
    const erase = (ticketIds: string[], person: { contactId: string; email: string; placeholder: string } | null) =>
      m.desk.t.db.transaction((tx) => eraseWords(tx, { ticketIds, person, now: m.desk.clock.now(), actor: { kind: 'system' }, note: 'test' }));
    // The person only (no ticket named): the entries of mail that failed at their address.
    await erase([], { contactId: m.contact1.id, email: 'contact1@customer.example', placeholder: 'erased-contact@invalid' });
    const entries = await undelivered();
    assert.equal(entries.length, 2);
    assert.deepEqual(entries.map((e) => [e.data.recipient, e.data.reason, e.data.kind, e.data.how]), [
      [undefined, undefined, 'ticket_reply', 'failed'], [undefined, undefined, 'ticket_received', 'bounced'],
    ], 'what kind of mail failed, and how, stays');
  });
});

describe("a ticket's mail and where each delivery stands, OpenBack", () => {
  const s = deskWithSink();
  let m: MailDesk;
  let sink: Sink;
  let sender: MailSender;
  before(() => ({ m, sink, sender } = s));

  it('lists every message about the ticket, newest first: sent, refused, returned, waiting; agents only', async () => {
    const at = (iso: string) => m.desk.clock.set(iso);
    // 10:00 the receipt (queued when the ticket opened); sent at 10:01.
    at('2026-12-02T10:01:00Z');
    await deliverDueMail({ ctx: m.desk.system, settings: { email: m.settings, sender, random: () => 0 } });
    // 10:05 a reply, refused for good.
    at('2026-12-02T10:05:00Z');
    await addReply({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id, body: 'Please restart the encoder.' } });
    sink.refuseWith = 550;
    await deliverDueMail({ ctx: m.desk.system, settings: { email: m.settings, sender, random: () => 0 } });
    // 10:10 another reply, the server busy (421): waiting, tried once, next in a minute (the first retry).
    at('2026-12-02T10:10:00Z');
    await addReply({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id, body: 'Any luck?' } });
    sink.refuseWith = 421;
    await deliverDueMail({ ctx: m.desk.system, settings: { email: m.settings, sender, random: () => 0 } });
    sink.refuseWith = null;
    // Then the receipt is returned.
    assert.equal((await m.deliver(m.fixture('24-dsn-standard-postfix.eml'))).status, 'bounce');

    const { items, total } = await listTicketMail({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id } });
    assert.equal(total, 3);
    assert.deepEqual(items.map((i) => [i.kindName, i.recipient, i.state, i.attempts, i.sentAt?.toString() ?? null, i.nextAttemptAt?.toString() ?? null]), [
      ['Reply to the customer', 'contact1@customer.example', 'waiting', 1, null, '2026-12-02T10:11:00Z'],
      ['Reply to the customer', 'contact1@customer.example', 'failed', 1, null, null],
      ['Receipt to the customer', 'contact1@customer.example', 'bounced', 1, '2026-12-02T10:01:00Z', null],
    ]);
    assert.match(String(items[0].error), /421/);
    assert.match(String(items[1].error), /550/);
    assert.equal(items[2].bounceReason, '5.1.1 smtp; 550 5.1.1 <gone@customer.example>: Recipient address rejected: User unknown');
    assert.deepEqual((await listTicketMail({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id, limit: 1 } })).items.length, 1);
    await assert.rejects(listTicketMail({ ctx: m.desk.ctx(m.contact1), input: { ticketId: m.ticket.id } }), { code: 'forbidden' });
  });
});
