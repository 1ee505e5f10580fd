// JSON schemas of the webhook routes: they validate requests before a verb runs and become the
// OpenAPI document. The verbs' zod schemas (src/webhooks/schemas.ts) stay the authority.
import { ALL_EVENTS, DELIVERY_STATUSES, EMITTED_EVENT_TYPES, MAX_ATTEMPTS } from '../webhooks/index.ts';
import { timestamp, uuid } from './route-kit.ts';

const nullable = (type: string) => ({ type: [type, 'null'] }) as const;
const nullableTime = { type: ['string', 'null'], format: 'date-time' } as const;

const events = {
  type: 'array',
  items: { type: 'string', enum: [ALL_EVENTS, ...EMITTED_EVENT_TYPES] },
  minItems: 1,
  maxItems: EMITTED_EVENT_TYPES.length,
  uniqueItems: true,
  description: `the event types to deliver, or ["${ALL_EVENTS}"] alone for every type (including types added later)`,
} as const;

const url = {
  type: 'string',
  minLength: 1,
  maxLength: 2048,
  description:
    'https URL (plain http only with ACCORD_WEBHOOKS_ALLOW_PRIVATE). Loopback, private, link-local, unique-local, ' +
    'multicast and unspecified addresses are refused, here and after DNS resolution at every attempt.',
} as const;
const description = { type: 'string', maxLength: 500 } as const;

export const WebhookSchema = {
  $id: 'Webhook',
  type: 'object',
  required: [
    'id', 'url', 'description', 'events', 'active', 'secret_prefix', 'previous_secret_expires_at', 'created_by', 'created_at', 'updated_at',
  ],
  properties: {
    id: uuid,
    url: { type: 'string' },
    description: nullable('string'),
    events: { type: 'array', items: { type: 'string' } },
    active: { type: 'boolean' },
    secret_prefix: { type: 'string', description: 'the first characters of the signing secret' },
    previous_secret_expires_at: { ...nullableTime, description: 'after a rotation: until then the previous secret signs too' },
    created_by: { ...nullable('string'), description: 'the agent who created it' },
    created_at: timestamp,
    updated_at: timestamp,
  },
} as const;

export const WebhookWithSecretSchema = {
  $id: 'WebhookWithSecret',
  type: 'object',
  required: [...WebhookSchema.required, 'secret'],
  properties: {
    ...WebhookSchema.properties,
    secret: { type: 'string', description: 'The signing secret, shown only now: store it in the receiver.' },
  },
} as const;

const deliveryProperties = {
  id: { ...uuid, description: 'also sent as the Accord-Delivery header' },
  webhook_id: uuid,
  event_id: { ...uuid, description: 'the body\'s id: the same for every delivery of the event' },
  event_type: { type: 'string' },
  status: { type: 'string', enum: [...DELIVERY_STATUSES] },
  attempts: { type: 'integer', description: `attempts made so far (at most ${MAX_ATTEMPTS})` },
  next_attempt_at: { ...nullableTime, description: 'when pending: the next attempt' },
  last_status_code: { ...nullable('integer'), description: "the receiver's last HTTP status, if it answered" },
  last_error: { ...nullable('string'), description: 'why the last attempt failed (at most 1000 characters)' },
  delivered_at: nullableTime,
  redelivery_of: { ...nullable('string'), description: 'the delivery this one repeats' },
  created_at: timestamp,
  payload: {
    type: 'object',
    description: 'the body sent',
    required: ['id', 'type', 'created_at', 'data'],
    properties: {
      id: uuid,
      type: { type: 'string' },
      created_at: timestamp,
      data: { type: 'object', additionalProperties: true },
    },
  },
} as const;

export const DeliverySchema = {
  $id: 'WebhookDelivery',
  type: 'object',
  required: Object.keys(deliveryProperties),
  properties: deliveryProperties,
} as const;

export const DeliveryDetailSchema = {
  $id: 'WebhookDeliveryDetail',
  type: 'object',
  required: [...Object.keys(deliveryProperties), 'attempt_log'],
  properties: {
    ...deliveryProperties,
    attempt_log: {
      type: 'array',
      items: {
        type: 'object',
        required: ['attempt', 'at', 'status_code', 'error'],
        properties: { attempt: { type: 'integer' }, at: timestamp, status_code: nullable('integer'), error: nullable('string') },
      },
    },
  },
} as const;

export const webhookParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;
export const deliveryParams = {
  type: 'object',
  required: ['id', 'delivery_id'],
  properties: { id: uuid, delivery_id: uuid },
} as const;

export const createWebhookBody = {
  type: 'object',
  additionalProperties: false,
  required: ['url', 'events'],
  properties: { url, description, events, active: { type: 'boolean', default: true } },
} as const;

export const updateWebhookBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    url,
    description: { ...description, type: ['string', 'null'] },
    events,
    active: { type: 'boolean', description: 'false: nothing is sent; deliveries that come due meanwhile fail' },
  },
} as const;

export const rotateSecretBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    grace_period_hours: {
      type: 'integer',
      minimum: 0,
      maximum: 72,
      default: 24,
      description: 'how long the previous secret also signs (a second v1 in Accord-Signature); 0 retires it at once',
    },
  },
} as const;

export const listDeliveriesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: [...DELIVERY_STATUSES] },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    cursor: { type: 'string', minLength: 1, maxLength: 500 },
  },
} as const;
