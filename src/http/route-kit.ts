// Shared pieces of route definitions: the ctx a handler passes to a verb, and JSON-schema
// fragments reused across routes (they also become the OpenAPI document).
import type { FastifyRequest } from 'fastify';
import type { Clock } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import type { Logger } from '../platform/logger.ts';
import { requireActor } from './auth.ts';

export interface RouteDeps {
  db: Db;
  clock: Clock;
}

export function ctxFor(request: FastifyRequest, deps: RouteDeps): Ctx {
  // Fastify is built with our pino instance, so request.log is a pino child carrying the request id.
  return { db: deps.db, clock: deps.clock, logger: request.log as Logger, actor: requireActor(request) };
}

export const security = [{ bearerAuth: [] }];

export const errorResponses = { '4xx': { $ref: 'ErrorEnvelope#' } } as const;

export const timestamp = { type: 'string', format: 'date-time' } as const;
export const uuid = { type: 'string', format: 'uuid' } as const;

export const pageQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    cursor: { type: 'string', minLength: 1, maxLength: 500 },
  },
} as const;

export function pageOf(item: object) {
  return {
    type: 'object',
    required: ['items', 'next_cursor'],
    properties: { items: { type: 'array', items: item }, next_cursor: { type: ['string', 'null'] } },
  } as const;
}
