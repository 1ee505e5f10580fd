// The mail telling a customer their case was regraded (tickets/regrade-mail.ts) goes out like their
// other mail about it: through the outbox, answering their own message on the case's thread
// (In-Reply-To, References), marked automatic and with the desk's X-Loop, once; a reply to it goes on
// the case. OpenBack (seed 005): severity 3 "Minor", severity 2 "Major". (QA: a customer who wrote
// only by email never heard their case was regraded.)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deliverDueMail, type ComposedMail, type MailSender } from '../../src/email/index.ts';
import { updateTicket } from '../../src/tickets/index.ts';
import { openMailDesk, type MailDesk } from './support.ts';

const mail = (lines: string[], text: string) => Buffer.from([...lines, 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n'));

describe("a regrade's mail is on the customer's thread", () => {
  let m: MailDesk;
  const sent: ComposedMail[] = [];
  const sender: MailSender = { kind: 'capture', send: async (composed) => (sent.push(composed), { sent: true }), close: () => {} };
  const deliver = () => deliverDueMail({ ctx: m.desk.system, settings: { email: m.settings, sender, random: () => 0 } });

  before(async () => {
    m = await openMailDesk('openback', '2026-12-07T10:00:00Z');
  });
  after(() => m.desk.close());

  it('mailed request, regraded Minor -> Major: one mail, threaded on their message, automatic, X-Loop; their reply goes on the case', async () => {
    const opened = await m.deliver(mail(['From: contact1@customer.example', 'To: support@desk.example', 'Subject: Export broken', 'Message-ID: <req-1@customer.example>'], 'The export fails.'));
    assert.equal(opened.status, 'created', opened.outcome);
    await deliver();
    sent.length = 0;

    const { rows: [t] } = await m.desk.t.db.query<{ number: string }>('SELECT number FROM tickets WHERE id = $1', [opened.ticketId]);
    await updateTicket({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: opened.ticketId!, severity: 2, reason: 'Every export fails, for all users' } });
    await deliver();
    await deliver();
    const told = sent.filter((s) => s.to === 'contact1@customer.example');
    assert.equal(told.length, 1, 'sent once');
    const [regraded] = told;
    assert.equal(regraded.subject, `Re: [#${t.number}] Export broken`);
    assert.match(regraded.text, new RegExp(`^The severity of case #${t.number} "Export broken" is now severity 2 \\(Major\\); it was severity 3 \\(Minor\\)\\.\n\nReason: Every export fails, for all users\n\n`));
    assert.equal(regraded.headers['In-Reply-To'], '<req-1@customer.example>');
    assert.equal(regraded.headers.References, `<ticket.${opened.ticketId}@desk.example> <req-1@customer.example>`);
    assert.equal(regraded.headers['X-Loop'], 'support@desk.example');
    assert.equal(regraded.headers['Auto-Submitted'], 'auto-generated');

    const reply = await m.deliver(mail([
      'From: contact1@customer.example', 'To: support@desk.example', `Subject: Re: [#${t.number}] Export broken`, 'Message-ID: <req-2@customer.example>',
      `In-Reply-To: ${regraded.messageId}`, `References: <req-1@customer.example> ${regraded.messageId}`,
    ], 'Thanks, it is indeed every export.'));
    assert.equal(reply.status, 'appended', reply.outcome);
    assert.equal(reply.ticketId, opened.ticketId);
  });
});
