// /api/v1/contacts: thin adapters over the customers verbs.
import type { FastifyInstance } from 'fastify';
import { createContact, listContacts, updateContact } from '../customers/index.ts';
import { ctxFor, errorResponses, MANAGERS, pageOf, pageQuery, SIGNED_IN, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { inviteToSignIn } from '../web/index.ts';
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
  },
} as const;

/** An invitation mailed: to whom, and until when its link works. */
export const Invitation = {
  type: 'object', required: ['email', 'expires_at'],
  properties: { email: { type: 'string' }, expires_at: { ...timestamp, description: 'the link works until then, once' } },
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
        querystring: { ...pageQuery, properties: { ...pageQuery.properties, organization_id: uuid, email: { type: 'string', maxLength: 254, description: 'the contact with this email (any case)' } } },
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
        summary: "Change a contact's name or named-contact standing (the plan's limit counts active named contacts), or deactivate them (active: false; they left: their sessions end, tokens are revoked) or bring them back",
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } },
        body: {
          type: 'object', additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, named_contact: { type: 'boolean' }, active: { type: 'boolean' } },
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
}
