// Delivery against a real HTTP receiver on 127.0.0.1: the signed request, retries at the backoff
// instants (the clock is moved and the job's handler called, no timers), redirects, timeouts,
// the SSRF rule after DNS, inactive webhooks, and at-least-once under concurrency and crashes.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { handleWebhookDelivery } from '../../src/jobs/webhook-jobs.ts';
import { silentLogger } from '../../src/platform/logger.ts';
import { TestClock } from '../../src/platform/clock.ts';
import { claimDueDeliveries } from '../../src/webhooks/deliver.ts';
import { createWebhook, emitWebhookEvent, MAX_ATTEMPTS, rotateWebhookSecret, updateWebhook, type DeliverySettings, type Resolver } from '../../src/webhooks/index.ts';
import { testCtx } from '../support/fixtures.ts';
import { openTestDb, type TestDb } from '../support/test-db.ts';
import { within } from '../support/within.ts';
import { startReceiver, verifySignature, webhookTicket, type Receiver, type Script } from './helpers.ts';

const T0 = '2026-03-02T09:00:00Z';
const seconds = (at: string) => Temporal.Instant.from(at).epochMilliseconds / 1000;

describe('webhook delivery', () => {
  let t: TestDb;
  let clock: TestClock;
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
    (await t.db.query<{ id: string; status: string; attempts: number; next_attempt_at: Temporal.Instant | null; last_status_code: number | null; last_error: string | null; delivered_at: Temporal.Instant | null }>(
      'SELECT id, status, attempts, next_attempt_at, last_status_code, last_error, delivered_at FROM webhook_deliveries',
    )).rows;
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

  it('POSTs the event, signed as documented, with its headers', async () => {
    const r = await receive();
    const created = await hook(r.url);
    const { eventId } = await emit();

    assert.deepEqual(await run(), { delivered: 1, retrying: 0, failed: 0 });

    assert.equal(r.requests.length, 1);
    const got = r.requests[0];
    const [row] = await delivery();
    assert.equal(got.method, 'POST');
    assert.equal(got.path, '/hook');
    assert.equal(got.headers['content-type'], 'application/json');
    assert.equal(got.headers['user-agent'], 'Accord-Webhooks/1');
    assert.equal(got.headers['accord-event'], 'ticket.created');
    assert.equal(got.headers['accord-delivery'], row.id);
    const body = JSON.parse(got.body);
    assert.deepEqual(Object.keys(body), ['id', 'type', 'created_at', 'data'], 'the documented order');
    assert.equal(body.id, eventId);
    assert.equal(body.type, 'ticket.created');
    assert.equal(body.created_at, T0);
    assert.equal(body.data.ticket.subject, 'Nobody can log in');

    const signature = String(got.headers['accord-signature']);
    assert.match(signature, /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.equal(signature.split(',')[0], `t=${seconds(T0)}`, 'signed at the attempt, by the clock');
    assert.ok(verifySignature(created.secret, signature, got.body, seconds(T0)), 'verifies with the secret answered at creation');
    assert.ok(!verifySignature(created.secret, signature, got.body.replace('Nobody', 'Everybody'), seconds(T0)), 'a changed body does not');
    assert.ok(!verifySignature('whsec_wrong', signature, got.body, seconds(T0)), 'another secret does not');
    assert.ok(!verifySignature(created.secret, signature, got.body, seconds(T0) + 301), 'outside the tolerance (a replay) it does not');

    assert.equal(row.status, 'delivered');
    assert.equal(row.last_status_code, 200);
    assert.equal(row.delivered_at?.toString(), T0);
    assert.equal(row.next_attempt_at, null);
    assert.deepEqual(await run(), { delivered: 0, retrying: 0, failed: 0 }, 'nothing is sent twice');
  });

  it('retries a receiver that fails twice at the backoff instants, then delivers', async () => {
    const r = await receive((n) => (n < 2 ? { status: 500, body: 'database is down' } : { status: 204 }));
    await hook(r.url);
    await emit();

    assert.deepEqual(await run(), { delivered: 0, retrying: 1, failed: 0 });
    // 30 s plus 10% jitter (the draw is 0.5 of at most 20%).
    assert.equal((await delivery())[0].next_attempt_at?.toString(), '2026-03-02T09:00:33Z');
    clock.set('2026-03-02T09:00:32.999Z');
    assert.deepEqual(await run(), { delivered: 0, retrying: 0, failed: 0 }, 'not before it is due');
    clock.set('2026-03-02T09:00:33Z');
    assert.deepEqual(await run(), { delivered: 0, retrying: 1, failed: 0 });
    // 2 minutes plus 10%: 132 s after the second attempt.
    assert.equal((await delivery())[0].next_attempt_at?.toString(), '2026-03-02T09:02:45Z');
    clock.set('2026-03-02T09:02:45Z');
    assert.deepEqual(await run(), { delivered: 1, retrying: 0, failed: 0 });

    assert.deepEqual(await attemptLog(), [
      { attempt: 1, at: '2026-03-02T09:00:00Z', status_code: 500, error: 'HTTP 500: database is down' },
      { attempt: 2, at: '2026-03-02T09:00:33Z', status_code: 500, error: 'HTTP 500: database is down' },
      { attempt: 3, at: '2026-03-02T09:02:45Z', status_code: 204, error: null },
    ]);
    const [row] = await delivery();
    assert.equal(row.status, 'delivered');
    assert.equal(row.attempts, 3);
    assert.equal(row.last_status_code, 204);
    assert.equal(row.last_error, null);
    assert.equal(r.requests.length, 3);
    assert.equal(new Set(r.requests.map((q) => q.headers['accord-delivery'])).size, 1, 'one delivery id throughout');
    assert.equal(new Set(r.requests.map((q) => q.body)).size, 1, 'the same body each time');
    assert.deepEqual(r.requests.map((q) => String(q.headers['accord-signature']).split(',')[0]), [
      `t=${seconds('2026-03-02T09:00:00Z')}`,
      `t=${seconds('2026-03-02T09:00:33Z')}`,
      `t=${seconds('2026-03-02T09:02:45Z')}`,
    ]);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts, about 43 hours on`, async () => {
    const r = await receive(() => ({ status: 503 }));
    await hook(r.url);
    await emit();
    const noJitter = { allowPrivate: true, random: () => 0 };
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      const outcome = await run(noJitter);
      assert.deepEqual(outcome, i < MAX_ATTEMPTS ? { delivered: 0, retrying: 1, failed: 0 } : { delivered: 0, retrying: 0, failed: 1 });
      const [row] = await delivery();
      if (row.next_attempt_at) clock.set(row.next_attempt_at);
    }
    // 30 s + 2 min + 10 min + 1 h + 6 h + 12 h + 24 h after the first.
    assert.deepEqual((await attemptLog()).map((a) => a.at), [
      '2026-03-02T09:00:00Z',
      '2026-03-02T09:00:30Z',
      '2026-03-02T09:02:30Z',
      '2026-03-02T09:12:30Z',
      '2026-03-02T10:12:30Z',
      '2026-03-02T16:12:30Z',
      '2026-03-03T04:12:30Z',
      '2026-03-04T04:12:30Z',
    ]);
    const [row] = await delivery();
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 8);
    assert.equal(row.next_attempt_at, null);
    assert.equal(row.last_status_code, 503);
    assert.equal(row.last_error, 'HTTP 503');
    clock.advance({ hours: 48 });
    assert.deepEqual(await run(noJitter), { delivered: 0, retrying: 0, failed: 0 });
    assert.equal(r.requests.length, 8);
  });

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    const r = await receive((_, req) => (req.path === '/hook' ? { status: 302, headers: { location: '/elsewhere' } } : { status: 200 }));
    await hook(r.url);
    await emit();
    assert.deepEqual(await run(), { delivered: 0, retrying: 1, failed: 0 });
    assert.deepEqual(r.requests.map((q) => q.path), ['/hook'], 'the redirect target was never asked');
    const [row] = await delivery();
    assert.equal(row.last_status_code, 302);
    assert.equal(row.last_error, 'redirect 302 to /elsewhere (redirects are not followed)');
  });

  it('counts a receiver that does not answer in time as a failure', async () => {
    const r = await receive(() => 'hang');
    await hook(r.url);
    await emit();
    assert.deepEqual(await run({ ...allowed, timeoutMs: 300 }), { delivered: 0, retrying: 1, failed: 0 });
    assert.equal(r.requests.length, 1);
    const [row] = await delivery();
    assert.equal(row.last_status_code, null);
    assert.equal(row.last_error, 'timed out after 300 ms');
    assert.equal(row.next_attempt_at?.toString(), '2026-03-02T09:00:33Z');
  });

  it('records a refused connection with a bounded error', async () => {
    const r = await receive();
    await hook(r.url);
    await r.close();
    receiver = null;
    await emit();
    assert.deepEqual(await run(), { delivered: 0, retrying: 1, failed: 0 });
    const [row] = await delivery();
    assert.match(row.last_error!, /^ECONNREFUSED/);
    assert.ok(row.last_error!.length <= 1000);
  });

  describe('the SSRF rule at delivery, after DNS', () => {
    const resolver = (answers: Record<string, string[]>, calls: string[] = []): Resolver => async (host) => {
      calls.push(host);
      if (!answers[host]) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return answers[host].map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };

    it('refuses a host name that resolves to a loopback address when private targets are not allowed', async () => {
      const r = await receive();
      await hook(`https://hooks.example.test:${r.port}/hook`);
      await emit();
      const calls: string[] = [];
      assert.deepEqual(await run({ allowPrivate: false, resolve: resolver({ 'hooks.example.test': ['127.0.0.1'] }, calls), random: () => 0 }), { delivered: 0, retrying: 1, failed: 0 });
      assert.deepEqual(calls, ['hooks.example.test']);
      assert.equal(r.requests.length, 0, 'nothing reached the address');
      const [row] = await delivery();
      assert.equal(row.last_error, 'refused: hooks.example.test resolves to 127.0.0.1 is a loopback address (ACCORD_WEBHOOKS_ALLOW_PRIVATE allows private targets)');
      assert.equal(row.last_status_code, null);
    });

    it('refuses a host if any of its addresses is private', async () => {
      await hook('https://mixed.example.test/hook');
      await emit();
      await run({ allowPrivate: false, resolve: resolver({ 'mixed.example.test': ['93.184.216.34', '10.0.0.5'] }) });
      assert.match((await delivery())[0].last_error!, /^refused: mixed\.example\.test resolves to 10\.0\.0\.5 is a private \(RFC 1918\) address/);
    });

    it('refuses literal private addresses and localhost saved while they were allowed', async () => {
      for (const url of ['https://127.0.0.1:9/hook', 'https://localhost:9/hook', 'http://hooks.example.com/hook']) {
        await t.db.query('DELETE FROM webhook_endpoints');
        await hook(url);
        await emit();
        await run({ allowPrivate: false, resolve: resolver({}) });
        const [row] = await delivery();
        assert.match(row.last_error!, /^refused: /, url);
      }
      const errors = (await t.db.query<{ last_error: string }>('SELECT last_error FROM webhook_deliveries')).rows;
      assert.equal(errors.length, 1);
      assert.equal(errors[0].last_error, 'refused: must use https (plain http only with ACCORD_WEBHOOKS_ALLOW_PRIVATE)');
    });

    it('refuses the metadata address even when private targets are allowed', async () => {
      await hook('https://metadata.example.test/hook');
      await emit();
      await run({ allowPrivate: true, resolve: resolver({ 'metadata.example.test': ['169.254.169.254'] }) });
      assert.match((await delivery())[0].last_error!, /169\.254\.169\.254 is a link-local address/);
    });

    it('connects to the address it checked, not to a second answer (DNS rebinding)', async () => {
      const r = await receive();
      await hook(`http://rebind.example.test:${r.port}/hook`);
      await emit();
      // The name exists only in this resolver, whose first answer is the receiver and every later
      // one the metadata address: reaching the receiver means the connection used the checked answer.
      const calls: string[] = [];
      const rebinding: Resolver = async (host) => {
        calls.push(host);
        return [{ address: calls.length === 1 ? '127.0.0.1' : '169.254.169.254', family: 4 }];
      };
      assert.deepEqual(await run({ ...allowed, resolve: rebinding }), { delivered: 1, retrying: 0, failed: 0 });
      assert.deepEqual(calls, ['rebind.example.test'], 'resolved once, for the check');
      assert.equal(r.requests[0].headers.host, `rebind.example.test:${r.port}`, 'the Host header keeps the name');
    });
  });

  it('sends nothing for an event emitted in a transaction that rolled back', async () => {
    const r = await receive();
    await hook(r.url);
    await assert.rejects(
      t.db.transaction(async (tx) => {
        await emitWebhookEvent(tx, { type: 'ticket.created', occurredAt: clock.now(), data: { ticket: webhookTicket() } });
        throw new Error('rolled back');
      }),
    );
    assert.deepEqual(await run(), { delivered: 0, retrying: 0, failed: 0 });
    assert.equal(r.requests.length, 0);
  });

  it('fails due deliveries of an inactive webhook without sending them', async () => {
    const r = await receive();
    const created = await hook(r.url);
    await emit();
    await updateWebhook({ ctx: system(), input: { webhookId: created.id, active: false }, settings: { allowPrivate: true } });
    assert.deepEqual(await run(), { delivered: 0, retrying: 0, failed: 1 });
    assert.equal(r.requests.length, 0);
    const [row] = await delivery();
    assert.equal(row.status, 'failed');
    assert.equal(row.last_error, 'the webhook is inactive');
  });

  it('signs with both secrets during a rotation\'s grace period, then with the new one only', async () => {
    const r = await receive();
    const created = await hook(r.url);
    clock.set('2026-03-02T10:00:00Z');
    const rotated = await rotateWebhookSecret({ ctx: system(), input: { webhookId: created.id } });
    await emit();
    await run();
    clock.set('2026-03-03T10:00:00Z');
    await emit();
    await run();
    const [during, afterGrace] = r.requests;
    const duringSig = String(during.headers['accord-signature']);
    assert.equal(duringSig.split(',').length, 3, 't and two v1');
    assert.ok(verifySignature(rotated.secret, duringSig, during.body, seconds('2026-03-02T10:00:00Z')));
    assert.ok(verifySignature(created.secret, duringSig, during.body, seconds('2026-03-02T10:00:00Z')));
    const afterSig = String(afterGrace.headers['accord-signature']);
    assert.equal(afterSig.split(',').length, 2);
    assert.ok(verifySignature(rotated.secret, afterSig, afterGrace.body, seconds('2026-03-03T10:00:00Z')));
    assert.ok(!verifySignature(created.secret, afterSig, afterGrace.body, seconds('2026-03-03T10:00:00Z')));
  });

  it('two workers at once deliver each attempt exactly once', async () => {
    const r = await receive(() => ({ status: 200 }));
    await hook(r.url);
    await hook(`${r.url}?second`);
    for (let i = 0; i < 6; i++) await emit();
    const [a, b] = await Promise.all([run({ ...allowed, batchSize: 2 }), run({ ...allowed, batchSize: 2 })]);
    assert.equal(a.delivered + b.delivered, 12);
    assert.equal(r.requests.length, 12);
    const ids = r.requests.map((q) => q.headers['accord-delivery']);
    assert.equal(new Set(ids).size, 12, 'no delivery was sent twice');
    const rows = await delivery();
    assert.ok(rows.every((row) => row.status === 'delivered' && row.attempts === 1));
  });

  it('a claimed attempt is not claimed again until its claim lapses; then it is re-sent (at least once)', async () => {
    const r = await receive();
    await hook(r.url);
    await emit();
    // A worker claims the delivery, sends it, and dies before recording the outcome.
    const [first, second] = await Promise.all([claimDueDeliveries(t.db, clock.now(), 10), claimDueDeliveries(t.db, clock.now(), 10)]);
    assert.equal(first.length + second.length, 1, 'one claim wins');
    assert.deepEqual(await run(), { delivered: 0, retrying: 0, failed: 0 }, 'claimed: nobody else sends it');
    clock.set('2026-03-02T09:04:59Z');
    assert.deepEqual(await run(), { delivered: 0, retrying: 0, failed: 0 });
    clock.set('2026-03-02T09:05:00Z');
    assert.deepEqual(await run(), { delivered: 1, retrying: 0, failed: 0 }, 'the claim lapsed after 5 minutes');
    assert.deepEqual(await attemptLog(), [{ attempt: 2, at: '2026-03-02T09:05:00Z', status_code: 200, error: null }]);
    assert.equal(r.requests.length, 1);
  });
});
