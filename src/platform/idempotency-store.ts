// Stored answers to requests sent with an Idempotency-Key, per actor. A key is claimed
// inside the transaction of the request it guards and its answer stored in that same
// transaction, so "the write happened" and "the answer is stored" commit together: a
// process killed mid-request leaves neither (its transaction rolls back and the key is
// free again), and a retry either replays the stored answer or runs the request anew.
import type { Db } from './db.ts';

/** How long an answer is replayed; older keys are removed by a job and may be reused. */
export const IDEMPOTENCY_RETENTION = Temporal.Duration.from({ hours: 24 });

export type StoredAnswer = { fingerprint: string; status: number; body: unknown };

export type Claim = { claimed: true } | { claimed: false; answer: StoredAnswer | null };

/** PostgreSQL's lock_not_available: another transaction holds the key and did not finish in time. */
export function isKeyBusy(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '55P03';
}

/**
 * Claims (actor, key) in `tx`, or returns the stored answer. A committed key without an answer
 * (left by a version of Accord that reserved keys outside the request's transaction) is claimed. Waits at most `waitMs` for a
 * concurrent request holding the same key, then throws (isKeyBusy) so the caller can say "retry".
 */
export async function claimIdempotencyKey(
  tx: Db,
  input: { actor: string; key: string; fingerprint: string; now: Temporal.Instant; waitMs: number },
): Promise<Claim> {
  const stale = input.now.subtract(IDEMPOTENCY_RETENTION);
  // Only this statement may wait briefly; the request's own locks keep the server's default.
  await tx.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.floor(input.waitMs))}`);
  const claimed = await tx.query(
    `INSERT INTO idempotency_keys (actor, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (actor, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, created_at = EXCLUDED.created_at,
       response_status = NULL, response_body = NULL
     WHERE idempotency_keys.created_at < $5 OR idempotency_keys.response_status IS NULL
     RETURNING key`,
    [input.actor, input.key, input.fingerprint, input.now, stale],
  );
  await tx.query('SET LOCAL lock_timeout TO DEFAULT');
  if (claimed.rows.length === 1) return { claimed: true };
  const { rows } = await tx.query<{ request_hash: string; response_status: number | null; response_body: unknown }>(
    'SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE actor = $1 AND key = $2',
    [input.actor, input.key],
  );
  const row = rows[0];
  const answer = row && row.response_status !== null ? { fingerprint: row.request_hash, status: row.response_status, body: row.response_body } : null;
  return { claimed: false, answer };
}

/** Stores the answer in the claiming transaction; it commits with the request's writes. */
export async function storeIdempotentAnswer(tx: Db, input: { actor: string; key: string; status: number; body: string }): Promise<void> {
  await tx.query('UPDATE idempotency_keys SET response_status = $3, response_body = $4::jsonb WHERE actor = $1 AND key = $2', [
    input.actor,
    input.key,
    input.status,
    input.body,
  ]);
}

/** Removes keys past retention, in batches so a big backlog never holds one long lock. */
export async function pruneIdempotencyKeys(db: Db, now: Temporal.Instant, batch = 5_000): Promise<number> {
  const cutoff = now.subtract(IDEMPOTENCY_RETENTION);
  let removed = 0;
  for (;;) {
    const { rows } = await db.query(
      `DELETE FROM idempotency_keys WHERE (actor, key) IN (
         SELECT actor, key FROM idempotency_keys WHERE created_at < $1 ORDER BY created_at LIMIT $2)
       RETURNING key`,
      [cutoff, batch],
    );
    removed += rows.length;
    if (rows.length < batch) return removed;
  }
}

// What a page's POST-redirect-GET kept for its GET: the secret a create form made (web/shown-once.ts),
// stored as an answered key (never claimed by a retry: its fingerprint is no request's) and taken
// by the first read. One never read goes with the other keys after IDEMPOTENCY_RETENTION.
const KEPT_ONCE = 'kept-for-one-read';

/** Keeps `body` under (actor, key) for one read (takeAnswerOnce), in the caller's transaction. */
export async function keepAnswerOnce(tx: Db, input: { actor: string; key: string; body: unknown; now: Temporal.Instant }): Promise<void> {
  await tx.query(
    `INSERT INTO idempotency_keys (actor, key, request_hash, response_status, response_body, created_at) VALUES ($1, $2, $3, 201, $4::jsonb, $5)`,
    [input.actor, input.key, KEPT_ONCE, JSON.stringify(input.body), input.now],
  );
}

/** What keepAnswerOnce kept under (actor, key), removed as it is read: a second read finds null. */
export async function takeAnswerOnce(db: Db, input: { actor: string; key: string }): Promise<unknown> {
  const { rows } = await db.query<{ response_body: unknown }>(
    'DELETE FROM idempotency_keys WHERE actor = $1 AND key = $2 AND request_hash = $3 RETURNING response_body',
    [input.actor, input.key, KEPT_ONCE],
  );
  return rows[0]?.response_body ?? null;
}
