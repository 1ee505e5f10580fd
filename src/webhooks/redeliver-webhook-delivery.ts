// redeliverWebhookDelivery: sends a finished delivery's event again, as a new delivery with the
// same event id and body (so a receiver that did get it can tell), signed at sending time.
// Admins only; refused while the delivery is still pending or the webhook is inactive.
import { recordAudit } from '../platform/audit.ts';
import { ConflictError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import type { WebhookPayload } from './emit.ts';
import { insertDelivery } from './emit.ts';
import { deliveryRow } from './get-webhook-delivery.ts';
import { inactiveWebhook, webhookRow } from './get-webhook.ts';
import { requireWebhookAdmin } from './permissions.ts';
import { DeliveryRefInput } from './schemas.ts';
import type { WebhookDelivery } from './schemas.ts';

export async function redeliverWebhookDelivery({ ctx, input }: { ctx: Ctx; input: DeliveryRefInput }): Promise<WebhookDelivery> {
  requireWebhookAdmin(ctx.actor, 'redeliver webhooks');
  const value = parseInput(DeliveryRefInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const webhook = await webhookRow(tx, value.webhookId, 'FOR SHARE');
    const original = await deliveryRow(tx, value, 'FOR SHARE');
    if (original.status === 'pending') {
      throw new ConflictError('The delivery is still pending; it will be retried on its own', [
        { path: 'deliveryId', message: 'is still pending' },
      ]);
    }
    if (!webhook.active) throw inactiveWebhook();
    const payload = original.payload as WebhookPayload;
    const delivery = await insertDelivery(tx, { endpointId: webhook.id, payload, at: now, redeliveryOf: original.id });
    await recordAudit(tx, {
      at: now,
      actor: ctx.actor,
      type: 'webhook.redelivered',
      subjectKind: 'webhook',
      subjectId: webhook.id,
      data: { deliveryId: delivery.id, redeliveryOf: original.id, eventId: original.eventId },
    });
    return delivery;
  });
}
