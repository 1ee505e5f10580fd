// A reply to a closed ticket opens a new one that follows it up, OpenBack: the new ticket's
// timeline says which it follows up ("follow_up_of"), the closed one's says where it went on
// ("followed_up"), for agents and the customer alike. Over the API, a follow-up names a closed
// ticket of the same organization, or is refused naming the field.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../../src/platform/index.ts';
import { createTicket, getTicket, listTicketEvents, updateTicket } from '../../src/tickets/index.ts';
import { openMailDesk, type MailDesk } from './support.ts';

describe('a reply to a closed ticket follows it up, OpenBack', () => {
  let m: MailDesk;
  before(async () => {
    m = await openMailDesk();
  });
  after(() => m.desk.close());

  it('opens a new ticket linked both ways', async () => {
    await updateTicket({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id, status: 'closed' } });
    m.desk.clock.advance({ hours: 240 });
    const reply = Buffer.from(`From: contact1@customer.example\r\nTo: support@desk.example\r\nSubject: Re: [#${m.ticket.number}] Keys fail\r\nIn-Reply-To: <outbox.${m.receiptId}@desk.example>\r\nMessage-ID: <again@customer.example>\r\n\r\nIt is back.\r\n`);
    const r = await m.deliver(reply);
    assert.equal(r.status, 'created');
    assert.notEqual(r.ticketId, m.ticket.id);
    assert.match(r.outcome, new RegExp(`Ticket #${m.ticket.number} is closed; a new request instead, following it up: opened ticket #\\d+`));
    const fresh = await listTicketEvents({ ctx: m.desk.ctx(m.contact1), input: { ticketId: r.ticketId! } });
    const link = fresh.find((e) => e.type === 'follow_up_of')!;
    assert.deepEqual([link.visibility, link.data], ['public', { ticket_id: m.ticket.id, number: m.ticket.number, subject: 'Keys fail' }]);
    const old = await listTicketEvents({ ctx: m.desk.ctx(m.contact1), input: { ticketId: m.ticket.id } });
    const back = old.find((e) => e.type === 'followed_up')!;
    const made = await getTicket({ ctx: m.desk.system, input: { ticketId: r.ticketId! } });
    assert.deepEqual([back.visibility, back.data], ['public', { ticket_id: made.id, number: made.number, subject: made.subject }]);
  });

  it('refuses a follow-up of a ticket still open, or of another organization, naming the field', async () => {
    const open = await createTicket({ ctx: m.desk.ctx(m.contact1), input: { subject: 'Open one', description: 'x', severity: 3 } });
    await assert.rejects(createTicket({ ctx: m.desk.ctx(m.contact1), input: { subject: 'Again', description: 'x', severity: 3, followUpOf: open.id } }), (e: InvalidInputError) => {
      assert.deepEqual(e.details, [{ path: 'followUpOf', message: 'is not a closed ticket of this organization' }]);
      return true;
    });
    const theirs = await m.desk.addOrganization('enterprise');
    const closed = await createTicket({ ctx: m.desk.ctx(theirs.contact), input: { subject: 'Theirs', description: 'x', severity: 3 } });
    await updateTicket({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: closed.id, status: 'closed' } });
    await assert.rejects(createTicket({ ctx: m.desk.ctx(m.contact1), input: { subject: 'Again', description: 'x', severity: 3, followUpOf: closed.id } }), InvalidInputError);
  });
});
