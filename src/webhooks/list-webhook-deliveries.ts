// listWebhookDeliveries: a webhook's deliveries, newest first, with their status, attempts and
// last error (optionally one status only). Managers and admins.
import { decodeCursor, toPage } from '../platform/pagination.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import type { Page } from '../platform/pagination.ts';
import { webhookRow } from './get-webhook.ts';
import { requireWebhookReader } from './permissions.ts';
import { DELIVERY_COLUMNS, toDelivery } from './rows.ts';
import { ListWebhookDeliveriesInput } from './schemas.ts';
import type { WebhookDelivery } from './schemas.ts';

export async function listWebhookDeliveries({ ctx, input }: { ctx: Ctx; input: ListWebhookDeliveriesInput }): Promise<Page<WebhookDelivery>> {
  requireWebhookReader(ctx.actor);
  const value = parseInput(ListWebhookDeliveriesInput, input);
  await webhookRow(ctx.db, value.webhookId);
  const before = value.cursor ? decodeCursor(value.cursor) : null;
  const { rows } = await ctx.db.query(
    `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries
     WHERE endpoint_id = $1 AND ($2::text IS NULL OR status = $2)
       AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4::uuid))
     ORDER BY created_at DESC, id DESC LIMIT $5`,
    [value.webhookId, value.status ?? null, before?.createdAt ?? null, before?.id ?? null, value.limit + 1],
  );
  return toPage(rows.map(toDelivery), value.limit);
}
