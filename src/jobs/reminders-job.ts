// The reminder job (tickets/reminders.ts): pg-boss's cron asks for a run every minute (stored in the
// database, so several instances run it once); a run mails the agents' reminders that came due,
// each once, batch after batch.
import type { Clock, Db, Logger, PgBoss } from '../platform/index.ts';
import { sendDueReminders } from '../tickets/index.ts';
import { registerCron } from './cron.ts';

export const REMINDERS = 'ticket-reminders';
const EVERY_MINUTE = '* * * * *';

export type RemindersDeps = { db: Db; clock: Clock; logger: Logger };

export async function handleReminders(deps: RemindersDeps): Promise<number> {
  let total = 0;
  for (;;) {
    const mailed = await sendDueReminders({ ctx: { ...deps, actor: { kind: 'system' } } });
    total += mailed;
    if (mailed === 0) break;
  }
  if (total > 0) deps.logger.info({ mailed: total }, 'ticket reminders mailed');
  return total;
}

export async function registerRemindersJob({ boss, ...deps }: RemindersDeps & { boss: PgBoss }): Promise<void> {
  await registerCron(boss, { name: REMINDERS, cron: EVERY_MINUTE, run: () => handleReminders(deps), logger: deps.logger, pollingIntervalSeconds: 15 });
}
