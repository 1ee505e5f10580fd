// A new policy version: every ticket not yet closed moves to it and its clocks are
// re-projected, keeping the time already used. Each move is on the ticket's timeline.
import type { Ctx } from '../platform/index.ts';
import type { PolicyModel } from '../policy/index.ts';
import { recomputeClocks } from './recompute-clocks.ts';
import { writeEvent, type TicketRow } from './store.ts';

export async function reprojectOpenTickets({ ctx, version, policy }: { ctx: Ctx; version: number; policy: PolicyModel }): Promise<number> {
  const now = ctx.clock.now();
  const { rows } = await ctx.db.query<TicketRow>("SELECT * FROM tickets WHERE status <> 'closed' AND policy_version <> $1 FOR UPDATE", [version]);
  for (const t of rows) {
    await ctx.db.query('UPDATE tickets SET policy_version = $2 WHERE id = $1', [t.id, version]);
    await writeEvent(ctx.db, { ticketId: t.id, at: now, actor: ctx.actor, type: 'policy_changed', visibility: 'internal', data: { from: t.policy_version, to: version } });
    await recomputeClocks(ctx.db, { ...t, policy_version: version }, policy, now);
  }
  return rows.length;
}
