// The SLA jobs on pg-boss. A sweep job finds clocks owing a signal and fans out one
// fire job per clock; the fire job claims its clock row (see tickets/sweep.ts), so
// duplicates and retries are harmless. A timer asks for a sweep every few seconds;
// the singleton key makes two instances (or a slow sweep) coalesce into one.
import type { Clock, Db, Logger, PgBoss } from '../platform/index.ts';
import { findDueClocks, fireClockSignals, sweepHandovers } from '../tickets/index.ts';

export const SLA_SWEEP = 'sla-sweep';
export const SLA_FIRE = 'sla-fire';
// Warnings and breaches should land within seconds of their instant, not a cron minute.
const SWEEP_EVERY_MS = 5_000;

export async function registerSlaJobs({ boss, db, clock, logger }: { boss: PgBoss; db: Db; clock: Clock; logger: Logger }): Promise<() => void> {
  await boss.createQueue(SLA_SWEEP);
  await boss.createQueue(SLA_FIRE);
  const ctx = { db, clock, logger, actor: { kind: 'system' as const } };
  await boss.work(SLA_SWEEP, { pollingIntervalSeconds: 1 }, async () => {
    // Hand-overs to on-call are few (critical tickets at closing time): done here, each claimed under its row lock.
    const handed = await sweepHandovers({ ctx });
    if (handed > 0) logger.info({ handed }, 'tickets handed to on-call');
    const ids = await findDueClocks(db, clock.now());
    for (const clockId of ids) await boss.send(SLA_FIRE, { clockId }, { singletonKey: clockId, retryLimit: 5 });
  });
  await boss.work<{ clockId: string }>(SLA_FIRE, { pollingIntervalSeconds: 1, batchSize: 10 }, async (jobs) => {
    for (const job of jobs) {
      const fired = await fireClockSignals({ ctx, input: { clockId: job.data.clockId } });
      if (fired.length) logger.info({ clockId: job.data.clockId, fired }, 'sla signals fired');
    }
  });
  const request = () => boss.send(SLA_SWEEP, {}, { singletonKey: SLA_SWEEP, singletonSeconds: 4 }).catch((e) => logger.warn({ err: e }, 'sla sweep not queued'));
  await request();
  const timer = setInterval(request, SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
