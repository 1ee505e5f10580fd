// Housekeeping on pg-boss: idempotency keys past their 24 hours, ended web sessions, old
// sign-in attempts and rate-limit windows over a day old are removed every hour. The
// schedule is pg-boss's cron, stored in the database, so several instances run it once.
import { pruneIdempotencyKeys, type Clock, type Db, type Logger, type PgBoss } from '../platform/index.ts';
import { pruneChallenges, pruneLoginAttempts, pruneSessions, THROTTLE_WINDOW } from '../web/auth/index.ts';
import { pruneRateLimits } from '../status/index.ts';

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

  // Web sign-in: sessions past their end, sign-in attempts and two-step challenges older than the throttling window;
  // the status page's subscribe windows a day after they began.
  await boss.createQueue(WEB_PRUNE);
  await boss.work(WEB_PRUNE, { pollingIntervalSeconds: 30 }, async () => {
    const sessions = await pruneSessions(db, clock);
    const attempts = (await pruneLoginAttempts(db, clock)) + (await pruneChallenges(db, clock, THROTTLE_WINDOW));
    const windows = await pruneRateLimits(db, clock.now());
    if (sessions + attempts + windows > 0) logger.info({ sessions, attempts, windows }, 'expired web sessions, sign-in attempts and rate-limit windows removed');
  });
  await boss.schedule(WEB_PRUNE, EVERY_HOUR);
}
