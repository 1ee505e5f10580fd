// Deny by default, shown route by route: every route the app registers, called as every kind of
// actor, answers the status written in this table. The table is checked against the app's own
// route list, so a new route without a row here fails the suite.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import { createApiToken } from '../../src/customers/index.ts';
import { examplePolicySource } from '../support/desk.ts';
import { openTicket, openTicketApp, type TicketApp } from './ticket-app.ts';

const ACTORS = ['anonymous', 'contactA', 'contactB', 'front_line', 'escalation', 'manager', 'admin', 'revoked', 'expired'] as const;
type ActorName = (typeof ACTORS)[number];
type Expect = Record<ActorName, number>;

/** Expected statuses from who may call and what a success is; contact B reaches org A's things as "not found". */
function expect(who: { public?: boolean; contact?: 'own' | 'any' | false; roles?: string[]; ok: number }): Expect {
  const denied = (allowed: boolean) => (allowed ? who.ok : 403);
  if (who.public) return Object.fromEntries(ACTORS.map((a) => [a, who.ok])) as Expect;
  const roles = who.roles ?? [];
  return {
    anonymous: 401,
    revoked: 401,
    expired: 401,
    contactA: denied(who.contact !== false && who.contact !== undefined),
    contactB: who.contact === 'own' ? 404 : denied(who.contact === 'any'),
    front_line: denied(roles.includes('front_line')),
    escalation: denied(roles.includes('escalation')),
    manager: denied(roles.includes('manager')),
    admin: denied(roles.includes('admin')),
  };
}
const AGENTS = ['front_line', 'escalation', 'manager', 'admin'];

type Row = { method: string; url: string; request: (actor: ActorName) => Promise<InjectOptions>; expect: Expect };

describe('access: every route as every actor', () => {
  let h: TicketApp;
  let rows: Row[];
  let ticketA: string;
  let n = 0;
  const unique = (label: string) => `${label}-${++n}`;

  before(async () => {
    h = await openTicketApp('openback', 'enterprise');
    ticketA = (await openTicket(h, h.contactA)).id;
    const solvedTicket = async () => {
      const t = await openTicket(h, h.contactA);
      await h.as(h.agent.token, { method: 'PATCH', url: `/api/v1/tickets/${t.id}`, payload: { status: 'solved' } });
      return t.id as string;
    };
    const contactAToken = async () => (await createApiToken({ ctx: h.desk.ctx({ kind: 'system' }), input: { contactId: h.contactA.id } })).id;
    const simple = (method: string, url: string, payload?: unknown) => async (): Promise<InjectOptions> => ({ method: method as InjectOptions['method'], url, payload: payload as InjectOptions['payload'] });
    const T = () => `/api/v1/tickets/${ticketA}`;
    rows = [
      { method: 'GET', url: '/healthz', request: simple('GET', '/healthz'), expect: expect({ public: true, ok: 200 }) },
      { method: 'GET', url: '/readyz', request: simple('GET', '/readyz'), expect: expect({ public: true, ok: 200 }) },
      { method: 'GET', url: '/openapi.json', request: simple('GET', '/openapi.json'), expect: expect({ public: true, ok: 200 }) },
      {
        method: 'POST', url: '/api/v1/organizations',
        request: async () => ({ method: 'POST', url: '/api/v1/organizations', payload: { name: unique('Org'), plan_id: 'growth' } }),
        expect: expect({ contact: false, roles: ['manager', 'admin'], ok: 201 }),
      },
      { method: 'GET', url: '/api/v1/organizations', request: simple('GET', '/api/v1/organizations'), expect: expect({ contact: 'any', roles: AGENTS, ok: 200 }) },
      {
        method: 'POST', url: '/api/v1/contacts',
        request: async () => ({ method: 'POST', url: '/api/v1/contacts', payload: { organization_id: h.contactA.organizationId, email: `${unique('c')}@customer.example`, name: 'C' } }),
        expect: expect({ contact: false, roles: ['manager', 'admin'], ok: 201 }),
      },
      { method: 'GET', url: '/api/v1/contacts', request: simple('GET', '/api/v1/contacts'), expect: expect({ contact: 'any', roles: AGENTS, ok: 200 }) },
      {
        method: 'POST', url: '/api/v1/agents',
        request: async () => ({ method: 'POST', url: '/api/v1/agents', payload: { email: `${unique('a')}@vendor.example`, name: 'A', role: 'front_line' } }),
        expect: expect({ contact: false, roles: ['admin'], ok: 201 }),
      },
      { method: 'GET', url: '/api/v1/agents', request: simple('GET', '/api/v1/agents'), expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
      { method: 'POST', url: '/api/v1/tokens', request: simple('POST', '/api/v1/tokens', {}), expect: expect({ contact: 'any', roles: AGENTS, ok: 201 }) },
      { method: 'GET', url: '/api/v1/tokens', request: simple('GET', '/api/v1/tokens'), expect: expect({ contact: 'any', roles: AGENTS, ok: 200 }) },
      {
        // Contact A's own token: its owner or an admin may revoke it; for anyone else it does not exist.
        method: 'DELETE', url: '/api/v1/tokens/:id',
        request: async () => ({ method: 'DELETE', url: `/api/v1/tokens/${await contactAToken()}` }),
        expect: { ...expect({ contact: 'own', roles: AGENTS, ok: 200 }), front_line: 404, escalation: 404, manager: 404 },
      },
      {
        method: 'POST', url: '/api/v1/tickets',
        request: async (actor) => ({
          method: 'POST', url: '/api/v1/tickets',
          payload: { subject: 'Access', description: 'Checking access', severity: 3, ...(AGENTS.includes(actor) ? { requester_id: h.contactA.id } : {}) },
        }),
        expect: expect({ contact: 'any', roles: AGENTS, ok: 201 }),
      },
      { method: 'GET', url: '/api/v1/tickets', request: simple('GET', '/api/v1/tickets'), expect: expect({ contact: 'any', roles: AGENTS, ok: 200 }) },
      { method: 'GET', url: '/api/v1/tickets/:id', request: async () => ({ method: 'GET', url: T() }), expect: expect({ contact: 'own', roles: AGENTS, ok: 200 }) },
      { method: 'GET', url: '/api/v1/tickets/:id/events', request: async () => ({ method: 'GET', url: `${T()}/events` }), expect: expect({ contact: 'own', roles: AGENTS, ok: 200 }) },
      {
        method: 'POST', url: '/api/v1/tickets/:id/replies',
        request: async () => ({ method: 'POST', url: `${T()}/replies`, payload: { body: 'A reply' } }),
        expect: expect({ contact: 'own', roles: AGENTS, ok: 201 }),
      },
      {
        method: 'POST', url: '/api/v1/tickets/:id/notes',
        request: async () => ({ method: 'POST', url: `${T()}/notes`, payload: { body: 'A note' } }),
        expect: expect({ contact: false, roles: AGENTS, ok: 201 }),
      },
      {
        method: 'POST', url: '/api/v1/tickets/:id/links',
        request: async () => ({ method: 'POST', url: `${T()}/links`, payload: { url: 'https://tracker.example/ENG-1', title: 'ENG-1' } }),
        expect: expect({ contact: false, roles: AGENTS, ok: 201 }),
      },
      {
        method: 'PATCH', url: '/api/v1/tickets/:id',
        request: async () => ({ method: 'PATCH', url: T(), payload: { status: 'open' } }),
        expect: expect({ contact: false, roles: AGENTS, ok: 200 }),
      },
      {
        method: 'POST', url: '/api/v1/tickets/:id/reopen',
        request: async () => ({ method: 'POST', url: `/api/v1/tickets/${await solvedTicket()}/reopen` }),
        expect: expect({ contact: 'own', roles: AGENTS, ok: 200 }),
      },
      { method: 'GET', url: '/api/v1/policy', request: simple('GET', '/api/v1/policy'), expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
      {
        method: 'PUT', url: '/api/v1/policy',
        request: async () => ({ method: 'PUT', url: '/api/v1/policy', headers: { 'content-type': 'application/yaml' }, payload: examplePolicySource('openback') }),
        expect: expect({ contact: false, roles: ['admin'], ok: 200 }),
      },
      { method: 'GET', url: '/api/v1/policy/rendered', request: simple('GET', '/api/v1/policy/rendered'), expect: expect({ public: true, ok: 200 }) },
      {
        method: 'POST', url: '/api/v1/sla/simulate',
        request: simple('POST', '/api/v1/sla/simulate', { plan: 'pro', severity: 2, opened: '2026-12-07T10:00:00Z' }),
        expect: expect({ contact: 'any', roles: AGENTS, ok: 200 }),
      },
    ];
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
        if (res.statusCode >= 400) assert.match(res.headers['content-type'] ?? '', /application\/json/);
        if (res.statusCode === 401) assert.equal(res.headers['www-authenticate'], 'Bearer');
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
});
