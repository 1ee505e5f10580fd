// The webhook jobs on pg-boss. Delivery: a timer asks for a run every two seconds; the singleton
// key coalesces requests from several instances (or a slow run) into one job, and the handler
// sends everything due (src/webhooks/deliver.ts), each delivery claimed by a conditional UPDATE,
// so runs on several instances at once never send the same attempt twice. Retention: an hourly
// cron (stored in the database, so it runs once however many instances there are).
import type { Clock, Db, Logger, PgBoss } from '../platform/index.ts';
import { deliverDueWebhooks, pruneWebhookDeliveries, type DeliveryRun, type DeliverySettings } from '../webhooks/index.ts';

export const WEBHOOK_DELIVER = 'webhook-deliver';
export const WEBHOOK_PRUNE = 'webhook-prune';
// Events are in the outbox the moment their write commits; receivers hear of them within seconds.
const DELIVER_EVERY_MS = 2_000;
const EVERY_HOUR = '17 * * * *';

export type WebhookJobDeps = { db: Db; clock: Clock; logger: Logger; settings: DeliverySettings };

/** The delivery job's handler: one run over everything due now. Tests call it with a moved clock. */
export async function handleWebhookDelivery({ db, clock, logger, settings }: WebhookJobDeps): Promise<DeliveryRun> {
  const run = await deliverDueWebhooks({ ctx: { db, clock, logger, actor: { kind: 'system' } }, settings });
  if (run.delivered + run.retrying + run.failed > 0) logger.info(run, 'webhook deliveries');
  return run;
}

/** The retention job's handler. */
export async function handleWebhookPrune({ db, clock, logger }: Omit<WebhookJobDeps, 'settings'>): Promise<number> {
  const removed = await pruneWebhookDeliveries(db, clock.now());
  if (removed > 0) logger.info({ removed }, 'old webhook deliveries removed');
  return removed;
}

export async function registerWebhookJobs({ boss, ...deps }: WebhookJobDeps & { boss: PgBoss }): Promise<() => void> {
  await boss.createQueue(WEBHOOK_DELIVER);
  await boss.createQueue(WEBHOOK_PRUNE);
  await boss.work(WEBHOOK_DELIVER, { pollingIntervalSeconds: 1 }, async () => {
    await handleWebhookDelivery(deps);
  });
  await boss.work(WEBHOOK_PRUNE, { pollingIntervalSeconds: 30 }, async () => {
    await handleWebhookPrune(deps);
  });
  await boss.schedule(WEBHOOK_PRUNE, EVERY_HOUR);
  const request = () =>
    boss
      .send(WEBHOOK_DELIVER, {}, { singletonKey: WEBHOOK_DELIVER, singletonSeconds: 1 })
      .catch((e) => deps.logger.warn({ err: e }, 'webhook delivery not queued'));
  await request();
  const timer = setInterval(request, DELIVER_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
