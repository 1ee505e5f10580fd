// A secret a create form makes (an API token, a webhook's signing secret) is shown once, on the
// page the form redirects to (POST-redirect-GET), never on the POST's own answer: reloading that
// page neither sends the form again (a second token) nor shows the secret again. The POST keeps
// the secret server-side, in the transaction that made it, for one read by the same session
// (platform/idempotency-store.ts keepAnswerOnce: the database, so any instance serves the GET),
// and redirects to `?created=<id>`; the GET takes it (deleting it) and shows it. A second read,
// another session's, or one never kept finds nothing: the page says the secret is not shown again.
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { actorKey, keepAnswerOnce, takeAnswerOnce, type Ctx } from '../platform/index.ts';

/** What the GET shows: the secret, or that it was shown already (reloaded, or another session's link). */
export type CreatedShown = { secret: string } | { gone: true };

// The key names the session: a link to the page opened in another session shows nothing.
const keyOf = (request: FastifyRequest, id: string) => `web-once:${request.webSession?.id ?? 'none'}:${id}`;

/**
 * Runs `create` (a verb making a secret) and keeps the secret it returns for one read, in one
 * transaction (a secret made is always kept); answers where the form redirects: `page?created=<id>`.
 */
export async function createdOnce(ctx: Ctx, request: FastifyRequest, page: string, create: (ctx: Ctx) => Promise<string>): Promise<{ redirect: string }> {
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    const secret = await create({ ...ctx, db: tx });
    await keepAnswerOnce(tx, { actor: actorKey(ctx.actor), key: keyOf(request, id), body: { secret }, now: ctx.clock.now() });
  });
  return { redirect: `${page}?created=${id}` };
}

/** The secret kept under `id` for this session, taken (a second read finds it gone); null when the page names none. */
export async function takeCreated(ctx: Ctx, request: FastifyRequest, id: string | undefined): Promise<CreatedShown | null> {
  if (!id) return null;
  const kept = await takeAnswerOnce(ctx.db, { actor: actorKey(ctx.actor), key: keyOf(request, id) });
  const secret = (kept as { secret?: unknown } | null)?.secret;
  return typeof secret === 'string' ? { secret } : { gone: true };
}
