// /api/v1/tokens: create, list and revoke API tokens. Everyone manages their own; admins anyone's.
import type { FastifyInstance } from 'fastify';
import { createApiToken, listApiTokens, revokeApiToken, SCOPE_AREAS } from '../customers/index.ts';
import { ctxFor, errorResponses, pageOf, pageQuery, SIGNED_IN, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { fromWire, pageToWire, toWire } from './wire.ts';

const tags = ['tokens'];
const nullableTime = { type: ['string', 'null'], format: 'date-time' } as const;
const owner = { type: 'object', required: ['kind', 'id'], properties: { kind: { type: 'string', enum: ['agent', 'contact'] }, id: uuid } } as const;

const scopes = {
  type: ['array', 'null'], items: { type: 'string' },
  description: 'what it may do, by area of the API: `area:read` (GET and HEAD) or `area:write` (every call, reading included); null: whatever its owner\'s role may',
} as const;

const ApiToken = {
  type: 'object',
  required: ['id', 'prefix', 'name', 'owner', 'created_at', 'expires_at', 'last_used_at', 'revoked_at', 'read_only', 'scopes'],
  properties: {
    id: uuid,
    prefix: { type: 'string', description: 'the first characters of the token, to tell tokens apart' },
    name: { type: ['string', 'null'] },
    owner,
    created_at: timestamp,
    expires_at: timestamp,
    last_used_at: { ...nullableTime, description: 'to the minute' },
    revoked_at: nullableTime,
    read_only: { type: 'boolean', description: 'it may only read (GET and HEAD)' },
    scopes,
  },
} as const;

const CreatedToken = {
  type: 'object',
  required: ['id', 'token', 'prefix', 'name', 'owner', 'created_at', 'expires_at', 'read_only', 'scopes'],
  properties: {
    id: uuid,
    token: { type: 'string', description: 'Shown once; store it now.' },
    prefix: { type: 'string' },
    name: { type: ['string', 'null'] },
    owner,
    created_at: timestamp,
    expires_at: timestamp,
    read_only: { type: 'boolean' },
    scopes,
  },
} as const;

export function registerTokenRoutes(app: FastifyInstance, deps: RouteDeps & { tokenLifetimes: { contact: number; agent: number } }): void {
  app.post(
    '/api/v1/tokens',
    {
      config: { access: SIGNED_IN },
      schema: {
        operationId: 'createToken',
        tags,
        summary: 'Create an API token (for yourself; admins: for anyone)',
        description: `Tokens expire: contacts' after ${deps.tokenLifetimes.contact} days, agents' after ${deps.tokenLifetimes.agent} days, or sooner with expires_in_days.`,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            agent_id: uuid,
            contact_id: uuid,
            name: { type: 'string', minLength: 1, maxLength: 100 },
            expires_in_days: { type: 'integer', minimum: 1, maximum: 3650 },
            read_only: { type: 'boolean', default: false, description: 'it may only read (GET and HEAD): for a reporting tool or a dashboard; anything else is refused (403)' },
            scopes: {
              type: 'array', minItems: 1, maxItems: 40, uniqueItems: true,
              items: { type: 'string', pattern: `^(${SCOPE_AREAS.join('|')}):(read|write)$` },
              description: `what it may do, by area of the API (an operation's tag): \`tickets:read\` (GET and HEAD), \`tickets:write\` (every call, reading included); a call outside them is refused (403). Areas: ${SCOPE_AREAS.join(', ')}. Omitted: whatever its owner's role may. Scopes never widen the role.`,
            },
          },
        },
        response: { 201: CreatedToken, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createApiToken({ ctx: ctxFor(request, deps), input: fromWire(request.body ?? {}), lifetimes: deps.tokenLifetimes });
      return reply.code(201).send(toWire(created));
    },
  );

  app.get(
    '/api/v1/tokens',
    {
      config: { access: SIGNED_IN },
      schema: {
        operationId: 'listTokens',
        tags,
        summary: 'List API tokens (your own; admins: anyone\'s, or one person\'s with agent_id or contact_id)',
        querystring: { ...pageQuery, properties: { ...pageQuery.properties, agent_id: uuid, contact_id: uuid } },
        response: { 200: pageOf(ApiToken), ...errorResponses },
      },
    },
    async (request) => pageToWire(await listApiTokens({ ctx: ctxFor(request, deps), input: fromWire(request.query) })),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/tokens/:id',
    {
      config: { access: SIGNED_IN },
      schema: {
        operationId: 'revokeToken',
        tags,
        summary: 'Revoke an API token (your own; admins: anyone\'s); it stops working on the next request',
        params: { type: 'object', required: ['id'], properties: { id: uuid } },
        response: { 200: ApiToken, ...errorResponses },
      },
    },
    async (request) => toWire(await revokeApiToken({ ctx: ctxFor(request, deps), input: { tokenId: request.params.id } })),
  );
}
