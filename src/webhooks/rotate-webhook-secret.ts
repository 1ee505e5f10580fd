// rotateWebhookSecret: a new signing secret, answered once. The previous one keeps signing too
// (a second v1 in Accord-Signature) for the grace period, so a receiver can switch without
// dropping deliveries; 0 hours retires it at once (a leaked secret). Admins only.
import { recordAudit } from '../platform/audit.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { webhookNotFound } from './get-webhook.ts';
import { requireWebhookAdmin } from './permissions.ts';
import { toWebhook, WEBHOOK_COLUMNS } from './rows.ts';
import { RotateWebhookSecretInput } from './schemas.ts';
import type { WebhookWithSecret } from './schemas.ts';
import { generateWebhookSecret, secretDisplayPrefix } from './signature.ts';

export async function rotateWebhookSecret({ ctx, input }: { ctx: Ctx; input: RotateWebhookSecretInput }): Promise<WebhookWithSecret> {
  requireWebhookAdmin(ctx.actor, 'rotate webhook secrets');
  const value = parseInput(RotateWebhookSecretInput, input);
  const secret = generateWebhookSecret();
  const now = ctx.clock.now();
  const graceEnds = value.gracePeriodHours > 0 ? now.add({ hours: value.gracePeriodHours }) : null;
  return ctx.db.transaction(async (tx) => {
    // Only the secret being replaced stays in grace: one rotated before it is retired now.
    const { rows } = await tx.query(
      `UPDATE webhook_endpoints SET secret = $2, secret_prefix = $3, updated_at = $4,
         previous_secret = CASE WHEN $5::timestamptz IS NULL THEN NULL ELSE secret END, previous_secret_expires_at = $5
       WHERE id = $1 RETURNING ${WEBHOOK_COLUMNS}`,
      [value.webhookId, secret, secretDisplayPrefix(secret), now, graceEnds],
    );
    if (!rows[0]) throw webhookNotFound();
    const webhook = toWebhook(rows[0]);
    await recordAudit(tx, {
      at: now,
      actor: ctx.actor,
      type: 'webhook.secret_rotated',
      subjectKind: 'webhook',
      subjectId: webhook.id,
      data: { secretPrefix: webhook.secretPrefix, previousSecretExpiresAt: graceEnds?.toString() ?? null },
    });
    return { ...webhook, secret };
  });
}
