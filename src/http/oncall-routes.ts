// /api/v1/oncall: thin adapters over the on-call verbs (rotations, overrides, who is on call, shifts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  addOverride,
  createRotation,
  deleteRotation,
  listRotations,
  listShifts,
  removeOverride,
  updateRotation,
  WEEKDAYS,
  whoIsOnCall,
} from '../oncall/index.ts';
import { AGENTS, ctxFor, errorResponses, MANAGERS, pageOf, pageQuery, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { fromWire, pageToWire, toWire } from './wire.ts';

const tags = ['oncall'];
type IdParams = { Params: { id: string } };
const idParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;

const ruleId = { type: 'string', minLength: 1, maxLength: 100 } as const;
const ruleIds = {
  type: ['array', 'null'],
  minItems: 1,
  maxItems: 50,
  items: ruleId,
  description: 'after_hours rule ids of the policy; null: all rules',
} as const;
const weekday = { type: ['string', 'null'], enum: [...WEEKDAYS, null], description: 'weekly rotations only' } as const;
const rotationFields = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  time_zone: { type: 'string', minLength: 1, maxLength: 64, description: 'an IANA zone (America/New_York) or a fixed offset (-06:00)' },
  handover_time: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'local time of the hand-over, HH:MM' },
  cadence: { type: 'string', enum: ['daily', 'weekly'] },
  handover_weekday: weekday,
  start_date: { type: 'string', format: 'date', description: "the first member's first shift starts this day at handover_time" },
  members: { type: 'array', minItems: 1, maxItems: 100, items: uuid, description: 'agent ids in turn order' },
  after_hours_rule_ids: ruleIds,
} as const;

const Rotation = {
  type: 'object',
  required: [
    'id', 'name', 'time_zone', 'handover_time', 'cadence', 'handover_weekday', 'start_date', 'members', 'after_hours_rule_ids',
    'created_at', 'updated_at',
  ],
  properties: { id: uuid, ...rotationFields, created_at: timestamp, updated_at: timestamp },
} as const;

const Override = {
  type: 'object',
  required: ['id', 'rotation_id', 'agent_id', 'starts_at', 'ends_at', 'reason', 'created_by', 'created_at'],
  properties: {
    id: uuid,
    rotation_id: uuid,
    agent_id: uuid,
    starts_at: timestamp,
    ends_at: timestamp,
    reason: { type: ['string', 'null'] },
    created_by: { type: ['string', 'null'], format: 'uuid' },
    created_at: timestamp,
  },
} as const;

const Shift = {
  type: 'object',
  required: ['rotation_id', 'rotation_name', 'agent_id', 'name', 'email', 'starts_at', 'ends_at', 'override_id'],
  properties: {
    rotation_id: uuid,
    rotation_name: { type: 'string' },
    agent_id: uuid,
    name: { type: 'string' },
    email: { type: 'string' },
    starts_at: timestamp,
    ends_at: timestamp,
    override_id: { type: ['string', 'null'], format: 'uuid', description: 'the override holding this shift; null when the rotation does' },
  },
} as const;

const createBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'time_zone', 'handover_time', 'cadence', 'start_date', 'members'],
  properties: rotationFields,
} as const;
const updateBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: rotationFields } as const;
const overrideBody = {
  type: 'object',
  additionalProperties: false,
  required: ['starts_at', 'ends_at'],
  properties: {
    agent_id: { ...uuid, description: 'who covers; yourself if omitted' },
    starts_at: timestamp,
    ends_at: timestamp,
    reason: { type: 'string', minLength: 1, maxLength: 500 },
  },
} as const;
const shiftsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { from: timestamp, count: { type: 'integer', minimum: 1, maximum: 100, default: 10 } },
} as const;
const nowQuery = { type: 'object', additionalProperties: false, properties: { at: timestamp, after_hours_rule_id: ruleId } } as const;
const OnCallNow = {
  type: 'object',
  required: ['at', 'on_call'],
  properties: { at: timestamp, on_call: { type: 'array', items: Shift } },
} as const;

/** The body's or query's fields (camelCased) and the rotation the path names: a verb's input. */
function onRotation<T>(request: FastifyRequest<IdParams>, fields: unknown): T {
  return { ...fromWire<Record<string, unknown>>(fields ?? {}), rotationId: request.params.id } as T;
}

export function registerOncallRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.post(
    '/api/v1/oncall/rotations',
    {
      config: { access: MANAGERS },
      schema: {
        operationId: 'createOncallRotation', tags, summary: 'Create an on-call rotation',
        body: createBody, response: { 201: Rotation, ...errorResponses },
      },
    },
    async (request, reply) => {
      const rotation = await createRotation({ ctx: ctxFor(request, deps), input: fromWire(request.body) });
      return reply.code(201).send(toWire(rotation));
    },
  );

  app.get(
    '/api/v1/oncall/rotations',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'listOncallRotations', tags, summary: 'List on-call rotations',
        querystring: pageQuery, response: { 200: pageOf(Rotation), ...errorResponses },
      },
    },
    async (request) => pageToWire(await listRotations({ ctx: ctxFor(request, deps), input: fromWire(request.query) })),
  );

  app.patch<IdParams>(
    '/api/v1/oncall/rotations/:id',
    {
      config: { access: MANAGERS },
      schema: {
        operationId: 'updateOncallRotation', tags, summary: 'Change a rotation (every shift is re-planned from its start date)',
        params: idParams, body: updateBody, response: { 200: Rotation, ...errorResponses },
      },
    },
    async (request) => toWire(await updateRotation({ ctx: ctxFor(request, deps), input: onRotation(request, request.body) })),
  );

  app.delete<IdParams>(
    '/api/v1/oncall/rotations/:id',
    {
      config: { access: MANAGERS },
      schema: {
        operationId: 'deleteOncallRotation', tags, summary: 'Delete a rotation and its overrides',
        params: idParams, response: { 200: Rotation, ...errorResponses },
      },
    },
    async (request) => toWire(await deleteRotation({ ctx: ctxFor(request, deps), input: { rotationId: request.params.id } })),
  );

  app.get<IdParams>(
    '/api/v1/oncall/rotations/:id/shifts',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'listOncallShifts', tags, summary: "A rotation's next shifts, overrides applied (the first holds `from`, now by default)",
        params: idParams, querystring: shiftsQuery, response: { 200: { type: 'array', items: Shift }, ...errorResponses },
      },
    },
    async (request) => toWire(await listShifts({ ctx: ctxFor(request, deps), input: onRotation(request, request.query) })),
  );

  app.post<IdParams>(
    '/api/v1/oncall/rotations/:id/overrides',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'addOncallOverride', tags, summary: 'Cover a rotation for a while (agents: themselves; managers and admins: anyone)',
        params: idParams, body: overrideBody, response: { 201: Override, ...errorResponses },
      },
    },
    async (request, reply) => {
      const override = await addOverride({ ctx: ctxFor(request, deps), input: onRotation(request, request.body) });
      return reply.code(201).send(toWire(override));
    },
  );

  app.delete<IdParams>(
    '/api/v1/oncall/overrides/:id',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'removeOncallOverride', tags, summary: 'Remove an override (one under way ends now; agents: only their own)',
        params: idParams, response: { 200: Override, ...errorResponses },
      },
    },
    async (request) => toWire(await removeOverride({ ctx: ctxFor(request, deps), input: { overrideId: request.params.id } })),
  );

  app.get(
    '/api/v1/oncall/now',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'whoIsOnCall', tags, summary: 'Who is on call in each rotation (now, or `at`), optionally for one after_hours rule',
        querystring: nowQuery, response: { 200: OnCallNow, ...errorResponses },
      },
    },
    async (request) => toWire(await whoIsOnCall({ ctx: ctxFor(request, deps), input: fromWire(request.query) })),
  );
}
