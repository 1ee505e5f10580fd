import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp } from '../support/http.ts';
import type { TestApp } from '../support/http.ts';

describe('bearer-token auth', () => {
  let h: TestApp;
  before(async () => {
    h = await openTestApp();
  });
  after(() => h.close());

  it('refuses a request without a token with 401 and a WWW-Authenticate challenge', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/organizations' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'unauthenticated');
    assert.equal(res.headers['www-authenticate'], 'Bearer');
  });

  it('refuses another scheme and an unknown token', async () => {
    for (const authorization of ['Basic YTpi', 'Bearer', `Bearer ${h.tokens.admin}x`, `bearer ${h.tokens.admin} extra`]) {
      const res = await h.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: { authorization } });
      assert.equal(res.statusCode, 401, authorization);
      assert.equal(res.json().code, 'unauthenticated');
    }
  });

  it('resolves an agent token and a contact token to their actors', async () => {
    const agents = await h.as(h.tokens.frontLine, { method: 'GET', url: '/api/v1/agents' });
    assert.equal(agents.statusCode, 200);
    const forContact = await h.as(h.tokens.contact, { method: 'GET', url: '/api/v1/agents' });
    assert.equal(forContact.statusCode, 403);
    assert.equal(forContact.json().code, 'forbidden');
    const orgs = await h.as(h.tokens.contact, { method: 'GET', url: '/api/v1/organizations' });
    assert.deepEqual(
      orgs.json().items.map((o: { id: string }) => o.id),
      [h.organizationId],
    );
  });

  it('revokes a token through the API: it stops working on the very next request', async () => {
    const created = await h.as(h.tokens.manager, { method: 'POST', url: '/api/v1/tokens', payload: { name: 'to revoke' } });
    assert.equal(created.statusCode, 201);
    const { id, token, expires_at } = created.json();
    assert.ok(expires_at);
    assert.equal((await h.as(token, { method: 'GET', url: '/api/v1/agents' })).statusCode, 200);
    const listed = await h.as(token, { method: 'GET', url: '/api/v1/tokens' });
    assert.ok(listed.json().items.some((t: { id: string }) => t.id === id));
    const revoked = await h.as(token, { method: 'DELETE', url: `/api/v1/tokens/${id}` });
    assert.equal(revoked.statusCode, 200);
    assert.ok(revoked.json().revoked_at);
    const next = await h.as(token, { method: 'GET', url: '/api/v1/agents' });
    assert.equal(next.statusCode, 401);
    assert.match(next.json().message, /revoked/);
  });

  it('refuses an expired token, saying it expired', async () => {
    const created = await h.as(h.tokens.frontLine, { method: 'POST', url: '/api/v1/tokens', payload: { expires_in_days: 1 } });
    assert.equal(created.statusCode, 201);
    h.clock.advance({ hours: 24 });
    const res = await h.as(created.json().token, { method: 'GET', url: '/api/v1/agents' });
    assert.equal(res.statusCode, 401);
    assert.match(res.json().message, /expired/);
  });

  it('leaves health, docs and the OpenAPI document public', async () => {
    for (const url of ['/healthz', '/openapi.json', '/docs']) {
      const res = await h.app.inject({ method: 'GET', url });
      assert.ok(res.statusCode < 400, `${url}: ${res.statusCode}`);
    }
  });
});
