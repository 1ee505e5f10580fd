// The digest job (tickets/daily-digest.ts): pg-boss's cron asks for a run at two minutes past every
// hour (stored in the database, so several instances run it once); a run mails the managers and
// admins whose local time is 07:00, once per local day each (the outbox's dedupe key).
import type { Clock, Db, Logger, PgBoss } from '../platform/index.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { sendDailyDigests } from '../tickets/index.ts';
import { registerCron } from './cron.ts';

export const DAILY_DIGEST = 'daily-digest';
const EVERY_HOUR = '2 * * * *';

export type DigestDeps = { db: Db; clock: Clock; logger: Logger };

export async function handleDailyDigest(deps: DigestDeps): Promise<number> {
  const { model } = await activePolicy(deps.db);
  const queued = await sendDailyDigests({ ctx: { ...deps, actor: { kind: 'system' } }, policy: model });
  if (queued > 0) deps.logger.info({ queued }, 'daily digests queued');
  return queued;
}

export async function registerDigestJob({ boss, ...deps }: DigestDeps & { boss: PgBoss }): Promise<void> {
  await registerCron(boss, { name: DAILY_DIGEST, cron: EVERY_HOUR, run: () => handleDailyDigest(deps), logger: deps.logger });
}
