// /api/v1/contacts: thin adapters over the customers verbs.
import type { FastifyInstance } from 'fastify';
import { createContact, listContacts } from '../customers/index.ts';
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
}
