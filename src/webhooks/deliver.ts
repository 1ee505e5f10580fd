// Delivering due webhooks: claim, send, record. At-least-once:
// - claim: one conditional UPDATE takes due, pending deliveries of active webhooks, counts the
//   attempt and moves next_attempt_at to the end of a claim, so a concurrent worker (whose WHERE
//   no longer matches) never sends the same attempt;
// - send: outside any transaction (send.ts), so a slow receiver holds no lock;
// - record: the outcome is stored only if the delivery is still at the attempt we claimed.
// A worker that dies between sending and recording leaves the claim to expire, and the delivery
// is sent again: receivers deduplicate by the Accord-Delivery header (or the event id).
import type { Ctx } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import type { WebhookPayload } from './emit.ts';
import { bounded, postWebhook, systemResolver, type AttemptOutcome, type Resolver } from './send.ts';
import { signatureHeader } from './signature.ts';

// After attempt n fails, attempt n + 1 is due RETRY_DELAYS[n - 1] later, plus up to 20% jitter so
// deliveries that failed together (a receiver's outage) do not all return in the same second.
// Eight attempts over 43 hours (52 with the most jitter): long enough to ride out a night's outage.
export const RETRY_DELAYS: readonly Temporal.Duration[] = [
  Temporal.Duration.from({ seconds: 30 }),
  Temporal.Duration.from({ minutes: 2 }),
  Temporal.Duration.from({ minutes: 10 }),
  Temporal.Duration.from({ hours: 1 }),
  Temporal.Duration.from({ hours: 6 }),
  Temporal.Duration.from({ hours: 12 }),
  Temporal.Duration.from({ hours: 24 }),
];
export const MAX_ATTEMPTS = RETRY_DELAYS.length + 1;
const JITTER = 0.2;
export const DEFAULT_TIMEOUT_MS = 10_000;
// Far longer than a batch takes (each send is bounded by the timeout), so a live worker's claim
// never lapses; a dead worker's lapses and its deliveries are retried.
const CLAIM = Temporal.Duration.from({ minutes: 5 });
const BATCH = 50;
const CONCURRENCY = 8;
export const USER_AGENT = 'Accord-Webhooks/1';

/** How deliveries go out: the network rule (config), and what tests replace. */
export interface DeliverySettings {
  allowPrivate: boolean;
  timeoutMs?: number;
  resolve?: Resolver;
  /** [0, 1): the jitter's draw. */
  random?: () => number;
  batchSize?: number;
}

/** When attempt `attempts + 1` is due after attempt `attempts` failed at `at`; null when none is left. */
export function nextAttemptAt(at: Temporal.Instant, attempts: number, random: () => number): Temporal.Instant | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const base = RETRY_DELAYS[attempts - 1].total('milliseconds');
  return at.add({ milliseconds: Math.round(base * (1 + JITTER * random())) });
}

type Claimed = {
  id: string;
  endpoint_id: string;
  attempts: number;
  payload: WebhookPayload;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Temporal.Instant | null;
};

/** Fails due deliveries whose webhook was deactivated: nothing is sent to an inactive webhook. */
async function failInactive(db: Db, now: Temporal.Instant): Promise<number> {
  const { rows } = await db.query(
    `UPDATE webhook_deliveries d SET status = 'failed', next_attempt_at = NULL, last_error = 'the webhook is inactive'
     FROM webhook_endpoints e
     WHERE e.id = d.endpoint_id AND NOT e.active AND d.status = 'pending' AND d.next_attempt_at <= $1
     RETURNING d.id`,
    [now],
  );
  return rows.length;
}

/** Takes up to `limit` due deliveries for this worker; see the header for why it is one UPDATE. */
export async function claimDueDeliveries(db: Db, now: Temporal.Instant, limit: number): Promise<Claimed[]> {
  const { rows } = await db.query<Claimed>(
    `UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = $2
     FROM webhook_endpoints e
     WHERE e.id = d.endpoint_id AND e.active AND d.status = 'pending' AND d.next_attempt_at <= $1
       AND d.id IN (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1
                    ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING d.id, d.endpoint_id, d.attempts, d.payload, e.url, e.secret, e.previous_secret, e.previous_secret_expires_at`,
    [now, now.add(CLAIM), limit],
  );
  return rows;
}

/** The exact bytes sent and signed: the stored payload in the documented key order. */
export function bodyOf(payload: WebhookPayload): string {
  return JSON.stringify({ id: payload.id, type: payload.type, created_at: payload.created_at, data: payload.data });
}

async function attempt(c: Claimed, now: Temporal.Instant, settings: DeliverySettings): Promise<AttemptOutcome> {
  const body = bodyOf(c.payload);
  const secrets = [c.secret];
  const inGrace = c.previous_secret_expires_at && Temporal.Instant.compare(now, c.previous_secret_expires_at) < 0;
  if (c.previous_secret && inGrace) secrets.push(c.previous_secret);
  const headers = {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'accord-event': c.payload.type,
    'accord-delivery': c.id,
    'accord-signature': signatureHeader(secrets, now, body),
  };
  return postWebhook(c.url, body, headers, {
    allowPrivate: settings.allowPrivate,
    resolve: settings.resolve ?? systemResolver,
    timeoutMs: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
}

/** Stores an attempt's outcome, unless the delivery has moved on (deleted, or claimed again after its claim lapsed). */
async function record(
  db: Db,
  c: Claimed,
  at: Temporal.Instant,
  outcome: AttemptOutcome,
  random: () => number,
): Promise<'delivered' | 'retry' | 'failed' | 'stale'> {
  const next = outcome.delivered ? null : nextAttemptAt(at, c.attempts, random);
  const status = outcome.delivered ? 'delivered' : next ? 'pending' : 'failed';
  const error = outcome.error === null ? null : bounded(outcome.error);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query(
      `UPDATE webhook_deliveries SET status = $3, next_attempt_at = $4, last_status_code = $5, last_error = $6, delivered_at = $7
       WHERE id = $1 AND attempts = $2 AND status = 'pending' RETURNING id`,
      [c.id, c.attempts, status, next, outcome.statusCode, error, outcome.delivered ? at : null],
    );
    if (rows.length === 0) return 'stale';
    await tx.query(
      'INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error) VALUES ($1, $2, $3, $4, $5)',
      [c.id, c.attempts, at, outcome.statusCode, error],
    );
    return status === 'pending' ? 'retry' : status;
  });
}

export type DeliveryRun = { delivered: number; retrying: number; failed: number };

/**
 * One run of the delivery job: everything due at ctx.clock.now(), in batches, a few at a time.
 * Safe to run on any number of workers at once.
 * @example
 * await deliverDueWebhooks({ ctx, settings: { allowPrivate: false } });
 */
export async function deliverDueWebhooks({ ctx, settings }: { ctx: Ctx; settings: DeliverySettings }): Promise<DeliveryRun> {
  const random = settings.random ?? Math.random;
  const run: DeliveryRun = { delivered: 0, retrying: 0, failed: 0 };
  const now = ctx.clock.now();
  run.failed += await failInactive(ctx.db, now);
  for (;;) {
    const claimed = await claimDueDeliveries(ctx.db, now, settings.batchSize ?? BATCH);
    if (claimed.length === 0) return run;
    const queue = [...claimed];
    const worker = async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const at = ctx.clock.now();
        const outcome = await attempt(c, at, settings);
        const result = await record(ctx.db, c, at, outcome, random);
        if (result === 'delivered') run.delivered++;
        else if (result === 'retry') run.retrying++;
        else if (result === 'failed') run.failed++;
        if (!outcome.delivered) {
          const fields = { deliveryId: c.id, webhookId: c.endpoint_id, attempt: c.attempts, error: outcome.error };
          ctx.logger.info(fields, 'webhook attempt failed');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, claimed.length) }, worker));
  }
}
