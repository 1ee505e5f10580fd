// The retention job (privacy/retention.ts), registered only when the desk keeps things for a set
// time (ACCORD_RETENTION_TICKET_DAYS, ACCORD_RETENTION_MAIL_DAYS): pg-boss's cron asks for a run
// once a day (stored in the database, so several instances run it once), and the service asks for
// one when it starts. A run that stops half-way leaves the rest to the next: each batch commits alone.
import type { Clock, Db, Logger, PgBoss } from '../platform/index.ts';
import { applyRetention, type RetentionDone, type RetentionSettings } from '../privacy/index.ts';
import { registerCron } from './cron.ts';

export const RETENTION = 'retention';
const DAILY = '23 3 * * *';

export type RetentionDeps = { db: Db; clock: Clock; logger: Logger; settings: RetentionSettings };

export async function handleRetention({ settings, ...deps }: RetentionDeps): Promise<RetentionDone> {
  const done = await applyRetention({ ctx: { ...deps, actor: { kind: 'system' } }, settings });
  if (done.ticketsErased + done.heldRequestsCleared + done.commentsCleared + done.mailDeleted > 0) {
    deps.logger.info(done, 'retention applied: closed tickets erased, dismissed requests cleared, old article comments cleared, unused mail deleted');
  }
  return done;
}

export async function registerRetentionJob({ boss, ...deps }: RetentionDeps & { boss: PgBoss }): Promise<void> {
  await registerCron(boss, { name: RETENTION, cron: DAILY, run: () => handleRetention(deps), logger: deps.logger, runAtStart: true });
}
