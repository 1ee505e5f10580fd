// Rows of the access matrix for the policy's workflow: intake, the work queue, held requests,
// organization changes, the escalation ladder, escalation requests and coverage.
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { createTicket, requestEscalation, sendSideMessage, updateTicket } from '../../../src/tickets/index.ts';
import { holdRequest } from '../../../src/tickets/hold-request.ts';
import { AGENTS, expect, type Row, type RowsEnv } from './matrix-kit.ts';

export function rows({ h, ticketA, unique }: RowsEnv): Row[] {
  const T = () => `/api/v1/tickets/${ticketA}`;
  const post = (url: string, payload: unknown) => async (): Promise<InjectOptions> => ({ method: 'POST', url, payload: payload as InjectOptions['payload'] });
  const held = async () =>
    (await h.desk.t.db.transaction((tx) =>
      holdRequest(tx, {
        actor: { kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId }, requesterId: h.contactA.id, organizationId: h.contactA.organizationId,
        channel: 'phone', request: { subject: 'Held', description: 'By phone' }, refusal: { code: 'channel_not_in_plan', message: 'no phone' }, now: h.desk.clock.now(),
      }),
    )).id;
  // Merging closes the ticket merged: each call merges a fresh ticket of contact A's into another.
  const freshTicket = async () =>
    createTicket({ ctx: h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId }), input: { subject: unique('Merge check'), description: 'Checking access.', severity: 3 } });
  const merge = async (): Promise<InjectOptions> => {
    const [from, into] = [await freshTicket(), await freshTicket()];
    return { method: 'POST', url: `/api/v1/tickets/${from.id}/merge`, payload: { into_number: into.number } };
  };
  const colleaguesEntry = async () => {
    const id = randomUUID();
    await h.desk.t.db.query('INSERT INTO ticket_time_entries (id, ticket_id, agent_id, minutes, logged_at) VALUES ($1, $2, $3, 5, $4)', [id, ticketA, h.escalation.id, h.desk.clock.now()]);
    return id;
  };
  return [
    { method: 'POST', url: '/api/v1/tickets/:id/merge', request: merge, expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
    // Each call solves a fresh ticket of contact A's (its requester); another organization's is not found.
    {
      method: 'POST', url: '/api/v1/tickets/:id/solve',
      request: async () => ({ method: 'POST', url: `/api/v1/tickets/${(await freshTicket()).id}/solve` }),
      expect: expect({ contact: 'own', roles: AGENTS, ok: 200 }),
    },
    // A rating needs a solved ticket: each call solves a fresh one of contact A's; only contacts rate.
    {
      method: 'PUT', url: '/api/v1/tickets/:id/rating',
      request: async () => {
        const t = await freshTicket();
        await updateTicket({ ctx: h.desk.system, input: { ticketId: t.id, status: 'solved' } });
        return { method: 'PUT', url: `/api/v1/tickets/${t.id}/rating`, payload: { rating: 'bad', comment: 'Slow' } };
      },
      expect: expect({ contact: 'own', roles: [], ok: 200 }),
    },
    { method: 'PUT', url: '/api/v1/tickets/:id/tags', request: async () => ({ method: 'PUT', url: `${T()}/tags`, payload: { tags: ['access-check'] } }), expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
    { method: 'GET', url: '/api/v1/tickets/:id/time-entries', request: async () => ({ method: 'GET', url: `${T()}/time-entries` }), expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
    { method: 'POST', url: '/api/v1/tickets/:id/time-entries', request: async () => ({ method: 'POST', url: `${T()}/time-entries`, payload: { minutes: 5 } }), expect: expect({ contact: false, roles: AGENTS, ok: 201 }) },
    // A fresh entry the escalation agent logged, each call: theirs to change, a manager's or an admin's; a front-line colleague's 403.
    {
      method: 'PATCH', url: '/api/v1/tickets/:id/time-entries/:entry_id',
      request: async () => ({ method: 'PATCH', url: `${T()}/time-entries/${await colleaguesEntry()}`, payload: { minutes: 7, note: 'corrected' } }),
      expect: expect({ contact: false, roles: ['escalation', 'manager', 'admin'], ok: 200 }),
    },
    {
      method: 'DELETE', url: '/api/v1/tickets/:id/time-entries/:entry_id',
      request: async () => ({ method: 'DELETE', url: `${T()}/time-entries/${await colleaguesEntry()}` }),
      expect: expect({ contact: false, roles: ['escalation', 'manager', 'admin'], ok: 200 }),
    },
    { method: 'GET', url: '/api/v1/tickets/:id/mail', request: async () => ({ method: 'GET', url: `${T()}/mail` }), expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
    // A reply to contact A that their server refused, fresh each call: sent again once.
    {
      method: 'POST', url: '/api/v1/tickets/:id/mail/:mail_id/resend',
      request: async () => {
        const id = randomUUID();
        await h.desk.t.db.query(
          `INSERT INTO outbox (id, kind, recipient, subject, body, payload, created_at, status, last_error)
           SELECT $1, 'ticket_reply', email, 'Re: access', 'Checking access.', jsonb_build_object('ticket_id', $2::text), $3, 'failed', '550 no such user' FROM contacts WHERE id = $4`,
          [id, ticketA, h.desk.clock.now(), h.contactA.id],
        );
        return { method: 'POST', url: `${T()}/mail/${id}/resend` };
      },
      expect: expect({ contact: false, roles: AGENTS, ok: 201 }),
    },
    { method: 'GET', url: '/api/v1/tickets/:id/side-conversations', request: async () => ({ method: 'GET', url: `${T()}/side-conversations` }), expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
    {
      method: 'POST', url: '/api/v1/tickets/:id/side-conversations',
      request: async () => ({ method: 'POST', url: `${T()}/side-conversations`, payload: { to: 'supplier@partner.example', body: 'Do you see this too?' } }),
      expect: expect({ contact: false, roles: AGENTS, ok: 201 }),
    },
    // On a conversation the manager began (each call its own).
    {
      method: 'POST', url: '/api/v1/tickets/:id/side-conversations/:conversation_id/messages',
      request: async () => {
        const sent = await sendSideMessage({ ctx: h.desk.ctx({ kind: 'agent', id: h.manager.id, role: 'manager' }), input: { ticketId: ticketA, to: 'supplier@partner.example', body: 'Do you see this too?' } });
        return { method: 'POST', url: `${T()}/side-conversations/${String(sent.data.conversation_id)}/messages`, payload: { body: 'And now?' } };
      },
      expect: expect({ contact: false, roles: AGENTS, ok: 201 }),
    },
    {
      method: 'PUT', url: '/api/v1/tickets/:id/side-conversations/:conversation_id/also-from',
      request: async () => {
        const sent = await sendSideMessage({ ctx: h.desk.ctx({ kind: 'agent', id: h.manager.id, role: 'manager' }), input: { ticketId: ticketA, to: 'supplier@partner.example', body: 'Do you see this too?', alsoTo: ['boss@partner.example'] } });
        return { method: 'PUT', url: `${T()}/side-conversations/${String(sent.data.conversation_id)}/also-from`, payload: { also_from: [] } };
      },
      expect: expect({ contact: false, roles: AGENTS, ok: 200 }),
    },
    { method: 'PUT', url: '/api/v1/tickets/:id/following', request: async () => ({ method: 'PUT', url: `${T()}/following`, payload: { following: true } }), expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
    { method: 'GET', url: '/api/v1/me/reminders', request: async () => ({ method: 'GET', url: '/api/v1/me/reminders' }), expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
    { method: 'PUT', url: '/api/v1/tickets/:id/reminder', request: async () => ({ method: 'PUT', url: `${T()}/reminder`, payload: { at: '2030-01-01T09:00:00Z' } }), expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
    // Its requester (contact A) or an agent; contact B does not see the ticket.
    { method: 'PUT', url: '/api/v1/tickets/:id/ccs', request: async () => ({ method: 'PUT', url: `${T()}/ccs`, payload: { contact_ids: [] } }), expect: expect({ contact: 'own', roles: AGENTS, ok: 200 }) },
    {
      method: 'POST', url: '/api/v1/tickets/bulk-update',
      request: async () => ({ method: 'POST', url: '/api/v1/tickets/bulk-update', payload: { ticket_ids: [(await freshTicket()).id], status: 'pending_customer' } }),
      expect: expect({ contact: false, roles: AGENTS, ok: 200 }),
    },
    // No such file on this held request: agents pass the route's check and hear the verb's 404.
    {
      method: 'GET', url: '/api/v1/held-requests/:id/files/:file_id',
      request: async () => ({ method: 'GET', url: `/api/v1/held-requests/${await held()}/files/00000000-0000-4000-8000-000000000001` }),
      expect: expect({ contact: false, roles: AGENTS, ok: 404 }),
    },
    { method: 'GET', url: '/api/v1/intake', request: async () => ({ method: 'GET', url: '/api/v1/intake' }), expect: expect({ contact: 'any', roles: AGENTS, ok: 200 }) },
    { method: 'GET', url: '/api/v1/queue', request: async () => ({ method: 'GET', url: '/api/v1/queue' }), expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
    { method: 'GET', url: '/api/v1/held-requests', request: async () => ({ method: 'GET', url: '/api/v1/held-requests' }), expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
    {
      method: 'POST', url: '/api/v1/held-requests/:id/review',
      request: async () => ({ method: 'POST', url: `/api/v1/held-requests/${await held()}/review`, payload: { decision: 'dismiss', note: 'checked' } }),
      expect: expect({ contact: false, roles: AGENTS, ok: 200 }),
    },
    {
      method: 'GET', url: '/api/v1/organizations/:id',
      request: async () => ({ method: 'GET', url: `/api/v1/organizations/${h.contactA.organizationId}` }),
      expect: expect({ contact: 'own', roles: AGENTS, ok: 200 }),
    },
    {
      method: 'GET', url: '/api/v1/organizations/:id/designations',
      request: async () => ({ method: 'GET', url: `/api/v1/organizations/${h.contactA.organizationId}/designations` }),
      expect: expect({ contact: 'own', roles: AGENTS, ok: 200 }),
    },
    {
      method: 'PATCH', url: '/api/v1/organizations/:id',
      request: async () => ({ method: 'PATCH', url: `/api/v1/organizations/${h.contactA.organizationId}`, payload: { onboarding_state: 'complete', unmet_requirements: ['sdk-included'] } }),
      expect: expect({ contact: false, roles: ['manager', 'admin'], ok: 200 }),
    },
    {
      // OpenBack publishes no escalation ladder: an agent passes the route's check and hears 409 from the verb.
      method: 'POST', url: '/api/v1/tickets/:id/escalations', request: post(`${T()}/escalations`, { reason: 'needs engineering' }),
      expect: expect({ contact: false, roles: AGENTS, ok: 409 }),
    },
    { method: 'POST', url: '/api/v1/tickets/:id/qa-verified', request: post(`${T()}/qa-verified`, { note: 'verified' }), expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
    {
      method: 'POST', url: '/api/v1/tickets/:id/fix-released', request: post(`${T()}/fix-released`, { release: '1.2.3', body: 'The fix is live.' }),
      expect: expect({ contact: false, roles: AGENTS, ok: 200 }),
    },
    {
      method: 'POST', url: '/api/v1/tickets/:id/escalation-requests', request: post(`${T()}/escalation-requests`, { reason: 'urgent for us' }),
      expect: expect({ contact: 'own', roles: AGENTS, ok: 201 }),
    },
    // OpenBack refers no case to the knowledge base with guidance on request (OpenKey's Tier 1 does:
    // test/tickets/ask-guidance.test.ts): the contact's own case is a conflict (409), another
    // organization's not found, and agents, who answer a case instead, are forbidden.
    {
      method: 'POST', url: '/api/v1/tickets/:id/guidance-requests', request: post(`${T()}/guidance-requests`, { body: 'Not in the articles' }),
      expect: expect({ contact: 'own', roles: [], ok: 409 }),
    },
    {
      // Each call marks an escalation contact A asked for on a fresh ticket of theirs.
      method: 'POST', url: '/api/v1/tickets/:id/unwarranted-escalations',
      request: async () => {
        const t = await freshTicket();
        await requestEscalation({ ctx: h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId }), input: { ticketId: t.id, reason: 'urgent for us' } });
        return { method: 'POST', url: `/api/v1/tickets/${t.id}/unwarranted-escalations`, payload: { reason: 'no underlying issue' } };
      },
      expect: expect({ contact: false, roles: AGENTS, ok: 200 }),
    },
    {
      method: 'PUT', url: '/api/v1/tickets/:id/coverage',
      request: async () => ({ method: 'PUT', url: `${T()}/coverage`, payload: { not_covered: null, reason: 'covered' } }),
      expect: expect({ contact: false, roles: AGENTS, ok: 200 }),
    },
  ];
}
