// Inputs and views of the webhooks domain. A schema and its type share one name.
import { z } from 'zod';
import { PageInput } from '../platform/pagination.ts';
import { ALL_EVENTS, EMITTED_EVENT_TYPES } from './events.ts';
import type { WebhookEventType } from './events.ts';

/** Who may send where (config: ACCORD_WEBHOOKS_ALLOW_PRIVATE); see address-guard.ts. */
export interface WebhookSettings {
  allowPrivate: boolean;
}
export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = { allowPrivate: false };

const noNul = (v: string) => !v.includes('\u0000');

// The URL is checked for what it points at by address-guard.ts; here only its size.
const Url = z.string().trim().min(1).max(2048);
const Description = z.string().trim().max(500).refine(noNul, 'must not contain NUL characters');

export const WebhookEvents = z
  .array(z.enum([ALL_EVENTS, ...EMITTED_EVENT_TYPES]))
  .min(1)
  .max(EMITTED_EVENT_TYPES.length)
  .refine((events) => new Set(events).size === events.length, 'lists a type twice')
  .refine(
    (events) => !events.includes(ALL_EVENTS) || events.length === 1,
    `"${ALL_EVENTS}" already means every type; give it alone`,
  );

export const CreateWebhookInput = z.strictObject({
  url: Url,
  description: Description.optional(),
  /** The event types to deliver, or ["*"] for every type (including types added later). */
  events: WebhookEvents,
  active: z.boolean().default(true),
});
export type CreateWebhookInput = z.input<typeof CreateWebhookInput>;

export const WebhookRefInput = z.strictObject({ webhookId: z.uuid() });
export type WebhookRefInput = z.input<typeof WebhookRefInput>;

export const UpdateWebhookInput = z
  .strictObject({
    webhookId: z.uuid(),
    url: Url.optional(),
    description: Description.nullable().optional(),
    events: WebhookEvents.optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).some((k) => k !== 'webhookId'), { path: [], message: 'nothing to change' });
export type UpdateWebhookInput = z.input<typeof UpdateWebhookInput>;

export const RotateWebhookSecretInput = z.strictObject({
  webhookId: z.uuid(),
  /** How long the previous secret keeps signing too, so receivers can switch without a gap. */
  gracePeriodHours: z.number().int().min(0).max(72).default(24),
});
export type RotateWebhookSecretInput = z.input<typeof RotateWebhookSecretInput>;

export const ListWebhooksInput = PageInput;
export type ListWebhooksInput = z.input<typeof ListWebhooksInput>;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const ListWebhookDeliveriesInput = PageInput.extend({
  webhookId: z.uuid(),
  status: z.enum(DELIVERY_STATUSES).optional(),
});
export type ListWebhookDeliveriesInput = z.input<typeof ListWebhookDeliveriesInput>;

export const DeliveryRefInput = z.strictObject({ webhookId: z.uuid(), deliveryId: z.uuid() });
export type DeliveryRefInput = z.input<typeof DeliveryRefInput>;

export interface Webhook {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  active: boolean;
  /** The first characters of the current secret. */
  secretPrefix: string;
  /** While set and in the future, the previous secret signs too. */
  previousSecretExpiresAt: Temporal.Instant | null;
  createdBy: string | null;
  createdAt: Temporal.Instant;
  updatedAt: Temporal.Instant;
}

/** A webhook with its signing secret: answered once, at creation or rotation. */
export interface WebhookWithSecret extends Webhook {
  secret: string;
}

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: WebhookEventType;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Temporal.Instant | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Temporal.Instant | null;
  redeliveryOf: string | null;
  createdAt: Temporal.Instant;
  /** The body as sent: {"id", "type", "created_at", "data"}. */
  payload: unknown;
}

export interface WebhookAttempt {
  attempt: number;
  at: Temporal.Instant;
  statusCode: number | null;
  error: string | null;
}

export interface WebhookDeliveryDetail extends WebhookDelivery {
  attemptLog: WebhookAttempt[];
}
