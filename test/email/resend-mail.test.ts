// Mail that did not arrive, sent again (tickets/resend-mail.ts), OpenBack: a reply with a file that
// the customer's server refused for good; an admin corrects their address; an agent sends the very
// reply again, and it goes to the corrected address, threaded on the ticket, with its file, once.
// The timeline says so for the team; the ticket no longer counts the customer as unheard; the mail
// list links the two. Mail that arrived, mail to the vendor's own people, a message sent again
// already, another ticket's or no message, a contact who left, and a contact asking are refused.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { updateContact } from '../../src/customers/index.ts';
import { deliverDueMail, listTicketMail, smtpSender, type MailSender } from '../../src/email/index.ts';
import { addReply, createTicket, listTicketEvents, resendMail, updateTicket } from '../../src/tickets/index.ts';
import { customerUnheard } from '../../src/tickets/waiting-on-customer.ts';
import { startSink, type Sink } from './sink.ts';
import { openMailDesk, type MailDesk } from './support.ts';

describe('mail that did not arrive, sent again, OpenBack', () => {
  let m: MailDesk;
  let sink: Sink;
  let sender: MailSender;
  let reply = '';
  let copy = '';
  const deliverOut = () => deliverDueMail({ ctx: m.desk.system, settings: { email: m.settings, sender, random: () => 0 } });
  const later = (minutes: number) => m.desk.clock.set(m.desk.clock.now().add({ minutes }));
  const mailOf = async (ticketId = m.ticket.id) => (await listTicketMail({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId } })).items;
  const refused = (input: { ticketId: string; mailId: string }, code: string, message?: RegExp, who = m.desk.agent) =>
    assert.rejects(resendMail({ ctx: m.desk.ctx(who), input }), (e: { code: string; message: string }) => {
      assert.equal(e.code, code);
      if (message) assert.match(e.message, message);
      return true;
    });

  before(async () => {
    m = await openMailDesk();
    sink = await startSink();
    sender = smtpSender(sink.url, { timeoutMs: 5_000 });
    await m.desk.t.db.query("UPDATE outbox SET status = 'sent', sent_at = created_at WHERE status = 'pending'");
  });
  after(async () => {
    sender.close();
    await sink.close();
    await m.desk.close();
  });

  it("a refused reply is offered to be sent again to the customer's address, and once it is corrected, to the new one", async () => {
    later(5);
    await addReply({
      ctx: m.desk.ctx(m.desk.agent),
      input: { ticketId: m.ticket.id, body: 'Please load this key file.', status: 'pending_customer', files: [{ filename: 'door.key', contentType: 'text/plain', content: new TextEncoder().encode('KEY-42\n') }] },
    });
    sink.refuseWith = 550;
    await deliverOut();
    sink.refuseWith = null;
    const [failed] = (await mailOf()).filter((x) => x.kind === 'ticket_reply');
    reply = failed.id;
    assert.deepEqual([failed.state, failed.recipient, failed.resendTo, failed.resentAs, failed.resentOf], ['failed', 'contact1@customer.example', 'contact1@customer.example', null, null]);
    assert.equal(await customerUnheard(m.desk.t.db, m.ticket.id), true, 'waiting on a customer who never heard');
    later(5);
    await updateContact({ ctx: m.desk.ctx(m.desk.admin), input: { contactId: m.contact1.id, email: 'pat@customer-new.example' } });
    assert.equal((await mailOf()).find((x) => x.id === reply)!.resendTo, 'pat@customer-new.example');
  });

  it('sends the very reply again, to the corrected address, threaded on the ticket, with its file; the timeline says so for the team', async () => {
    later(5);
    const resent = await resendMail({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id, mailId: reply } });
    copy = resent.mailId;
    assert.deepEqual([resent.recipient, resent.before], ['pat@customer-new.example', 'contact1@customer.example']);
    // With it, the notice to the new address that it is theirs now (customers/update-contact.ts).
    assert.deepEqual(await deliverOut(), { sent: 2, retrying: 0, failed: 0, suppressed: 0 });
    const mail = sink.received.slice(-2).find((r) => r.subject.startsWith('Re: '))!;
    assert.deepEqual(sink.received.slice(-2).map((r) => r.subject).sort(), [`Re: [#${m.ticket.number}] Keys fail`, 'Your address for support was changed']);
    assert.deepEqual(mail.to, ['pat@customer-new.example']);
    assert.equal(mail.subject, `Re: [#${m.ticket.number}] Keys fail`);
    assert.match(mail.text, /^Please load this key file\./);
    assert.equal(mail.headers.get('x-accord-ticket'), String(m.ticket.number));
    assert.match(mail.raw, /Content-Disposition: attachment; filename=door\.key/);
    const events = await listTicketEvents({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id } });
    const entry = events.at(-1)!;
    assert.deepEqual([entry.type, entry.visibility, entry.data], ['mail_resent', 'internal', {
      outbox_id: copy, of: reply, kind: 'ticket_reply', recipient: 'pat@customer-new.example', before: 'contact1@customer.example',
    }]);
    const theirs = await listTicketEvents({ ctx: m.desk.ctx(m.contact1), input: { ticketId: m.ticket.id } });
    assert.equal(theirs.some((e) => e.type === 'mail_resent'), false, 'the customer sees none of it');
    const list = await mailOf();
    const [original, again] = [list.find((x) => x.id === reply)!, list.find((x) => x.id === copy)!];
    assert.deepEqual([original.resentAs, original.resendTo], [copy, null]);
    assert.deepEqual([again.state, again.resentOf, again.resendTo], ['sent', reply, null]);
    assert.equal(await customerUnheard(m.desk.t.db, m.ticket.id), false, 'they have it now: their silence counts again');
  });

  it('refuses mail that arrived, mail to the team, a message sent again already, another ticket\'s or none, a contact who left, and a contact asking', async () => {
    const T = m.desk.ctx(m.desk.agent);
    await refused({ ticketId: m.ticket.id, mailId: reply }, 'conflict', /sent again already/);
    await refused({ ticketId: m.ticket.id, mailId: copy }, 'conflict', /did not fail/);
    await refused({ ticketId: m.ticket.id, mailId: m.receiptId }, 'conflict', /did not fail/);
    // A notice to an agent that their server refused: the team's own mail, left to the outbox's record.
    const notice = randomUUID();
    await m.desk.t.db.query(
      `INSERT INTO outbox (id, kind, recipient, subject, body, payload, created_at, status, last_error)
       VALUES ($1, 'agent_assigned', 'agent@vendor.example', 'Assigned', 'Yours.', jsonb_build_object('ticket_id', $2::text), $3, 'failed', '550 no such user')`,
      [notice, m.ticket.id, m.desk.clock.now()],
    );
    await refused({ ticketId: m.ticket.id, mailId: notice }, 'conflict', /only mail to the customer/);
    const other = await createTicket({ ctx: T, input: { subject: 'Another', description: 'x', severity: 3, requesterId: m.contact1.id } });
    await refused({ ticketId: other.id, mailId: reply }, 'not_found');
    await refused({ ticketId: m.ticket.id, mailId: randomUUID() }, 'not_found');
    await refused({ ticketId: m.ticket.id, mailId: 'nope' }, 'not_found');
    await refused({ ticketId: m.ticket.id, mailId: reply }, 'forbidden', undefined, m.contact1);
    // A reply to someone who then left the customer.
    const id = randomUUID();
    await m.desk.t.db.query(
      `INSERT INTO outbox (id, kind, recipient, subject, body, payload, created_at, status, last_error)
       VALUES ($1, 'ticket_reply', 'pat@customer-new.example', 'Re: Keys fail', 'Any news?', jsonb_build_object('ticket_id', $2::text), $3, 'failed', '550 no such user')`,
      [id, m.ticket.id, m.desk.clock.now()],
    );
    await updateTicket({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id, status: 'open' } });
    await updateContact({ ctx: m.desk.ctx(m.desk.admin), input: { contactId: m.contact1.id, active: false } });
    await refused({ ticketId: m.ticket.id, mailId: id }, 'conflict', /left the customer/);
  });
});
