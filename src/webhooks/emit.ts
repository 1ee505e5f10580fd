// Emitting an event: one delivery row per active webhook subscribed to its type, written in the
// caller's own transaction. The deliveries table is an outbox: an event is delivered if and only
// if the write that caused it commits, and the sending happens later, outside any transaction
// (deliver.ts), so a slow receiver never holds a ticket's lock.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db.ts';
import { combineWrites, type Rows } from '../platform/statement.ts';
import { instantText, toWire } from '../platform/wire.ts';
import { ALL_EVENTS, WEBHOOK_EVENT_DATA } from './events.ts';
import type { EmittedEventType, WebhookEventData, WebhookEventType } from './events.ts';
import { DELIVERY_COLUMNS, toDelivery } from './rows.ts';
import type { WebhookDelivery } from './schemas.ts';

/** An event as other domains hand it over: its type, when it happened (their clock), its data. */
export interface WebhookEventInput<T extends EmittedEventType = EmittedEventType> {
  type: T;
  occurredAt: Temporal.Instant;
  data: WebhookEventData[T];
}

/** The body every delivery POSTs, as stored. */
export interface WebhookPayload {
  id: string;
  type: WebhookEventType;
  created_at: string;
  data: unknown;
}

/** Checks `data` against the catalogue and builds the body; a bad shape is a programming error. */
export function buildPayload(
  eventId: string,
  type: WebhookEventType,
  occurredAt: Temporal.Instant,
  data: unknown,
): WebhookPayload {
  const parsed = WEBHOOK_EVENT_DATA[type].safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).slice(0, 5);
    // Not InvalidInputError: the caller's client sent nothing wrong, the caller built bad data.
    throw new Error(`webhook event ${type}: data does not match the catalogue (${problems.join('; ')})`);
  }
  return { id: eventId, type, created_at: instantText(occurredAt), data: toWire(parsed.data) };
}

/**
 * Queues `event` for every active webhook subscribed to its type, inside `tx` (the caller's write
 * transaction). Returns the event's id, shared by all its deliveries, and how many were queued.
 * @example
 * await ctx.db.transaction(async (tx) => {
 *   // ... the ticket write ...
 *   await emitWebhookEvent(tx, { type: 'ticket.created', occurredAt: now, data: { ticket } });
 * });
 */
export async function emitWebhookEvent<T extends EmittedEventType>(
  tx: Db,
  event: WebhookEventInput<T>,
): Promise<{ eventId: string; deliveries: number }> {
  const { eventId, write } = webhookEventInsert(event);
  const { sql, params } = combineWrites([write])!;
  const { rows } = await tx.query(sql, params);
  return { eventId, deliveries: rows.length };
}

/** The INSERT that emitWebhookEvent sends, for a caller that writes it together with its other rows. */
export function webhookEventInsert<T extends EmittedEventType>(event: WebhookEventInput<T>): { eventId: string; write: Rows } {
  const eventId = randomUUID();
  const payload = buildPayload(eventId, event.type, event.occurredAt, event.data);
  // FOR KEY SHARE: a webhook deleted concurrently is skipped (or waits for this commit and takes
  // its deliveries with it) instead of failing the caller's write on the foreign key.
  return {
    eventId,
    write: {
      sql: `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, payload, status, attempts, next_attempt_at, created_at)
     SELECT gen_random_uuid(), e.id, c1::uuid, c2, c3::jsonb, 'pending', 0, c4::timestamptz, c4::timestamptz
     FROM {rows} JOIN (SELECT id, events FROM webhook_endpoints WHERE active FOR KEY SHARE) e ON e.events ? c2 OR e.events ? c5
     ORDER BY ord
     RETURNING id`,
      columns: 5,
      rows: [[eventId, event.type, JSON.stringify(payload), event.occurredAt, ALL_EVENTS]],
    },
  };
}

/** One delivery to one webhook, due at `at`: a ping or a redelivery. */
export async function insertDelivery(
  tx: Db,
  input: { endpointId: string; payload: WebhookPayload; at: Temporal.Instant; redeliveryOf?: string },
): Promise<WebhookDelivery> {
  const { rows } = await tx.query(
    `INSERT INTO webhook_deliveries
       (id, endpoint_id, event_id, event_type, payload, status, attempts, next_attempt_at, redelivery_of, created_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, 'pending', 0, $6, $7, $6) RETURNING ${DELIVERY_COLUMNS}`,
    [
      randomUUID(), input.endpointId, input.payload.id, input.payload.type, JSON.stringify(input.payload),
      input.at, input.redeliveryOf ?? null,
    ],
  );
  return toDelivery(rows[0]);
}
