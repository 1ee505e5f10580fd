import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp } from '../support/http.ts';
import type { TestApp } from '../support/http.ts';
import { policyWithPlans } from './ticket-app.ts';

describe('organizations, contacts, agents and tokens over HTTP', () => {
  let h: TestApp;
  before(async () => {
    h = await openTestApp();
    // The fixtures' plans, with the named contact limits the tests below rely on.
    const source = policyWithPlans('officespace', [{ id: 'business', named_contacts: null }, { id: 'starter', named_contacts: 1 }]);
    const activated = await h.as(h.tokens.admin, { method: 'PUT', url: '/api/v1/policy', payload: { source } });
    assert.equal(activated.statusCode, 200, activated.body);
  });
  after(() => h.close());

  it('creates and lists organizations in snake_case with ISO times', async () => {
    const res = await h.as(h.tokens.manager, {
      method: 'POST',
      url: '/api/v1/organizations',
      payload: { name: 'Globex', plan_id: 'starter', onboarding_state: 'complete' },
    });
    assert.equal(res.statusCode, 201);
    const org = res.json();
    assert.deepEqual(Object.keys(org).sort(), ['created_at', 'designated_agents', 'existing_customer', 'id', 'name', 'notes', 'onboarding_state', 'plan_id', 'unmet_requirements']);
    assert.equal(org.notes, null);
    assert.deepEqual(org.designated_agents, {});
    assert.equal(org.created_at, '2025-01-06T09:00:00Z');

    const page = await h.as(h.tokens.frontLine, { method: 'GET', url: '/api/v1/organizations?limit=1' });
    assert.equal(page.statusCode, 200);
    assert.equal(page.json().items.length, 1);
    assert.equal(typeof page.json().next_cursor, 'string');
    const next = await h.as(h.tokens.frontLine, {
      method: 'GET',
      url: `/api/v1/organizations?limit=1&cursor=${page.json().next_cursor}`,
    });
    assert.notEqual(next.json().items[0].id, page.json().items[0].id);
  });

  it('creates contacts and enforces the named contact limit with 429', async () => {
    const org = (
      await h.as(h.tokens.admin, { method: 'POST', url: '/api/v1/organizations', payload: { name: 'Initech', plan_id: 'starter' } })
    ).json();
    const create = (email: string) =>
      h.as(h.tokens.manager, {
        method: 'POST',
        url: '/api/v1/contacts',
        payload: { organization_id: org.id, email, name: 'Peter', named_contact: true },
      });
    const first = await create('peter@initech.test');
    assert.equal(first.statusCode, 201);
    assert.equal(first.json().named_contact, true);
    assert.equal('password_hash' in first.json(), false);
    const second = await create('milton@initech.test');
    assert.equal(second.statusCode, 429);
    assert.equal(second.json().code, 'limit_exceeded');
    assert.equal(second.json().message, 'The starter plan allows 1 named support contact; Initech has 1 already: un-name one first, or add this person as not named');
    assert.deepEqual(second.json().details, [{ path: 'named_contact', message: "the plan's limit of 1 is reached" }]);

    const list = await h.as(h.tokens.frontLine, { method: 'GET', url: `/api/v1/contacts?organization_id=${org.id}` });
    assert.deepEqual(
      list.json().items.map((c: { email: string }) => c.email),
      ['peter@initech.test'],
    );
    const hidden = await h.as(h.tokens.contact, { method: 'GET', url: `/api/v1/contacts?organization_id=${org.id}` });
    assert.equal(hidden.statusCode, 404);
  });

  it('creates agents (admin) and tokens', async () => {
    const agent = await h.as(h.tokens.admin, {
      method: 'POST',
      url: '/api/v1/agents',
      payload: { email: 'Esc@Accord.test', name: 'Esc', role: 'escalation' },
    });
    assert.equal(agent.statusCode, 201);
    assert.equal(agent.json().email, 'esc@accord.test');
    const token = await h.as(h.tokens.admin, { method: 'POST', url: '/api/v1/tokens', payload: { agent_id: agent.json().id } });
    assert.equal(token.statusCode, 201);
    const list = await h.as(token.json().token, { method: 'GET', url: '/api/v1/agents' });
    assert.equal(list.statusCode, 200);
  });

  it('refuses every write for the wrong actor with 403', async () => {
    const writes = [
      { token: h.tokens.frontLine, url: '/api/v1/organizations', payload: { name: 'X', plan_id: 'starter' } },
      { token: h.tokens.contact, url: '/api/v1/organizations', payload: { name: 'X', plan_id: 'starter' } },
      { token: h.tokens.frontLine, url: '/api/v1/contacts', payload: { organization_id: h.organizationId, email: 'x1@x.test', name: 'X' } },
      { token: h.tokens.contact, url: '/api/v1/contacts', payload: { organization_id: h.organizationId, email: 'x2@x.test', name: 'X' } },
      { token: h.tokens.manager, url: '/api/v1/agents', payload: { email: 'x3@x.test', name: 'X', role: 'admin' } },
      { token: h.tokens.contact, url: '/api/v1/agents', payload: { email: 'x4@x.test', name: 'X', role: 'admin' } },
      { token: h.tokens.manager, url: '/api/v1/tokens', payload: { agent_id: h.ids.admin } },
      { token: h.tokens.contact, url: '/api/v1/tokens', payload: { agent_id: h.ids.admin } },
    ];
    for (const write of writes) {
      const res = await h.as(write.token, { method: 'POST', url: write.url, payload: write.payload });
      assert.equal(res.statusCode, 403, `${write.url} ${JSON.stringify(write.payload)}`);
      assert.equal(res.json().code, 'forbidden');
    }
  });

  it('publishes an OpenAPI 3.1 document with every route and the bearer scheme, and a docs page', async () => {
    const res = await h.app.inject('/openapi.json');
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.equal(doc.openapi, '3.1.0');
    for (const path of ['/api/v1/organizations', '/api/v1/contacts', '/api/v1/agents', '/api/v1/tokens', '/healthz', '/readyz']) {
      assert.ok(doc.paths[path], path);
    }
    assert.equal(doc.components.securitySchemes.bearerAuth.scheme, 'bearer');
    const docs = await h.app.inject('/docs/');
    assert.equal(docs.statusCode, 200);
    assert.match(docs.headers['content-type'] as string, /text\/html/);
  });
});
