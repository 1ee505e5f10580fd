// Rows to views. The secret columns are never selected by these lists: only the verbs that issue
// a secret (create, rotate) return it, once.
import { camelRow } from '../platform/rows.ts';
import type { Webhook, WebhookAttempt, WebhookDelivery } from './schemas.ts';

const WEBHOOK_FIELDS = [
  'id', 'url', 'description', 'events', 'active', 'secret_prefix', 'previous_secret_expires_at', 'created_by', 'created_at', 'updated_at',
] as const;
export const WEBHOOK_COLUMNS = WEBHOOK_FIELDS.join(', ');

export function toWebhook(row: unknown): Webhook {
  return camelRow(row, WEBHOOK_FIELDS) satisfies Record<keyof Webhook, unknown> as Webhook;
}

const DELIVERY_FIELDS = [
  'id', 'webhook_id', 'event_id', 'event_type', 'status', 'attempts', 'next_attempt_at',
  'last_status_code', 'last_error', 'delivered_at', 'redelivery_of', 'created_at', 'payload',
] as const;
// The delivery's endpoint is its webhook (webhookId) to callers.
export const DELIVERY_COLUMNS = DELIVERY_FIELDS.join(', ').replace('webhook_id', 'endpoint_id AS webhook_id');

export function toDelivery(row: unknown): WebhookDelivery {
  return camelRow(row, DELIVERY_FIELDS) satisfies Record<keyof WebhookDelivery, unknown> as WebhookDelivery;
}

export function toAttempt(row: unknown): WebhookAttempt {
  return camelRow(row, ['attempt', 'at', 'status_code', 'error']) satisfies Record<keyof WebhookAttempt, unknown> as WebhookAttempt;
}
