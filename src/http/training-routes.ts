// /api/v1/organizations/:id/training: thin adapters over the training-hours ledger verbs.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { getTrainingBalance, grantTrainingHours, listTrainingEntries, recordTrainingSession } from '../training/index.ts';
import { AGENTS, ctxFor, errorResponses, MANAGERS, pageQuery, SIGNED_IN, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { fromWire, toWire } from './wire.ts';

const tags = ['training'];
type IdParams = { Params: { id: string } };
const idParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;
const date = { type: 'string', format: 'date' } as const;
const hours = (maximum: number) => ({ type: 'number', exclusiveMinimum: 0, maximum, multipleOf: 0.25, description: 'in quarter hours' }) as const;
const source = { type: 'string', enum: ['plan', 'contract', 'negotiated'] } as const;

const Grant = {
  type: 'object',
  required: ['id', 'organization_id', 'hours', 'reason', 'source', 'valid_from', 'valid_until', 'created_at'],
  properties: {
    id: uuid, organization_id: uuid, hours: { type: 'number' }, reason: { type: 'string' }, source,
    valid_from: date, valid_until: date, created_at: timestamp,
  },
} as const;

const Session = {
  type: 'object',
  required: ['id', 'organization_id', 'date', 'hours', 'agent_id', 'notes', 'overdraft_hours', 'override_reason', 'charges', 'created_at'],
  properties: {
    id: uuid, organization_id: uuid, date, hours: { type: 'number' }, agent_id: uuid, notes: { type: ['string', 'null'] },
    overdraft_hours: { type: 'number', description: 'hours beyond the balance a manager allowed' },
    override_reason: { type: ['string', 'null'] },
    charges: {
      type: 'array',
      items: { type: 'object', required: ['grant_id', 'hours'], properties: { grant_id: uuid, hours: { type: 'number' } } },
    },
    created_at: timestamp,
  },
} as const;

const Entry = {
  type: 'object',
  required: ['kind', 'id', 'hours', 'created_at'],
  description: 'A grant (source, reason, valid_from, valid_until) or a session (date, agent_id, notes, overdraft_hours, override_reason)',
  properties: {
    kind: { type: 'string', enum: ['grant', 'session'] }, id: uuid, hours: { type: 'number' }, created_at: timestamp,
    source, reason: { type: 'string' }, valid_from: date, valid_until: date,
    date, agent_id: uuid, notes: { type: ['string', 'null'] }, overdraft_hours: { type: 'number' },
    override_reason: { type: ['string', 'null'], description: 'null for contacts' },
  },
} as const;

const Ledger = {
  type: 'object',
  required: ['organization_id', 'on', 'balance_hours', 'grants', 'entries', 'next_cursor'],
  properties: {
    organization_id: uuid,
    on: { ...date, description: 'the day the balance is for' },
    balance_hours: { type: 'number', description: 'what the grants valid that day still hold; negative only after an overridden session' },
    grants: {
      type: 'array',
      items: {
        type: 'object',
        required: ['grant_id', 'source', 'valid_from', 'valid_until', 'hours', 'remaining_hours'],
        properties: { grant_id: uuid, source, valid_from: date, valid_until: date, hours: { type: 'number' }, remaining_hours: { type: 'number' } },
      },
    },
    entries: { type: 'array', items: Entry },
    next_cursor: { type: ['string', 'null'] },
  },
} as const;

/** The body's fields (camelCased) and the organization the path names: a verb's input. */
function onOrganization<T>(request: FastifyRequest<IdParams>): T {
  return { ...fromWire<Record<string, unknown>>(request.body ?? {}), organizationId: request.params.id } as T;
}

export function registerTrainingRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get<IdParams & { Querystring: { on?: string; limit?: number; cursor?: string } }>(
    '/api/v1/organizations/:id/training',
    {
      config: { access: SIGNED_IN },
      schema: {
        operationId: 'getTrainingLedger', tags, summary: "An organization's training balance (on `on`, today by default) and ledger entries, oldest first",
        params: idParams,
        querystring: { ...pageQuery, properties: { ...pageQuery.properties, on: date } },
        response: { 200: Ledger, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxFor(request, deps);
      const { on, ...page } = request.query;
      const balance = await getTrainingBalance({ ctx, input: { organizationId: request.params.id, on } });
      const entries = await listTrainingEntries({ ctx, input: { ...page, organizationId: request.params.id } });
      return toWire({ ...balance, entries: entries.items, nextCursor: entries.nextCursor });
    },
  );

  app.post<IdParams>(
    '/api/v1/organizations/:id/training/grants',
    {
      config: { access: MANAGERS },
      schema: {
        operationId: 'grantTrainingHours', tags,
        summary: "Grant training hours: contract or negotiated (hours, reason, valid_from, valid_until), or plan (year: the hours the plan's policy states)",
        params: idParams,
        body: {
          type: 'object', additionalProperties: false, required: ['source'],
          properties: {
            source, hours: hours(10_000), reason: { type: 'string', minLength: 1, maxLength: 500 }, valid_from: date, valid_until: date,
            year: { type: 'integer', minimum: 2000, maximum: 2199, description: 'source plan only' },
          },
        },
        response: { 201: Grant, ...errorResponses },
      },
    },
    async (request, reply) => {
      const grant = await grantTrainingHours({ ctx: ctxFor(request, deps), input: onOrganization(request) });
      return reply.code(201).send(toWire(grant));
    },
  );

  app.post<IdParams>(
    '/api/v1/organizations/:id/training/sessions',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'recordTrainingSession', tags,
        summary: 'Record a training session; beyond the balance it is refused (429) unless a manager or admin gives override_reason',
        params: idParams,
        body: {
          type: 'object', additionalProperties: false, required: ['date', 'hours'],
          properties: {
            date, hours: hours(24), agent_id: { ...uuid, description: 'who gave the training; yourself if omitted' },
            notes: { type: 'string', minLength: 1, maxLength: 2000 }, override_reason: { type: 'string', minLength: 1, maxLength: 500 },
          },
        },
        response: { 201: Session, ...errorResponses },
      },
    },
    async (request, reply) => {
      const session = await recordTrainingSession({ ctx: ctxFor(request, deps), input: onOrganization(request) });
      return reply.code(201).send(toWire(session));
    },
  );
}
