// Idempotency-Key on POST, as the IETF draft describes it: replays of successes (and of held
// requests: idempotency-held.test.ts), the canonical body as the fingerprint, refusals release
// the key, concurrent retries wait or hear 409 with Retry-After, and keys expire after 24 hours.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pruneIdempotencyKeys } from '../../src/platform/index.ts';
import { openTestApp } from '../support/http.ts';
import type { TestApp } from '../support/http.ts';

describe('Idempotency-Key on POST', () => {
  let h: TestApp;
  before(async () => {
    h = await openTestApp();
  });
  after(() => h.close());

  const countOrgs = async (name: string) =>
    (await h.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM organizations WHERE name = $1', [name])).rows[0].n;
  const storedKeys = async (key: string) =>
    (await h.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1', [key])).rows[0].n;
  const post = (token: string, key: string, payload: unknown, url = '/api/v1/organizations') =>
    h.as(token, { method: 'POST', url, headers: { 'idempotency-key': key }, payload: payload as Record<string, unknown> });

  it('replays the first success to a retry, which creates nothing more', async () => {
    const first = await post(h.tokens.manager, 'create-acme-1', { name: 'Idem Acme', plan_id: 'business' });
    const retry = await post(h.tokens.manager, 'create-acme-1', { name: 'Idem Acme', plan_id: 'business' });
    assert.equal(first.statusCode, 201);
    assert.equal(retry.statusCode, 201);
    assert.deepEqual(retry.json(), first.json());
    assert.equal(retry.headers['idempotent-replayed'], 'true');
    assert.equal(first.headers['idempotent-replayed'], undefined);
    assert.equal(await countOrgs('Idem Acme'), 1);
  });

  it('reads the same fields in another order as the same request', async () => {
    const first = await post(h.tokens.manager, 'ordered', { name: 'Idem Ordered', plan_id: 'business', onboarding_state: 'complete' });
    const reordered = await h.as(h.tokens.manager, {
      method: 'POST',
      url: '/api/v1/organizations',
      headers: { 'idempotency-key': 'ordered', 'content-type': 'application/json' },
      payload: '{"onboarding_state":"complete","plan_id":"business","name":"Idem Ordered"}',
    });
    assert.equal(reordered.statusCode, 201);
    assert.equal(reordered.headers['idempotent-replayed'], 'true');
    assert.deepEqual(reordered.json(), first.json());
    assert.equal(await countOrgs('Idem Ordered'), 1);
  });

  it('refuses the same key with a different request as 422, creating nothing', async () => {
    await post(h.tokens.manager, 'create-acme-2', { name: 'Idem B', plan_id: 'business' });
    const res = await post(h.tokens.manager, 'create-acme-2', { name: 'Idem C', plan_id: 'business' });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().code, 'conflict');
    assert.equal(res.json().details[0].path, 'headers.idempotency-key');
    assert.equal(await countOrgs('Idem C'), 0);
    const otherRoute = await post(h.tokens.manager, 'create-acme-2', { name: 'Idem B', plan_id: 'business' }, '/api/v1/tokens');
    assert.equal(otherRoute.statusCode, 400, 'the token route refuses the organization fields before the key is read');
  });

  it('releases a key whose request the verb refused, so the corrected retry runs', async () => {
    const missingOrg = crypto.randomUUID();
    const refused = await post(h.tokens.manager, 'contact-1', { organization_id: missingOrg, email: 'idem@example.test', name: 'Idem' }, '/api/v1/contacts');
    assert.equal(refused.statusCode, 404);
    assert.equal(await storedKeys('contact-1'), 0, 'a refusal is not stored');
    const corrected = await post(h.tokens.manager, 'contact-1', { organization_id: h.organizationId, email: 'idem@example.test', name: 'Idem' }, '/api/v1/contacts');
    assert.equal(corrected.statusCode, 201, corrected.body);
    const replay = await post(h.tokens.manager, 'contact-1', { organization_id: h.organizationId, email: 'idem@example.test', name: 'Idem' }, '/api/v1/contacts');
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.deepEqual(replay.json(), corrected.json());
  });

  it('never reserves a key for a request its schema refuses, nor for a forbidden one', async () => {
    const invalid = await post(h.tokens.manager, 'schema-1', { name: 'Idem Schema', plan_id: 7 });
    assert.equal(invalid.statusCode, 400);
    const forbidden = await post(h.tokens.frontLine, 'schema-1', { name: 'Idem Schema', plan_id: 'business' });
    assert.equal(forbidden.statusCode, 403);
    assert.equal(await storedKeys('schema-1'), 0);
    const ok = await post(h.tokens.manager, 'schema-1', { name: 'Idem Schema', plan_id: 'business' });
    assert.equal(ok.statusCode, 201);
  });

  it('keeps keys per actor: another actor may use the same key', async () => {
    assert.equal((await post(h.tokens.manager, 'shared-key', { name: 'Idem Shared', plan_id: 'business' })).statusCode, 201);
    assert.equal((await post(h.tokens.admin, 'shared-key', { name: 'Idem Shared', plan_id: 'business' })).statusCode, 201);
    assert.equal(await countOrgs('Idem Shared'), 2);
  });

  it('refuses a malformed key', async () => {
    const res = await post(h.tokens.manager, 'x'.repeat(300), { name: 'Idem Long', plan_id: 'business' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().details[0].path, 'headers.idempotency-key');
    const spaced = await post(h.tokens.manager, 'has space', { name: 'Idem Long', plan_id: 'business' });
    assert.equal(spaced.statusCode, 400);
  });

  it('lets concurrent same-key requests create exactly once; the others replay or hear 409 with Retry-After', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => post(h.tokens.manager, 'racing', { name: 'Idem Race', plan_id: 'business' })));
    const created = results.filter((r) => r.statusCode === 201);
    assert.ok(created.length >= 1);
    for (const res of results) {
      assert.ok([201, 409].includes(res.statusCode), `${res.statusCode} ${res.body}`);
      if (res.statusCode === 409) {
        assert.equal(res.headers['retry-after'], '1');
        assert.match(res.json().message, /in progress/);
      }
    }
    assert.equal(new Set(created.map((r) => r.json().id)).size, 1, 'every 201 is the same organization');
    assert.equal(await countOrgs('Idem Race'), 1);
  });

  it('keeps a key 24 hours; after that the job removes it and the key may be used again', async () => {
    const first = await post(h.tokens.manager, 'daily', { name: 'Idem Daily', plan_id: 'business' });
    assert.equal(first.statusCode, 201);
    h.clock.advance({ hours: 23, minutes: 59 });
    assert.equal(await pruneIdempotencyKeys(h.t.db, h.clock.now()), 0);
    assert.equal((await post(h.tokens.manager, 'daily', { name: 'Idem Daily', plan_id: 'business' })).headers['idempotent-replayed'], 'true');
    h.clock.advance({ minutes: 2 });
    // Past retention, a key still in the table (the job has not run yet) no longer replays.
    const again = await post(h.tokens.manager, 'daily', { name: 'Idem Daily 2', plan_id: 'business' });
    assert.equal(again.statusCode, 201);
    assert.equal(again.headers['idempotent-replayed'], undefined);
    h.clock.advance({ hours: 25 });
    assert.ok((await pruneIdempotencyKeys(h.t.db, h.clock.now())) >= 1);
    assert.equal(await storedKeys('daily'), 0);
  });
});
