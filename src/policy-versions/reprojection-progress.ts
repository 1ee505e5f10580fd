// How far the re-projection onto the active policy version has come: the open tickets counted at
// activation, less those still on an older version. Null once every open ticket is on it (a
// ticket opened on the old version while it was being activated is counted and moved too).
import type { Db } from '../platform/index.ts';

export type Reprojecting = { done: number; total: number };

export async function reprojectionProgress(db: Db): Promise<Reprojecting | null> {
  const { rows } = await db.query<{ version: number; total: number; remaining: number }>(
    `SELECT v.version, v.reproject_total AS total,
            (SELECT count(*)::int FROM tickets t WHERE t.status <> 'closed' AND t.policy_version < v.version) AS remaining
     FROM policy_versions v WHERE v.activated_at IS NOT NULL ORDER BY v.activated_at DESC, v.version DESC LIMIT 1`,
  );
  const r = rows[0];
  if (!r || Number(r.remaining) === 0) return null;
  const total = Math.max(Number(r.total), Number(r.remaining));
  return { done: total - Number(r.remaining), total };
}

/** How many tickets are open (not closed): those a new version's activation moves onto it. */
export async function openTicketCount(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM tickets WHERE status <> 'closed'");
  return Number(rows[0].n);
}

/** Records that every open ticket is on `version` (the job calls this when a batch finds none left). */
export async function markReprojected(db: Db, version: number, now: Temporal.Instant): Promise<void> {
  await db.query('UPDATE policy_versions SET reprojected_at = $2 WHERE version <= $1 AND activated_at IS NOT NULL AND reprojected_at IS NULL', [version, now]);
}
