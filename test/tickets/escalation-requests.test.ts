// An escalation request (tickets/request-escalation.ts) is taken only on a case still being worked.
// A reply to a solved case reopens it and one to a closed case is refused ("open a new ticket
// instead", add-reply.ts): an escalation request says the same. One on a ticket merged into another
// names where the conversation went, as the merged ticket's own page does.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addReply, createTicket, escalationEventsOf, listTicketEvents, markEscalationUnwarranted, mergeTicket, requestEscalation, setTicketCcs, solveTicket, updateTicket,
} from '../../src/tickets/index.ts';
import { openDesk, type Desk, type Organization } from '../support/desk.ts';

describe('an escalation request on a case no longer being worked, OpenBack', () => {
  let desk: Desk;
  let org: Organization;
  before(async () => {
    desk = await openDesk('openback', '2026-12-02T10:00:00Z');
    org = await desk.addOrganization('pro');
  });
  after(() => desk.close());

  const open = async (subject: string) => (await createTicket({ ctx: desk.ctx(org.contact), input: { subject, description: 'x', severity: 3 } })).id;
  const ask = (ticketId: string, who = org.contact) => requestEscalation({ ctx: desk.ctx(who), input: { ticketId, reason: 'Please escalate' } });
  const asked = async (ticketId: string) => (await listTicketEvents({ ctx: desk.ctx(desk.agent), input: { ticketId } })).filter((e) => e.type === 'escalation_requested').length;

  it('waiting on the customer or a third party, it is still taken', async () => {
    for (const status of ['pending_customer', 'pending_third_party'] as const) {
      const id = await open(`Waiting ${status}`);
      await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: id, status } });
      assert.equal((await ask(id)).type, 'escalation_requested');
    }
  });

  it('solved: refused (409), reply to reopen it; after the reply it is taken', async () => {
    const id = await open('Solved too soon');
    await solveTicket({ ctx: desk.ctx(org.contact), input: { ticketId: id } });
    await assert.rejects(ask(id), {
      code: 'conflict', message: 'this case is solved: reply to it to reopen it, then ask for it to be escalated if it still needs to be',
      details: [{ path: 'ticketId', message: 'is solved' }],
    });
    // An agent recording it for them is told the same, of a ticket.
    await assert.rejects(ask(id, desk.agent), { code: 'conflict', message: 'this ticket is solved: reply to it to reopen it, then ask for it to be escalated if it still needs to be' });
    assert.equal(await asked(id), 0, 'nothing written');
    await addReply({ ctx: desk.ctx(org.contact), input: { ticketId: id, body: 'It is back' } });
    assert.equal((await ask(id)).type, 'escalation_requested');
  });

  it('closed: refused (409), open a new case, as a reply there is', async () => {
    const id = await open('Closed');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: id, status: 'closed' } });
    await assert.rejects(ask(id), { code: 'conflict', message: 'this case is closed; open a new case instead', details: [{ path: 'ticketId', message: 'is closed' }] });
    await assert.rejects(addReply({ ctx: desk.ctx(org.contact), input: { ticketId: id, body: 'x' } }), { code: 'conflict', message: 'this ticket is closed; open a new ticket instead' });
    assert.equal(await asked(id), 0);
  });

  it('merged: refused (409), naming the ticket the conversation goes on on, through a merge of merges', async () => {
    const [a, b, c] = [await open('First'), await open('Second'), await open('Third')];
    await mergeTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: a, intoTicketId: b } });
    const numberOf = async (id: string) => (await desk.t.db.query<{ number: string }>('SELECT number FROM tickets WHERE id = $1', [id])).rows[0].number;
    const [nb, nc] = [await numberOf(b), await numberOf(c)];
    await assert.rejects(ask(a), {
      code: 'conflict', message: `this case was merged into case #${nb}: ask for the escalation there, where the conversation continues`,
      details: [{ path: 'ticketId', message: `was merged into case #${nb}` }],
    });
    // b merged on into c: a's conversation now goes on on c, which is named.
    await mergeTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: b, intoTicketId: c } });
    await assert.rejects(ask(a, desk.agent), { code: 'conflict', message: `this ticket was merged into ticket #${nc}: ask for the escalation there, where the conversation continues` });
    assert.equal(await asked(a), 0);
    assert.equal((await ask(c)).type, 'escalation_requested');
  });

  it('asked on a ticket then merged: read on the ticket merged into (agents only), marked there, not on the one merged away', async () => {
    const [asked, into] = [await open('Asked here'), await open('Merged into')];
    await ask(asked);
    await mergeTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: asked, intoTicketId: into } });
    // The request, on the ticket it was asked on, and the merge that brought it, on the one merged into.
    const read = await escalationEventsOf({ ctx: desk.ctx(desk.agent), input: { ticketId: into } });
    assert.deepEqual(read.map((e) => [e.type, e.ticketId]), [['escalation_requested', asked], ['merged_from', into]]);
    await assert.rejects(escalationEventsOf({ ctx: desk.ctx(org.contact), input: { ticketId: into } }), { code: 'forbidden' });
    const numberOfInto = (await desk.t.db.query<{ number: string }>('SELECT number FROM tickets WHERE id = $1', [into])).rows[0].number;
    await assert.rejects(markEscalationUnwarranted({ ctx: desk.ctx(desk.agent), input: { ticketId: asked, reason: 'no issue' } }), {
      code: 'conflict', message: `this ticket was merged into ticket #${numberOfInto}: the escalations asked for on it are marked there`,
    });
    assert.equal((await markEscalationUnwarranted({ ctx: desk.ctx(desk.agent), input: { ticketId: into, reason: 'no issue' } })).count, 1);
  });

  it('an agent records one the customer asked for by phone: for the requester unless another on the case is named, who is recorded', async () => {
    const id = await open('They called');
    const recorded = await requestEscalation({ ctx: desk.ctx(desk.agent), input: { ticketId: id, reason: 'They called: release blocked' } });
    assert.deepEqual([recorded.actor, recorded.data], [{ kind: 'agent', id: (desk.agent as { id: string }).id }, { asked_by: org.contactId }]);
    // The customer reads whom it was recorded for (CONTACT_DATA_FIELDS).
    const seen = (await listTicketEvents({ ctx: desk.ctx(org.contact), input: { ticketId: id } })).find((e) => e.type === 'escalation_requested')!;
    assert.deepEqual(seen.data, { asked_by: org.contactId });
    // A colleague copied on it may be named; one who is not on the case may not.
    const other = await desk.addOrganization('pro');
    const { rows: [colleague] } = await desk.t.db.query<{ id: string }>(
      "INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES (gen_random_uuid(), $1, 'colleague@customer.example', 'Colleague', true, $2) RETURNING id",
      [org.id, desk.clock.now()],
    );
    await assert.rejects(requestEscalation({ ctx: desk.ctx(desk.agent), input: { ticketId: id, reason: 'x', askedBy: colleague.id } }), {
      code: 'invalid_input', details: [{ path: 'askedBy', message: 'must be the requester or a contact copied on the ticket' }],
    });
    await assert.rejects(requestEscalation({ ctx: desk.ctx(desk.agent), input: { ticketId: id, reason: 'x', askedBy: other.contactId } }), { code: 'invalid_input' });
    await setTicketCcs({ ctx: desk.ctx(desk.agent), input: { ticketId: id, contactIds: [colleague.id] } });
    const forColleague = await requestEscalation({ ctx: desk.ctx(desk.agent), input: { ticketId: id, reason: 'Their manager called', askedBy: colleague.id } });
    assert.deepEqual(forColleague.data, { asked_by: colleague.id });
    // A contact asks for themselves: naming another is refused, naming themselves is their own request.
    await assert.rejects(ask(id, { kind: 'contact', id: org.contactId, organizationId: org.id }).then(() => requestEscalation({ ctx: desk.ctx(org.contact), input: { ticketId: id, reason: 'x', askedBy: colleague.id } })), {
      code: 'invalid_input', details: [{ path: 'askedBy', message: 'is for an agent recording the request of someone on the case' }],
    });
    assert.deepEqual((await requestEscalation({ ctx: desk.ctx(org.contact), input: { ticketId: id, reason: 'x', askedBy: org.contactId } })).data, {});
  });
});
