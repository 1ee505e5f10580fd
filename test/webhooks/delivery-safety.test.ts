// Delivery against a real HTTP receiver on 127.0.0.1, made safe: the SSRF rule after DNS, nothing
// sent for a rolled-back event or an inactive webhook, both secrets signing during a rotation, and
// at-least-once under concurrency and crashes (the clock is moved and the job's handler called).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { claimDueDeliveries } from '../../src/webhooks/deliver.ts';
import { emitWebhookEvent, rotateWebhookSecret, updateWebhook, type Resolver } from '../../src/webhooks/index.ts';
import { deliveryBench, seconds } from './delivery-bench.ts';
import { verifySignature, webhookTicket } from './helpers.ts';

describe('webhook delivery', () => {
  const b = deliveryBench();
  const { allowed, run, system, receive, hook, emit, delivery, attemptLog } = b;

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
        await b.t.db.query('DELETE FROM webhook_endpoints');
        await hook(url);
        await emit();
        await run({ allowPrivate: false, resolve: resolver({}) });
        const [row] = await delivery();
        assert.match(row.last_error!, /^refused: /, url);
      }
      const errors = (await b.t.db.query<{ last_error: string }>('SELECT last_error FROM webhook_deliveries')).rows;
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
      b.t.db.transaction(async (tx) => {
        await emitWebhookEvent(tx, { type: 'ticket.created', occurredAt: b.clock.now(), data: { ticket: webhookTicket() } });
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
    b.clock.set('2026-03-02T10:00:00Z');
    const rotated = await rotateWebhookSecret({ ctx: system(), input: { webhookId: created.id } });
    await emit();
    await run();
    b.clock.set('2026-03-03T10:00:00Z');
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
    const [first, second] = await Promise.all([claimDueDeliveries(b.t.db, b.clock.now(), 10), claimDueDeliveries(b.t.db, b.clock.now(), 10)]);
    assert.equal(first.length + second.length, 1, 'one claim wins');
    assert.deepEqual(await run(), { delivered: 0, retrying: 0, failed: 0 }, 'claimed: nobody else sends it');
    b.clock.set('2026-03-02T09:04:59Z');
    assert.deepEqual(await run(), { delivered: 0, retrying: 0, failed: 0 });
    b.clock.set('2026-03-02T09:05:00Z');
    assert.deepEqual(await run(), { delivered: 1, retrying: 0, failed: 0 }, 'the claim lapsed after 5 minutes');
    assert.deepEqual(await attemptLog(), [{ attempt: 2, at: '2026-03-02T09:05:00Z', status_code: 200, error: null }]);
    assert.equal(r.requests.length, 1);
  });
});
