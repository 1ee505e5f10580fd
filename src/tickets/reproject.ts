// Moving open tickets onto the active policy version, a batch at a time (the policy-reproject job
// calls this; ADR 0011). Each ticket is claimed by a conditional update on the version it was
// found on, in its own short transaction: two workers never move the same ticket, a crash leaves
// the rest for the next batch, and no ticket is locked longer than its own re-projection. A ticket
// another transaction holds (the other worker, or an agent's change) is skipped, not waited for:
// workers that found the same batch then share it instead of queueing behind each other's locks,
// and the ticket is taken by a later batch. The
// move keeps the time already used (clocks still start when the ticket opened; only the targets
// change) and is on the ticket's timeline. A clock ended before (a regrade stopped owing it once
// breached or met) stays as it ended, under the version it was owed under; one the new version no
// longer owes ends the same way, by this move (ended-clocks.ts).
import type { Ctx } from '../platform/index.ts';
import { activePolicy, markReprojected } from '../policy-versions/index.ts';
import { recomputeClocks } from './recompute-clocks.ts';
import { writeEvent, type TicketRow } from './store.ts';
import { writeTime } from './write-context.ts';

export const REPROJECT_BATCH = 50;

/** Where a pass over the old-version tickets has got to: the last ticket looked at, in index order. */
export type ReprojectCursor = { version: number; id: string };

/**
 * Re-projects up to `limit` open tickets onto the active version, reading on from `after` (a pass
 * reads the index once, never again over the tickets it has moved). `left` is false once none
 * remain; `after` is where the next batch reads on from, null to start a new pass (tickets skipped
 * as held by another transaction are still on an old version).
 */
export async function reprojectBatch({ ctx, limit = REPROJECT_BATCH, after = null }: { ctx: Ctx; limit?: number; after?: ReprojectCursor | null }): Promise<{ version: number; moved: number; left: boolean; after: ReprojectCursor | null }> {
  const active = await activePolicy(ctx.db);
  const { rows: found } = await ctx.db.query<{ id: string; policy_version: number }>(
    `SELECT id, policy_version FROM tickets WHERE status <> 'closed' AND policy_version < $1 ${after ? 'AND (policy_version, id) > ($3, $4)' : ''}
     ORDER BY policy_version, id LIMIT $2`,
    after ? [active.version, limit, after.version, after.id] : [active.version, limit],
  );
  let moved = 0;
  for (const f of found) {
    const claimed = await ctx.db.transaction(async (tx) => {
      // The move need not wait for its commit to reach the disk: lost in a crash, the ticket is
      // still on its old version and the next pass moves it again. So its lock is not held through
      // a flush (a slow one, under a checkpoint, held tickets past 100 ms in bench:scale).
      await tx.exec('SET LOCAL synchronous_commit TO off');
      const { rows } = await tx.query<TicketRow>(
        `UPDATE tickets SET policy_version = $3
         WHERE id = (SELECT id FROM tickets WHERE id = $1 AND policy_version = $2 AND status <> 'closed' FOR UPDATE SKIP LOCKED) RETURNING *`,
        [f.id, f.policy_version, active.version],
      );
      if (!rows[0]) return false; // another worker moved it or holds it, or it closed meanwhile
      const now = writeTime(ctx.clock, rows[0]);
      await writeEvent(tx, { ticketId: f.id, at: now, actor: ctx.actor, type: 'policy_changed', visibility: 'internal', data: { from: f.policy_version, to: active.version } });
      await recomputeClocks(tx, rows[0], active.model, now);
      return true;
    });
    if (claimed) moved++;
  }
  // A full batch may have more behind it; a short one ends the pass, the last unless a ticket is still on an old version.
  const last = found.at(-1);
  if (found.length === limit && last) return { version: active.version, moved, left: true, after: { version: last.policy_version, id: last.id } };
  const left = await stillOld(ctx, active.version);
  if (!left) await markReprojected(ctx.db, active.version, ctx.clock.now());
  return { version: active.version, moved, left, after: null };
}

async function stillOld(ctx: Ctx, version: number): Promise<boolean> {
  const { rows } = await ctx.db.query("SELECT 1 FROM tickets WHERE status <> 'closed' AND policy_version < $1 LIMIT 1", [version]);
  return rows.length > 0;
}
