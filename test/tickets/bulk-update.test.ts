// Changing several tickets at once (tickets/bulk-update.ts): each ticket is its own change, so a
// refused one (closed, not found) leaves the others done, and every ticket's result is answered.
// A closed ticket is final for one change as for many.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictError, ForbiddenError, NotFoundError } from '../../src/platform/index.ts';
import { bulkUpdateTickets, createTicket, getTicket, updateTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { refusalOf } from '../support/refusal.ts';

describe('bulk changes, OpenBack', () => {
  let desk: Desk;
  let org: Awaited<ReturnType<Desk['addOrganization']>>;
  before(async () => {
    desk = await openDesk('openback');
    org = await desk.addOrganization('enterprise');
  });
  after(() => desk.close());
  const open = (subject: string) => createTicket({ ctx: desk.ctx(org.contact), input: { subject, description: 'x', severity: 3 } });
  const agentId = () => (desk.agent as { id: string }).id;

  it('assigns and solves the open ones; a closed one and an unknown id are refused, each with its reason', async () => {
    const [a, b, closed] = [await open('A'), await open('B'), await open('C')];
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: closed.id, status: 'closed' } });
    const results = await bulkUpdateTickets({
      ctx: desk.ctx(desk.agent),
      input: { ticketIds: [a.id, closed.id, b.id, 'not-an-id', a.id], status: 'solved', assigneeId: agentId() },
    });
    assert.deepEqual(results, [
      { ticketId: a.id, number: a.number, ok: true },
      { ticketId: closed.id, number: closed.number, ok: false, code: 'conflict', message: 'this ticket is closed; open a new ticket instead' },
      { ticketId: b.id, number: b.number, ok: true },
      { ticketId: 'not-an-id', number: null, ok: false, code: 'not_found', message: 'ticket not found' },
    ]);
    for (const t of [a, b]) {
      const now = await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
      assert.deepEqual([now.status, now.assigneeId], ['solved', agentId()]);
    }
  });

  it('refuses the whole request for nothing to change, no tickets, too many, or an assignee who is no agent; contacts may not', async () => {
    const t = await open('D');
    assert.deepEqual((await refusalOf(bulkUpdateTickets({ ctx: desk.ctx(desk.agent), input: { ticketIds: [t.id] } }))).details, [
      { path: '', message: 'nothing to change: give a status, an assignee or tags' },
    ]);
    assert.deepEqual((await refusalOf(bulkUpdateTickets({ ctx: desk.ctx(desk.agent), input: { ticketIds: [], status: 'open' } }))).details, [
      { path: 'ticketIds', message: 'choose at least one ticket' },
    ]);
    assert.deepEqual((await refusalOf(bulkUpdateTickets({ ctx: desk.ctx(desk.agent), input: { ticketIds: Array.from({ length: 101 }, () => t.id), status: 'open' } }))).details, [
      { path: 'ticketIds', message: 'at most 100 tickets at once' },
    ]);
    await assert.rejects(bulkUpdateTickets({ ctx: desk.ctx(desk.agent), input: { ticketIds: [t.id], assigneeId: org.contactId } }), NotFoundError);
    await assert.rejects(bulkUpdateTickets({ ctx: desk.ctx(org.contact), input: { ticketIds: [t.id], status: 'solved' } }), ForbiddenError);
    assert.equal((await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } })).status, 'open');
  });

  it('a closed ticket is final: its severity and assignee are not changed, and nothing is written', async () => {
    const t = await open('E');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, status: 'closed' } });
    const events = async () => (await desk.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1', [t.id])).rows[0].n;
    const before = await events();
    await assert.rejects(updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 1, reason: 'Worse than thought' } }), ConflictError);
    await assert.rejects(updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, assigneeId: agentId() } }), ConflictError);
    const now = await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
    assert.deepEqual([now.severity, now.assigneeId, await events()], [3, null, before]);
  });
});
