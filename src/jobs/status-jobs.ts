// The status page's job on pg-boss: every two seconds a timer asks for a sweep; the singleton key
// coalesces requests from several instances (or a slow run) into one job. The sweep starts and
// completes maintenance at its times, sends reminders once, and fans out pending notifications
// in batches (src/status/sweep.ts, fan-out.ts), each batch its own transaction: posting an
// update returns at once and subscribers hear of it within seconds.
import type { Clock, Db, Logger, PgBoss } from '../platform/index.ts';
import { DEFAULT_FANOUT_BATCH, runStatusSweep, type SweepRun } from '../status/index.ts';

export const STATUS_SWEEP = 'status-sweep';
const SWEEP_EVERY_MS = 2_000;

export type StatusJobDeps = { db: Db; clock: Clock; logger: Logger; baseUrl: string };

/** The sweep job's handler. Tests call it with a moved clock. */
export async function handleStatusSweep({ db, clock, logger, baseUrl }: StatusJobDeps): Promise<SweepRun> {
  const run = await runStatusSweep({ db, clock, logger, actor: { kind: 'system' } }, { baseUrl, batchSize: DEFAULT_FANOUT_BATCH });
  if (run.started + run.completed + run.reminded + run.queued > 0) logger.info(run, 'status sweep');
  return run;
}

export async function registerStatusJobs({ boss, ...deps }: StatusJobDeps & { boss: PgBoss }): Promise<() => void> {
  await boss.createQueue(STATUS_SWEEP);
  await boss.work(STATUS_SWEEP, { pollingIntervalSeconds: 1 }, async () => {
    await handleStatusSweep(deps);
  });
  const request = () =>
    boss.send(STATUS_SWEEP, {}, { singletonKey: STATUS_SWEEP, singletonSeconds: 1 }).catch((e) => deps.logger.warn({ err: e }, 'status sweep not queued'));
  await request();
  const timer = setInterval(request, SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
