// Idempotency-Key for POST: the first response to (actor, key) is stored and replayed to retries,
// which therefore create nothing; the same key with a different request is a conflict.
//
// The key is reserved before the handler runs and filled after it answers. A crash in between
// leaves the key reserved, and retries get 409 rather than risking a second write.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ConflictError, InvalidInputError } from '../platform/errors.ts';
import { actorKey } from '../platform/context.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { actor: string; key: string } | null;
  }
}

const KEY = /^[\x21-\x7e]{1,255}$/;

function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(JSON.stringify([request.method, request.url, request.body ?? null]))
    .digest('hex');
}

type KeyRow = { request_hash: string; response_status: number | null; response_body: unknown };

export function registerIdempotency(app: FastifyInstance, deps: { db: Db; clock: Clock }): void {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined || !request.actor) return;
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw new InvalidInputError('Idempotency-Key must be 1 to 255 visible ASCII characters', [
        { path: 'headers.idempotency-key', message: 'not a valid key' },
      ]);
    }
    const actor = actorKey(request.actor);
    const hash = requestHash(request);
    const reserved = await deps.db.query(
      `INSERT INTO idempotency_keys (actor, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (actor, key) DO NOTHING RETURNING key`,
      [actor, key, hash, deps.clock.now()],
    );
    if (reserved.rows.length === 1) {
      request.idempotency = { actor, key };
      return;
    }
    const { rows } = await deps.db.query<KeyRow>(
      'SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE actor = $1 AND key = $2',
      [actor, key],
    );
    const first = rows[0];
    if (!first) throw new ConflictError('The Idempotency-Key is being released; retry');
    if (first.request_hash !== hash) {
      throw new ConflictError('This Idempotency-Key was used for a different request', [{ path: 'headers.idempotency-key', message: 'reused with a different request' }]);
    }
    if (first.response_status === null) throw new ConflictError('A request with this Idempotency-Key is still in progress');
    reply.header('idempotent-replayed', 'true');
    return reply.code(first.response_status).send(first.response_body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const held = request.idempotency;
    if (!held) return payload;
    request.idempotency = null;
    // A server failure is not an answer: release the key so a retry runs the request again.
    if (reply.statusCode >= 500) {
      await deps.db.query('DELETE FROM idempotency_keys WHERE actor = $1 AND key = $2', [held.actor, held.key]);
      return payload;
    }
    const body = typeof payload === 'string' && payload.length > 0 ? payload : 'null';
    await deps.db.query(
      'UPDATE idempotency_keys SET response_status = $3, response_body = $4::jsonb WHERE actor = $1 AND key = $2',
      [held.actor, held.key, reply.statusCode, body],
    );
    return payload;
  });
}
