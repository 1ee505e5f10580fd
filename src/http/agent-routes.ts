// /api/v1/agents: thin adapters over the customers verbs.
import type { FastifyInstance } from 'fastify';
import { eraseAgent } from '../privacy/index.ts';
import { createAgent, getMailPreferences, getProfile, listAgents, setMailPreferences, updateAgent, updateProfile } from '../customers/index.ts';
import { ADMINS, AGENTS, SIGNED_IN, ctxFor, errorResponses, pageOf, pageQuery, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { fromWire, pageToWire, toWire } from './wire.ts';
import { inviteToSignIn } from '../web/index.ts';
import { Invitation, inviteProperty } from './contact-routes.ts';

const Role = { type: 'string', enum: ['front_line', 'escalation', 'manager', 'admin'] } as const;

const Agent = {
  type: 'object',
  properties: {
    id: uuid, email: { type: 'string' }, name: { type: 'string' }, role: Role, created_at: timestamp,
    deactivated_at: { type: ['string', 'null'], format: 'date-time', description: 'when the agent left the team: they sign in no more and are offered nowhere; null while active' },
    away_since: { type: ['string', 'null'], format: 'date-time', description: 'since when they are away (they say so: PATCH /api/v1/me): given no new ticket in turn; null when here' },
    erased_at: { type: ['string', 'null'], format: 'date-time', description: "when a former agent's personal data was erased on request (POST .../erasure): the row names nobody; null otherwise" },
  },
} as const;

export function registerAgentRoutes(app: FastifyInstance, deps: RouteDeps & { baseUrl: string }): void {
  app.post(
    '/api/v1/agents',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'createAgent',
        tags: ['agents'],
        summary: 'Create an agent',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['email', 'name', 'role'],
          properties: {
            email: { type: 'string', format: 'email', maxLength: 254 },
            name: { type: 'string', minLength: 1, maxLength: 200 },
            role: Role,
            password: { type: 'string', minLength: 10, maxLength: 200 },
            invite: inviteProperty,
          },
        },
        response: { 201: Agent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { invite, ...input } = fromWire<Record<string, unknown>>(request.body);
      const ctx = ctxFor(request, deps);
      const agent = await createAgent({ ctx, input: input as Parameters<typeof createAgent>[0]['input'] });
      if (invite === true) await inviteToSignIn({ ctx, baseUrl: deps.baseUrl }, { kind: 'agent', id: agent.id });
      return reply.code(201).send(toWire(agent));
    },
  );

  app.get(
    '/api/v1/agents',
    {
      config: { access: AGENTS },
      schema: { operationId: 'listAgents', tags: ['agents'], summary: 'List agents', querystring: pageQuery, response: { 200: pageOf(Agent), ...errorResponses } },
    },
    async (request) => pageToWire(await listAgents({ ctx: ctxFor(request, deps), input: fromWire(request.query) })),
  );

  app.patch<{ Params: { id: string } }>(
    '/api/v1/agents/:id',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'updateAgent', tags: ['agents'],
        summary: 'Change an agent\'s name, email (corrected: they sign in with it, notices not sent yet follow, they are told at both addresses) or role, or deactivate them (active: false; they left: their sessions end, tokens are revoked, open tickets go back unassigned) or bring them back (active: true)',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } },
        body: {
          type: 'object', additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, email: { type: 'string', minLength: 1, maxLength: 254 }, role: Role, active: { type: 'boolean' } },
        },
        response: { 200: Agent, ...errorResponses },
      },
    },
    async (request) => toWire(await updateAgent({ ctx: ctxFor(request, deps), input: { ...fromWire<Record<string, unknown>>(request.body ?? {}), agentId: request.params.id } })),
  );

  const Preferences = {
    type: 'object', required: ['assigned', 'customer_replied', 'designated_new_ticket', 'note_notify', 'side_reply', 'held_request', 'daily_digest', 'digest_hour'],
    properties: {
      assigned: { type: 'boolean', description: 'a ticket assigned to you by someone else' },
      customer_replied: { type: 'boolean', description: 'the customer wrote on a ticket you hold' },
      designated_new_ticket: { type: 'boolean', description: 'a new ticket of an organization you are designated to' },
      note_notify: { type: 'boolean', description: 'a colleague asks you in an internal note (notify)' },
      side_reply: { type: 'boolean', description: 'someone you wrote to from a ticket, or written to from a ticket you hold, answers (a side conversation)' },
      held_request: { type: 'boolean', description: "managers and admins: a customer's request the policy held for review" },
      daily_digest: { type: 'boolean', description: "managers and admins: the morning digest (the last day's tickets and breaches, what waits), at digest_hour in your time zone" },
      digest_hour: { type: 'integer', minimum: 0, maximum: 23, description: 'the hour of your day (your time zone) the morning digest goes at; 7 unless you chose another' },
    },
  } as const;
  app.get(
    '/api/v1/agents/me/mail-preferences',
    {
      config: { access: AGENTS },
      schema: { operationId: 'getMailPreferences', tags: ['agents'], summary: 'Which mail you take about the work you hold (SLA warnings, breaches and pages are not optional)', response: { 200: Preferences, ...errorResponses } },
    },
    async (request) => toWire(await getMailPreferences({ ctx: ctxFor(request, deps) })),
  );
  app.put(
    '/api/v1/agents/me/mail-preferences',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'setMailPreferences', tags: ['agents'], summary: 'Turn kinds of mail about your work on or off; answers all of them',
        body: { type: 'object', additionalProperties: false, properties: Preferences.properties },
        response: { 200: Preferences, ...errorResponses },
      },
    },
    async (request) => toWire(await setMailPreferences({ ctx: ctxFor(request, deps), input: fromWire(request.body ?? {}) })),
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/agents/:id/invitation',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'inviteAgent', tags: ['agents'], summary: 'Mail the agent a link to choose their password (again), valid 7 days',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } },
        response: { 201: Invitation, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(toWire(await inviteToSignIn({ ctx: ctxFor(request, deps), baseUrl: deps.baseUrl }, { kind: 'agent', id: request.params.id }))),
  );

  // Anyone signed in (an agent or a contact): who the credential is, and the zone they read times in.
  const Profile = {
    type: 'object', required: ['kind', 'id', 'name', 'email', 'role', 'organization_id', 'time_zone', 'signature', 'away_since', 'mail_undelivered'],
    properties: {
      kind: { type: 'string', enum: ['agent', 'contact'] }, id: uuid, name: { type: 'string' }, email: { type: 'string' },
      role: { type: ['string', 'null'], description: "an agent's role; null for a contact" },
      organization_id: { type: ['string', 'null'], format: 'uuid', description: "a contact's organization; null for an agent" },
      time_zone: { type: ['string', 'null'], description: 'the IANA time zone the pages show times in; null: UTC' },
      signature: { type: ['string', 'null'], description: "an agent's signature, under their public replies in the customer's mail; null: none (always for a contact)" },
      away_since: { type: ['string', 'null'], format: 'date-time', description: 'since when an agent is away: given no new ticket in turn (ACCORD_AUTO_ASSIGN); null when here (always for a contact)' },
      mail_undelivered: {
        type: ['object', 'null'], required: ['how', 'mail_at'], additionalProperties: false,
        description: 'when the latest mail to your own address was refused for good (failed) or came back (bounced): you may miss what we send; null when mail reaches you',
        properties: { how: { type: 'string', enum: ['bounced', 'failed'] }, mail_at: { type: 'string', format: 'date-time' } },
      },
    },
  } as const;
  app.get(
    '/api/v1/me',
    {
      config: { access: SIGNED_IN },
      schema: { operationId: 'getProfile', tags: ['agents'], summary: 'Who you are signed in as, and the time zone your pages show times in', response: { 200: Profile, ...errorResponses } },
    },
    async (request) => toWire(await getProfile({ ctx: ctxFor(request, deps) })),
  );
  app.patch(
    '/api/v1/me',
    {
      config: { access: SIGNED_IN },
      schema: {
        operationId: 'updateProfile', tags: ['agents'], summary: 'Set your name, the time zone your pages show times in (null: UTC) and, an agent, your signature (null: none) and whether you are away (given no new ticket in turn); answers your profile',
        body: {
          type: 'object', additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, maxLength: 200, description: 'your name as the desk shows and mails it (an agent\'s on their replies); audited' }, time_zone: { type: ['string', 'null'], maxLength: 64 }, signature: { type: ['string', 'null'], maxLength: 2000 }, away: { type: 'boolean', description: "an agent's: away (on leave, off shift), they are given no new ticket in turn; what they hold stays theirs" } },
        },
        response: { 200: Profile, ...errorResponses },
      },
    },
    async (request) => toWire(await updateProfile({ ctx: ctxFor(request, deps), input: fromWire(request.body ?? {}) })),
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/agents/:id/erasure',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'eraseAgent', tags: ['agents'],
        summary: "Erase a former agent's personal data on request (deactivate them first); what they wrote stays, by 'Former agent'; cannot be undone",
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } },
        body: { type: 'object', additionalProperties: false, required: ['confirm_email'], properties: { confirm_email: { type: 'string', maxLength: 254, description: "the agent's email, typed again to confirm" } } },
        response: {
          200: {
            type: 'object', required: ['agent_id', 'erased_at', 'mail_readdressed', 'audit_entries_erased'],
            properties: {
              agent_id: uuid, erased_at: { type: 'string', format: 'date-time' },
              mail_readdressed: { type: 'integer', description: 'notices sent to them, kept, now to an address that names nobody' },
              audit_entries_erased: { type: 'integer', description: 'audit entries about them or quoting their address: the data erased, who did what and when kept' },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => toWire(await eraseAgent({ ctx: ctxFor(request, deps), input: { ...fromWire<{ confirmEmail: string }>(request.body), agentId: request.params.id } })),
  );
}
