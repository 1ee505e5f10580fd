// listSubscribers: who receives the page's notices and the notice lists' (managers and admins).
import { parseInput, type Ctx } from '../platform/index.ts';
import { z } from 'zod';
import { requireSubscriberReader } from './permissions.ts';
import type { Subscription } from './schemas.ts';

const ListSubscribersInput = z.strictObject({ list: z.string().min(1).max(100).optional(), limit: z.number().int().min(1).max(1000).default(200) });

export async function listSubscribers({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListSubscribersInput> }): Promise<Subscription[]> {
  requireSubscriberReader(ctx.actor);
  const v = parseInput(ListSubscribersInput, input);
  const { rows } = await ctx.db.query<any>(
    `SELECT id, list, email, component_ids, confirmed_at, unsubscribed_at, created_at FROM status_subscribers
     WHERE ($1::text IS NULL OR list = $1) ORDER BY created_at, id LIMIT ${v.limit}`,
    [v.list ?? null],
  );
  return rows.map((r) => ({
    id: r.id, list: r.list, email: r.email, componentIds: r.component_ids, confirmedAt: r.confirmed_at, unsubscribedAt: r.unsubscribed_at, createdAt: r.created_at,
  }));
}
