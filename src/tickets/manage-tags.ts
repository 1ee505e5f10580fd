// The team's tags as a whole: which are in use and on how many tickets (agents), and tidying them
// (managers and admins): a tag renamed ("bilingl" to "billing") or merged into another (renamed
// to one in use), or removed from every ticket. Each ticket changed gets its own internal
// tags_changed event, as a change by hand would, under its own row lock (tickets in id order, so
// two tidies never deadlock); a ticket that already has the new name simply loses the old one.
import { z } from 'zod';
import { MANAGERS, requireAgentRole } from '../customers/index.ts';
import { parseInput, type Ctx } from '../platform/index.ts';
import { requireAgent } from './store.ts';
import { changeTags, Tag } from './tags.ts';

export type TagUse = { tag: string; open: number; total: number };

/** Agents: every tag in use, most used first, with how many open (not closed) tickets have it. */
export async function listTags({ ctx }: { ctx: Ctx }): Promise<TagUse[]> {
  requireAgent(ctx.actor, 'list tags');
  const { rows } = await ctx.db.query<{ tag: string; open: number; total: number }>(
    `SELECT k.tag, count(*) FILTER (WHERE t.status <> 'closed')::int AS open, count(*)::int AS total
     FROM ticket_tags k JOIN tickets t ON t.id = k.ticket_id GROUP BY k.tag ORDER BY total DESC, k.tag`,
  );
  return rows.map((r) => ({ tag: r.tag, open: Number(r.open), total: Number(r.total) }));
}

export const RetagInput = z.strictObject({ tag: Tag, to: Tag.nullable() });
export type RetagInput = z.input<typeof RetagInput>;

/**
 * Managers: `tag` becomes `to` on every ticket that has it (a merge when `to` is in use), or is
 * removed from every ticket (`to: null`). Answers how many tickets changed.
 */
export async function retag({ ctx, input }: { ctx: Ctx; input: RetagInput }): Promise<{ tickets: number }> {
  requireAgentRole(ctx.actor, MANAGERS, 'rename or remove tags');
  const { tag, to } = parseInput(RetagInput, input);
  if (tag === to) return { tickets: 0 };
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      'SELECT id FROM tickets WHERE id IN (SELECT ticket_id FROM ticket_tags WHERE tag = $1) ORDER BY id FOR UPDATE',
      [tag],
    );
    for (const t of rows) await changeTags(tx, t, { add: to ? [to] : [], remove: [tag] }, now, ctx.actor);
    return { tickets: rows.length };
  });
}
