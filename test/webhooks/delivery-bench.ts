// The bench the delivery tests share (delivery.test.ts, delivery-safety.test.ts): a test database, a
// clock at T0 for each test, a real HTTP receiver on 127.0.0.1 closed after each, and the delivery
// job's handler run directly (no timers). Call it inside a describe: it registers the hooks.
import { after, afterEach, before, beforeEach } from 'node:test';
import { handleWebhookDelivery } from '../../src/jobs/webhook-jobs.ts';
import { silentLogger } from '../../src/platform/logger.ts';
import { TestClock } from '../../src/platform/clock.ts';
import { createWebhook, emitWebhookEvent, type DeliverySettings } from '../../src/webhooks/index.ts';
import { testCtx } from '../support/fixtures.ts';
import { openTestDb, type TestDb } from '../support/test-db.ts';
import { within } from '../support/within.ts';
import { startReceiver, webhookTicket, type Receiver, type Script } from './helpers.ts';

export const T0 = '2026-03-02T09:00:00Z';
export const seconds = (at: string) => Temporal.Instant.from(at).epochMilliseconds / 1000;

type DeliveryRow = { id: string; status: string; attempts: number; next_attempt_at: Temporal.Instant | null; last_status_code: number | null; last_error: string | null; delivered_at: Temporal.Instant | null };

export function deliveryBench() {
  let t: TestDb;
  let clock = new TestClock(T0);
  let receiver: Receiver | null = null;
  // Private targets allowed (the receiver is on loopback); the jitter's draw fixed at 0.5 (+10%).
  const allowed: DeliverySettings = { allowPrivate: true, random: () => 0.5 };
  const run = (settings: DeliverySettings = allowed) => within(handleWebhookDelivery({ db: t.db, clock, logger: silentLogger(), settings }), 30_000, 'a delivery run');
  const system = () => testCtx(t.db, { kind: 'system' }, clock);
  const receive = async (script?: Script) => (receiver = await startReceiver(script));
  const hook = (url: string, events: string[] = ['*']) => createWebhook({ ctx: system(), input: { url, events: events as never }, settings: { allowPrivate: true } });
  const emit = (type: 'ticket.created' = 'ticket.created') =>
    t.db.transaction((tx) => emitWebhookEvent(tx, { type, occurredAt: clock.now(), data: { ticket: webhookTicket() } }));
  const delivery = async () =>
    (await t.db.query<DeliveryRow>('SELECT id, status, attempts, next_attempt_at, last_status_code, last_error, delivered_at FROM webhook_deliveries')).rows;
  const attemptLog = async () =>
    (await t.db.query<{ attempt: number; at: Temporal.Instant; status_code: number | null; error: string | null }>('SELECT attempt, at, status_code, error FROM webhook_attempts ORDER BY attempt')).rows.map((r) => ({
      ...r,
      at: r.at.toString(),
    }));
  before(async () => {
    t = await openTestDb();
  });
  after(() => t.close());
  beforeEach(async () => {
    clock = new TestClock(T0);
    await t.db.query('DELETE FROM webhook_endpoints');
  });
  afterEach(async () => {
    await receiver?.close();
    receiver = null;
  });
  return {
    get t() { return t; },
    get clock() { return clock; },
    /** A receiver the test closed itself: not closed again after it. */
    forgetReceiver: () => { receiver = null; },
    allowed, run, system, receive, hook, emit, delivery, attemptLog,
  };
}
