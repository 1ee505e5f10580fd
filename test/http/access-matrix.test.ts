// Deny by default, shown route by route: every route the app registers, called as every kind of
// actor, answers the status written in the table (access/*-rows.ts, one file per domain). The
// table is checked against the app's own route list, so a new route without a row fails the suite.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { ACTORS, type ActorName, type Row, type RowsEnv } from './access/matrix-kit.ts';
import { openTicket, openTicketApp, type TicketApp } from './ticket-app.ts';

describe('access: every route as every actor', () => {
  let h: TicketApp;
  let rows: Row[];
  let ticketA: string;
  let n = 0;
  const unique = (label: string) => `${label}-${++n}`;

  before(async () => {
    h = await openTicketApp('openback', 'enterprise');
    ticketA = (await openTicket(h, h.contactA)).id;
    // Every domain's rows, from the files beside the kit (access/*-rows.ts).
    const env = { h, ticketA, unique };
    rows = [];
    for (const file of readdirSync(new URL('./access/', import.meta.url)).filter((f) => f.endsWith('-rows.ts')).sort()) {
      const module = (await import(new URL(`./access/${file}`, import.meta.url).href)) as { rows: (env: RowsEnv) => Row[] };
      rows.push(...module.rows(env));
    }
  });
  after(() => h.close());

  const tokenOf = (actor: ActorName): string | null =>
    ({
      anonymous: null,
      contactA: h.contactA.token,
      contactB: h.contactB.token,
      front_line: h.agent.token,
      escalation: h.escalation.token,
      manager: h.manager.token,
      admin: h.admin.token,
      revoked: h.revokedToken,
      expired: h.expiredToken,
    })[actor];

  it('has a row for every route the app registers, and a route only for every row', () => {
    const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
    const registered = h.app.accessTable.filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/docs')).map(key).sort();
    assert.deepEqual(rows.map(key).sort(), registered);
  });

  it('the API docs routes are public GETs and nothing else', () => {
    const docs = h.app.accessTable.filter((r) => r.url.startsWith('/docs'));
    assert.ok(docs.length > 0);
    for (const r of docs) {
      assert.ok(['GET', 'HEAD'].includes(r.method), `${r.method} ${r.url}`);
      assert.equal(r.access, 'public');
    }
  });

  for (const actor of ACTORS) {
    it(`answers every route as the table says, called as ${actor}`, async () => {
      const wrong: string[] = [];
      for (const row of rows) {
        const request = await row.request(actor);
        const token = tokenOf(actor);
        const headers = { ...(request.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
        const res = await h.app.inject({ ...request, headers });
        if (res.statusCode !== row.expect[actor]) wrong.push(`${row.method} ${row.url}: ${res.statusCode} (expected ${row.expect[actor]}) ${res.body.slice(0, 200)}`);
        if (res.statusCode >= 400) assert.match(res.headers['content-type'] ?? '', row.html ? /text\/html/ : /application\/json/);
        if (res.statusCode === 401 && !row.html) assert.equal(res.headers['www-authenticate'], 'Bearer');
      }
      assert.deepEqual(wrong, []);
    });
  }

  it('a route without an access declaration stops the app from starting', async () => {
    const Fastify = (await import('fastify')).default;
    const { registerAccess } = await import('../../src/http/access.ts');
    const app = Fastify();
    registerAccess(app, { db: h.desk.t.db, clock: h.desk.clock }, { publicPrefixes: [] });
    assert.throws(() => app.get('/api/v1/undeclared', async () => ({ leaked: true })), /declares no access/);
    await app.close();
  });

  it('an operation in no area token scopes name stops the app from starting (a scoped token could not be refused it)', async () => {
    const Fastify = (await import('fastify')).default;
    const { registerAccess } = await import('../../src/http/access.ts');
    const app = Fastify();
    registerAccess(app, { db: h.desk.t.db, clock: h.desk.clock }, { publicPrefixes: [] });
    assert.throws(() => app.get('/api/v1/untagged', { config: { access: ['admin'] } }, async () => ({})), /is in no area token scopes name \(its first tag: none\)/);
    assert.throws(() => app.get('/api/v1/odd', { config: { access: ['admin'] }, schema: { tags: ['odd'] } }, async () => ({})), /its first tag: odd/);
    app.get('/api/v1/fine', { config: { access: ['admin'] }, schema: { tags: ['tickets'] } }, async () => ({}));
    await app.close();
  });
});
