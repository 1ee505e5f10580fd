// The waiting-on-customer job: reminds, then solves, tickets that have waited on the customer's
// reply for the policy's days (tickets/waiting-on-customer.ts). pg-boss's cron asks for a run every
// hour (stored in the database, so several instances run it once) and the service asks for one when
// it starts; a run goes batch after batch until a batch comes back short. Each ticket is checked
// under its lock, so a run that overlaps another reminds and solves nothing twice.
import type { Clock, Db, Logger, PgBoss } from '../platform/index.ts';
import { nudgeWaitingTickets, WAITING_BATCH } from '../tickets/index.ts';
import { registerCron } from './cron.ts';

export const WAITING_ON_CUSTOMER = 'waiting-on-customer';
const EVERY_HOUR = '23 * * * *';

export type WaitingDeps = { db: Db; clock: Clock; logger: Logger };

/** The handler: batches until none is left (or only tickets others hold). Returns how many were reminded and solved. */
export async function handleWaiting(deps: WaitingDeps): Promise<{ reminded: number; solved: number }> {
  const ctx = { ...deps, actor: { kind: 'system' as const } };
  const total = { reminded: 0, solved: 0 };
  for (;;) {
    const { reminded, solved, found } = await nudgeWaitingTickets({ ctx });
    total.reminded += reminded;
    total.solved += solved;
    // A short batch was the last; a full one that did nothing is tickets others hold: the next run takes them.
    if (found < WAITING_BATCH || reminded + solved === 0) break;
  }
  if (total.reminded + total.solved > 0) deps.logger.info(total, 'tickets waiting on customers reminded or solved');
  return total;
}

export async function registerWaitingJob({ boss, ...deps }: WaitingDeps & { boss: PgBoss }): Promise<void> {
  // Once at start too: the tickets whose time came while the service was stopped.
  await registerCron(boss, { name: WAITING_ON_CUSTOMER, cron: EVERY_HOUR, run: () => handleWaiting(deps), logger: deps.logger, runAtStart: true });
}
