// Rows of the access matrix for the core routes: health, docs document, organizations,
// contacts, agents, tokens, tickets, policy and simulation.
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { createAgent, createApiToken, createContact, updateAgent } from '../../../src/customers/index.ts';
import { addFiles } from '../../../src/tickets/index.ts';
import { examplePolicySource } from '../../support/desk.ts';
import { openTicket } from '../ticket-app.ts';
import { AGENTS, expect, type Row, type RowsEnv } from './matrix-kit.ts';

export function rows({ h, ticketA, unique }: RowsEnv): Row[] {
  const solvedTicket = async () => {
    const t = await openTicket(h, h.contactA);
    await h.as(h.agent.token, { method: 'PATCH', url: `/api/v1/tickets/${t.id}`, payload: { status: 'solved' } });
    return t.id as string;
  };
  const contactAToken = async () => (await createApiToken({ ctx: h.desk.ctx({ kind: 'system' }), input: { contactId: h.contactA.id } })).id;
  const simple = (method: string, url: string, payload?: unknown) => async (): Promise<InjectOptions> => ({ method: method as InjectOptions['method'], url, payload: payload as InjectOptions['payload'] });
  const T = () => `/api/v1/tickets/${ticketA}`;
  const teamView = async () => {
    const id = randomUUID();
    await h.desk.t.db.query("INSERT INTO saved_views (id, owner_id, name, filters, created_at) VALUES ($1, NULL, $2, '{}', now())", [id, unique('Team view')]);
    return id;
  };
  return [
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
    {
      // A dry run, so every allowed actor's call answers the same report.
      method: 'POST', url: '/api/v1/customer-imports',
      request: async () => ({ method: 'POST', url: '/api/v1/customer-imports', payload: { csv: `organization,plan,name,email\n${unique('Org')},growth,C,${unique('c')}@customer.example\n`, dry_run: true } }),
      expect: expect({ contact: false, roles: ['manager', 'admin'], ok: 200 }),
    },
    { method: 'GET', url: '/api/v1/contacts', request: simple('GET', '/api/v1/contacts'), expect: expect({ contact: 'any', roles: AGENTS, ok: 200 }) },
    {
      method: 'POST', url: '/api/v1/agents',
      request: async () => ({ method: 'POST', url: '/api/v1/agents', payload: { email: `${unique('a')}@vendor.example`, name: 'A', role: 'front_line' } }),
      expect: expect({ contact: false, roles: ['admin'], ok: 201 }),
    },
    {
      method: 'PATCH', url: '/api/v1/agents/:id',
      request: async () => ({ method: 'PATCH', url: `/api/v1/agents/${h.agent.id}`, payload: { name: 'agent@vendor.example' } }),
      expect: expect({ contact: false, roles: ['admin'], ok: 200 }),
    },
    {
      method: 'PATCH', url: '/api/v1/contacts/:id',
      request: async () => ({ method: 'PATCH', url: `/api/v1/contacts/${h.contactB.id}`, payload: { name: 'Contact B' } }),
      expect: expect({ contact: false, roles: ['manager', 'admin'], ok: 200 }),
    },
    { method: 'GET', url: '/api/v1/queue/views', request: simple('GET', '/api/v1/queue/views'), expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
    {
      method: 'POST', url: '/api/v1/queue/views',
      request: async () => ({ method: 'POST', url: '/api/v1/queue/views', payload: { name: unique('View'), filters: { status: 'open' } } }),
      expect: expect({ contact: false, roles: AGENTS, ok: 201 }),
    },
    // The team's view: every agent reads it, only managers and admins remove it.
    { method: 'DELETE', url: '/api/v1/queue/views/:id', request: async () => ({ method: 'DELETE', url: `/api/v1/queue/views/${await teamView()}` }), expect: expect({ contact: false, roles: ['manager', 'admin'], ok: 204 }) },
    { method: 'GET', url: '/api/v1/tags', request: simple('GET', '/api/v1/tags'), expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
    { method: 'PUT', url: '/api/v1/tags/:tag', request: simple('PUT', '/api/v1/tags/access-check', { to: 'access-check-2' }), expect: expect({ contact: false, roles: ['manager', 'admin'], ok: 200 }) },
    { method: 'DELETE', url: '/api/v1/tags/:tag', request: simple('DELETE', '/api/v1/tags/access-check'), expect: expect({ contact: false, roles: ['manager', 'admin'], ok: 200 }) },
    { method: 'GET', url: '/api/v1/audit-events', request: simple('GET', '/api/v1/audit-events'), expect: expect({ contact: false, roles: ['admin'], ok: 200 }) },
    // A sign-in link mailed (again): to a contact by managers and admins, to an agent by admins.
    {
      method: 'POST', url: '/api/v1/contacts/:id/invitation',
      request: async () => ({ method: 'POST', url: `/api/v1/contacts/${h.contactB.id}/invitation` }),
      expect: expect({ contact: false, roles: ['manager', 'admin'], ok: 201 }),
    },
    // A copy of a contact's data, and an erasure, on request: admins only (each erasure call erases a contact of its own).
    { method: 'GET', url: '/api/v1/contacts/:id/personal-data', request: simple('GET', `/api/v1/contacts/${h.contactB.id}/personal-data?internal=true`), expect: expect({ contact: false, roles: ['admin'], ok: 200 }) },
    {
      method: 'POST', url: '/api/v1/contacts/:id/erasure',
      request: async () => {
        const email = `${unique('erase')}@customer.example`;
        const c = await createContact({ ctx: h.desk.ctx({ kind: 'system' }), input: { organizationId: h.contactA.organizationId, email, name: 'To be erased' } });
        return { method: 'POST', url: `/api/v1/contacts/${c.id}/erasure`, payload: { confirm_email: email } };
      },
      expect: expect({ contact: false, roles: ['admin'], ok: 200 }),
    },
    // A former agent's erasure, by admins only: each call erases an agent of its own, made and deactivated here.
    {
      method: 'POST', url: '/api/v1/agents/:id/erasure',
      request: async () => {
        const email = `${unique('gone')}@vendor.example`;
        const system = h.desk.ctx({ kind: 'system' });
        const a = await createAgent({ ctx: system, input: { email, name: 'Gone', role: 'front_line' } });
        await updateAgent({ ctx: system, input: { agentId: a.id, active: false } });
        return { method: 'POST', url: `/api/v1/agents/${a.id}/erasure`, payload: { confirm_email: email } };
      },
      expect: expect({ contact: false, roles: ['admin'], ok: 200 }),
    },
    {
      method: 'POST', url: '/api/v1/agents/:id/invitation',
      request: async () => ({ method: 'POST', url: `/api/v1/agents/${h.agent.id}/invitation` }),
      expect: expect({ contact: false, roles: ['admin'], ok: 201 }),
    },
    { method: 'GET', url: '/api/v1/agents/me/mail-preferences', request: simple('GET', '/api/v1/agents/me/mail-preferences'), expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
    { method: 'PUT', url: '/api/v1/agents/me/mail-preferences', request: simple('PUT', '/api/v1/agents/me/mail-preferences', { assigned: true }), expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
    { method: 'GET', url: '/api/v1/agents/me/forwarding-address', request: simple('GET', '/api/v1/agents/me/forwarding-address'), expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
    { method: 'POST', url: '/api/v1/agents/me/forwarding-address/renewal', request: simple('POST', '/api/v1/agents/me/forwarding-address/renewal'), expect: expect({ contact: false, roles: AGENTS, ok: 201 }) },
    // One's own profile: anyone signed in, agent or contact (a PATCH that sets nothing answers it as it is).
    { method: 'GET', url: '/api/v1/me', request: simple('GET', '/api/v1/me'), expect: expect({ contact: 'any', roles: AGENTS, ok: 200 }) },
    { method: 'PATCH', url: '/api/v1/me', request: simple('PATCH', '/api/v1/me', {}), expect: expect({ contact: 'any', roles: AGENTS, ok: 200 }) },
    { method: 'GET', url: '/api/v1/me/personal-data', request: simple('GET', '/api/v1/me/personal-data'), expect: expect({ contact: 'any', roles: [], ok: 200 }) },
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
    { method: 'GET', url: '/api/v1/tickets/:id/attachments', request: async () => ({ method: 'GET', url: `${T()}/attachments` }), expect: expect({ contact: 'own', roles: AGENTS, ok: 200 }) },
    {
      method: 'POST', url: '/api/v1/tickets/:id/attachments',
      request: async () => ({ method: 'POST', url: `${T()}/attachments`, payload: { files: [{ filename: 'a.txt', content_base64: 'b2s=' }] } }),
      expect: expect({ contact: 'own', roles: AGENTS, ok: 201 }),
    },
    {
      // A file contact A sent with its ticket: its readers download it; contact B meets 404.
      method: 'GET', url: '/api/v1/tickets/:id/attachments/:attachmentId',
      request: async () => {
        const event = await addFiles({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: ticketA, files: [{ filename: 'log.txt', contentType: 'text/plain', content: Buffer.from('ok') }] } });
        return { method: 'GET', url: `${T()}/attachments/${(event.data.files as Array<{ id: string }>)[0].id}` };
      },
      expect: expect({ contact: 'own', roles: AGENTS, ok: 200 }),
    },
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
      method: 'GET', url: '/api/v1/sla/attainment',
      request: simple('GET', '/api/v1/sla/attainment?from=2026-11-30T00:00:00Z&to=2026-12-07T00:00:00Z'), expect: expect({ contact: false, roles: ['manager', 'admin'], ok: 200 }),
    },
    {
      method: 'GET', url: '/api/v1/sla/response-times',
      request: simple('GET', '/api/v1/sla/response-times?from=2026-11-30T00:00:00Z&to=2026-12-07T00:00:00Z'), expect: expect({ contact: false, roles: ['manager', 'admin'], ok: 200 }),
    },
    {
      method: 'POST', url: '/api/v1/sla/simulate',
      request: simple('POST', '/api/v1/sla/simulate', { plan: 'pro', severity: 2, opened: '2026-12-07T10:00:00Z' }),
      expect: expect({ contact: 'any', roles: AGENTS, ok: 200 }),
    },
  ];
}
