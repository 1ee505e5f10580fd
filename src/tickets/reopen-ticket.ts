// Reopening a solved ticket: clocks resume with the solved period not counted.
import { ConflictError, type Ctx } from '../platform/index.ts';
import { applyStatus } from './change-status.ts';
import { emitTicketUpdated } from './webhook-events.ts';
import { writeOnTicket } from './write-context.ts';
import type { TicketRefInput } from './schemas.ts';

export async function reopenTicket({ ctx, input }: { ctx: Ctx; input: TicketRefInput }): Promise<void> {
  await writeOnTicket(ctx, input.ticketId, async (scope) => {
    if (scope.ticket.status !== 'solved') throw new ConflictError(`only a solved ticket can be reopened (this one is ${scope.ticket.status})`);
    const before = { ...scope.ticket };
    await applyStatus(scope, ctx.actor, 'open');
    await emitTicketUpdated(scope.tx, before, scope.ticket, scope.now, null);
  });
}
