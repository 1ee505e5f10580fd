// The webhook jobs as the service registers them: pg-boss runs the delivery job on its own (the
// one test here that waits on a timer, bounded), and the retention job removes old deliveries.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { handleWebhookPrune, registerWebhookJobs } from '../../src/jobs/webhook-jobs.ts';
import { TestClock } from '../../src/platform/clock.ts';
import { startJobs, stopJobs, type PgBoss } from '../../src/platform/jobs.ts';
import { silentLogger } from '../../src/platform/logger.ts';
import { createWebhook, emitWebhookEvent } from '../../src/webhooks/index.ts';
import { testCtx } from '../support/fixtures.ts';
import { openTestDb, type TestDb } from '../support/test-db.ts';
import { within } from '../support/within.ts';
import { startReceiver, webhookTicket, type Receiver } from './helpers.ts';

describe('webhook jobs', () => {
  let t: TestDb;
  let boss: PgBoss;
  let receiver: Receiver;
  let stop = () => {};
  const clock = new TestClock('2026-03-02T09:00:00Z');

  before(async () => {
    t = await openTestDb();
    receiver = await startReceiver();
    boss = await startJobs({ db: t.db, logger: silentLogger(), supervise: false, schedule: false });
    stop = await registerWebhookJobs({ boss, db: t.db, clock, logger: silentLogger(), settings: { allowPrivate: true } });
  });
  after(async () => {
    stop();
    await stopJobs(boss, 2_000);
    await receiver.close();
    await t.close();
  });

  it('delivers a committed event without being asked', async () => {
    const ctx = testCtx(t.db, { kind: 'system' }, clock);
    await createWebhook({ ctx, input: { url: receiver.url, events: ['ticket.created'] }, settings: { allowPrivate: true } });
    await t.db.transaction((tx) => emitWebhookEvent(tx, { type: 'ticket.created', occurredAt: clock.now(), data: { ticket: webhookTicket() } }));
    await within(receiver.received(1), 30_000, 'the delivery job');
    assert.equal(JSON.parse(receiver.requests[0].body).type, 'ticket.created');
  });

  it('removes finished deliveries after 30 days, never pending ones', async () => {
    const ctx = testCtx(t.db, { kind: 'system' }, clock);
    const hook = await createWebhook({ ctx, input: { url: 'https://hooks.example.com/x', events: ['*'] }, settings: { allowPrivate: false } });
    const insert = (id: string, status: string, createdAt: string) =>
      t.db.query(
        `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, payload, status, next_attempt_at, delivered_at, created_at)
         VALUES ($1, $2, gen_random_uuid(), 'ping', '{}'::jsonb, $3, $4, $5, $6)`,
        [id, hook.id, status, status === 'pending' ? createdAt : null, status === 'delivered' ? createdAt : null, createdAt],
      );
    await insert('00000000-0000-4000-8000-000000000001', 'delivered', '2026-01-31T08:59:59Z');
    await insert('00000000-0000-4000-8000-000000000002', 'failed', '2026-01-31T08:59:59Z');
    await insert('00000000-0000-4000-8000-000000000003', 'delivered', '2026-01-31T09:00:00Z');
    await insert('00000000-0000-4000-8000-000000000004', 'pending', '2026-01-01T00:00:00Z');
    const pruneClock = new TestClock('2026-03-02T09:00:00Z');
    assert.equal(await handleWebhookPrune({ db: t.db, clock: pruneClock, logger: silentLogger() }), 2);
    const { rows } = await t.db.query<{ id: string }>('SELECT id FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY id', [hook.id]);
    assert.deepEqual(rows.map((r) => r.id), ['00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004']);
  });
});
