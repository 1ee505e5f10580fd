// Another person of the same organization becomes the ticket's requester: the agent logged a
// call for the wrong colleague, or the person who asked has left the customer (deactivated) and a
// colleague carries on. Same organization only, so the plan, the clocks and who may read the
// ticket do not change; an active contact only. The mail goes to the new requester from then on.
// A public event says who asks now; a closed ticket is final.
import { ConflictError, InvalidInputError, type Actor } from '../platform/index.ts';
import { writeEvent } from './store.ts';
import type { WriteScope } from './write-context.ts';

export async function applyRequester({ tx, ticket, now }: WriteScope, actor: Actor, requesterId: string): Promise<void> {
  if (ticket.requester_id === requesterId) return;
  if (ticket.status === 'closed') throw new ConflictError('this ticket is closed; open a new ticket instead');
  const { rows } = await tx.query('SELECT 1 FROM contacts WHERE id = $1 AND organization_id = $2 AND deactivated_at IS NULL', [requesterId, ticket.organization_id]);
  if (rows.length === 0) {
    throw new InvalidInputError("The requester must be someone at the ticket's organization", [{ path: 'requesterId', message: "is not an active contact of the ticket's organization" }]);
  }
  await writeEvent(tx, { ticketId: ticket.id, at: now, actor, type: 'requester_changed', visibility: 'public', data: { from: ticket.requester_id, to: requesterId } });
  await tx.query('UPDATE tickets SET requester_id = $2 WHERE id = $1', [ticket.id, requesterId]);
  // The new requester is no longer merely copied.
  await tx.query('DELETE FROM ticket_ccs WHERE ticket_id = $1 AND contact_id = $2', [ticket.id, requesterId]);
  ticket.requester_id = requesterId;
}
