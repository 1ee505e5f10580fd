// Bearer-token authentication for /api: resolves `Authorization: Bearer <token>` to an actor
// before anything else runs, so every API handler can rely on request.actor.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticateToken } from '../customers/authenticate-token.ts';
import { UnauthenticatedError } from '../platform/errors.ts';
import type { Actor } from '../platform/context.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_\-.~+/]{1,512}=*)$/;

export function registerAuth(app: FastifyInstance, deps: { db: Db; clock: Clock }): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (!header) throw new UnauthenticatedError('Send an API token: Authorization: Bearer <token>');
    const match = BEARER.exec(header);
    if (!match) throw new UnauthenticatedError('The Authorization header must be: Bearer <token>', [{ path: 'headers.authorization', message: 'not a bearer token' }]);
    const actor = await authenticateToken(deps.db, deps.clock, match[1]);
    if (!actor) throw new UnauthenticatedError('The API token is not valid or was revoked');
    request.actor = actor;
  });
}

/** The authenticated actor; routes under /api always have one. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthenticatedError('Authentication required');
  return request.actor;
}
