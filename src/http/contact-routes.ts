// /api/v1/contacts: thin adapters over the customers verbs.
import type { FastifyInstance } from 'fastify';
import { createContact, listContacts, updateContact } from '../customers/index.ts';
import { ADMINS, ctxFor, errorResponses, MANAGERS, pageOf, pageQuery, SIGNED_IN, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { inviteToSignIn } from '../web/index.ts';
import { eraseContact, exportContactData } from '../privacy/index.ts';
import { fromWire, pageToWire, toWire } from './wire.ts';

const Contact = {
  type: 'object',
  properties: {
    id: uuid,
    organization_id: uuid,
    email: { type: 'string', format: 'email' },
    name: { type: 'string' },
    named_contact: { type: 'boolean' },
    time_zone: { type: ['string', 'null'], description: 'the time zone they read times in (their own setting); null: not given' },
    created_at: timestamp,
    deactivated_at: { type: ['string', 'null'], format: 'date-time', description: 'when the contact left the customer: they sign in no more; null while active' },
    erased_at: { type: ['string', 'null'], format: 'date-time', description: 'when their personal data was erased on request (POST .../erasure): the contact names nobody any more; null otherwise' },
    mail_undelivered: {
      type: ['object', 'null'], required: ['how', 'kind', 'mail_at', 'reason'],
      description: 'agents: the latest mail to their address did not arrive (reach them another way, or correct the address: PATCH email); null when it did, when nothing was sent yet, and for a contact reading it',
      properties: {
        how: { type: 'string', enum: ['failed', 'bounced'], description: 'failed: their mail server refused it for good; bounced: it was sent, then came back' },
        kind: { type: 'string', description: 'which mail it was (as GET /api/v1/tickets/{id}/mail names kinds)' },
        mail_at: { ...timestamp, description: 'when that mail was queued' },
        reason: { type: 'string', description: "the mail server's reason" },
      },
    },
  },
} as const;

/** An invitation mailed: to whom, and until when its link works. */
export const Invitation = {
  type: 'object', required: ['email', 'expires_at'],
  properties: { email: { type: 'string' }, expires_at: { ...timestamp, description: 'the link works until then, once' } },
} as const;

const count = (description: string) => ({ type: 'integer', minimum: 0, description }) as const;
/** What an erasure did (privacy/erase-contact.ts). */
const Erasure = {
  type: 'object',
  required: ['contact_id', 'erased_at', 'tickets_erased', 'events_erased', 'files_deleted', 'inbound_deleted', 'outbox_erased', 'webhook_deliveries_erased', 'held_requests_erased', 'status_subscriptions_deleted', 'audit_entries_erased', 'mentioned_on', 'mentioned_in_notes_of'],
  properties: {
    contact_id: uuid,
    erased_at: timestamp,
    tickets_erased: count('tickets they opened: subject, description, every text and file erased; times, plan, severity, status history and SLA clocks kept'),
    events_erased: count('timeline entries whose words were erased (on those tickets, and what they wrote on others)'),
    files_deleted: count('files on those tickets, and files they sent elsewhere'),
    inbound_deleted: count('mail as it arrived from them or about their tickets, with its attachments'),
    outbox_erased: count('mail sent to them or about their tickets: its words erased (kept as a record that it was sent); mail not yet sent is not sent'),
    webhook_deliveries_erased: count('webhook bodies that carried their tickets or them: the data erased, the envelope kept'),
    held_requests_erased: count('requests of theirs the policy held: what they asked erased, the decision kept'),
    status_subscriptions_deleted: count('status page subscriptions of their address'),
    audit_entries_erased: count("audit entries about them or quoting their address: the data erased, who did what and when kept"),
    mentioned_on: {
      type: 'array', description: "other tickets whose words (written by others) still name their email, or their name if 5 letters or more: for an admin to read and edit",
      items: { type: 'object', required: ['ticket_id', 'number'], properties: { ticket_id: uuid, number: { type: 'integer' } } },
    },
    mentioned_in_notes_of: {
      type: 'array', description: "organizations whose notes (the team's, internal) still name them: for an admin to read and edit",
      items: { type: 'object', required: ['organization_id', 'name'], properties: { organization_id: uuid, name: { type: 'string' } } },
    },
  },
} as const;

const loose = { type: 'object', additionalProperties: true } as const;
const listOf = (description: string) => ({ type: 'array', description, items: loose }) as const;
/** What the desk holds about a contact (privacy/export-contact-data.ts). */
const ContactData = {
  type: 'object',
  properties: {
    exported_at: timestamp,
    internal_included: { type: 'boolean', description: 'internal timeline entries (notes) included: asked for with internal=true' },
    contact: { ...loose, description: 'the contact as held: email (and former_emails, the addresses they had before it was corrected: the mail below is under each), name, organization, time zone, two-step sign-in on or not, when created, deactivated, erased' },
    tickets_opened: listOf('tickets they opened, each with its public timeline (internal entries too if asked) and its files listed; `by` is who wrote each entry by kind, `self` for them'),
    written_elsewhere: listOf('what they wrote on tickets others opened'),
    copied_on: listOf('tickets they are copied on'),
    ratings: listOf('their ratings of the support, with comments'),
    article_feedback: listOf('their answers to "Was this article helpful?" on the help centre, with their comments'),
    mail_received: listOf('mail from their address, as it arrived (subject and text)'),
    mail_sent: listOf('mail sent to their address (subject, text, status)'),
    held_requests: listOf('requests of theirs the policy held, with the reason and what became of them'),
    status_subscriptions: listOf("their address's status page subscriptions"),
    api_tokens: listOf('their API tokens (prefix, name, times; never the token)'),
    sign_in_attempts: listOf('sign-in attempts with their address still kept for throttling'),
    address_changes: listOf('addresses they asked to be known by on their settings page: when, until when the link mailed there worked, and when it was confirmed (null: never)'),
    audit_trail: listOf('audit entries about them'),
  },
} as const;

export const inviteProperty = { type: 'boolean', description: 'mail them a link to choose their password (valid 7 days); POST .../invitation sends another' } as const;

export function registerContactRoutes(app: FastifyInstance, deps: RouteDeps & { baseUrl: string }): void {
  app.post(
    '/api/v1/contacts',
    {
      config: { access: MANAGERS },
      schema: {
        operationId: 'createContact',
        tags: ['contacts'],
        summary: "Create a contact; named contacts count against the plan's limit",
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['organization_id', 'email', 'name'],
          properties: {
            organization_id: uuid,
            email: { type: 'string', format: 'email', maxLength: 254 },
            name: { type: 'string', minLength: 1, maxLength: 200 },
            named_contact: { type: 'boolean' },
            password: { type: 'string', minLength: 10, maxLength: 200 },
            invite: inviteProperty,
          },
        },
        response: { 201: Contact, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { invite, ...input } = fromWire<Record<string, unknown>>(request.body);
      const ctx = ctxFor(request, deps);
      const contact = await createContact({ ctx, input: input as Parameters<typeof createContact>[0]['input'] });
      // After the contact committed: a failed mail leaves them added, to be invited again.
      if (invite === true) await inviteToSignIn({ ctx, baseUrl: deps.baseUrl }, { kind: 'contact', id: contact.id });
      return reply.code(201).send(toWire(contact));
    },
  );

  app.get(
    '/api/v1/contacts',
    {
      config: { access: SIGNED_IN },
      schema: {
        operationId: 'listContacts',
        tags: ['contacts'],
        summary: "List contacts (a contact sees its own organization's)",
        querystring: { ...pageQuery, properties: { ...pageQuery.properties, organization_id: uuid, email: { type: 'string', maxLength: 254, description: 'the contact with this email (any case)' }, q: { type: 'string', maxLength: 200, description: 'contacts whose name or email holds this text (any case)' },
          mail_undelivered: { type: 'boolean', description: 'true: active contacts whose latest mail was refused or came back (`mail_undelivered` says how and why), to correct their address; false: all others. Agents only: a contact asking is refused' } } },
        response: { 200: pageOf(Contact), ...errorResponses },
      },
    },
    async (request) => pageToWire(await listContacts({ ctx: ctxFor(request, deps), input: fromWire(request.query) })),
  );

  app.patch<{ Params: { id: string } }>(
    '/api/v1/contacts/:id',
    {
      config: { access: MANAGERS },
      schema: {
        operationId: 'updateContact', tags: ['contacts'],
        summary: "Change a contact's name, email or named-contact standing (the plan's limit counts active named contacts), or deactivate them (active: false; they left: their sessions end, tokens are revoked) or bring them back",
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } },
        body: {
          type: 'object', additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200 },
            email: {
              type: 'string', format: 'email', maxLength: 254,
              description: "their address corrected (mistyped, or their company's changed): mail not sent yet goes to it, a sign-in or invitation link mailed to the old one works no more, they sign in with it; refused if a contact or agent has it",
            },
            named_contact: { type: 'boolean' }, active: { type: 'boolean' },
          },
        },
        response: { 200: Contact, ...errorResponses },
      },
    },
    async (request) => toWire(await updateContact({ ctx: ctxFor(request, deps), input: { ...fromWire<Record<string, unknown>>(request.body ?? {}), contactId: request.params.id } })),
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/contacts/:id/invitation',
    {
      config: { access: MANAGERS },
      schema: {
        operationId: 'inviteContact', tags: ['contacts'], summary: 'Mail the contact a link to choose their password (again), valid 7 days',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } },
        response: { 201: Invitation, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(toWire(await inviteToSignIn({ ctx: ctxFor(request, deps), baseUrl: deps.baseUrl }, { kind: 'contact', id: request.params.id }))),
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/contacts/:id/erasure',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'eraseContact', tags: ['contacts'],
        summary: "Erase a contact's personal data on request (the right to erasure); their tickets must be solved or closed first; cannot be undone",
        description:
          "The contact's row stays and names nobody (\"Erased contact\", a placeholder address, deactivated). The tickets they opened keep their times, plan, severity, status history and SLA clocks, so reports stay true; every text on them and their files go. What they wrote on other tickets, mail from and to them, webhook bodies about them, held requests, status subscriptions, sign-in traces and what the audit trail quoted of them are erased too, in one transaction. 409 while a ticket they opened is open.",
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } },
        body: {
          type: 'object', additionalProperties: false, required: ['confirm_email'],
          properties: { confirm_email: { type: 'string', maxLength: 254, description: "the contact's email, typed again to confirm" } },
        },
        response: { 200: Erasure, ...errorResponses },
      },
    },
    async (request) => toWire(await eraseContact({ ctx: ctxFor(request, deps), input: { ...fromWire<{ confirmEmail: string }>(request.body), contactId: request.params.id } })),
  );

  app.get(
    '/api/v1/me/personal-data',
    {
      config: { access: ['contact'] },
      schema: {
        operationId: 'exportMyData', tags: ['contacts'],
        summary: 'A copy of what the desk holds about you, the contact signed in (GDPR art. 15, 20): your cases, what you wrote, mail from and to you; never internal notes',
        response: { 200: ContactData, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxFor(request, deps);
      return toWire(await exportContactData({ ctx, input: { contactId: (ctx.actor as { id: string }).id } }));
    },
  );

  app.get<{ Params: { id: string }; Querystring: { internal?: boolean } }>(
    '/api/v1/contacts/:id/personal-data',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'exportContactData', tags: ['contacts'],
        summary: 'What the desk holds about a contact, for their right of access and to portability (GDPR art. 15, 20): read it, then send it on',
        description: "Other people appear by kind only (agent, contact, system; `self` for the contact). Internal notes are the vendor's working record: left out unless internal=true, so an admin decides what the law requires to be given.",
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } },
        querystring: { type: 'object', additionalProperties: false, properties: { internal: { type: 'boolean', description: 'include internal timeline entries (notes)' } } },
        response: { 200: ContactData, ...errorResponses },
      },
    },
    async (request) => toWire(await exportContactData({ ctx: ctxFor(request, deps), input: { contactId: request.params.id, internal: request.query.internal ?? false } })),
  );
}
