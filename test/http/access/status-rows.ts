// Rows of the access matrix for the status page. The admin API: agents write, managers and
// admins read subscribers, admins announce notices; contacts are refused. The public pages,
// feeds, subscriber links and /api/v2 are open to everyone. The shared matrix runs on OpenBack,
// which has no status page, so callers who pass the access check hear "not found" there;
// test/status/routes.test.ts runs the same rows on OpenMethods, where they succeed.
import type { InjectOptions } from 'fastify';
import { createIncident, postUpdate, scheduleMaintenance, subscribe } from '../../../src/status/index.ts';
import { expect, type Row, type RowsEnv } from './matrix-kit.ts';

const AGENTS = ['front_line', 'escalation', 'manager', 'admin'];
const LINKS = { baseUrl: 'https://desk.example' };
const BOGUS_TOKEN = 'x'.repeat(32);

export function statusRows({ h, ticketA, unique }: RowsEnv, hasPage: boolean): Row[] {
  const system = () => h.desk.ctx({ kind: 'system' });
  const ok = (code: number) => (hasPage ? code : 404);
  const agents = (code: number) => expect({ contact: false, roles: AGENTS, ok: ok(code) });
  const everyone = (code: number) => expect({ public: true, ok: code });
  const incident = async () =>
    hasPage ? (await createIncident({ ctx: system(), input: { name: unique('Access incident'), body: 'Checking.' } })).id : '00000000-0000-4000-8000-000000000001';
  const resolved = async () => {
    const id = await incident();
    if (hasPage) await postUpdate({ ctx: system(), input: { incidentId: id, status: 'resolved', body: 'Done.' } });
    return id;
  };
  const maintenance = async () =>
    hasPage
      ? (await scheduleMaintenance({ ctx: system(), input: { name: unique('Access window'), body: 'Planned.', scheduledFor: '2027-01-09T02:00:00Z', scheduledUntil: '2027-01-09T03:00:00Z' } })).id
      : '00000000-0000-4000-8000-000000000002';
  /** A fresh subscription's confirm token and manage token (bogus ones where there is no page). */
  const subscription = async () => {
    if (!hasPage) return { confirm: BOGUS_TOKEN, manage: BOGUS_TOKEN };
    const email = `${unique('sub')}@customer.example`;
    await subscribe({ ctx: { ...system(), actor: { kind: 'anonymous' } }, input: { email }, settings: LINKS });
    const { rows } = await h.desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE recipient = $1 AND kind = 'status_confirm'", [email]);
    const confirm = /\/status\/confirm\/([A-Za-z0-9_-]+)/.exec(rows[0].body)![1];
    const { rows: [s] } = await h.desk.t.db.query<{ manage_token: string }>('SELECT manage_token FROM status_subscribers WHERE email = $1', [email]);
    return { confirm, manage: s.manage_token };
  };
  /** A customer contact's link token for stopping outage notices (made as a notice's fan-out makes it). */
  const noticeToken = async () => {
    if (!hasPage) return BOGUS_TOKEN;
    const { rows: [r] } = await h.desk.t.db.query<{ token: string }>(
      `INSERT INTO customer_notice_links (contact_id, token, created_at) VALUES ($1, $2, now())
       ON CONFLICT (contact_id) DO UPDATE SET token = customer_notice_links.token RETURNING token`,
      [h.contactA.id, 'n'.repeat(32)],
    );
    return r.token;
  };
  const get = (url: string | (() => Promise<string>)) => async (): Promise<InjectOptions> => ({ method: 'GET', url: typeof url === 'string' ? url : await url() });
  const v2 = ['summary.json', 'status.json', 'components.json', 'incidents.json', 'incidents/unresolved.json', 'scheduled-maintenances.json',
    'scheduled-maintenances/upcoming.json', 'scheduled-maintenances/active.json'];
  return [
    { method: 'GET', url: '/api/v1/status/incidents', request: get('/api/v1/status/incidents'), expect: agents(200) },
    {
      method: 'POST', url: '/api/v1/status/incidents',
      request: async () => ({ method: 'POST', url: '/api/v1/status/incidents', payload: { name: unique('New incident'), body: 'Investigating.' } }),
      expect: agents(201),
    },
    { method: 'GET', url: '/api/v1/status/incidents/:id', request: get(async () => `/api/v1/status/incidents/${await incident()}`), expect: agents(200) },
    {
      method: 'POST', url: '/api/v1/status/incidents/:id/updates',
      request: async () => ({ method: 'POST', url: `/api/v1/status/incidents/${await incident()}/updates`, payload: { status: 'identified', body: 'Found it.' } }),
      expect: agents(201),
    },
    {
      method: 'PUT', url: '/api/v1/status/incidents/:id/postmortem',
      request: async () => ({ method: 'PUT', url: `/api/v1/status/incidents/${await resolved()}/postmortem`, payload: { body: 'What happened.' } }),
      expect: agents(200),
    },
    {
      method: 'POST', url: '/api/v1/status/incidents/:id/tickets',
      request: async () => ({ method: 'POST', url: `/api/v1/status/incidents/${await incident()}/tickets`, payload: { ticket_id: ticketA } }),
      expect: agents(200),
    },
    {
      method: 'POST', url: '/api/v1/status/hotfixes',
      request: async () => ({ method: 'POST', url: '/api/v1/status/hotfixes', payload: { name: unique('Hotfix'), body: 'Applied.', postmortem: 'Why.' } }),
      expect: agents(201),
    },
    {
      method: 'POST', url: '/api/v1/status/maintenances',
      request: async () => ({
        method: 'POST', url: '/api/v1/status/maintenances',
        payload: { name: unique('Window'), body: 'Planned.', scheduled_for: '2027-01-10T02:00:00Z', scheduled_until: '2027-01-10T03:00:00Z' },
      }),
      expect: agents(201),
    },
    {
      method: 'PATCH', url: '/api/v1/status/maintenances/:id',
      request: async () => ({
        method: 'PATCH', url: `/api/v1/status/maintenances/${await maintenance()}`,
        payload: { scheduled_for: '2027-01-11T02:00:00Z', scheduled_until: '2027-01-11T03:00:00Z' },
      }),
      expect: agents(200),
    },
    {
      method: 'PUT', url: '/api/v1/status/components/:id',
      request: async () => ({ method: 'PUT', url: '/api/v1/status/components/media-bar', payload: { status: 'operational' } }),
      expect: agents(200),
    },
    // The subscriber list needs no page: a policy's notice lists have subscribers too.
    { method: 'GET', url: '/api/v1/status/subscribers', request: get('/api/v1/status/subscribers'), expect: expect({ contact: false, roles: ['manager', 'admin'], ok: 200 }) },
    {
      method: 'POST', url: '/api/v1/status/lists/:list/announcements',
      request: async () => ({ method: 'POST', url: '/api/v1/status/lists/subprocessors/announcements', payload: { subject: 'New subprocessor', body: 'Example Mail Ltd.' } }),
      expect: expect({ contact: false, roles: ['admin'], ok: ok(202) }),
    },
    { method: 'GET', url: '/status', request: get('/status'), expect: everyone(ok(200)) },
    { method: 'GET', url: '/status/incidents/:id', request: get(async () => `/status/incidents/${await incident()}`), expect: everyone(ok(200)) },
    { method: 'GET', url: '/status/history', request: get('/status/history?month=2026-11'), expect: everyone(ok(200)) },
    { method: 'GET', url: '/status/feed.atom', request: get('/status/feed.atom'), expect: everyone(ok(200)) },
    { method: 'GET', url: '/status/maintenance.ics', request: get('/status/maintenance.ics'), expect: everyone(ok(200)) },
    { method: 'GET', url: '/status/assets/:name', request: get('/status/assets/status.css'), expect: everyone(200) },
    {
      method: 'POST', url: '/status/subscribe',
      request: async () => ({ method: 'POST', url: '/status/subscribe', payload: { email: `${unique('reader')}@customer.example` } }),
      expect: everyone(ok(202)),
    },
    {
      method: 'POST', url: '/status/lists/:list/subscribe',
      request: async () => ({ method: 'POST', url: '/status/lists/subprocessors/subscribe', payload: { email: `${unique('legal')}@customer.example` } }),
      expect: everyone(ok(202)),
    },
    { method: 'GET', url: '/status/confirm/:token', request: get(async () => `/status/confirm/${(await subscription()).confirm}`), expect: everyone(ok(200)) },
    { method: 'POST', url: '/status/confirm/:token', request: async () => ({ method: 'POST', url: `/status/confirm/${(await subscription()).confirm}` }), expect: everyone(ok(200)) },
    { method: 'GET', url: '/status/subscription/:token', request: get(async () => `/status/subscription/${(await subscription()).manage}`), expect: everyone(ok(200)) },
    {
      method: 'POST', url: '/status/subscription/:token',
      request: async () => ({ method: 'POST', url: `/status/subscription/${(await subscription()).manage}`, payload: { components: ['media-bar'] } }),
      expect: everyone(ok(200)),
    },
    { method: 'GET', url: '/status/unsubscribe/:token', request: get(async () => `/status/unsubscribe/${(await subscription()).manage}`), expect: everyone(ok(200)) },
    {
      method: 'POST', url: '/status/unsubscribe/:token',
      request: async () => ({
        method: 'POST', url: `/status/unsubscribe/${(await subscription()).manage}`,
        payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      expect: everyone(ok(200)),
    },
    { method: 'GET', url: '/status/notices/:token', request: get(async () => `/status/notices/${await noticeToken()}`), expect: everyone(ok(200)) },
    {
      method: 'POST', url: '/status/notices/:token/stop',
      request: async () => ({
        method: 'POST', url: `/status/notices/${await noticeToken()}/stop`,
        payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      expect: everyone(ok(200)),
    },
    { method: 'POST', url: '/status/notices/:token/resume', request: async () => ({ method: 'POST', url: `/status/notices/${await noticeToken()}/resume` }), expect: everyone(ok(200)) },
    ...v2.map((path) => ({ method: 'GET', url: `/api/v2/${path}`, request: get(`/api/v2/${path}`), expect: everyone(ok(200)) })),
  ];
}

export function rows(env: RowsEnv): Row[] {
  return statusRows(env, false);
}
