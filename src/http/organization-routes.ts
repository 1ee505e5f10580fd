// /api/v1/organizations: thin adapters over the customers verbs.
import type { FastifyInstance } from 'fastify';
import { getOrganization, createOrganization, listDesignations, listOrganizations, updateOrganization } from '../customers/index.ts';
import { ctxFor, errorResponses, MANAGERS, pageOf, pageQuery, SIGNED_IN, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { fromWire, pageToWire, toWire } from './wire.ts';

const Organization = {
  type: 'object',
  properties: {
    id: uuid,
    name: { type: 'string' },
    plan_id: { type: 'string' },
    onboarding_state: { type: 'string', enum: ['complete', 'incomplete'] },
    existing_customer: { type: 'boolean', description: 'a customer before the policy\'s onboarding rule for new customers applied' },
    unmet_requirements: { type: 'array', items: { type: 'string' }, description: 'policy requirements (coverage.requirements) the organization does not meet' },
    designated_agents: {
      type: 'object', additionalProperties: { type: 'string', format: 'uuid' },
      description: 'policy feature id (a feature with designated_agent, e.g. customer_success_manager) -> the agent designated to the organization',
    },
    notes: { type: ['string', 'null'], description: "the team's notes about the customer: internal, shown to agents on its tickets; null for a contact" },
    created_at: timestamp,
  },
} as const;

const changeable = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  plan_id: { type: 'string', minLength: 1, maxLength: 100 },
  onboarding_state: { type: 'string', enum: ['complete', 'incomplete'] },
  existing_customer: { type: 'boolean' },
  unmet_requirements: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

export function registerOrganizationRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.post(
    '/api/v1/organizations',
    {
      config: { access: MANAGERS },
      schema: {
        operationId: 'createOrganization',
        tags: ['organizations'],
        summary: 'Create an organization',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'plan_id'],
          properties: changeable,
        },
        response: { 201: Organization, ...errorResponses },
      },
    },
    async (request, reply) => {
      const organization = await createOrganization({ ctx: ctxFor(request, deps), input: fromWire(request.body) });
      return reply.code(201).send(toWire(organization));
    },
  );

  app.get(
    '/api/v1/organizations',
    {
      config: { access: SIGNED_IN },
      schema: {
        operationId: 'listOrganizations',
        tags: ['organizations'],
        summary: 'List organizations (a contact sees its own)',
        querystring: {
          ...pageQuery,
          properties: {
            ...pageQuery.properties, q: { type: 'string', maxLength: 200, description: 'organizations whose name holds this text (any case)' },
            mail_undelivered: { type: 'boolean', description: "true: organizations with someone whose latest mail was refused or came back (an address to correct); false: those without. Agents only: a contact asking is refused" },
          },
        },
        response: { 200: pageOf(Organization), ...errorResponses },
      },
    },
    async (request) => pageToWire(await listOrganizations({ ctx: ctxFor(request, deps), input: fromWire(request.query) })),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/organizations/:id',
    {
      config: { access: SIGNED_IN },
      schema: {
        operationId: 'getOrganization', tags: ['organizations'], summary: "One organization (a contact: its own, without the team's notes)",
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        response: { 200: Organization, ...errorResponses },
      },
    },
    async (request) => toWire(await getOrganization({ ctx: ctxFor(request, deps), input: { organizationId: request.params.id } })),
  );

  app.patch<{ Params: { id: string } }>(
    '/api/v1/organizations/:id',
    {
      config: { access: MANAGERS },
      schema: {
        operationId: 'updateOrganization',
        tags: ['organizations'],
        summary: "Change an organization's plan, onboarding state, existing-customer flag, unmet requirements or designated people (open tickets keep their plan)",
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } },
        body: {
          type: 'object', additionalProperties: false, minProperties: 1,
          properties: {
            ...changeable,
            notes: { type: ['string', 'null'], maxLength: 5000, description: "the team's notes about the customer (internal); null or empty: none" },
            designated_agents: {
              type: 'object', maxProperties: 20, additionalProperties: { type: ['string', 'null'], format: 'uuid' },
              description: 'feature id -> agent id to designate, or null to end a designation; refused for a feature the plan does not include. A plan change ends designations the new plan does not include',
            },
          },
        },
        response: { 200: Organization, ...errorResponses },
      },
    },
    async (request) => toWire(await updateOrganization({ ctx: ctxFor(request, deps), input: { ...fromWire<Record<string, unknown>>(request.body), organizationId: request.params.id } as never })),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/organizations/:id/designations',
    {
      config: { access: SIGNED_IN },
      schema: {
        operationId: 'listDesignations',
        tags: ['organizations'],
        summary: "The people at the vendor designated to the organization (its plan's designated_agent features), owed or optional (a contact: its own)",
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } },
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object', required: ['feature_id', 'feature_name', 'owed', 'agent'],
              properties: {
                feature_id: { type: 'string' },
                feature_name: { type: 'string' },
                owed: { type: 'boolean', description: 'the plan includes it outright (true) rather than as an option' },
                agent: { type: ['object', 'null'], required: ['id', 'name', 'email'], properties: { id: uuid, name: { type: 'string' }, email: { type: 'string' } } },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => toWire(await listDesignations({ ctx: ctxFor(request, deps), input: { organizationId: request.params.id } })),
  );
}
