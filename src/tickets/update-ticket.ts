// PATCH a ticket: status, assignee, requester and severity (with a reason) in one transaction.
import { parseInput, type Ctx } from '../platform/index.ts';
import { applyAssignee } from './assign-ticket.ts';
import { applyStatus } from './change-status.ts';
import { applySeverity } from './regrade-ticket.ts';
import { applyRequester } from './requester.ts';
import { UpdateTicketInput } from './schemas.ts';
import { requireAgent } from './store.ts';
import { emitTicketUpdated } from './webhook-events.ts';
import { writeOnTicket } from './write-context.ts';

/** `at`: when an agent's mailed change (#note with a status) reached the desk (writeOnTicket). */
export async function updateTicket({ ctx, input, at }: { ctx: Ctx; input: UpdateTicketInput; at?: Temporal.Instant }): Promise<void> {
  await writeOnTicket(ctx, input.ticketId, async (scope) => {
    // Looked up first: another organization's ticket is 404 for a contact, whatever the body.
    requireAgent(ctx.actor, 'change tickets');
    const data = parseInput(UpdateTicketInput, input);
    const before = { ...scope.ticket };
    if (data.severity !== undefined) await applySeverity(scope, ctx.actor, data.severity, data.reason!);
    if (data.assigneeId !== undefined) await applyAssignee(scope, ctx.actor, data.assigneeId);
    if (data.requesterId !== undefined) await applyRequester(scope, ctx.actor, data.requesterId);
    if (data.status !== undefined) await applyStatus(scope, ctx.actor, data.status);
    // The regrade reason is shown to the customer; a status or assignee change has none.
    await emitTicketUpdated(scope.tx, before, scope.ticket, scope.now, before.severity !== scope.ticket.severity ? data.reason ?? null : null);
  }, at);
}
