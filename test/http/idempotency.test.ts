import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp } from '../support/http.ts';
import type { TestApp } from '../support/http.ts';

describe('Idempotency-Key on POST', () => {
  let h: TestApp;
  before(async () => {
    h = await openTestApp();
  });
  after(() => h.close());

  const countOrgs = async (name: string) =>
    (await h.t.db.query<{ n: number }>('SELECT count(*) AS n FROM organizations WHERE name = $1', [name])).rows[0].n;

  it('replays the first response to a retry and creates nothing more', async () => {
    const request = {
      method: 'POST' as const,
      url: '/api/v1/organizations',
      headers: { 'idempotency-key': 'create-acme-1' },
      payload: { name: 'Idem Acme', plan_id: 'business' },
    };
    const first = await h.as(h.tokens.manager, request);
    const retry = await h.as(h.tokens.manager, request);
    assert.equal(first.statusCode, 201);
    assert.equal(retry.statusCode, 201);
    assert.deepEqual(retry.json(), first.json());
    assert.equal(retry.headers['idempotent-replayed'], 'true');
    assert.equal(await countOrgs('Idem Acme'), 1);
  });

  it('refuses the same key with a different body as a conflict', async () => {
    const headers = { 'idempotency-key': 'create-acme-2' };
    await h.as(h.tokens.manager, { method: 'POST', url: '/api/v1/organizations', headers, payload: { name: 'Idem B', plan_id: 'business' } });
    const res = await h.as(h.tokens.manager, {
      method: 'POST',
      url: '/api/v1/organizations',
      headers,
      payload: { name: 'Idem C', plan_id: 'business' },
    });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().code, 'conflict');
    assert.equal(await countOrgs('Idem C'), 0);
  });

  it('keeps keys per actor: another actor may use the same key', async () => {
    const request = {
      method: 'POST' as const,
      url: '/api/v1/organizations',
      headers: { 'idempotency-key': 'shared-key' },
      payload: { name: 'Idem Shared', plan_id: 'business' },
    };
    assert.equal((await h.as(h.tokens.manager, request)).statusCode, 201);
    assert.equal((await h.as(h.tokens.admin, request)).statusCode, 201);
    assert.equal(await countOrgs('Idem Shared'), 2);
  });

  it('replays a refusal too, so a retry gets the same answer', async () => {
    const request = {
      method: 'POST' as const,
      url: '/api/v1/organizations',
      headers: { 'idempotency-key': 'front-line-try' },
      payload: { name: 'Idem Forbidden', plan_id: 'business' },
    };
    const first = await h.as(h.tokens.frontLine, request);
    const retry = await h.as(h.tokens.frontLine, request);
    assert.equal(first.statusCode, 403);
    assert.equal(retry.statusCode, 403);
    assert.deepEqual(retry.json(), first.json());
  });

  it('refuses a malformed key', async () => {
    const res = await h.as(h.tokens.manager, {
      method: 'POST',
      url: '/api/v1/organizations',
      headers: { 'idempotency-key': 'x'.repeat(300) },
      payload: { name: 'Idem Long', plan_id: 'business' },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().details[0].path, 'headers.idempotency-key');
  });

  it('lets concurrent duplicates through at most once', async () => {
    const request = {
      method: 'POST' as const,
      url: '/api/v1/organizations',
      headers: { 'idempotency-key': 'racing' },
      payload: { name: 'Idem Race', plan_id: 'business' },
    };
    const results = await Promise.all([1, 2, 3].map(() => h.as(h.tokens.manager, request)));
    for (const res of results) assert.ok([201, 409].includes(res.statusCode), String(res.statusCode));
    assert.equal(await countOrgs('Idem Race'), 1);
  });
});
