// updateWebhook: change a webhook's URL (checked again), description, events or active flag.
// Admins only. Deliveries already queued go to the new URL; nothing is sent while inactive.
import { recordAudit } from '../platform/audit.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { checkWebhookUrl } from './address-guard.ts';
import { webhookRow } from './get-webhook.ts';
import { requireWebhookAdmin } from './permissions.ts';
import { toWebhook, WEBHOOK_COLUMNS } from './rows.ts';
import { UpdateWebhookInput } from './schemas.ts';
import type { Webhook, WebhookSettings } from './schemas.ts';

export async function updateWebhook({ ctx, input, settings }: {
  ctx: Ctx;
  input: UpdateWebhookInput;
  settings: WebhookSettings;
}): Promise<Webhook> {
  requireWebhookAdmin(ctx.actor, 'change webhooks');
  const value = parseInput(UpdateWebhookInput, input);
  const url = value.url === undefined ? undefined : checkWebhookUrl(value.url, { allowPrivate: settings.allowPrivate });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // NO KEY UPDATE, as the UPDATE below takes: it does not wait for writes emitting to this webhook.
    const before = await webhookRow(tx, value.webhookId, 'FOR NO KEY UPDATE');
    const after = {
      url: url ?? before.url,
      description: value.description === undefined ? before.description : value.description || null,
      events: value.events ?? before.events,
      active: value.active ?? before.active,
    };
    const { rows } = await tx.query(
      `UPDATE webhook_endpoints SET url = $2, description = $3, events = $4::jsonb, active = $5, updated_at = $6
       WHERE id = $1 RETURNING ${WEBHOOK_COLUMNS}`,
      [value.webhookId, after.url, after.description, JSON.stringify(after.events), after.active, now],
    );
    const fields = Object.keys(after) as Array<keyof typeof after>;
    const changed = fields.filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
    await recordAudit(tx, {
      at: now,
      actor: ctx.actor,
      type: 'webhook.updated',
      subjectKind: 'webhook',
      subjectId: value.webhookId,
      data: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: after[k] }])),
    });
    return toWebhook(rows[0]);
  });
}
