// The sla-fire job: one per clock that owes a signal, firing what it owes (tickets/sweep.ts:
// fireClockSignals claims each signal with the owed condition itself, so a retry or a second
// worker does nothing twice). The queue's policy is 'exclusive': pg-boss refuses a second job
// with the same singletonKey while one is queued, retrying or active (a unique index, checked in
// the INSERT), so sweeps that find the same clock again add no job. 'standard' ignores the key
// and 'singleton' only limits active jobs: that is how 36 copies of one clock's job piled up.
// Workers fetch 50 at a time and keep fetching while batches come back full.
import type { Clock, Db, Logger, PgBoss } from '../platform/index.ts';
import { breachCutoff, fireClockSignals } from '../tickets/index.ts';

export const SLA_FIRE = 'sla-fire';
const POLICY = 'exclusive';
export const FIRE_BATCH = 50;
// A job held by a worker that died stays 'active' (and, being exclusive, blocks its clock) until it
// expires and pg-boss's supervisor retries it: pg-boss's default of 15 minutes would make a killed
// worker's clocks fire that late. A batch of 50 fires in seconds; half a minute is ample (a batch that
// runs longer is retried while still running, and the claims make that harmless).
const OPTIONS = { policy: POLICY, retryLimit: 5, retryDelay: 2, expireInSeconds: 30 };

/** `imapMailbox`: the key of the IMAP mailbox the desk polls (email/imap-mailboxes.ts), null when none: its next poll holds breaches too. */
export type SlaFireDeps = { db: Db; clock: Clock; logger: Logger; imapMailbox: string | null };

/** Creates the queue with its deduplicating policy; a queue left by an older version is replaced (the sweep re-finds its clocks). */
export async function createSlaFireQueue(boss: PgBoss): Promise<void> {
  const existing = await boss.getQueue(SLA_FIRE);
  if (existing && existing.policy !== POLICY) await boss.deleteQueue(SLA_FIRE);
  if (!existing || existing.policy !== POLICY) {
    await boss.createQueue(SLA_FIRE, OPTIONS).catch(async (e) => {
      // Another instance created it between our read and our create.
      if ((await boss.getQueue(SLA_FIRE))?.policy !== POLICY) throw e;
    });
  } else if (existing.expireInSeconds !== OPTIONS.expireInSeconds) {
    await boss.updateQueue(SLA_FIRE, { retryLimit: OPTIONS.retryLimit, retryDelay: OPTIONS.retryDelay, expireInSeconds: OPTIONS.expireInSeconds });
  }
}

/** Queues one fire job per clock; clocks that already have one queued or running are skipped. Returns how many were added. */
export async function enqueueClockFires(boss: PgBoss, clockIds: string[]): Promise<number> {
  if (clockIds.length === 0) return 0;
  const ids = await boss.insert(SLA_FIRE, clockIds.map((clockId) => ({ data: { clockId }, singletonKey: clockId })), { returnId: true });
  return ids?.length ?? 0;
}

/** The handler: fires each job's clock, one transaction per clock. */
export async function handleSlaFire(deps: SlaFireDeps, clockIds: string[]): Promise<number> {
  const ctx = { db: deps.db, clock: deps.clock, logger: deps.logger, actor: { kind: 'system' as const } };
  // Whether mail waiting to be processed, or in the mailbox for its next poll, holds breaches
  // (tickets/owed.ts): read once for the batch.
  const breachBy = await breachCutoff(deps.db, deps.clock.now(), deps.imapMailbox);
  let fired = 0;
  let failure: unknown = null;
  for (const clockId of clockIds) {
    try {
      const signals = await fireClockSignals({ ctx, input: { clockId, breachBy } });
      if (signals.length) deps.logger.info({ clockId, fired: signals }, 'sla signals fired');
      fired += signals.length;
    } catch (e) {
      // The rest of the batch still fires; the batch is then retried, and the claims make the retry harmless.
      failure = e;
    }
  }
  if (failure) throw failure;
  return fired;
}

export async function registerSlaFireJob({ boss, ...deps }: SlaFireDeps & { boss: PgBoss }): Promise<void> {
  await createSlaFireQueue(boss);
  await boss.work<{ clockId: string }>(SLA_FIRE, { pollingIntervalSeconds: 1, batchSize: FIRE_BATCH, burstWhenBatchFull: true }, async (jobs) => {
    await handleSlaFire(deps, jobs.map((j) => j.data.clockId));
  });
}
