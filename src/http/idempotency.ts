// Idempotency-Key on POST, as the IETF draft (draft-ietf-httpapi-idempotency-key-header) has it:
// - the first successful answer to (actor, key) is stored and replayed to retries, which create nothing;
// - the fingerprint is the route and the canonical body, so the same fields in another order
//   are the same request; another request under a used key is 422;
// - an answer of 4xx or 5xx is not stored: the key is released, so a corrected retry runs;
//   except a refusal the verb recorded (a request the policy holds for review): something was kept,
//   so that answer is stored and replayed like a success, and a retry holds nothing new;
// - a retry while the first is still running waits briefly, then gets 409 with Retry-After;
// - keys are kept 24 hours (IDEMPOTENCY_RETENTION), then removed by a job.
//
// The request runs inside one transaction that first claims the key and finally stores the
// answer (platform/idempotency-store.ts): the write and its stored answer commit together,
// so a process killed mid-request leaves no reservation behind and the retry runs exactly once.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorKey } from '../platform/context.ts';
import { holdTransaction, type Db, type HeldTransaction } from '../platform/db.ts';
import { InvalidInputError } from '../platform/errors.ts';
import { claimIdempotencyKey, isKeyBusy, storeIdempotentAnswer } from '../platform/idempotency-store.ts';
import type { Clock } from '../platform/clock.ts';
import { sendEnvelope } from './error-handler.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's database: its idempotency transaction, or null for the app's Db. */
    db: Db | null;
    /** The verb refused but recorded its refusal (a held request): keep those writes. */
    refusalRecorded: boolean;
    idempotency: { actor: string; key: string; held: HeldTransaction } | null;
  }
}

const KEY = /^[\x21-\x7e]{1,255}$/;
// How long a retry waits for the first request with its key before hearing "retry later".
const WAIT_FOR_FIRST_MS = 2_000;
const RETRY_AFTER_SECONDS = 1;

/** JSON with object keys sorted at every level: equal documents, equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function fingerprint(request: FastifyRequest): string {
  const route = `${request.method} ${request.routeOptions.url}`;
  return createHash('sha256')
    .update(canonicalJson([route, request.params ?? {}, request.query ?? {}, request.body ?? null]))
    .digest('hex');
}

async function release(request: FastifyRequest): Promise<void> {
  const held = request.idempotency?.held;
  request.idempotency = null;
  request.db = null;
  if (held) await held.rollback().catch((e) => request.log.warn({ err: e }, 'idempotency rollback failed'));
}

export function registerIdempotency(app: FastifyInstance, deps: { db: Db; clock: Clock }): void {
  app.decorateRequest('db', null);
  app.decorateRequest('idempotency', null);
  app.decorateRequest('refusalRecorded', false);

  // After validation: a request refused by its schema never touches the key.
  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined || !request.actor) return;
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw new InvalidInputError('Idempotency-Key must be 1 to 255 visible ASCII characters', [
        { path: 'headers.idempotency-key', message: 'not a valid key' },
      ]);
    }
    const actor = actorKey(request.actor);
    const print = fingerprint(request);
    const held = await holdTransaction(deps.db);
    let claim;
    try {
      claim = await claimIdempotencyKey(held.tx, { actor, key, fingerprint: print, now: deps.clock.now(), waitMs: WAIT_FOR_FIRST_MS });
    } catch (error) {
      await held.rollback().catch(() => undefined);
      if (!isKeyBusy(error)) throw error;
      return busy(request, reply);
    }
    if (claim.claimed) {
      request.idempotency = { actor, key, held };
      request.db = held.tx;
      return;
    }
    await held.rollback();
    if (!claim.answer) return busy(request, reply);
    if (claim.answer.fingerprint !== print) {
      return sendEnvelope(request, reply, 422, 'conflict', 'This Idempotency-Key was used for a different request', [
        { path: 'headers.idempotency-key', message: 'reused with a different request' },
      ]);
    }
    reply.header('idempotent-replayed', 'true');
    reply.type('application/json; charset=utf-8');
    return reply.code(claim.answer.status).send(JSON.stringify(claim.answer.body));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const held = request.idempotency;
    if (!held) return payload;
    // Refusals and failures are not answers to keep: release the key (and undo any partial write).
    // A refusal the verb recorded on purpose (a held request) is an outcome: its writes and its
    // answer commit together, so a retry with the key hears of the same held request.
    const kept = reply.statusCode < 400 || (request.refusalRecorded && reply.statusCode < 500);
    if (!kept) {
      await release(request);
      return payload;
    }
    request.idempotency = null;
    request.db = null;
    try {
      const body = typeof payload === 'string' && payload.length > 0 ? payload : 'null';
      await storeIdempotentAnswer(held.held.tx, { actor: held.actor, key: held.key, status: reply.statusCode, body });
      await held.held.commit();
    } catch (error) {
      await held.held.rollback().catch(() => undefined);
      // Nothing was committed: the client must not be told it was.
      request.log.error({ err: error }, 'idempotent request failed to commit');
      reply.code(503);
      reply.type('application/json; charset=utf-8');
      return JSON.stringify({ code: 'unavailable', message: 'The request could not be saved; retry it with the same Idempotency-Key', details: [], requestId: String(request.id) });
    }
    return payload;
  });

  // A response that ended without onSend (a socket error) must not keep its transaction open.
  app.addHook('onResponse', async (request) => release(request));
}

function busy(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  return sendEnvelope(request, reply, 409, 'conflict', 'A request with this Idempotency-Key is still in progress; retry shortly', [
    { path: 'headers.idempotency-key', message: 'in use by a request still in progress' },
  ]);
}
