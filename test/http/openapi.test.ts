// The OpenAPI document clients generate from: it lints clean with Redocly's recommended rules,
// every operation has a stable operationId and says who may call it, the committed generated
// types match it, and a client generated from it drives the API in this test.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import createClient from 'openapi-fetch';
import type { FastifyInstance } from 'fastify';
import { API_TYPES_FILE, apiTypesSource } from '../../scripts/openapi-types.ts';
import type { paths } from '../support/api-types.ts';
import { openTicketApp, type TicketApp } from './ticket-app.ts';

/** fetch, answered in-process by the app: the generated client runs unchanged, with no network. */
function injectFetch(app: FastifyInstance): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const res = await app.inject({
      method: request.method as 'GET',
      url: url.pathname + url.search,
      headers: Object.fromEntries(request.headers.entries()),
      payload: body,
    });
    return new Response(res.statusCode === 204 ? null : res.rawPayload, { status: res.statusCode, headers: res.headers as Record<string, string> });
  };
}

describe('the OpenAPI document', () => {
  let h: TicketApp;
  let document: any;
  before(async () => {
    h = await openTicketApp('openback', 'enterprise');
    document = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  });
  after(() => h.close());

  it("lints clean with Redocly's recommended rules", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    assert.deepEqual(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`), []);
  });

  it('gives every operation a unique operationId, its security and its 4xx answers', () => {
    const ids = new Set<string>();
    for (const [path, item] of Object.entries<any>(document.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        assert.match(op.operationId ?? '', /^[a-z][A-Za-z]+$/, where);
        assert.ok(!ids.has(op.operationId), `${where}: duplicate ${op.operationId}`);
        ids.add(op.operationId);
        assert.ok(Array.isArray(op.security), `${where} declares its security`);
        // Public: no security, or "none or a bearer token" on routes that identify a caller who sends one.
        const isPublic = op.security.length === 0 || op.security.some((s: object) => Object.keys(s).length === 0);
        assert.match(op.description, isPublic ? /Public: no token needed/ : /Who may call: /, where);
        assert.ok(Object.keys(op.responses).some((code) => /^4/.test(code)), `${where} lists its 4xx answers`);
      }
    }
    // The demo's mail catcher (/dev/mail, capture mode only) is not part of the API: it is left out.
    const documented = h.app.accessTable.filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/docs') && !r.url.startsWith('/dev/') && r.url !== '/openapi.json' && !r.page);
    assert.equal(ids.size, documented.length, 'every route but the docs themselves, the mail catcher and the web pages is in the document');
    assert.ok(h.app.accessTable.filter((r) => r.page).every((r) => !r.url.startsWith('/api/')), 'no API route is a page');
    assert.deepEqual(document.servers, [{ url: '/', description: 'This Accord instance' }]);
  });

  it('matches the committed generated types (npm run openapi:types)', async () => {
    const committed = await readFile(API_TYPES_FILE, 'utf8');
    assert.equal(committed, await apiTypesSource(document), 'run `npm run openapi:types` and commit test/support/api-types.ts');
  });

  it('drives the API through a client generated from it', async () => {
    const client = createClient<paths>({ baseUrl: 'http://accord.test', fetch: injectFetch(h.app), headers: { authorization: `Bearer ${h.contactA.token}` } });
    const created = await client.POST('/api/v1/tickets', { body: { subject: 'Typed client', description: 'Opened through generated types', severity: 3 } });
    assert.equal(created.response.status, 201);
    const ticketId = created.data!.id;
    assert.equal(created.data!.organization_id, h.contactA.organizationId);
    const read = await client.GET('/api/v1/tickets/{id}', { params: { path: { id: ticketId } } });
    assert.equal(read.data!.subject, 'Typed client');
    assert.ok(read.data!.clocks.length > 0);
    const replied = await client.POST('/api/v1/tickets/{id}/replies', { params: { path: { id: ticketId } }, body: { body: 'More detail' } });
    assert.equal(replied.response.status, 201);
    assert.equal(replied.data!.type, 'reply');
    const refused = await client.POST('/api/v1/tickets/{id}/notes', { params: { path: { id: ticketId } }, body: { body: 'not mine to write' } });
    assert.equal(refused.response.status, 403);
    assert.equal(refused.error!.code, 'forbidden');
    const list = await client.GET('/api/v1/tickets', { params: { query: { limit: 1 } } });
    assert.equal(list.data!.items.length, 1);
  });
});
