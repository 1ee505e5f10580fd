// GET /metrics: scraped as Prometheus would, parsed as the text exposition format, and checked
// against what the test did (requests by route and status) and what the database holds.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { buildApp } from '../../src/http/index.ts';
import { createLogger } from '../../src/platform/index.ts';
import { openTicket, openTicketApp, type TicketApp } from './ticket-app.ts';

type Sample = { name: string; labels: Record<string, string>; value: number };

/** The text format 0.0.4: `# HELP`/`# TYPE` lines, then `name{label="value",...} number` (NaN in any case, as Prometheus reads it). Throws on anything else. */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|[Nn]a[Nn]|\+Inf|-Inf))(?: \d+)?$/;
  const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/g;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1], type[2]);
      continue;
    }
    if (/^# HELP \S+ /.test(line)) continue;
    const m = SAMPLE.exec(line);
    assert.ok(m, `not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) labels[l[1]] = l[2];
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return { samples, types };
}

describe('GET /metrics', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('is the Prometheus text format, with requests by route and status and the desk from the database', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await h.as(h.agent.token, { method: 'GET', url: '/healthz' })).statusCode, 200);
    const ticket = await openTicket(h, h.contactA);
    assert.equal((await h.as(h.contactB.token, { method: 'GET', url: `/api/v1/tickets/${ticket.id}` })).statusCode, 404);
    const res = await h.as(h.manager.token, { method: 'GET', url: '/metrics' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/plain; version=0\.0\.4/);
    const { samples, types } = parseExposition(res.body);
    const one = (name: string, labels: Record<string, string> = {}) => {
      const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
      assert.equal(found.length, 1, `${name} ${JSON.stringify(labels)}`);
      return found[0].value;
    };
    assert.equal(types.get('accord_http_requests_total'), 'counter');
    assert.equal(types.get('accord_http_request_duration_seconds'), 'histogram');
    assert.equal(one('accord_http_requests_total', { method: 'GET', route: '/healthz', status: '200' }), 3);
    assert.equal(one('accord_http_requests_total', { method: 'GET', route: '/api/v1/tickets/:id', status: '404' }), 1);
    assert.equal(one('accord_http_request_duration_seconds_count', { method: 'GET', route: '/healthz' }), 3);
    assert.equal(one('accord_http_request_duration_seconds_bucket', { method: 'GET', route: '/healthz', le: '+Inf' }), 3);
    // The new ticket's clocks are open; nothing has fired; the clocks' e-mails and webhooks are none yet.
    const { rows } = await h.desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM sla_clocks WHERE met_at IS NULL AND state <> 'cancelled'");
    assert.ok(rows[0].n >= 1);
    assert.equal(one('accord_sla_open_clocks'), rows[0].n);
    assert.equal(one('accord_sla_breaches_total'), 0);
    assert.equal(one('accord_sla_warnings_total'), 0);
    assert.equal(one('accord_policy_reprojection_tickets', { kind: 'total' }), 0);
    assert.ok(samples.some((s) => s.name === 'process_resident_memory_bytes' && s.value > 0));
    // Grouped round trips (ADR 0013), counted by this process: at least this test's two token
    // checks (the refused read, this scrape), the new ticket's token check with its intake read
    // (one read: ADR 0014) and its write.
    assert.equal(types.get('accord_db_groups_total'), 'counter');
    assert.equal(types.get('accord_db_grouped_requests_total'), 'counter');
    for (const [kind, least] of [['read:token', 2], ['read:token+intake', 1], ['write', 1]] as const) {
      const requests = one('accord_db_grouped_requests_total', { kind });
      const groups = one('accord_db_groups_total', { kind });
      assert.ok(requests >= least, `${kind}: ${requests} requests`);
      assert.ok(groups >= 1 && groups <= requests, `${kind}: ${groups} groups for ${requests} requests`);
    }
  });

  it('is refused to contacts and to agents below manager', async () => {
    assert.equal((await h.as(h.contactA.token, { method: 'GET', url: '/metrics' })).statusCode, 403);
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: '/metrics' })).statusCode, 403);
    assert.equal((await h.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 401);
  });

  it('puts the request id in every log line of a request and in its error envelope', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(...chunk.toString().split('\n').filter(Boolean)); done(); } });
    const app = await buildApp({ db: h.desk.t.db, clock: h.desk.clock, logger: createLogger({ level: 'info', destination: sink }) });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/v1/tickets', headers: { authorization: 'Bearer nope' } });
      assert.equal(res.statusCode, 401);
      const id = res.headers['x-request-id'];
      assert.equal(res.json().requestId, id);
      const mine = lines.map((l) => JSON.parse(l)).filter((l) => l.reqId === id);
      assert.ok(mine.length >= 2, 'the refusal and the access line are logged');
      // One access line per request, written when the answer has gone (src/http/request-log.ts).
      const access = mine.filter((l) => l.msg === 'request completed');
      assert.equal(access.length, 1);
      assert.equal(access[0].req.method, 'GET');
      assert.equal(access[0].req.url, '/api/v1/tickets');
      assert.equal(access[0].res.statusCode, 401);
      assert.equal(typeof access[0].responseTime, 'number');
      assert.equal(mine.filter((l) => l.msg === 'incoming request').length, 0, 'the arrival line is debug only');
      const requestLines = lines.map((l) => JSON.parse(l)).filter((l) => l.req || l.res);
      assert.ok(requestLines.every((l) => typeof l.reqId === 'string'), 'no request line without its id');
    } finally {
      await app.close();
    }
  });
});
