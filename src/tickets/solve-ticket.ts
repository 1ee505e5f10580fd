// The customer says their problem is solved ("it works now, thanks"): the ticket is solved as an
// agent would solve it (its resolution met, the solved mail to its readers, the period before it
// closes begins), with the reason on the public event. Its requester and the people copied on it
// may (the ones its mail goes to); an agent may too, as with a status change. An open or waiting
// ticket only: a solved one is solved already, a closed one is final.
import { ConflictError, ForbiddenError, type Ctx } from '../platform/index.ts';
import { isReader } from './ccs.ts';
import { applyStatus } from './change-status.ts';
import type { TicketRefInput } from './schemas.ts';
import { emitTicketUpdated } from './webhook-events.ts';
import { writeOnTicket } from './write-context.ts';

export const CUSTOMER_SOLVED = 'the customer confirmed it is solved';

export async function solveTicket({ ctx, input }: { ctx: Ctx; input: TicketRefInput }): Promise<void> {
  await writeOnTicket(ctx, input.ticketId, async (scope) => {
    const actor = ctx.actor;
    if (actor.kind === 'contact' && !(await isReader(scope.tx, scope.ticket, actor.id))) {
      throw new ForbiddenError('only the requester and the people copied on the ticket mark it solved');
    }
    if (scope.ticket.status === 'solved' || scope.ticket.status === 'closed') throw new ConflictError(`this ticket is ${scope.ticket.status} already`);
    const before = { ...scope.ticket };
    const reason = actor.kind === 'contact' ? CUSTOMER_SOLVED : undefined;
    await applyStatus(scope, actor, 'solved', reason);
    await emitTicketUpdated(scope.tx, before, scope.ticket, scope.now, reason ?? null);
  });
}
