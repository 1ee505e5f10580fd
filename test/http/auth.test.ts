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

  it('a read-only token reads and nothing else: every other method is refused (403), a new ticket and its own revocation too', async () => {
    const created = await h.as(h.tokens.manager, { method: 'POST', url: '/api/v1/tokens', payload: { name: 'dashboard', read_only: true } });
    assert.equal(created.statusCode, 201);
    const { id, token, read_only } = created.json();
    assert.equal(read_only, true);
    assert.equal((await h.as(token, { method: 'GET', url: '/api/v1/agents' })).statusCode, 200);
    assert.equal((await h.as(token, { method: 'GET', url: '/api/v1/tickets' })).statusCode, 200);
    for (const [method, url, payload] of [['POST', '/api/v1/organizations', { name: 'Nope', plan_id: 'growth' }], ['POST', '/api/v1/tickets', { subject: 'x', description: 'y', requester_id: h.ids.contact }], ['DELETE', `/api/v1/tokens/${id}`, undefined]] as const) {
      const refused = await h.as(token, { method, url, ...(payload ? { payload } : {}) });
      assert.equal(refused.statusCode, 403, `${method} ${url}`);
      assert.equal(refused.json().message, 'This API token may only read (GET); create a token that may write for this');
    }
    const listed = await h.as(h.tokens.manager, { method: 'GET', url: '/api/v1/tokens' });
    assert.equal(listed.json().items.find((t: { id: string }) => t.id === id).read_only, true);
    assert.equal((await h.as(h.tokens.manager, { method: 'GET', url: '/api/v1/tokens' })).json().items.filter((t: { read_only: boolean }) => !t.read_only).length > 0, true, 'the others may write');
  });

  it('a token with scopes calls only the areas they name (write reads too), never more than its owner\'s role; a wrong scope is refused naming it', async () => {
    const created = await h.as(h.tokens.admin, { method: 'POST', url: '/api/v1/tokens', payload: { name: 'crm sync', scopes: ['tickets:read', 'organizations:write'] } });
    assert.equal(created.statusCode, 201);
    const { id, token, scopes } = created.json();
    assert.deepEqual(scopes, ['tickets:read', 'organizations:write']);
    assert.equal((await h.as(token, { method: 'GET', url: '/api/v1/tickets' })).statusCode, 200);
    assert.equal((await h.as(token, { method: 'GET', url: '/api/v1/organizations' })).statusCode, 200, 'organizations:write reads them too');
    assert.equal((await h.as(token, { method: 'POST', url: '/api/v1/organizations', payload: { name: 'Scoped Ltd', plan_id: 'growth' } })).statusCode, 201);
    const agents = await h.as(token, { method: 'GET', url: '/api/v1/agents' });
    assert.deepEqual([agents.statusCode, agents.json().message], [403, "This API token's scopes (tickets:read, organizations:write) do not include agents:read or agents:write"]);
    const ticket = await h.as(token, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'x', description: 'y', requester_id: h.ids.contact } });
    assert.deepEqual([ticket.statusCode, ticket.json().message], [403, "This API token's scopes (tickets:read, organizations:write) do not include tickets:write"]);
    // Its own revocation is in the tokens area: refused too; its owner revokes it otherwise.
    assert.equal((await h.as(token, { method: 'DELETE', url: `/api/v1/tokens/${id}` })).statusCode, 403);
    const listed = (await h.as(h.tokens.admin, { method: 'GET', url: '/api/v1/tokens' })).json().items;
    assert.deepEqual(listed.find((t: { id: string }) => t.id === id).scopes, ['tickets:read', 'organizations:write']);
    assert.equal(listed.filter((t: { scopes: unknown }) => t.scopes === null).length > 0, true, 'the others have none: their role decides');
    // Scopes never widen the role: a contact's token naming agents:write still may not list agents.
    const contacts = await h.as(h.tokens.contact, { method: 'POST', url: '/api/v1/tokens', payload: { scopes: ['agents:write', 'tickets:read'] } });
    assert.equal(contacts.statusCode, 201);
    assert.equal((await h.as(contacts.json().token, { method: 'GET', url: '/api/v1/agents' })).statusCode, 403);
    assert.equal((await h.as(contacts.json().token, { method: 'GET', url: '/api/v1/tickets' })).statusCode, 200);
    // Wrong scopes: named, nothing created.
    for (const bad of [['tickets:delete'], ['nothing:read'], ['tickets:read', 'tickets:read'], []]) {
      const refused = await h.as(h.tokens.admin, { method: 'POST', url: '/api/v1/tokens', payload: { scopes: bad } });
      assert.equal(refused.statusCode, 400, JSON.stringify(bad));
      assert.match(refused.json().details[0].path, /^scopes/, JSON.stringify(bad));
    }
    // Every operation says which scope it needs.
    const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    assert.match(doc.paths['/api/v1/tickets'].get.description, /Token scope: `tickets:read` \(or `tickets:write`\)\.$/);
    assert.match(doc.paths['/api/v1/tickets'].post.description, /Token scope: `tickets:write`\.$/);
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
