// createWebhook: a URL that receives the events it subscribes to, signed with a new secret that
// is answered once. Admins only; the URL must pass the SSRF rule (address-guard.ts).
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../platform/audit.ts';
import { actorId } from '../platform/context.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { checkWebhookUrl } from './address-guard.ts';
import { requireWebhookAdmin } from './permissions.ts';
import { toWebhook, WEBHOOK_COLUMNS } from './rows.ts';
import { CreateWebhookInput } from './schemas.ts';
import type { WebhookSettings, WebhookWithSecret } from './schemas.ts';
import { generateWebhookSecret, secretDisplayPrefix } from './signature.ts';

/**
 * @example
 * const input = { url: 'https://hooks.example.com/accord', events: ['ticket.created'] };
 * const hook = await createWebhook({ ctx, input, settings: { allowPrivate: false } });
 * hook.secret; // 'whsec_...': store it now, it is not shown again
 */
export async function createWebhook({ ctx, input, settings }: {
  ctx: Ctx;
  input: CreateWebhookInput;
  settings: WebhookSettings;
}): Promise<WebhookWithSecret> {
  requireWebhookAdmin(ctx.actor, 'create webhooks');
  const value = parseInput(CreateWebhookInput, input);
  const url = checkWebhookUrl(value.url, { allowPrivate: settings.allowPrivate });
  const secret = generateWebhookSecret();
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query(
      `INSERT INTO webhook_endpoints (id, url, description, secret, secret_prefix, events, active, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $9) RETURNING ${WEBHOOK_COLUMNS}`,
      [
        randomUUID(), url, value.description || null, secret, secretDisplayPrefix(secret),
        JSON.stringify(value.events), value.active, actorId(ctx.actor), now,
      ],
    );
    const webhook = toWebhook(rows[0]);
    await recordAudit(tx, {
      at: now,
      actor: ctx.actor,
      type: 'webhook.created',
      subjectKind: 'webhook',
      subjectId: webhook.id,
      data: { url, events: webhook.events, active: webhook.active },
    });
    return { ...webhook, secret };
  });
}
