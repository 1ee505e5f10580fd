import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../src/http/index.ts';
import { TestClock } from '../../src/platform/clock.ts';
import { Writable } from 'node:stream';
import { createLogger, silentLogger } from '../../src/platform/logger.ts';
import type { Db } from '../../src/platform/db.ts';
import { openTestApp } from '../support/http.ts';
import type { TestApp } from '../support/http.ts';

function assertEnvelope(body: any, code: string): void {
  assert.deepEqual(Object.keys(body).sort(), ['code', 'details', 'message', 'requestId']);
  assert.equal(body.code, code);
  assert.equal(typeof body.message, 'string');
  assert.ok(Array.isArray(body.details));
  assert.match(body.requestId, /^[0-9a-f-]{36}$/);
}

describe('the error envelope', () => {
  let h: TestApp;
  before(async () => {
    h = await openTestApp();
  });
  after(() => h.close());

  it('answers an unknown route with a 404 envelope carrying the request id', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/nowhere' });
    assert.equal(res.statusCode, 404);
    assertEnvelope(res.json(), 'not_found');
    assert.equal(res.json().requestId, res.headers['x-request-id']);
    const api = await h.as(h.tokens.admin, { method: 'GET', url: '/api/v1/nowhere' });
    assert.equal(api.statusCode, 404);
    assertEnvelope(api.json(), 'not_found');
  });

  it('answers malformed JSON with 400 invalid_input on the body', async () => {
    const res = await h.as(h.tokens.admin, {
      method: 'POST',
      url: '/api/v1/organizations',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "Acme",',
    });
    assert.equal(res.statusCode, 400);
    assertEnvelope(res.json(), 'invalid_input');
    assert.equal(res.json().details[0].path, 'body');
  });

  it('names each invalid field: missing, unknown and bad enum', async () => {
    const res = await h.as(h.tokens.admin, {
      method: 'POST',
      url: '/api/v1/organizations',
      payload: { plan_id: 7, onboarding_state: 'half', colour: 'red' },
    });
    assert.equal(res.statusCode, 400);
    const body = res.json();
    assertEnvelope(body, 'invalid_input');
    const paths = body.details.map((d: { path: string }) => d.path);
    for (const path of ['name', 'colour', 'onboarding_state']) assert.ok(paths.includes(path), `${path} in ${paths}`);
  });

  it('names query-string fields with their location', async () => {
    const res = await h.as(h.tokens.admin, { method: 'GET', url: '/api/v1/organizations?limit=0' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().details[0].path, 'querystring.limit');
  });

  it('maps verb errors with camelCase paths to the API field names', async () => {
    const res = await h.as(h.tokens.admin, {
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { organization_id: crypto.randomUUID(), email: 'nobody@example.test', name: 'N' },
    });
    assert.equal(res.statusCode, 404);
    assertEnvelope(res.json(), 'not_found');
    assert.equal(res.json().details[0].path, 'organization_id');
  });

  it('keeps log lines bounded when a body has thousands of problems', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
    const app = await buildApp({ db: h.t.db, clock: h.clock, logger: createLogger({ level: 'info', destination: sink }) });
    try {
      const payload = { name: 'Wide', plan_id: 'business', ...Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`field_${i}`, 'x'.repeat(100)])) };
      const res = await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: { authorization: `Bearer ${h.tokens.admin}` }, payload });
      assert.equal(res.statusCode, 400);
      assert.ok(res.body.length < 10_000, `response of ${res.body.length} bytes`);
      const refused = lines.filter((l) => l.includes('request refused'));
      assert.equal(refused.length, 1);
      assert.ok(Math.max(...lines.map((l) => l.length)) < 5_000, `longest log line: ${Math.max(...lines.map((l) => l.length))} bytes`);
      assert.equal(JSON.parse(refused[0]).problems, 5_000);
    } finally {
      await app.close();
    }
  });

  it('hides an unexpected failure behind a 500 internal envelope', async () => {
    const broken: Db = {
      query: async () => {
        throw new Error('secret connection detail');
      },
      exec: async () => undefined,
      transaction: async () => {
        throw new Error('secret connection detail');
      },
    };
    const app = await buildApp({ db: broken, clock: new TestClock(), logger: silentLogger() });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/v1/agents', headers: { authorization: 'Bearer acc_x' } });
      assert.equal(res.statusCode, 500);
      assertEnvelope(res.json(), 'internal');
      assert.equal(res.body.includes('secret'), false);
    } finally {
      await app.close();
    }
  });
});
