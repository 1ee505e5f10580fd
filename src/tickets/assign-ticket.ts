// Assigning a ticket to an agent (or unassigning it).
import { ConflictError, NotFoundError, type Actor, type Db } from '../platform/index.ts';
import { mailAssigned } from './agent-notices.ts';
import { writeEvent } from './store.ts';
import type { WriteScope } from './write-context.ts';

/** Refuses an assignee id that names no agent (one ticket's change or many: bulk-update.ts). */
export async function requireAssignee(tx: Db, assigneeId: string): Promise<void> {
  const { rows } = await tx.query<{ deactivated_at: Temporal.Instant | null }>('SELECT deactivated_at FROM agents WHERE id = $1', [assigneeId]);
  if (rows.length === 0) throw new NotFoundError('agent not found', [{ path: 'assigneeId', message: 'no such agent' }]);
  if (rows[0].deactivated_at) throw new ConflictError('that agent is deactivated', [{ path: 'assigneeId', message: 'is deactivated: assign someone on the team' }]);
}

export async function applyAssignee({ tx, ticket, now, policy }: WriteScope, actor: Actor, assigneeId: string | null): Promise<void> {
  if (ticket.assignee_id === assigneeId) return;
  // Closed is final (change-status.ts): nobody works a closed ticket.
  if (ticket.status === 'closed') throw new ConflictError('this ticket is closed; open a new ticket instead');
  if (assigneeId !== null) await requireAssignee(tx, assigneeId);
  const eventId = await writeEvent(tx, { ticketId: ticket.id, at: now, actor, type: 'assigned', visibility: 'internal', data: { from: ticket.assignee_id, to: assigneeId } });
  await tx.query('UPDATE tickets SET assignee_id = $2 WHERE id = $1', [ticket.id, assigneeId]);
  ticket.assignee_id = assigneeId;
  if (assigneeId !== null) await mailAssigned(tx, policy, ticket, { assigneeId, actor, eventId, now });
}
