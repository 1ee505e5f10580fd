// deleteWebhook: the webhook stops receiving at once; its deliveries and their attempts go with
// it (they hold ticket data nobody will send any more). Admins only; the audit row remains.
import { recordAudit } from '../platform/audit.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { webhookNotFound } from './get-webhook.ts';
import { requireWebhookAdmin } from './permissions.ts';
import { WebhookRefInput } from './schemas.ts';

export async function deleteWebhook({ ctx, input }: { ctx: Ctx; input: WebhookRefInput }): Promise<void> {
  requireWebhookAdmin(ctx.actor, 'delete webhooks');
  const value = parseInput(WebhookRefInput, input);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ url: string; events: string[] }>(
      'DELETE FROM webhook_endpoints WHERE id = $1 RETURNING url, events',
      [value.webhookId],
    );
    if (!rows[0]) throw webhookNotFound();
    await recordAudit(tx, {
      at: now,
      actor: ctx.actor,
      type: 'webhook.deleted',
      subjectKind: 'webhook',
      subjectId: value.webhookId,
      data: { url: rows[0].url, events: rows[0].events },
    });
  });
}
