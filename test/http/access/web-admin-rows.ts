// Rows of the access matrix for the admin pages (src/web): tokens, organizations, people and their
// personal data, on-call, inbound email, webhooks, the policy, audit, reports, and the agents'
// organization pages, tags and saved views. The wrong audience is 403, a visitor is sent to /login
// (303); errors are HTML pages (`html: true`). Sessions and CSRF tokens per actor: web-kit.ts.
import { randomUUID } from 'node:crypto';
import { createAgent, createApiToken, createContact, updateAgent } from '../../../src/customers/index.ts';
import { blockSender, emailSettingsFor, storeInbound } from '../../../src/email/index.ts';
import { createRotation } from '../../../src/oncall/index.ts';
import { sendSideMessage } from '../../../src/tickets/index.ts';
import { grantTrainingHours } from '../../../src/training/index.ts';
import { createWebhook, pingWebhook } from '../../../src/webhooks/index.ts';
import type { Row, RowsEnv } from './matrix-kit.ts';
import { admins, agents, AGENT_ROLES, contacts, managers, pageExpect, pageRequests } from './web-kit.ts';

export function rows({ h, ticketA, unique }: RowsEnv): Row[] {
  const db = h.desk.t.db;
  const clock = h.desk.clock;
  const { get, post, ticket } = pageRequests({ h, ticketA, unique });
  const erasable = (() => {
    let email = '';
    return {
      url: async () => {
        email = `${unique('erase')}@customer.example`;
        const c = await createContact({ ctx: h.desk.system, input: { organizationId: h.contactA.organizationId, email, name: 'To be erased' } });
        return `/admin/contacts/${c.id}/erasure`;
      },
      form: () => ({ confirm_email: email }),
    };
  })();
  const formerAgent = (() => {
    let email = '';
    return {
      url: async () => {
        email = `${unique('former')}@vendor.example`;
        const a = await createAgent({ ctx: h.desk.system, input: { email, name: 'Former', role: 'front_line' } });
        await updateAgent({ ctx: h.desk.system, input: { agentId: a.id, active: false } });
        return `/admin/agents/${a.id}/erasure`;
      },
      form: () => ({ confirm_email: email }),
    };
  })();
  const list: Array<Omit<Row, 'html'>> = [
    { method: 'GET', url: '/admin', request: get(() => '/admin'), expect: admins(200) },
    ...(['tokens', 'organizations', 'agents', 'oncall', 'webhooks', 'email', 'policy'] as const).map((s) => ({ method: 'GET', url: `/admin/${s}`, request: get(() => `/admin/${s}`), expect: admins(200) })),
    // Made, then shown once on the page the form redirects to (web/shown-once.ts).
    { method: 'POST', url: '/admin/tokens', request: post(() => '/admin/tokens', () => ({ owner: '', name: 'page check' })), expect: admins(303) },
    {
      method: 'POST', url: '/admin/tokens/:id/revoke',
      request: post(async () => `/admin/tokens/${(await createApiToken({ ctx: h.desk.system, input: { agentId: h.agent.id } })).id}/revoke`, () => ({ confirm: 'on' })), expect: admins(303),
    },
    { method: 'GET', url: '/admin/organizations/import', request: get(() => '/admin/organizations/import'), expect: managers(200) },
    {
      // A check (a dry run): every allowed actor's call answers the same report.
      method: 'POST', url: '/admin/organizations/import',
      request: post(() => '/admin/organizations/import', () => ({ csv: `organization,plan\n${unique('Org')},growth\n`, action: 'check' })),
      expect: managers(200),
    },
    { method: 'POST', url: '/admin/organizations', request: post(() => '/admin/organizations', () => ({ name: unique('Org'), plan: 'enterprise' })), expect: admins(303) },
    {
      method: 'POST', url: '/admin/contacts',
      request: post(() => '/admin/contacts', () => ({ organization: h.contactA.organizationId, name: 'Page check', email: `${unique('person')}@customer.example` })), expect: admins(303),
    },
    {
      method: 'POST', url: '/admin/organizations/:id/designations',
      request: post(() => `/admin/organizations/${h.contactA.organizationId}/designations`, () => ({ d_customer_success_manager: '' })), expect: admins(303),
    },
    // A role change (to the role the agent has: nothing else moves) and a contact named and un-named.
    { method: 'POST', url: '/admin/agents/:id', request: post(() => `/admin/agents/${h.agent.id}`, () => ({ role: 'front_line' })), expect: admins(303) },
    { method: 'POST', url: '/admin/contacts/:id', request: post(() => `/admin/contacts/${h.contactB.id}`, () => ({ named: 'yes' })), expect: admins(303) },
    { method: 'GET', url: '/agent/tags', request: get(() => '/agent/tags'), expect: agents(200) },
    { method: 'POST', url: '/agent/views', request: post(() => '/agent/views', () => ({ name: unique('View'), back: '/agent?view=mine' })), expect: agents(303) },
    {
      method: 'POST', url: '/agent/views/:id/delete',
      request: post(async () => {
        const id = randomUUID();
        await db.query("INSERT INTO saved_views (id, owner_id, name, filters, created_at) VALUES ($1, NULL, $2, '{}', now())", [id, unique('Team view')]);
        return `/agent/views/${id}/delete`;
      }, () => ({})),
      expect: managers(303),
    },
    { method: 'POST', url: '/agent/tags', request: post(() => '/agent/tags', () => ({ tag: 'access-check', to: 'access-check-2', action: 'rename' })), expect: managers(303) },
    { method: 'GET', url: '/admin/audit', request: get(() => '/admin/audit'), expect: admins(200) },
    { method: 'GET', url: '/admin/audit.csv', request: get(() => '/admin/audit.csv'), expect: admins(200) },
    { method: 'GET', url: '/agent/organizations/:id', request: get(() => `/agent/organizations/${h.contactA.organizationId}`), expect: agents(200) },
    {
      // An hour granted before each call, so every permitted caller finds a balance to debit.
      method: 'POST', url: '/agent/organizations/:id/training',
      request: post(() => `/agent/organizations/${h.contactA.organizationId}/training`, async () => {
        await grantTrainingHours({ ctx: h.desk.ctx({ kind: 'system' }), input: { organizationId: h.contactA.organizationId, source: 'negotiated', hours: 1, reason: 'For the matrix', validFrom: '2026-01-01', validUntil: '2026-12-31' } });
        return { date: '2026-12-01', hours: '1' };
      }),
      expect: agents(303),
    },
    {
      method: 'POST', url: '/agent/organizations/:id/training-grants',
      request: post(() => `/agent/organizations/${h.contactA.organizationId}/training-grants`, () => ({ source: 'negotiated', hours: '1', reason: 'For the matrix', valid_from: '2026-01-01', valid_until: '2026-12-31' })),
      expect: managers(303),
    },
    { method: 'POST', url: '/admin/organizations/:id/notes', request: post(() => `/admin/organizations/${h.contactB.organizationId}/notes`, () => ({ notes: 'Checked by the access matrix' })), expect: admins(303) },
    { method: 'POST', url: '/admin/organizations/:id/requirements', request: post(() => `/admin/organizations/${h.contactB.organizationId}/requirements`, () => ({ 'unmet_sdk-included': 'on' })), expect: admins(303) },
    { method: 'POST', url: '/admin/organizations/:id/onboarding', request: post(() => `/admin/organizations/${h.contactB.organizationId}/onboarding`, () => ({ onboarding: 'complete' })), expect: admins(303) },
    { method: 'POST', url: '/admin/contacts/:id/invitation', request: post(() => `/admin/contacts/${h.contactB.id}/invitation`), expect: admins(303) },
    { method: 'POST', url: '/admin/agents/:id/invitation', request: post(() => `/admin/agents/${h.agent.id}/invitation`), expect: admins(303) },
    { method: 'GET', url: '/admin/contacts/:id/personal-data', request: get(() => `/admin/contacts/${h.contactB.id}/personal-data`), expect: admins(200) },
    // An erasure on request: each call erases a contact of its own (the url makes it, the form confirms its email).
    { method: 'POST', url: '/admin/contacts/:id/erasure', request: post(erasable.url, erasable.form), expect: admins(200) },
    { method: 'POST', url: '/admin/agents/:id/erasure', request: post(formerAgent.url, formerAgent.form), expect: admins(303) },
    { method: 'POST', url: '/admin/agents', request: post(() => '/admin/agents', () => ({ name: 'Page check', email: `${unique('agent')}@vendor.example`, role: 'front_line' })), expect: admins(303) },
    {
      method: 'POST', url: '/admin/oncall',
      request: post(() => '/admin/oncall', () => ({ name: unique('Rotation'), time_zone: 'Europe/London', handover_time: '09:00', cadence: 'weekly', weekday: 'mon', start_date: '2026-11-30', [`member_${h.agent.id}`]: 'on' })),
      expect: admins(303),
    },
    {
      method: 'POST', url: '/admin/oncall/:id/delete',
      request: post(async () => {
        const r = await createRotation({ ctx: h.desk.system, input: { name: unique('Rotation'), timeZone: 'Europe/London', handoverTime: '09:00', cadence: 'daily', startDate: '2026-11-30', members: [h.agent.id] } });
        return `/admin/oncall/${r.id}/delete`;
      }, () => ({ confirm: 'on' })),
      expect: admins(303),
    },
    {
      // A file that came by email with org A's ticket: its readers download it; contact B meets 404.
      method: 'GET', url: '/tickets/:id/attachments/:attachmentId',
      request: get(async () => {
        const raw = Buffer.from('From: a@example.com\r\nTo: support@accord.localhost\r\nSubject: Logs\r\n\r\nAttached\r\n');
        const inbound = (await storeInbound(db, clock, raw, { source: 'smtp', envelopeFrom: 'a@example.com', envelopeTo: [] }))!;
        await db.query("UPDATE inbound_messages SET status = 'appended', ticket_id = $2 WHERE id = $1", [inbound, ticketA]);
        const id = randomUUID();
        await db.query("INSERT INTO inbound_attachments (id, inbound_id, filename, content_type, size, content) VALUES ($1, $2, 'log.txt', 'text/plain', 2, $3)", [id, inbound, Buffer.from('ok')]);
        return `/tickets/${ticketA}/attachments/${id}`;
      }),
      expect: pageExpect({ contact: 'own', roles: AGENT_ROLES, ok: 200 }),
    },
    {
      // A held message from a stranger, read on its own page (admins only: it is raw customer mail).
      method: 'GET', url: '/admin/email/inbound/:id',
      request: get(async () => {
        const raw = Buffer.from('From: someone@unknown.example\r\nTo: support@accord.localhost\r\nSubject: Hello\r\n\r\nHi\r\n');
        const id = (await storeInbound(db, clock, raw, { source: 'smtp', envelopeFrom: 'someone@unknown.example', envelopeTo: [] }))!;
        await db.query("UPDATE inbound_messages SET status = 'held' WHERE id = $1", [id]);
        return `/admin/email/inbound/${id}`;
      }),
      expect: admins(200),
    },
    {
      // A held message from a stranger: an admin processes it again (held again: the sender is still unknown).
      method: 'POST', url: '/admin/email/inbound/:id/retry',
      request: post(async () => {
        const raw = Buffer.from('From: someone@unknown.example\r\nTo: support@accord.localhost\r\nSubject: Hello\r\n\r\nHi\r\n');
        const id = (await storeInbound(db, clock, raw, { source: 'smtp', envelopeFrom: 'someone@unknown.example', envelopeTo: [] }))!;
        await db.query("UPDATE inbound_messages SET status = 'held' WHERE id = $1", [id]);
        return `/admin/email/inbound/${id}/retry`;
      }),
      expect: admins(303),
    },
    {
      // A held answer in a fresh side conversation from someone besides the one written to: an admin takes them in.
      method: 'POST', url: '/admin/email/inbound/:id/take-into-side-conversation',
      request: post(async () => {
        const sent = await sendSideMessage({ ctx: h.desk.ctx({ kind: 'agent', id: h.manager.id, role: 'manager' }), input: { ticketId: await ticket(), to: 'supplier@partner.example', body: 'Seen this?' } });
        const raw = Buffer.from('From: colleague@partner.example\r\nTo: support@accord.localhost\r\nSubject: Re: Seen this\r\n\r\nYes\r\n');
        const id = (await storeInbound(db, clock, raw, { source: 'smtp', envelopeFrom: 'colleague@partner.example', envelopeTo: [] }))!;
        await db.query("UPDATE inbound_messages SET status = 'held', from_address = 'colleague@partner.example', side_conversation_id = $2 WHERE id = $1", [id, sent.data.conversation_id]);
        return `/admin/email/inbound/${id}/take-into-side-conversation`;
      }),
      expect: admins(303),
    },
    (() => {
      // A held message from a fresh contact's new address: their address corrected to it, the message processed.
      let current = '';
      return {
        method: 'POST', url: '/admin/email/inbound/:id/correct-sender',
        request: post(async () => {
          const person = await h.newContact();
          current = (await db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [person.id])).rows[0].email;
          const from = `${unique('moved')}@customer.example`;
          const raw = Buffer.from(`From: ${from}\r\nTo: support@accord.localhost\r\nSubject: Hello\r\n\r\nHi\r\n`);
          const id = (await storeInbound(db, clock, raw, { source: 'smtp', envelopeFrom: from, envelopeTo: [] }))!;
          await db.query("UPDATE inbound_messages SET status = 'held', from_address = $2 WHERE id = $1", [id, from]);
          return `/admin/email/inbound/${id}/correct-sender`;
        }, () => ({ current })),
        expect: admins(303),
      };
    })(),
    ...(['dismiss', 'add-sender', 'block-sender'] as const).map((verb) => ({
      // A held stranger's message: dismissed, its sender added to contact A's organization, or blocked (a fresh sender each time).
      method: 'POST', url: `/admin/email/inbound/:id/${verb}`,
      request: post(async () => {
        const from = `${unique('stranger')}@unknown.example`;
        const raw = Buffer.from(`From: ${from}\r\nTo: support@accord.localhost\r\nSubject: Hello\r\n\r\nHi\r\n`);
        const id = (await storeInbound(db, clock, raw, { source: 'smtp', envelopeFrom: from, envelopeTo: [] }))!;
        await db.query("UPDATE inbound_messages SET status = 'held', from_address = $2 WHERE id = $1", [id, from]);
        return `/admin/email/inbound/${id}/${verb}`;
      }, (): Record<string, string> => (verb === 'add-sender' ? { organization: h.contactA.organizationId!, name: 'Added Stranger' } : { reason: 'spam' })),
      expect: admins(303),
    })),
    // Blocked senders on the email section: one added (someone new each time), one removed.
    { method: 'POST', url: '/admin/email/blocked-senders', request: post(() => '/admin/email/blocked-senders', () => ({ sender: `${unique('pest')}@leads.example`, reason: 'cold sales' })), expect: admins(303) },
    {
      method: 'POST', url: '/admin/email/blocked-senders/:id/delete',
      request: post(async () => `/admin/email/blocked-senders/${(await blockSender({ ctx: h.desk.system, settings: emailSettingsFor('support@accord.localhost'), input: { sender: `${unique('gone')}.example` } })).id}/delete`),
      expect: admins(303),
    },
    { method: 'POST', url: '/admin/webhooks', request: post(() => '/admin/webhooks', () => ({ url: 'https://hooks.example.com/page', all: 'on' })), expect: admins(303) },
    {
      method: 'POST', url: '/admin/webhooks/:id/delete',
      request: post(async () => `/admin/webhooks/${(await createWebhook({ ctx: h.desk.system, input: { url: 'https://hooks.example.com/gone', events: ['*'] }, settings: { allowPrivate: false } })).id}/delete`, () => ({ confirm: 'on' })),
      expect: admins(303),
    },
    // A fresh webhook's ping, given up: sent again (admins).
    {
      method: 'POST', url: '/admin/webhooks/:id/deliveries/:delivery_id/redeliver',
      request: post(async () => {
        const hook = await createWebhook({ ctx: h.desk.system, input: { url: 'https://hooks.example.com/again', events: ['*'] }, settings: { allowPrivate: false } });
        const { id } = await pingWebhook({ ctx: h.desk.system, input: { webhookId: hook.id } });
        await db.query("UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, attempts = 8 WHERE id = $1", [id]);
        return `/admin/webhooks/${hook.id}/deliveries/${id}/redeliver`;
      }),
      expect: admins(303),
    },
    // A policy with problems: shown at their lines, never activated by these rows.
    { method: 'POST', url: '/admin/policy/preview', request: post(() => '/admin/policy/preview', () => ({ source: 'accord: 1\n' })), expect: admins(400) },
    { method: 'POST', url: '/admin/policy/activate', request: post(() => '/admin/policy/activate', () => ({ source: 'accord: 1\n' })), expect: admins(400) },
    { method: 'POST', url: '/admin/policy/simulate', request: post(() => '/admin/policy/simulate', () => ({ plan: 'enterprise', severity: '2', opened: '2026-12-02T10:00' })), expect: admins(200) },

    { method: 'GET', url: '/reports', request: get(() => '/reports'), expect: managers(200) },
    { method: 'GET', url: '/reports/attainment.csv', request: get(() => '/reports/attainment.csv'), expect: managers(200) },
    { method: 'GET', url: '/reports/breaches.csv', request: get(() => '/reports/breaches.csv'), expect: managers(200) },
    { method: 'GET', url: '/reports/ratings.csv', request: get(() => '/reports/ratings.csv'), expect: managers(200) },
    { method: 'GET', url: '/reports/agents.csv', request: get(() => '/reports/agents.csv'), expect: managers(200) },
    { method: 'GET', url: '/reports/time.csv', request: get(() => '/reports/time.csv'), expect: managers(200) },
  ];
  return list.map((r) => ({ ...r, html: true }));
}