// A customer's escalation request is answered by someone (escalated, or marked unwarranted: OpenBack
// counts "unwarranted and repeated support request escalations"), so someone must hear of it: the
// ticket's assignee and followers, else the managers and admins, as a bad rating is told
// (agent-notices.ts). Never the agent who recorded it for the customer.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTicket, followTicket, requestEscalation, updateTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk, type Organization } from '../support/desk.ts';

describe('an escalation request is told to whoever answers it, OpenBack', () => {
  let desk: Desk;
  let org: Organization;
  before(async () => {
    desk = await openDesk('openback', '2026-12-02T10:00:00Z');
    org = await desk.addOrganization('pro');
  });
  after(() => desk.close());

  const idOf = (a: unknown) => (a as { id: string }).id;
  const open = async (subject: string) => (await createTicket({ ctx: desk.ctx(org.contact), input: { subject, description: 'x', severity: 2 } })).id;
  const mails = async (ticketId: string) =>
    (await desk.t.db.query<{ recipient: string; subject: string; body: string }>(
      "SELECT recipient, subject, body FROM outbox WHERE kind = 'agent_escalation_request_notice' AND payload->>'ticket_id' = $1 ORDER BY recipient", [ticketId])).rows;

  it('held by nobody: the managers and admins, with who asked and why', async () => {
    const id = await open('Exports failing');
    await requestEscalation({ ctx: desk.ctx(org.contact), input: { ticketId: id, reason: 'Our month-end close depends on it' } });
    const sent = await mails(id);
    assert.deepEqual(sent.map((m) => m.recipient), ['admin@vendor.example', 'manager@vendor.example']);
    assert.match(sent[0].subject, /^\[#\d+\] Escalation asked for: Exports failing$/);
    assert.match(sent[0].body, /^Contact 1 <contact1@customer\.example> of Org 1 asked for ticket #\d+ "Exports failing" to be escalated:\n\nOur month-end close depends on it\n\nEscalate it, or mark the request unwarranted, on the ticket's page\./);
  });

  it('held by an agent and followed by another: those two, not the managers', async () => {
    const id = await open('Push delays');
    await updateTicket({ ctx: desk.ctx(desk.manager), input: { ticketId: id, assigneeId: idOf(desk.agent) } });
    await followTicket({ ctx: desk.ctx(desk.escalation), input: { ticketId: id, follow: true } });
    await requestEscalation({ ctx: desk.ctx(org.contact), input: { ticketId: id, reason: 'Campaign tomorrow' } });
    assert.deepEqual((await mails(id)).map((m) => m.recipient), ['agent@vendor.example', 'escalation@vendor.example']);
  });

  it('recorded by the agent who holds it (the customer phoned): the follower is told, not the agent who wrote it down', async () => {
    const id = await open('Segments empty');
    await updateTicket({ ctx: desk.ctx(desk.manager), input: { ticketId: id, assigneeId: idOf(desk.agent) } });
    await followTicket({ ctx: desk.ctx(desk.escalation), input: { ticketId: id, follow: true } });
    await requestEscalation({ ctx: desk.ctx(desk.agent), input: { ticketId: id, reason: 'Asked by phone' } });
    const sent = await mails(id);
    assert.deepEqual(sent.map((m) => m.recipient), ['escalation@vendor.example']);
    assert.match(sent[0].body, /to be escalated \(recorded by an agent\):\n\nAsked by phone/);
  });
});
