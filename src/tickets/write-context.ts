// The shared shape of a write on an existing ticket: lock it for this actor, run the
// change, stamp it, and re-project its clocks, all in one transaction.
import type { Ctx, Db } from '../platform/index.ts';
import type { PolicyModel } from '../policy/index.ts';
import { policyVersion } from '../policy-versions/index.ts';
import { recomputeClocks } from './recompute-clocks.ts';
import { ticketForActor, touchTicket, type TicketRow } from './store.ts';

export type WriteScope = { tx: Db; ticket: TicketRow; now: Temporal.Instant; policy: PolicyModel };

export async function writeOnTicket<T>(ctx: Ctx, ticketId: string, change: (scope: WriteScope) => Promise<T>): Promise<T> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const ticket = await ticketForActor(tx, ctx.actor, ticketId, true);
    const policy = await policyVersion(tx, ticket.policy_version);
    const result = await change({ tx, ticket, now, policy });
    await touchTicket(tx, ticket.id, now);
    const { rows } = await tx.query<TicketRow>('SELECT * FROM tickets WHERE id = $1', [ticket.id]);
    await recomputeClocks(tx, rows[0], policy, now);
    return result;
  });
}
