// /api/v1/tags: the team's tags in use (agents), renamed, merged or removed on every ticket
// (managers and admins). Thin adapters over tickets/manage-tags.ts.
import type { FastifyInstance } from 'fastify';
import { listTags, retag } from '../tickets/index.ts';
import { AGENTS, ctxFor, errorResponses, MANAGERS } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { toWire } from './wire.ts';

const tags = ['tickets'];
const tagParams = { type: 'object', required: ['tag'], properties: { tag: { type: 'string', minLength: 1, maxLength: 100 } } } as const;
const Changed = { type: 'object', required: ['tickets'], properties: { tickets: { type: 'integer', description: 'how many tickets changed' } } } as const;

export function registerTagRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(
    '/api/v1/tags',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'listTags', tags, summary: 'Every tag in use, most used first, with how many open and how many tickets in all have it',
        response: {
          200: {
            type: 'object', required: ['items'],
            properties: { items: { type: 'array', items: { type: 'object', required: ['tag', 'open', 'total'], properties: { tag: { type: 'string' }, open: { type: 'integer' }, total: { type: 'integer' } } } } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: toWire(await listTags({ ctx: ctxFor(request, deps) })) }),
  );
  app.put<{ Params: { tag: string }; Body: { to: string } }>(
    '/api/v1/tags/:tag',
    {
      config: { access: MANAGERS },
      schema: {
        operationId: 'renameTag', tags, summary: 'Rename a tag on every ticket that has it (to a tag in use: a merge); each ticket gets an internal event',
        params: tagParams,
        body: { type: 'object', additionalProperties: false, required: ['to'], properties: { to: { type: 'string', minLength: 1, maxLength: 100 } } },
        response: { 200: Changed, ...errorResponses },
      },
    },
    async (request) => retag({ ctx: ctxFor(request, deps), input: { tag: request.params.tag, to: request.body.to } }),
  );
  app.delete<{ Params: { tag: string } }>(
    '/api/v1/tags/:tag',
    {
      config: { access: MANAGERS },
      schema: { operationId: 'removeTag', tags, summary: 'Remove a tag from every ticket that has it; each ticket gets an internal event', params: tagParams, response: { 200: Changed, ...errorResponses } },
    },
    async (request) => retag({ ctx: ctxFor(request, deps), input: { tag: request.params.tag, to: null } }),
  );
}
