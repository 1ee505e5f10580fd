// Status changes by agents. Waiting statuses pause clocks as the policy says; solved
// meets resolution; closed is final; solved -> open is a reopen.
import { ConflictError, type Actor, type Ctx } from '../platform/index.ts';
import type { TicketStatus } from '../policy/index.ts';
import { mailTicketResolved } from './customer-mail.ts';
import { baseView } from './view.ts';
import { requireAgent, writeEvent } from './store.ts';
import { writeOnTicket, type WriteScope } from './write-context.ts';

/**
 * When a status set by this write holds from: a mailed one (#pending, #solved, the customer's mail
 * reopening) from its arrival, as the clocks read it (recompute-clocks.ts historyOf), so the days a
 * solved ticket stays open to a reply (close-solved.ts) and a waiting one's reminder
 * (waiting-on-customer.ts) count from then; but from its writing when a colleague changed the
 * status after it arrived: it has held without a break only since then.
 */
export function statusSince({ ticket, now, received }: Pick<WriteScope, 'ticket' | 'now' | 'received'>): Temporal.Instant {
  if (!received) return now;
  return ticket.status_since && Temporal.Instant.compare(ticket.status_since, received) > 0 ? now : received;
}

/** `reason` goes on the event, for the customer too (Accord closing a ticket nobody answered says why). */
export async function applyStatus(scope: WriteScope, actor: Actor, to: TicketStatus, reason?: string): Promise<void> {
  const { tx, ticket, now, policy } = scope;
  if (ticket.status === to) return;
  if (ticket.status === 'closed') throw new ConflictError('this ticket is closed; open a new ticket instead');
  const reopening = ticket.status === 'solved' && to !== 'closed';
  await writeEvent(tx, { ticketId: ticket.id, at: now, actor, type: reopening ? 'reopened' : 'status_changed', visibility: 'public', data: { from: ticket.status, to, ...(reason ? { reason } : {}) } });
  const since = statusSince(scope);
  await tx.query('UPDATE tickets SET status = $2, solved_at = $3, status_since = $4 WHERE id = $1', [ticket.id, to, to === 'solved' ? since : to === 'closed' ? ticket.solved_at ?? since : null, since]);
  ticket.status = to;
  ticket.status_since = since;
  if (to === 'solved') await mailTicketResolved(tx, ticket, { now, closeAfterDays: policy.closeSolvedAfterDays });
}

export async function changeStatus({ ctx, input }: { ctx: Ctx; input: { ticketId: string; status: TicketStatus } }) {
  requireAgent(ctx.actor, 'change a ticket\'s status');
  return writeOnTicket(ctx, input.ticketId, async (scope) => {
    await applyStatus(scope, ctx.actor, input.status);
    return baseView(scope.ticket);
  });
}
