// Housekeeping on pg-boss: idempotency keys past their 24 hours are removed every hour. The
// schedule is pg-boss's cron, stored in the database, so several instances run it once.
import { pruneIdempotencyKeys, type Clock, type Db, type Logger, type PgBoss } from '../platform/index.ts';

export const IDEMPOTENCY_PRUNE = 'idempotency-prune';
const EVERY_HOUR = '7 * * * *';

export async function registerMaintenanceJobs({ boss, db, clock, logger }: { boss: PgBoss; db: Db; clock: Clock; logger: Logger }): Promise<void> {
  await boss.createQueue(IDEMPOTENCY_PRUNE);
  await boss.work(IDEMPOTENCY_PRUNE, { pollingIntervalSeconds: 30 }, async () => {
    const removed = await pruneIdempotencyKeys(db, clock.now());
    if (removed > 0) logger.info({ removed }, 'expired idempotency keys removed');
  });
  await boss.schedule(IDEMPOTENCY_PRUNE, EVERY_HOUR);
}
