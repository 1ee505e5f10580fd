// A form that writes is done once however often the same form is sent: a double click, a reload
// that posts it again, Back and send. The page gives each form it renders a random key (its hidden
// `form_key` field); the outcome of the first sending is kept under the person and that key, with
// what was sent, in idempotency_keys (the API's Idempotency-Key store: platform/idempotency-store.ts,
// kept IDEMPOTENCY_RETENTION), and the same form sent again gets that outcome, writing nothing. The
// key is claimed in the transaction that does the work and the outcome stored in it, so the write
// and its outcome commit together; a second sending while the first runs waits for it. A form
// changed before it is sent again (Back, edit, send) is another request: it runs.
import { createHash, randomUUID } from 'node:crypto';
import { actorKey, claimIdempotencyKey, holdTransaction, isKeyBusy, storeIdempotentAnswer, type Actor, type Clock, type Db } from '../platform/index.ts';
import { isUuid } from '../platform/ids.ts';
import { withoutNul } from './kept-form.ts';

/** How long a second sending waits for the first to finish before it is told to wait. */
const WAIT_FOR_FIRST_MS = 2_000;

/** A new form's key, for its hidden `form_key` field. */
export function newFormKey(): string {
  return randomUUID();
}

/** What a piece of work did: `keep` an outcome (stored and committed), or not (rolled back, the key released). */
export type FormWork<O> = { keep: true; outcome: O } | { keep: false; outcome: O };

export type FormOnce<O> = { outcome: O; replayed: boolean } | { busy: true };

/**
 * Runs `work` once for this form as sent (`form`: its fields, `form_key` among them, and `extra`:
 * what else identifies it, such as its files' names and sizes), in a transaction (`tx`: use it for
 * everything until this returns; the pages' own reads come after). Without a key (an old page, a
 * script) the work runs as it is, on `db`. An outcome stored for the same form is returned instead,
 * `replayed`; `busy` when the first sending still runs.
 */
export async function oncePerForm<O>(
  db: Db, clock: Clock, actor: Actor, route: string, form: Record<string, string>, extra: unknown,
  work: (tx: Db) => Promise<FormWork<O>>,
): Promise<FormOnce<O>> {
  // The key is the desk's own, never typed: a NUL in it (a hand-made form; a `textKept` form lets
  // NUL through, kept-form.ts) is removed, as the form shown back holds none, so that it still
  // guards the form. Read as no key, the same form sent twice would do its work twice.
  const formKey = withoutNul(form.form_key ?? '');
  if (!formKey || !isUuid(formKey)) return { outcome: (await work(db)).outcome, replayed: false };
  const { _csrf: _token, ...fields } = form;
  const sent = createHash('sha256').update(JSON.stringify([route, Object.entries(fields).sort(([a], [b]) => a.localeCompare(b)), extra])).digest('hex');
  // The key names the form and what was in it: the same form changed is another request.
  const key = `form:${route}:${formKey}:${sent}`;
  const who = actorKey(actor);
  const held = await holdTransaction(db);
  try {
    const claim = await claimIdempotencyKey(held.tx, { actor: who, key, fingerprint: sent, now: clock.now(), waitMs: WAIT_FOR_FIRST_MS });
    if (!claim.claimed) {
      await held.rollback();
      return claim.answer ? { outcome: claim.answer.body as O, replayed: true } : { busy: true };
    }
    const done = await work(held.tx);
    if (!done.keep) {
      await held.rollback();
      return { outcome: done.outcome, replayed: false };
    }
    await storeIdempotentAnswer(held.tx, { actor: who, key, status: 200, body: JSON.stringify(done.outcome) });
    await held.commit();
    return { outcome: done.outcome, replayed: false };
  } catch (error) {
    await held.rollback().catch(() => undefined);
    if (isKeyBusy(error)) return { busy: true };
    throw error;
  }
}
