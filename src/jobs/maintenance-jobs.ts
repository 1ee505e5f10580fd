// Housekeeping on pg-boss: idempotency keys past their 24 hours, ended web sessions and old
// sign-in attempts are removed every hour. The
// schedule is pg-boss's cron, stored in the database, so several instances run it once.
import { pruneIdempotencyKeys, type Clock, type Db, type Logger, type PgBoss } from '../platform/index.ts';
import { pruneLoginAttempts, pruneSessions } from '../web/auth/index.ts';

export const IDEMPOTENCY_PRUNE = 'idempotency-prune';
export const WEB_PRUNE = 'web-prune';
const EVERY_HOUR = '7 * * * *';

export async function registerMaintenanceJobs({ boss, db, clock, logger }: { boss: PgBoss; db: Db; clock: Clock; logger: Logger }): Promise<void> {
  await boss.createQueue(IDEMPOTENCY_PRUNE);
  await boss.work(IDEMPOTENCY_PRUNE, { pollingIntervalSeconds: 30 }, async () => {
    const removed = await pruneIdempotencyKeys(db, clock.now());
    if (removed > 0) logger.info({ removed }, 'expired idempotency keys removed');
  });
  await boss.schedule(IDEMPOTENCY_PRUNE, EVERY_HOUR);

  // Web sign-in: sessions past their end and sign-in attempts older than the throttling window.
  await boss.createQueue(WEB_PRUNE);
  await boss.work(WEB_PRUNE, { pollingIntervalSeconds: 30 }, async () => {
    const sessions = await pruneSessions(db, clock);
    const attempts = await pruneLoginAttempts(db, clock);
    if (sessions + attempts > 0) logger.info({ sessions, attempts }, 'expired web sessions and sign-in attempts removed');
  });
  await boss.schedule(WEB_PRUNE, EVERY_HOUR);
}
