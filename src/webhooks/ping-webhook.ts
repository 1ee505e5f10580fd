// pingWebhook: queues a `ping` delivery to one webhook, whatever it subscribes to, so an admin
// can check the receiver and its signature check end to end. Admins only; active webhooks only.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../platform/audit.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { buildPayload, insertDelivery } from './emit.ts';
import { inactiveWebhook, webhookRow } from './get-webhook.ts';
import { requireWebhookAdmin } from './permissions.ts';
import { WebhookRefInput } from './schemas.ts';
import type { WebhookDelivery } from './schemas.ts';

export async function pingWebhook({ ctx, input }: { ctx: Ctx; input: WebhookRefInput }): Promise<WebhookDelivery> {
  requireWebhookAdmin(ctx.actor, 'ping webhooks');
  const value = parseInput(WebhookRefInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const webhook = await webhookRow(tx, value.webhookId, 'FOR SHARE');
    if (!webhook.active) throw inactiveWebhook();
    const payload = buildPayload(randomUUID(), 'ping', now, { webhookId: webhook.id });
    const delivery = await insertDelivery(tx, { endpointId: webhook.id, payload, at: now });
    await recordAudit(tx, {
      at: now,
      actor: ctx.actor,
      type: 'webhook.pinged',
      subjectKind: 'webhook',
      subjectId: webhook.id,
      data: { deliveryId: delivery.id },
    });
    return delivery;
  });
}
