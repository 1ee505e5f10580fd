// A fixed-window counter per key (the subscribe forms, per client address), kept in the database:
// every instance counts the same caller in the same row, so running several instances does not
// multiply what one address may ask for. A window starts with a key's first call after the last
// window ended. One statement counts the call and answers, so concurrent calls cannot both slip in.
import type { Db } from '../platform/index.ts';

export type WindowLimit = { limit: number; window: Temporal.Duration };

/**
 * Counts one call for `key` at `now`; false when the key is over its limit in its window.
 * @example
 * if (!(await takeRateLimit(db, `status-subscribe:${ip}`, { limit: 10, window: Temporal.Duration.from({ minutes: 15 }) }, clock.now()))) throw new LimitExceededError('...');
 */
export async function takeRateLimit(db: Db, key: string, { limit, window }: WindowLimit, now: Temporal.Instant): Promise<boolean> {
  const { rows } = await db.query<{ count: number }>(
    `INSERT INTO rate_limit_windows AS w (key, window_start, count) VALUES ($1, $2, 1)
     ON CONFLICT (key) DO UPDATE SET
       window_start = CASE WHEN w.window_start <= $3 THEN EXCLUDED.window_start ELSE w.window_start END,
       count = CASE WHEN w.window_start <= $3 THEN 1 ELSE w.count + 1 END
     RETURNING count`,
    [key, now, now.subtract(window)],
  );
  return rows[0].count <= limit;
}

/** Removes windows that ended more than a day ago; returns how many. */
export async function pruneRateLimits(db: Db, now: Temporal.Instant): Promise<number> {
  const { rows } = await db.query('DELETE FROM rate_limit_windows WHERE window_start < $1 RETURNING key', [now.subtract({ hours: 24 })]);
  return rows.length;
}
