// Delivery against a real HTTP receiver on 127.0.0.1: the signed request, retries at the backoff
// instants (the clock is moved and the job's handler called, no timers), redirects, timeouts and
// refused connections. The SSRF rule, inactive webhooks, and at-least-once under concurrency and
// crashes: delivery-safety.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_ATTEMPTS } from '../../src/webhooks/index.ts';
import { deliveryBench, seconds, T0 } from './delivery-bench.ts';
import { verifySignature } from './helpers.ts';

describe('webhook delivery', () => {
  const b = deliveryBench();
  const { allowed, run, receive, hook, emit, delivery, attemptLog } = b;

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
    b.clock.set('2026-03-02T09:00:32.999Z');
    assert.deepEqual(await run(), { delivered: 0, retrying: 0, failed: 0 }, 'not before it is due');
    b.clock.set('2026-03-02T09:00:33Z');
    assert.deepEqual(await run(), { delivered: 0, retrying: 1, failed: 0 });
    // 2 minutes plus 10%: 132 s after the second attempt.
    assert.equal((await delivery())[0].next_attempt_at?.toString(), '2026-03-02T09:02:45Z');
    b.clock.set('2026-03-02T09:02:45Z');
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
      if (row.next_attempt_at) b.clock.set(row.next_attempt_at);
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
    b.clock.advance({ hours: 48 });
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
    b.forgetReceiver();
    await emit();
    assert.deepEqual(await run(), { delivered: 0, retrying: 1, failed: 0 });
    const [row] = await delivery();
    assert.match(row.last_error!, /^ECONNREFUSED/);
    assert.ok(row.last_error!.length <= 1000);
  });

});
