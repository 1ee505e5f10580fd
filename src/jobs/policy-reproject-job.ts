// The policy-reproject job: moves open tickets onto the active policy version in batches
// (tickets/reproject.ts), until none is left. Activation only stores the version (ADR 0011);
// a timer asks for a run every two seconds, the singleton key coalesces the requests of several
// instances, and a run that finds nothing to move costs one index lookup. A crash mid-way loses
// nothing: the next run finds the tickets still on the old version.
import type { Clock, Db, Logger, PgBoss } from '../platform/index.ts';
import { reprojectBatch, type ReprojectCursor } from '../tickets/index.ts';

export const POLICY_REPROJECT = 'policy-reproject';
const REQUEST_EVERY_MS = 2_000;

export type PolicyReprojectDeps = { db: Db; clock: Clock; logger: Logger };

/** The handler: batches until every open ticket is on the active version. Returns how many moved. */
export async function handlePolicyReproject(deps: PolicyReprojectDeps): Promise<number> {
  const ctx = { ...deps, actor: { kind: 'system' as const } };
  let total = 0;
  let after: ReprojectCursor | null = null;
  for (;;) {
    const batch = await reprojectBatch({ ctx, after });
    total += batch.moved;
    after = batch.after;
    // A pass ended and moved nothing: only tickets held by other transactions are left; the next request (two seconds) tries them again.
    if (batch.left && after === null && batch.moved === 0) return total;
    if (!batch.left) {
      if (total > 0) deps.logger.info({ version: batch.version, moved: total }, 'open tickets re-projected');
      return total;
    }
  }
}

export async function registerPolicyReprojectJob({ boss, ...deps }: PolicyReprojectDeps & { boss: PgBoss }): Promise<() => void> {
  await boss.createQueue(POLICY_REPROJECT);
  await boss.work(POLICY_REPROJECT, { pollingIntervalSeconds: 1 }, async () => {
    await handlePolicyReproject(deps);
  });
  const request = () =>
    boss.send(POLICY_REPROJECT, {}, { singletonKey: POLICY_REPROJECT, singletonSeconds: 1 }).catch((e) => deps.logger.warn({ err: e }, 'policy re-projection not queued'));
  await request();
  const timer = setInterval(request, REQUEST_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
