// A job pg-boss's cron asks for (stored in the database, so several instances run it once): its
// queue, its worker and its schedule, and, if asked, a first run when the service starts (the work
// whose time came while it was stopped). The job files say what runs and when; this says how.
import type { Logger, PgBoss } from '../platform/index.ts';

export async function registerCron(
  boss: PgBoss,
  job: { name: string; cron: string; run: () => Promise<unknown>; logger: Logger; pollingIntervalSeconds?: number; runAtStart?: boolean },
): Promise<void> {
  await boss.createQueue(job.name);
  await boss.work(job.name, { pollingIntervalSeconds: job.pollingIntervalSeconds ?? 30 }, async () => {
    await job.run();
  });
  await boss.schedule(job.name, job.cron);
  if (job.runAtStart) {
    await boss.send(job.name, {}, { singletonKey: job.name, singletonSeconds: 60 }).catch((e) => job.logger.warn({ err: e }, `${job.name} not queued`));
  }
}
