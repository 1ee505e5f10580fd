// The auto-assign job (tickets/auto-assign.ts), registered only when the desk assigns tickets in
// turn (config ACCORD_AUTO_ASSIGN): a timer asks for a run every few seconds, the singleton key
// coalesces requests from several instances (or a slow run) into one job, and a run routes batch
// after batch while tickets get assigned. The service asks for one right after it starts.
import type { Clock, Db, Logger, PgBoss } from '../platform/index.ts';
import { AUTO_ASSIGN_BATCH, autoAssignTickets, type AutoAssignSettings } from '../tickets/index.ts';

export const AUTO_ASSIGN = 'auto-assign';
// New tickets are taken within seconds, as the SLA sweep's signals are.
const EVERY_MS = 5_000;

export type AutoAssignDeps = { db: Db; clock: Clock; logger: Logger; settings: AutoAssignSettings };

/** The handler: batches until one assigns nothing or comes back short. Returns how many were assigned. */
export async function handleAutoAssign({ settings, ...deps }: AutoAssignDeps): Promise<number> {
  const ctx = { ...deps, actor: { kind: 'system' as const } };
  let total = 0;
  for (;;) {
    const { assigned, waiting } = await autoAssignTickets({ ctx, settings });
    total += assigned;
    if (assigned === 0 || assigned + waiting < AUTO_ASSIGN_BATCH) break;
  }
  if (total > 0) deps.logger.info({ assigned: total }, 'tickets assigned in turn');
  return total;
}

const request = (boss: PgBoss, logger: Logger) =>
  boss.send(AUTO_ASSIGN, {}, { singletonKey: AUTO_ASSIGN, singletonSeconds: 4 }).catch((e) => logger.warn({ err: e }, 'auto-assign not queued'));

/** Registers the worker and the timer; returns what stops the timer. */
export async function registerAutoAssignJob({ boss, ...deps }: AutoAssignDeps & { boss: PgBoss }): Promise<() => void> {
  await boss.createQueue(AUTO_ASSIGN);
  await boss.work(AUTO_ASSIGN, { pollingIntervalSeconds: 1 }, async () => {
    await handleAutoAssign(deps);
  });
  const timer = setInterval(() => void request(boss, deps.logger), EVERY_MS);
  timer.unref();
  await request(boss, deps.logger);
  return () => clearInterval(timer);
}
