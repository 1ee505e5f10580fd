// Shared pieces of route definitions: who may call a route, the ctx a handler passes to a
// verb, and JSON-schema fragments reused across routes (they also become the OpenAPI document).
import type { FastifyRequest } from 'fastify';
import type { Clock } from '../platform/clock.ts';
import type { AgentRole, Ctx, ReadCtx } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import type { Logger } from '../platform/logger.ts';
import { requireActor } from './access.ts';

export interface RouteDeps {
  db: Db;
  clock: Clock;
}

/** Who may call a route: anyone, or signed-in actors of these kinds (a contact, or an agent of a role). */
export type Audience = 'contact' | AgentRole;
export type Access = 'public' | readonly Audience[];

export const AGENTS: readonly Audience[] = ['front_line', 'escalation', 'manager', 'admin'];
export const SIGNED_IN: readonly Audience[] = ['contact', ...AGENTS];
export const MANAGERS: readonly Audience[] = ['manager', 'admin'];
export const ADMINS: readonly Audience[] = ['admin'];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route: a route without it makes the app refuse to start (access.ts). */
    access?: Access;
    /**
     * On a public route: read a bearer token when one is sent, so a signed-in caller may be shown
     * more (agents see internal articles). A token that is sent must be valid (401 otherwise).
     */
    identify?: boolean;
    /** A web page (src/web): the caller is identified by its session cookie, not a bearer token (access.ts). */
    session?: boolean;
    /**
     * Opening a ticket: a contact's token is checked together with intake's read for that contact,
     * in one round trip (tickets/intake-read.ts, ADR 0014); the read waits on `request.intake`.
     */
    intakeWithToken?: boolean;
  }
}

/**
 * The ctx a handler passes to a verb. Inside an idempotent request `request.db` is the request's
 * transaction (idempotency.ts), so the verb's writes and the stored response commit together.
 */
export function ctxFor(request: FastifyRequest, deps: RouteDeps): Ctx {
  // Fastify is built with our pino instance, so request.log is a pino child carrying the request id.
  return { db: request.db ?? deps.db, clock: deps.clock, logger: request.log as Logger, actor: requireActor(request) };
}

/** The ctx of a public read: the caller if a token identified one (`identify` routes), else anonymous. */
export function readCtxFor(request: FastifyRequest, deps: RouteDeps): ReadCtx {
  return { db: request.db ?? deps.db, clock: deps.clock, logger: request.log as Logger, actor: request.actor ?? { kind: 'anonymous' } };
}

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
