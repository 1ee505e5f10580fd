// /api/v1/contacts: thin adapters over the customers verbs.
import type { FastifyInstance } from 'fastify';
import { createContact, listContacts, updateContact } from '../customers/index.ts';
import { ctxFor, errorResponses, MANAGERS, pageOf, pageQuery, SIGNED_IN, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { fromWire, pageToWire, toWire } from './wire.ts';

const Contact = {
  type: 'object',
  properties: {
    id: uuid,
    organization_id: uuid,
    email: { type: 'string', format: 'email' },
    name: { type: 'string' },
    named_contact: { type: 'boolean' },
    created_at: timestamp,
    deactivated_at: { type: ['string', 'null'], format: 'date-time', description: 'when the contact left the customer: they sign in no more; null while active' },
  },
} as const;

export function registerContactRoutes(app: FastifyInstance, deps: RouteDeps): void {
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
          },
        },
        response: { 201: Contact, ...errorResponses },
      },
    },
    async (request, reply) => {
      const contact = await createContact({ ctx: ctxFor(request, deps), input: fromWire(request.body) });
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
}
