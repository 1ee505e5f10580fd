// The webhooks domain: endpoints admins register, the event catalogue, emitting events inside
// other domains' write transactions (the outbox), and delivering them, signed, at least once.
export { emitWebhookEvent, webhookEventInsert } from './emit.ts';
export { webhookTicket, type TicketPayloadRow } from './ticket-payload.ts';
export type { WebhookEventInput, WebhookPayload } from './emit.ts';
export { WEBHOOK_EVENT_DATA, WEBHOOK_EVENT_TYPES, EMITTED_EVENT_TYPES, ALL_EVENTS, WebhookTicket } from './events.ts';
export type { WebhookEventType, EmittedEventType, WebhookEventData } from './events.ts';
export { createWebhook } from './create-webhook.ts';
export { listWebhooks } from './list-webhooks.ts';
export { getWebhook } from './get-webhook.ts';
export { updateWebhook } from './update-webhook.ts';
export { deleteWebhook } from './delete-webhook.ts';
export { rotateWebhookSecret } from './rotate-webhook-secret.ts';
export { pingWebhook } from './ping-webhook.ts';
export { listWebhookDeliveries } from './list-webhook-deliveries.ts';
export { getWebhookDelivery } from './get-webhook-delivery.ts';
export { redeliverWebhookDelivery } from './redeliver-webhook-delivery.ts';
export { pruneWebhookDeliveries, DELIVERY_RETENTION } from './prune.ts';
export { deliverDueWebhooks, nextAttemptAt, RETRY_DELAYS, MAX_ATTEMPTS, DEFAULT_TIMEOUT_MS, USER_AGENT } from './deliver.ts';
export type { DeliverySettings, DeliveryRun } from './deliver.ts';
export { checkWebhookUrl, classifyAddress, refusedAddress } from './address-guard.ts';
export type { Resolver, ResolvedAddress } from './send.ts';
export {
  CreateWebhookInput,
  UpdateWebhookInput,
  WebhookRefInput,
  RotateWebhookSecretInput,
  ListWebhooksInput,
  ListWebhookDeliveriesInput,
  DeliveryRefInput,
  DELIVERY_STATUSES,
  DEFAULT_WEBHOOK_SETTINGS,
} from './schemas.ts';
export type {
  Webhook,
  WebhookWithSecret,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookAttempt,
  WebhookSettings,
  DeliveryStatus,
} from './schemas.ts';
