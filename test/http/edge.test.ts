// The API edge as a hostile client meets it: path spellings never reach a handler without a
// token; bodies are never coerced; deep, wide, huge, mistyped or mis-encoded bodies and forged
// cursors answer 4xx with small, bounded envelopes; every response carries security headers.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_DETAILS } from '../../src/http/error-handler.ts';
import { jsonShapeProblem } from '../../src/http/body-parsing.ts';
import { openTicket, openTicketApp, type TicketApp } from './ticket-app.ts';

describe('the API edge', () => {
  let h: TicketApp;
  let ticketId: string;
  before(async () => {
    h = await openTicketApp('openback', 'enterprise');
    ticketId = (await openTicket(h, h.contactA)).id;
  });
  after(() => h.close());

  const count = async (table: string) => (await h.desk.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;

  it('no spelling of a protected path reaches a handler without a token', async () => {
    const spellings = [
      '/%61pi/v1/policy', '/api/v1/%70olicy', '/%61%70%69/v1/policy', '/API/v1/policy', '/Api/V1/Policy', '//api/v1/policy',
      '/api//v1/policy', '/api/v1//policy', '/api/v1/./policy', '/api/v1/x/../policy', '/./api/v1/policy', '/api/v1/policy/',
      '/api/v1/policy%2f', '/api/v1/policy;x', '/api/v1/policy;', '/api/v1/policy%00', '/api/v1/policy%20', '/api/v1/policy.json',
      '/api/v1/policy?x=1', '/api/v1/policy#frag', '/api/v1/policy/..', '/api/v1/policy%3f', '/api%2fv1/policy', '/api/v1/policy\\',
      '/api/v1/agents', '/%61pi/v1/agents', `/%61pi/v1/tickets/${ticketId}`, `/api/v1/tickets/${ticketId.toUpperCase()}`,
      `/api/v1/tickets/${ticketId}/`, `/api/v1/tickets/${ticketId}/%65vents`, '/api/v1/tokens',
    ];
    for (const url of spellings) {
      for (const method of ['GET', 'HEAD'] as const) {
        const res = await h.app.inject({ method, url });
        assert.ok([400, 401, 404].includes(res.statusCode), `${method} ${url}: ${res.statusCode}`);
        assert.doesNotMatch(res.body, /openback|accord: 1|"items"/i, `${method} ${url} leaked data`);
      }
    }
    const writes = ['/%61pi/v1/sla/simulate', '/api/v1/sla/%73imulate', '/%61pi/v1/organizations', '/%61pi/v1/tickets'];
    const tickets = await count('tickets');
    for (const url of writes) {
      const res = await h.app.inject({ method: 'POST', url, payload: { plan: 'pro', severity: 1, opened: '2026-12-07T10:00:00Z', subject: 'x', description: 'y', name: 'n', plan_id: 'pro' } });
      assert.ok([401, 404].includes(res.statusCode), `POST ${url}: ${res.statusCode}`);
      assert.doesNotMatch(res.body, /targets/);
    }
    assert.equal(await count('tickets'), tickets);
  });

  it('refuses before reading the body: an anonymous malformed or oversized body is 401, not 400 or 413', async () => {
    for (const payload of ['{"not json', 'x'.repeat(2 * 1024 * 1024)]) {
      const res = await h.app.inject({ method: 'POST', url: '/%61pi/v1/tickets', headers: { 'content-type': 'application/json' }, payload });
      assert.equal(res.statusCode, 401);
    }
  });

  it('never coerces a body: booleans, arrays and numbers where text or integers belong are 400 naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ subject: 'S', description: 'D', severity: true }, 'severity'],
      [{ subject: 'S', description: 'D', severity: '1' }, 'severity'],
      [{ subject: ['X'], description: 'D' }, 'subject'],
      [{ subject: 12345, description: 'D' }, 'subject'],
      [{ subject: 'S', description: { text: 'D' } }, 'description'],
      [{ subject: 'S', description: 'D', severity: 1.5 }, 'severity'],
    ];
    const before = await count('tickets');
    for (const [payload, field] of cases) {
      const res = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.ok(res.json().details.some((d: { path: string }) => d.path === field), `${JSON.stringify(payload)}: ${res.body}`);
    }
    assert.equal(await count('tickets'), before);
    const org = await h.as(h.admin.token, { method: 'POST', url: '/api/v1/organizations', payload: { name: 'Typed', plan_id: 7 } });
    assert.equal(org.statusCode, 400);
    assert.equal(org.json().details[0].path, 'plan_id');
    // Query strings arrive as text, so their declared types are read from it.
    const page = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/tickets?limit=1&severity=2' });
    assert.equal(page.statusCode, 200);
  });

  it('refuses deep and wide JSON with 400 and a small envelope', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const wide = JSON.stringify({ subject: 'S', description: 'D', intake: Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`q${i}`, 1])) });
    assert.ok(wide.length < 1024 * 1024, 'under the body limit');
    for (const [payload, words] of [[deep, /deeper/], [wide, /more than/]] as const) {
      const res = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', headers: { 'content-type': 'application/json' }, payload });
      assert.equal(res.statusCode, 400);
      assert.match(res.json().message, words);
      assert.ok(res.body.length < 2_000, `envelope of ${res.body.length} bytes`);
    }
    assert.equal(jsonShapeProblem('{"a":"[[[[[["}', { depth: 2, values: 10 }), null, 'brackets inside strings do not count');
    assert.equal(jsonShapeProblem('{"a":"\\"[[[["}', { depth: 2, values: 10 }), null, 'escaped quotes stay inside the string');
    assert.match(jsonShapeProblem('[[[1]]]', { depth: 2, values: 10 }) ?? '', /deeper than 2/);
  });

  it('caps the details of an envelope at the first 20, each message bounded', async () => {
    const intake = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`unknown_${i}`, 'x'.repeat(900)]));
    const res = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'S', description: 'D', intake } });
    assert.equal(res.statusCode, 400);
    const body = res.json();
    assert.equal(body.details.length, MAX_DETAILS);
    assert.match(body.message, /first 20 of 500 problems/);
    for (const d of body.details) assert.ok(d.message.length <= 300 && d.path.length <= 200);
    assert.ok(res.body.length < 20_000, `envelope of ${res.body.length} bytes`);
  });

  it('answers 413 for an oversized body and 415 for a media type no route reads', async () => {
    const big = JSON.stringify({ subject: 'S', description: 'x'.repeat(2 * 1024 * 1024) });
    const tooBig = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', headers: { 'content-type': 'application/json' }, payload: big });
    assert.equal(tooBig.statusCode, 413);
    assert.equal(tooBig.json().code, 'payload_too_large');
    const xml = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', headers: { 'content-type': 'application/xml' }, payload: '<t/>' });
    assert.equal(xml.statusCode, 415);
    assert.equal(xml.json().code, 'unsupported_media_type');
    // Text is read only where a route says so (the policy file): elsewhere 415, not "must be object".
    const text = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', headers: { 'content-type': 'text/plain' }, payload: 'subject: S' });
    assert.deepEqual([text.statusCode, text.json().code, text.json().message], [415, 'unsupported_media_type', 'This route does not read text/plain: send application/json']);
    const latin1 = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', headers: { 'content-type': 'application/json; charset=iso-8859-1' }, payload: '{"subject":"S","description":"D"}' });
    assert.equal(latin1.statusCode, 415);
  });

  it('refuses invalid UTF-8 instead of repairing it, in JSON and in YAML', async () => {
    const bytes = Buffer.concat([Buffer.from('{"subject":"caf'), Buffer.from([0xe9]), Buffer.from('","description":"D"}')]);
    const before = await count('tickets');
    const res = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', headers: { 'content-type': 'application/json' }, payload: bytes });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json().details, [{ path: 'body', message: 'is not valid UTF-8' }]);
    assert.equal(await count('tickets'), before);
    const yaml = await h.as(h.admin.token, { method: 'PUT', url: '/api/v1/policy', headers: { 'content-type': 'application/yaml' }, payload: Buffer.from([0x61, 0x3a, 0x20, 0xff, 0x0a]) });
    assert.equal(yaml.statusCode, 400);
    const good = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', headers: { 'content-type': 'application/json' }, payload: Buffer.from('{"subject":"café ☕","description":"D"}') });
    assert.equal(good.statusCode, 201);
    assert.equal(good.json().subject, 'café ☕');
  });

  it('refuses a YAML alias bomb with 400, not 500', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const res = await h.as(h.admin.token, { method: 'PUT', url: '/api/v1/policy', headers: { 'content-type': 'application/yaml' }, payload: lines.join('\n') });
    assert.equal(res.statusCode, 400, res.body.slice(0, 300));
    assert.ok(res.body.length < 20_000);
  });

  it('refuses forged cursors with 400 naming the cursor on every list', async () => {
    const forged = [
      Buffer.from(JSON.stringify({ t: '+275760-09-13T00:00:00Z', id: crypto.randomUUID() })).toString('base64url'),
      Buffer.from(JSON.stringify({ t: '1600-01-01T00:00:00Z', id: crypto.randomUUID() })).toString('base64url'),
      Buffer.from(JSON.stringify({ t: '2026-01-01T00:00:00Z', id: 'not-a-uuid' })).toString('base64url'),
      Buffer.from('2026-01-01T00:00:00Z|x').toString('base64url'),
      'not base64 at all!',
      Buffer.from('[]').toString('base64url'),
    ];
    for (const list of ['/api/v1/organizations', '/api/v1/contacts', '/api/v1/agents', '/api/v1/tickets', '/api/v1/tokens']) {
      for (const cursor of forged) {
        const res = await h.as(h.admin.token, { method: 'GET', url: `${list}?cursor=${encodeURIComponent(cursor)}` });
        assert.equal(res.statusCode, 400, `${list} ${cursor}: ${res.statusCode} ${res.body}`);
        assert.ok(['cursor', 'querystring.cursor'].includes(res.json().details[0].path), res.body);
      }
    }
  });

  it('sets security headers on every response: JSON, errors, the docs and the framework refusals', async () => {
    const responses = [
      await h.app.inject({ method: 'GET', url: '/healthz' }),
      await h.app.inject({ method: 'GET', url: '/api/v1/tickets' }),
      await h.app.inject({ method: 'GET', url: '/nowhere' }),
      await h.app.inject({ method: 'GET', url: '/api/v1/policy%' }),
      await h.app.inject({ method: 'GET', url: '/api/v1/policy/rendered?format=html' }),
      await h.app.inject({ method: 'GET', url: '/docs/' }),
    ];
    for (const res of responses) {
      assert.equal(res.headers['x-content-type-options'], 'nosniff', res.raw.req.url ?? '');
      assert.equal(res.headers['x-frame-options'], 'DENY');
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
      assert.match(csp, /frame-ancestors 'none'/);
    }
    const html = responses[4];
    assert.match(String(html.headers['content-type']), /text\/html/);
    assert.equal(html.headers['content-security-policy'], responses[0].headers['content-security-policy'], 'pages share the strict policy');
  });
});
