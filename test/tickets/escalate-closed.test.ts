// Work goes up the escalation ladder (OPS-COM: front line -> escalation manager -> ...) on a ticket
// still being worked: a closed ticket is not escalated, and one merged into another is escalated
// where it went, named (its conversation and work go on there), as a customer's request is told.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTicket, escalateTicket, getTicket, mergeTicket, updateTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk, type Organization } from '../support/desk.ts';

describe('escalating a ticket no longer worked, OPS-COM', () => {
  let desk: Desk;
  let org: Organization;
  before(async () => {
    // Wednesday 2 December 2026 15:00 UTC is 10:00 EST: support open.
    desk = await openDesk('opscom', '2026-12-02T15:00:00Z');
    org = await desk.addOrganization('premium');
  });
  after(() => desk.close());

  const open = async (subject: string) => (await createTicket({ ctx: desk.ctx(org.contact), input: { subject, description: 'x' } })).id;
  const escalate = (ticketId: string) => escalateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId, reason: 'A bug in the permit export' } });

  it('closed: refused (409), the level unchanged', async () => {
    const id = await open('Permit export broken');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: id, status: 'closed' } });
    await assert.rejects(escalate(id), { code: 'conflict', message: 'this ticket is closed: a closed ticket is not escalated', details: [{ path: 'ticketId', message: 'is closed' }] });
    assert.equal((await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: id } })).escalationLevel, null);
  });

  it('merged: refused (409), naming the ticket it went into; that one is escalated', async () => {
    const a = await open('Export fails (first mail)');
    const b = await open('Export fails (second mail)');
    await mergeTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: a, intoTicketId: b } });
    const into = await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: b } });
    await assert.rejects(escalate(a), {
      code: 'conflict', message: `this ticket was merged into ticket #${into.number}: escalate that one`,
      details: [{ path: 'ticketId', message: `was merged into ticket #${into.number}` }],
    });
    // The first rung of OPS-COM's ladder above the front line: the escalation manager.
    assert.equal((await escalate(b)).escalationLevel, 'escalation');
  });
});
