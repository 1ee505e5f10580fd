// listWebhooks: every webhook, oldest first, without secrets. Managers and admins.
import { decodeCursor, toPage } from '../platform/pagination.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import type { Page } from '../platform/pagination.ts';
import { requireWebhookReader } from './permissions.ts';
import { toWebhook, WEBHOOK_COLUMNS } from './rows.ts';
import { ListWebhooksInput } from './schemas.ts';
import type { Webhook } from './schemas.ts';

export async function listWebhooks({ ctx, input }: { ctx: Ctx; input: ListWebhooksInput }): Promise<Page<Webhook>> {
  requireWebhookReader(ctx.actor);
  const value = parseInput(ListWebhooksInput, input);
  const after = value.cursor ? decodeCursor(value.cursor) : null;
  const { rows } = await ctx.db.query(
    `SELECT ${WEBHOOK_COLUMNS} FROM webhook_endpoints
     WHERE ($1::timestamptz IS NULL OR (created_at, id) > ($1, $2::uuid))
     ORDER BY created_at, id LIMIT $3`,
    [after?.createdAt ?? null, after?.id ?? null, value.limit + 1],
  );
  return toPage(rows.map(toWebhook), value.limit);
}
