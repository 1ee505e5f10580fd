// The sla-sweep job: hand over the tickets support closed on, then find the clocks that owe a
// signal (one index-ordered scan per way of owing, tickets/owed.ts) and queue one sla-fire job
// per clock. A timer asks for a sweep every few seconds; the singleton key coalesces requests
// from several instances (or a slow sweep) into one job. The service asks for one more right
// after it starts answering: the catch-up for clocks that came due while it was stopped.
import type { Clock, Db, Logger, PgBoss } from '../platform/index.ts';
import { breachCutoff, findDueClocks, sweepHandovers } from '../tickets/index.ts';
import { enqueueClockFires } from './sla-fire-job.ts';

export const SLA_SWEEP = 'sla-sweep';
// Warnings and breaches should land within seconds of their instant, not a cron minute.
const SWEEP_EVERY_MS = 5_000;
// Clocks queued per pass; a backlog larger than this drains over the next passes.
const SWEEP_LIMIT = 2_000;

/** `imapMailbox`: the key of the IMAP mailbox the desk polls, null when none (sla-fire-job.ts). */
export type SlaSweepDeps = { db: Db; clock: Clock; logger: Logger; imapMailbox: string | null };

/** One pass: hand-overs, then fire jobs for due clocks. Returns how many clocks were found and queued. */
export async function handleSlaSweep(deps: SlaSweepDeps & { boss: PgBoss }): Promise<{ handed: number; due: number; queued: number }> {
  const ctx = { db: deps.db, clock: deps.clock, logger: deps.logger, actor: { kind: 'system' as const } };
  // Hand-overs to on-call are few (critical tickets at closing time): done here, each claimed under its row lock.
  const handed = await sweepHandovers({ ctx });
  if (handed > 0) deps.logger.info({ handed }, 'tickets handed to on-call');
  const now = deps.clock.now();
  const ids = await findDueClocks(deps.db, now, SWEEP_LIMIT, await breachCutoff(deps.db, now, deps.imapMailbox));
  const queued = await enqueueClockFires(deps.boss, ids);
  return { handed, due: ids.length, queued };
}

/** Asks for a sweep now (coalesced with any already queued). */
export function requestSlaSweep(boss: PgBoss, logger: Logger): Promise<unknown> {
  return boss.send(SLA_SWEEP, {}, { singletonKey: SLA_SWEEP, singletonSeconds: 4 }).catch((e) => logger.warn({ err: e }, 'sla sweep not queued'));
}

/** Registers the worker and the timer; returns what stops the timer. */
export async function registerSlaSweepJob({ boss, ...deps }: SlaSweepDeps & { boss: PgBoss }): Promise<() => void> {
  await boss.createQueue(SLA_SWEEP);
  await boss.work(SLA_SWEEP, { pollingIntervalSeconds: 1 }, async () => {
    await handleSlaSweep({ boss, ...deps });
  });
  const timer = setInterval(() => void requestSlaSweep(boss, deps.logger), SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
