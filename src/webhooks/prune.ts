// Retention: finished deliveries (and their attempts) are kept 30 days, then removed. They hold
// ticket data, and the receiver has had them, or could have, for a month.
import type { Db } from '../platform/db.ts';

export const DELIVERY_RETENTION = Temporal.Duration.from({ hours: 30 * 24 });

/** Removes finished deliveries past retention, in batches so a backlog never holds one long lock. */
export async function pruneWebhookDeliveries(db: Db, now: Temporal.Instant, batch = 5_000): Promise<number> {
  const cutoff = now.subtract(DELIVERY_RETENTION);
  let removed = 0;
  for (;;) {
    const { rows } = await db.query(
      `DELETE FROM webhook_deliveries WHERE id IN (
         SELECT id FROM webhook_deliveries WHERE status <> 'pending' AND created_at < $1 ORDER BY created_at LIMIT $2)
       RETURNING id`,
      [cutoff, batch],
    );
    removed += rows.length;
    if (rows.length < batch) return removed;
  }
}
