// /api/v1/agents and /api/v1/tokens: thin adapters over the customers verbs.
import type { FastifyInstance } from 'fastify';
import { createAgent, createApiToken, listAgents } from '../customers/index.ts';
import { ctxFor, errorResponses, pageOf, pageQuery, security, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { fromWire, pageToWire, toWire } from './wire.ts';

const Role = { type: 'string', enum: ['front_line', 'escalation', 'manager', 'admin'] } as const;

const Agent = {
  type: 'object',
  properties: { id: uuid, email: { type: 'string' }, name: { type: 'string' }, role: Role, created_at: timestamp },
} as const;

const CreatedToken = {
  type: 'object',
  properties: {
    id: uuid,
    token: { type: 'string', description: 'Shown once; store it now.' },
    prefix: { type: 'string' },
    name: { type: ['string', 'null'] },
    owner: { type: 'object', properties: { kind: { type: 'string', enum: ['agent', 'contact'] }, id: uuid } },
    created_at: timestamp,
  },
} as const;

export function registerAgentRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.post(
    '/api/v1/agents',
    {
      schema: {
        tags: ['agents'],
        summary: 'Create an agent (admins)',
        security,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['email', 'name', 'role'],
          properties: {
            email: { type: 'string', format: 'email', maxLength: 254 },
            name: { type: 'string', minLength: 1, maxLength: 200 },
            role: Role,
            password: { type: 'string', minLength: 10, maxLength: 200 },
          },
        },
        response: { 201: Agent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const agent = await createAgent({ ctx: ctxFor(request, deps), input: fromWire(request.body) });
      return reply.code(201).send(toWire(agent));
    },
  );

  app.get(
    '/api/v1/agents',
    { schema: { tags: ['agents'], summary: 'List agents (agents only)', security, querystring: pageQuery, response: { 200: pageOf(Agent), ...errorResponses } } },
    async (request) => pageToWire(await listAgents({ ctx: ctxFor(request, deps), input: fromWire(request.query) })),
  );

  app.post(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token for yourself (admins: for anyone)',
        security,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { agent_id: uuid, contact_id: uuid, name: { type: 'string', minLength: 1, maxLength: 100 } },
        },
        response: { 201: CreatedToken, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createApiToken({ ctx: ctxFor(request, deps), input: fromWire(request.body ?? {}) });
      return reply.code(201).send(toWire(created));
    },
  );
}
