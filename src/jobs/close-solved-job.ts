// The close-solved job: closes solved tickets nobody answered once the policy's period is up
// (tickets/close-solved.ts). pg-boss's cron asks for a run every hour (stored in the database, so
// several instances run it once) and the service asks for one when it starts; a run closes batch
// after batch until a batch comes back short. Closing is checked per ticket under its lock, so a
// run that overlaps another closes nothing twice.
import type { Clock, Db, Logger, PgBoss } from '../platform/index.ts';
import { CLOSE_BATCH, closeSolvedTickets } from '../tickets/index.ts';
import { registerCron } from './cron.ts';

export const CLOSE_SOLVED = 'close-solved';
const EVERY_HOUR = '17 * * * *';

export type CloseSolvedDeps = { db: Db; clock: Clock; logger: Logger };

/** The handler: batches until none is left to close (or only tickets others hold). Returns how many closed. */
export async function handleCloseSolved(deps: CloseSolvedDeps): Promise<number> {
  const ctx = { ...deps, actor: { kind: 'system' as const } };
  let total = 0;
  for (;;) {
    const { closed, found } = await closeSolvedTickets({ ctx });
    total += closed;
    // A short batch was the last; a full one that closed nothing is tickets others hold: the next run takes them.
    if (found < CLOSE_BATCH || closed === 0) break;
  }
  if (total > 0) deps.logger.info({ closed: total }, 'solved tickets closed');
  return total;
}

export async function registerCloseSolvedJob({ boss, ...deps }: CloseSolvedDeps & { boss: PgBoss }): Promise<void> {
  // Once at start too: the tickets whose time came while the service was stopped.
  await registerCron(boss, { name: CLOSE_SOLVED, cron: EVERY_HOUR, run: () => handleCloseSolved(deps), logger: deps.logger, runAtStart: true });
}
