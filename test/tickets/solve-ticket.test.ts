// The customer marks their ticket solved (tickets/solve-ticket.ts), on OpenBack: its requester or
// a person copied on it; the resolution is met as an agent's solve meets it, the solved mail goes
// to its readers, and the period before it closes begins. Not a colleague who is neither; not a
// ticket solved or closed already; another organization does not find it.
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictError, ForbiddenError, NotFoundError, type Actor } from '../../src/platform/index.ts';
import { createTicket, getTicket, listTicketEvents, setTicketCcs, solveTicket, updateTicket } from '../../src/tickets/index.ts';
import { suiteDesk } from '../support/desk.ts';

describe('the customer marks a ticket solved, OpenBack', () => {
  const s = suiteDesk('openback', 'enterprise', '2026-12-02T10:00:00Z');
  const open = (subject: string) => createTicket({ ctx: s.desk.ctx(s.org.contact), input: { subject, description: 'x', severity: 3 } });
  const colleague = async (): Promise<Actor & { kind: 'contact' }> => {
    const id = randomUUID();
    await s.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [
      id, s.org.id, `${id}@customer.example`, 'Colleague', s.desk.clock.now(),
    ]);
    return { kind: 'contact', id, organizationId: s.org.id };
  };

  it('the requester solves it: a public event with the reason, the solved mail, and when it closes', async () => {
    const t = await open('Works now');
    await updateTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, status: 'pending_customer' } });
    s.desk.clock.set('2026-12-02T12:00:00Z');
    await solveTicket({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id } });
    const seen = await getTicket({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id } });
    assert.deepEqual([seen.status, seen.solvedAt?.toString(), seen.closesAt?.toString()], ['solved', '2026-12-02T12:00:00Z', '2026-12-09T12:00:00Z']);
    const last = (await listTicketEvents({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id } })).at(-1)!;
    assert.deepEqual([last.type, last.actor.kind, last.data], ['status_changed', 'contact', { from: 'pending_customer', to: 'solved', reason: 'the customer confirmed it is solved' }]);
    const { rows } = await s.desk.t.db.query("SELECT 1 FROM outbox WHERE kind = 'ticket_resolved' AND payload->>'ticket_id' = $1", [t.id]);
    assert.equal(rows.length, 1);
    await assert.rejects(solveTicket({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id } }), { name: 'ConflictError', message: 'this ticket is solved already' });
  });

  it('a person copied may; a colleague who is neither may not; another organization does not find it; closed is final', async () => {
    const t = await open('Copied solves');
    const [copied, bystander] = [await colleague(), await colleague()];
    await setTicketCcs({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, contactIds: [copied.id] } });
    await assert.rejects(solveTicket({ ctx: s.desk.ctx(bystander), input: { ticketId: t.id } }), ForbiddenError);
    await solveTicket({ ctx: s.desk.ctx(copied), input: { ticketId: t.id } });
    assert.equal((await getTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id } })).status, 'solved');
    const other = await s.desk.addOrganization('pro');
    await assert.rejects(solveTicket({ ctx: s.desk.ctx(other.contact), input: { ticketId: t.id } }), NotFoundError);
    const closed = await open('Closed');
    await updateTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: closed.id, status: 'closed' } });
    await assert.rejects(solveTicket({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: closed.id } }), ConflictError);
  });
});
