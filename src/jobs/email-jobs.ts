// The email jobs on pg-boss. Delivery: a timer asks for a run every two seconds; the singleton key
// coalesces requests from several instances into one job, and each outbox row is claimed by a
// conditional UPDATE (src/email/deliver.ts), so instances never send the same attempt twice.
// Inbound: a sweep every five seconds processes stored messages still waiting (the listener
// processes at once; this catches what a crash interrupted). IMAP: one poll at a time, when configured.
import { deliverDueMail, pollImap, processInbound, processWaitingInbound, type EmailSettings, type MailDeliverySettings, type MailRun } from '../email/index.ts';
import type { Clock, Db, Logger, PgBoss } from '../platform/index.ts';

export const EMAIL_DELIVER = 'email-deliver';
export const EMAIL_INBOUND = 'email-inbound';
export const EMAIL_IMAP_POLL = 'email-imap-poll';
// A customer's receipt should arrive within seconds of their request.
const DELIVER_EVERY_MS = 2_000;
const INBOUND_EVERY_MS = 5_000;

export type EmailJobDeps = { db: Db; clock: Clock; logger: Logger; delivery: MailDeliverySettings; imap: { url: string; pollSeconds: number } | null };

const systemCtx = ({ db, clock, logger }: Pick<EmailJobDeps, 'db' | 'clock' | 'logger'>) => ({ db, clock, logger, actor: { kind: 'system' as const } });

/** The delivery job's handler: one run over everything due now. Tests call it with a moved clock. */
export async function handleMailDelivery(deps: Pick<EmailJobDeps, 'db' | 'clock' | 'logger' | 'delivery'>): Promise<MailRun> {
  const run = await deliverDueMail({ ctx: systemCtx(deps), settings: deps.delivery });
  if (run.sent + run.retrying + run.failed + run.suppressed > 0) deps.logger.info(run, 'mail deliveries');
  return run;
}

/** Processes one stored message now (the listener's hand-off); failures are the message's, never thrown. */
export function processInboundNow(deps: Pick<EmailJobDeps, 'db' | 'clock' | 'logger'>, settings: EmailSettings, inboundId: string): void {
  processInbound({ ctx: systemCtx(deps), settings, inboundId }).catch((e) => deps.logger.error({ err: e, inboundId }, 'inbound processing failed'));
}

export async function registerEmailJobs({ boss, ...deps }: EmailJobDeps & { boss: PgBoss }): Promise<() => void> {
  const settings = deps.delivery.email;
  await boss.createQueue(EMAIL_DELIVER);
  await boss.createQueue(EMAIL_INBOUND);
  await boss.work(EMAIL_DELIVER, { pollingIntervalSeconds: 1 }, async () => {
    await handleMailDelivery(deps);
  });
  await boss.work(EMAIL_INBOUND, { pollingIntervalSeconds: 1 }, async () => {
    const done = await processWaitingInbound({ ctx: systemCtx(deps), settings });
    if (done.length > 0) deps.logger.info({ processed: done.length }, 'waiting inbound mail processed');
  });
  const timers: NodeJS.Timeout[] = [];
  const every = (name: string, ms: number) => {
    const request = () => boss.send(name, {}, { singletonKey: name, singletonSeconds: Math.max(1, Math.floor(ms / 1000) - 1) }).catch((e) => deps.logger.warn({ err: e }, `${name} not queued`));
    void request();
    const timer = setInterval(request, ms);
    timer.unref();
    timers.push(timer);
  };
  every(EMAIL_DELIVER, DELIVER_EVERY_MS);
  every(EMAIL_INBOUND, INBOUND_EVERY_MS);
  if (deps.imap) {
    const imap = deps.imap;
    await boss.createQueue(EMAIL_IMAP_POLL);
    await boss.work(EMAIL_IMAP_POLL, { pollingIntervalSeconds: 2 }, async () => {
      const stored = await pollImap({ ctx: systemCtx(deps), settings, imap });
      for (const id of stored) await processInbound({ ctx: systemCtx(deps), settings, inboundId: id });
      if (stored.length > 0) deps.logger.info({ stored: stored.length }, 'imap messages taken in');
    });
    every(EMAIL_IMAP_POLL, imap.pollSeconds * 1000);
  }
  return () => timers.forEach(clearInterval);
}
