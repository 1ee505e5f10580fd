// getWebhook: one webhook, without its secret. Managers and admins.
import { ConflictError, NotFoundError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import { requireWebhookReader } from './permissions.ts';
import { toWebhook, WEBHOOK_COLUMNS } from './rows.ts';
import { WebhookRefInput } from './schemas.ts';
import type { Webhook } from './schemas.ts';

export function webhookNotFound(): NotFoundError {
  return new NotFoundError('Webhook not found', [{ path: 'webhookId', message: 'no such webhook' }]);
}

export function inactiveWebhook(): ConflictError {
  return new ConflictError('The webhook is inactive; activate it first', [{ path: 'webhookId', message: 'is inactive' }]);
}

/** The webhook's row, locked as asked, or NotFoundError. */
export async function webhookRow(db: Db, webhookId: string, lock: '' | 'FOR NO KEY UPDATE' | 'FOR SHARE' = ''): Promise<Webhook> {
  const { rows } = await db.query(`SELECT ${WEBHOOK_COLUMNS} FROM webhook_endpoints WHERE id = $1 ${lock}`, [webhookId]);
  if (!rows[0]) throw webhookNotFound();
  return toWebhook(rows[0]);
}

export async function getWebhook({ ctx, input }: { ctx: Ctx; input: WebhookRefInput }): Promise<Webhook> {
  requireWebhookReader(ctx.actor);
  const value = parseInput(WebhookRefInput, input);
  return webhookRow(ctx.db, value.webhookId);
}
