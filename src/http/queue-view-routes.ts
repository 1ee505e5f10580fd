// /api/v1/queue/views: saved work-queue views (agents: their own; managers and admins: the
// team's too). Thin adapters over tickets/saved-views.ts; a view's filters read as the queue's
// (GET /api/v1/queue) once "me" is the reader.
import type { FastifyInstance } from 'fastify';
import { CHANNELS, countQueues, deleteSavedView, listSavedViews, MAX_SAVED_VIEWS, OPEN_STATUSES, QUEUE_SORTS, queueInputOf, saveView } from '../tickets/index.ts';
import { AGENTS, ctxFor, errorResponses } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { fromWire, toWire } from './wire.ts';

const tags = ['tickets'];

const Filters = {
  type: 'object', additionalProperties: false,
  description: 'The queue filters (as GET /api/v1/queue takes them); assignee "me" and following are the reader\'s',
  properties: {
    status: { type: 'string', enum: [...OPEN_STATUSES] },
    organization_id: { type: 'string', format: 'uuid' },
    severity: { type: 'integer', minimum: 1, maximum: 9 },
    plan: { type: 'string', minLength: 1, maxLength: 100 },
    request_type: { type: 'string', minLength: 1, maxLength: 100 },
    channel: { type: 'string', enum: [...CHANNELS] },
    tag: { type: 'string', minLength: 1, maxLength: 50 },
    assignee: { type: 'string', maxLength: 36, description: '"me" (the reader), "none" (unassigned), or an agent id' },
    following: { type: 'boolean', description: 'only tickets the reader follows' },
    after_hours: { type: 'boolean' },
    breaching_within_minutes: { type: 'integer', minimum: 0, maximum: 525600 },
    sort: { type: 'string', enum: [...QUEUE_SORTS], description: 'the order the view lists them in (GET /api/v1/queue sort); the default when absent' },
  },
} as const;

// What a view is saved with: a channel checked by the verb, so a refusal lists this desk's channels,
// not every kind (tickets/queue-channels.ts, as GET /api/v1/queue); the views returned keep the kinds.
const SavedFilters = {
  ...Filters,
  properties: {
    ...Filters.properties,
    channel: { type: 'string', maxLength: 100, description: `a channel kind (${CHANNELS.join(', ')}); another is refused listing the desk's channels` },
  },
} as const;

const View = {
  type: 'object', required: ['id', 'name', 'team', 'filters', 'created_at'],
  properties: {
    id: { type: 'string', format: 'uuid' }, name: { type: 'string' },
    team: { type: 'boolean', description: "the team's (written by managers and admins), not the reader's own" },
    filters: Filters, created_at: { type: 'string', format: 'date-time' },
  },
} as const;

const CountedView = {
  ...View, required: [...View.required, 'open_tickets'],
  properties: { ...View.properties, open_tickets: { type: 'integer', minimum: 0, description: 'the open tickets the view finds for the reader now ("me" is them)' } },
} as const;

export function registerQueueViewRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(
    '/api/v1/queue/views',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'listSavedViews', tags, summary: "The team's saved queue views, then the reader's own, each by name, with how many open tickets each holds",
        response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: CountedView } } }, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxFor(request, deps);
      const views = await listSavedViews({ ctx });
      const me = ctx.actor.kind === 'agent' ? ctx.actor.id : '';
      const counts = await countQueues({ ctx, inputs: Object.fromEntries(views.map((v) => [v.id, queueInputOf(v.filters, me)])) });
      return { items: toWire(views.map((v) => ({ ...v, openTickets: counts.get(v.id) ?? 0 }))) };
    },
  );
  app.post<{ Body: { name: string; filters: Record<string, unknown>; team?: boolean } }>(
    '/api/v1/queue/views',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'saveView', tags,
        summary: `Save queue filters under a name: the reader's own, or (managers and admins, team: true) the team's; up to ${MAX_SAVED_VIEWS} each`,
        body: {
          type: 'object', additionalProperties: false, required: ['name', 'filters'],
          properties: { name: { type: 'string', minLength: 1, maxLength: 80 }, filters: SavedFilters, team: { type: 'boolean', default: false } },
        },
        response: { 201: View, ...errorResponses },
      },
    },
    async (request, reply) => {
      const saved = await saveView({ ctx: ctxFor(request, deps), input: { ...request.body, filters: fromWire(request.body.filters) } });
      return reply.code(201).send(toWire(saved));
    },
  );
  app.delete<{ Params: { id: string } }>(
    '/api/v1/queue/views/:id',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'deleteSavedView', tags, summary: "Remove a saved view: one's own, or (managers and admins) the team's",
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteSavedView({ ctx: ctxFor(request, deps), input: { viewId: request.params.id } });
      return reply.code(204).send();
    },
  );
}
