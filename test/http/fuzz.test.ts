// A property test: generated bodies, headers and ids thrown at every /api/v1 endpoint get a 2xx
// (when the input happens to be valid) or a 4xx envelope naming the field, never a 5xx.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { openTicket, openTicketApp, type TicketApp } from './ticket-app.ts';

type Endpoint = { method: InjectOptions['method']; path: string; body?: fc.Arbitrary<unknown> };

const weirdText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', 'ß\u0301🙂', '<script>', "'; DROP TABLE tickets; --", 'x'.repeat(70_000)),
);
const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.object({ maxDepth: 2 }), fc.array(fc.array(fc.constant(null))));
const anyValue = fc.oneof(weirdText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), anyJson);
/** A plausible body with fields mutated, dropped or added. */
const shaped = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.record(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, fc.oneof({ weight: 5, arbitrary: v }, anyValue)])), { requiredKeys: [] }).chain((body) =>
    fc.oneof({ weight: 3, arbitrary: fc.constant(body) }, fc.dictionary(weirdText, anyValue, { maxKeys: 2 }).map((extra) => ({ ...body, ...extra }))),
  );
const iso = fc.date({ min: new Date('1900-01-01'), max: new Date('2300-01-01'), noInvalidDate: true }).map((d) => d.toISOString());

const ticketBody = shaped({
  subject: fc.string({ minLength: 1 }), description: fc.string({ minLength: 1 }), severity: fc.integer({ min: 1, max: 5 }),
  channel: fc.constantFrom('web', 'email', 'phone', 'pigeon'), intake: fc.dictionary(fc.constantFrom('production', 'workaround', 'x'), anyValue),
  requester_id: fc.uuid(), request_type: fc.string(),
});
const endpoints: Endpoint[] = [
  { method: 'GET', path: '/api/v1/tickets' },
  { method: 'POST', path: '/api/v1/tickets', body: ticketBody },
  { method: 'GET', path: '/api/v1/tickets/{id}' },
  { method: 'GET', path: '/api/v1/tickets/{id}/events' },
  { method: 'PATCH', path: '/api/v1/tickets/{id}', body: shaped({ status: fc.constantFrom('open', 'solved', 'closed', 'lost'), assignee_id: fc.oneof(fc.uuid(), fc.constant(null)), severity: fc.integer({ min: 0, max: 10 }), reason: fc.string() }) },
  { method: 'POST', path: '/api/v1/tickets/{id}/replies', body: shaped({ body: fc.string({ minLength: 1 }), eta: iso }) },
  { method: 'POST', path: '/api/v1/tickets/{id}/notes', body: shaped({ body: fc.string({ minLength: 1 }) }) },
  { method: 'POST', path: '/api/v1/tickets/{id}/links', body: shaped({ url: fc.oneof(fc.webUrl(), fc.constant('https://sentry.io/x')), title: fc.string({ minLength: 1 }) }) },
  { method: 'POST', path: '/api/v1/tickets/{id}/reopen', body: anyJson },
  { method: 'GET', path: '/api/v1/policy' },
  { method: 'PUT', path: '/api/v1/policy', body: fc.oneof(weirdText, shaped({ source: weirdText })) },
  { method: 'GET', path: '/api/v1/policy/rendered' },
  { method: 'POST', path: '/api/v1/sla/simulate', body: shaped({ plan: fc.constantFrom('growth', 'pro', 'enterprise', 'gold'), severity: fc.integer({ min: 0, max: 5 }), opened: iso, channel: fc.constantFrom('email', 'phone', 'fax'), pauses: fc.array(fc.record({ from: iso, to: iso }), { maxLength: 3 }) }) },
  { method: 'GET', path: '/api/v1/organizations' },
  { method: 'POST', path: '/api/v1/organizations', body: shaped({ name: fc.string(), plan_id: fc.constantFrom('growth', 'pro', 'gold'), onboarding_state: fc.constantFrom('complete', 'half') }) },
  { method: 'GET', path: '/api/v1/contacts' },
  { method: 'POST', path: '/api/v1/contacts', body: shaped({ organization_id: fc.uuid(), email: fc.emailAddress(), name: fc.string(), named_contact: fc.boolean(), password: fc.string() }) },
  { method: 'GET', path: '/api/v1/agents' },
  { method: 'POST', path: '/api/v1/agents', body: shaped({ email: fc.emailAddress(), name: fc.string(), role: fc.constantFrom('admin', 'front_line', 'boss') }) },
  { method: 'POST', path: '/api/v1/tokens', body: shaped({ agent_id: fc.uuid(), contact_id: fc.uuid(), name: fc.string() }) },
];

describe('fuzzing the API', () => {
  let h: TicketApp;
  let ids: string[];
  before(async () => {
    h = await openTicketApp('openback', 'enterprise');
    const mine = await openTicket(h, h.contactA);
    const theirs = await openTicket(h, h.contactB);
    ids = [mine.id, theirs.id, mine.id.toUpperCase(), `${mine.id}x`, String(mine.number), '..%2F..%2Fetc%2Fpasswd', '%00', '%E2%82', crypto.randomUUID()];
  });
  after(() => h.close());

  it('answers 2xx or a 4xx envelope naming the field, never a 5xx', async () => {
    const id = fc.oneof(fc.constantFrom(...ids), fc.string({ maxLength: 60 }).map(encodeURIComponent));
    const token = fc.constantFrom(h.admin.token, h.agent.token, h.contactA.token, h.contactB.token);
    const authorization = fc.oneof(
      { weight: 6, arbitrary: token.map((t) => `Bearer ${t}`) },
      fc.constantFrom(undefined, '', 'Bearer', 'Bearer ', 'bearer x', `Basic ${Buffer.from('a:b').toString('base64')}`, `Bearer ${'a'.repeat(600)}`, 'Bearer acc_forged_token_value'),
    );
    const contentType = fc.oneof(
      { weight: 4, arbitrary: fc.constant('application/json') },
      fc.constantFrom(undefined, 'application/json; charset=utf-8', 'text/plain', 'application/yaml', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'garbage'),
    );
    const idempotencyKey = fc.constantFrom(undefined, undefined, 'k-1', 'k-2', '', ' ', 'clé', 'a'.repeat(300), 'tab\tkey');
    const query = fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, fc.dictionary(fc.constantFrom('status', 'severity', 'limit', 'cursor', 'organization_id', 'breaching_before', 'format', 'zzz'), fc.oneof(fc.string({ maxLength: 20 }), fc.integer().map(String), iso)));
    const request = fc.record({
      endpoint: fc.constantFrom(...endpoints.map(({ method, path }) => ({ method, path }))),
      id, authorization, contentType, idempotencyKey, query,
      // Mostly the endpoint's JSON body; sometimes raw text whatever the content type says.
      rawBody: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, weirdText),
    }).chain((r) => (endpoints.find((e) => e.method === r.endpoint.method && e.path === r.endpoint.path)?.body ?? fc.constant(undefined)).map((body) => ({ ...r, body })));

    const counts = { '2xx': 0, '4xx': 0 };
    const statuses: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const url = r.endpoint.path.replace('{id}', r.id) + (Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : '');
        const headers: Record<string, string> = {};
        if (r.authorization !== undefined) headers.authorization = r.authorization;
        if (r.idempotencyKey !== undefined) headers['idempotency-key'] = r.idempotencyKey;
        if (r.contentType !== undefined) headers['content-type'] = r.contentType;
        const payload = r.rawBody ?? (r.body === undefined ? undefined : JSON.stringify(r.body));
        const res = await h.app.inject({ method: r.endpoint.method, url, headers, payload });
        const where = `${r.endpoint.method} ${url} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
        statuses[`${r.endpoint.method} ${r.endpoint.path} ${res.statusCode}`] = (statuses[`${r.endpoint.method} ${r.endpoint.path} ${res.statusCode}`] ?? 0) + 1;
        assert.ok(res.statusCode < 500, where);
        if (res.statusCode < 300) {
          counts['2xx']++;
          return;
        }
        assert.ok(res.statusCode >= 400, where);
        counts['4xx']++;
        const body = res.json();
        assert.deepEqual(Object.keys(body).sort(), ['code', 'details', 'message', 'requestId'], where);
        assert.equal(typeof body.code, 'string', where);
        assert.equal(typeof body.message, 'string', where);
        assert.equal(body.requestId, res.headers['x-request-id'], where);
        assert.ok(Array.isArray(body.details), where);
        if (res.statusCode === 400) assert.ok(body.details.some((d: any) => typeof d.path === 'string' && d.path.length > 0), `400 without a field: ${where}`);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 250), seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
    );
    // The generator must reach the verbs, not only the validators.
    if (process.env.FUZZ_VERBOSE) console.log(statuses);
    assert.ok(counts['2xx'] > 0, JSON.stringify(counts));
  });
});
