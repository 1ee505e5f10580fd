// getWebhookDelivery: one delivery with every attempt made (when, what the receiver answered,
// or why nothing was sent). Managers and admins.
import { NotFoundError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import { requireWebhookReader } from './permissions.ts';
import { DELIVERY_COLUMNS, toAttempt, toDelivery } from './rows.ts';
import { DeliveryRefInput } from './schemas.ts';
import type { WebhookDelivery, WebhookDeliveryDetail } from './schemas.ts';

/** The delivery, if it belongs to the webhook; NotFoundError otherwise. */
export async function deliveryRow(db: Db, input: { webhookId: string; deliveryId: string }, lock = ''): Promise<WebhookDelivery> {
  const { rows } = await db.query(
    `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = $1 AND endpoint_id = $2 ${lock}`,
    [input.deliveryId, input.webhookId],
  );
  if (!rows[0]) {
    throw new NotFoundError('Delivery not found', [{ path: 'deliveryId', message: 'no such delivery of this webhook' }]);
  }
  return toDelivery(rows[0]);
}

export async function getWebhookDelivery({ ctx, input }: { ctx: Ctx; input: DeliveryRefInput }): Promise<WebhookDeliveryDetail> {
  requireWebhookReader(ctx.actor);
  const value = parseInput(DeliveryRefInput, input);
  const delivery = await deliveryRow(ctx.db, value);
  const { rows } = await ctx.db.query(
    'SELECT attempt, at, status_code, error FROM webhook_attempts WHERE delivery_id = $1 ORDER BY attempt',
    [delivery.id],
  );
  return { ...delivery, attemptLog: rows.map(toAttempt) };
}
