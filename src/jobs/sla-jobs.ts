// The SLA jobs on pg-boss: sla-sweep (sla-sweep-job.ts) finds clocks owing a signal and fans out
// one sla-fire job per clock (sla-fire-job.ts), which claims its clock row (tickets/sweep.ts), so
// duplicates and retries are harmless.
import type { Clock, Db, Logger, PgBoss } from '../platform/index.ts';
import { registerSlaFireJob } from './sla-fire-job.ts';
import { registerSlaSweepJob } from './sla-sweep-job.ts';

export { SLA_FIRE } from './sla-fire-job.ts';
export { SLA_SWEEP, requestSlaSweep } from './sla-sweep-job.ts';

/** `imapMailbox`: the key of the IMAP mailbox the desk polls (email's imapMailboxKey), null when none. */
export async function registerSlaJobs(
  deps: { boss: PgBoss; db: Db; clock: Clock; logger: Logger; imapMailbox: string | null },
): Promise<() => void> {
  await registerSlaFireJob(deps);
  return registerSlaSweepJob(deps);
}
