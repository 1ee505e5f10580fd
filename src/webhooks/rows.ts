// Rows to views. The secret columns are never selected by these lists: only the verbs that issue
// a secret (create, rotate) return it, once.
import type { Webhook, WebhookAttempt, WebhookDelivery } from './schemas.ts';

export const WEBHOOK_COLUMNS =
  'id, url, description, events, active, secret_prefix, previous_secret_expires_at, created_by, created_at, updated_at';

type WebhookRow = {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  active: boolean;
  secret_prefix: string;
  previous_secret_expires_at: Temporal.Instant | null;
  created_by: string | null;
  created_at: Temporal.Instant;
  updated_at: Temporal.Instant;
};

export function toWebhook(row: unknown): Webhook {
  const r = row as WebhookRow;
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    events: r.events,
    active: r.active,
    secretPrefix: r.secret_prefix,
    previousSecretExpiresAt: r.previous_secret_expires_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export const DELIVERY_COLUMNS =
  'id, endpoint_id, event_id, event_type, payload, status, attempts, next_attempt_at, ' +
  'last_status_code, last_error, delivered_at, redelivery_of, created_at';

type DeliveryRow = {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: WebhookDelivery['eventType'];
  payload: unknown;
  status: WebhookDelivery['status'];
  attempts: number;
  next_attempt_at: Temporal.Instant | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Temporal.Instant | null;
  redelivery_of: string | null;
  created_at: Temporal.Instant;
};

export function toDelivery(row: unknown): WebhookDelivery {
  const r = row as DeliveryRow;
  return {
    id: r.id,
    webhookId: r.endpoint_id,
    eventId: r.event_id,
    eventType: r.event_type,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
    redeliveryOf: r.redelivery_of,
    createdAt: r.created_at,
    payload: r.payload,
  };
}

export function toAttempt(row: unknown): WebhookAttempt {
  const r = row as { attempt: number; at: Temporal.Instant; status_code: number | null; error: string | null };
  return { attempt: r.attempt, at: r.at, statusCode: r.status_code, error: r.error };
}
