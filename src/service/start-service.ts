// Starting and stopping the service: the composition root of the running process.
// prepare and open the database -> migrate -> first-start policy -> the demo seeded while the HTTP
// app is built -> listen -> jobs -> catch-up sweep.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../http/index.ts';
import { registerCloseSolvedJob } from '../jobs/close-solved-job.ts';
import { registerWaitingJob } from '../jobs/waiting-job.ts';
import { registerAutoAssignJob } from '../jobs/auto-assign-job.ts';
import { registerRetentionJob } from '../jobs/retention-job.ts';
import { registerDigestJob } from '../jobs/digest-job.ts';
import { registerRemindersJob } from '../jobs/reminders-job.ts';
import { registerChatTranscriptJob } from '../jobs/chat-transcript-job.ts';
import { registerMaintenanceJobs } from '../jobs/maintenance-jobs.ts';
import { registerPolicyReprojectJob } from '../jobs/policy-reproject-job.ts';
import { registerSlaJobs, requestSlaSweep } from '../jobs/sla-jobs.ts';
import { registerStatusJobs } from '../jobs/status-jobs.ts';
import { registerWebhookJobs } from '../jobs/webhook-jobs.ts';
import { processInboundNow, registerEmailJobs } from '../jobs/email-jobs.ts';
import { captureSender, emailSettingsFor, imapMailboxKey, requestTypeAddresses, smtpSender, startSmtpListener, type EmailSettings, type MailSender, type SmtpListener } from '../email/index.ts';
import { migrate, openDb, startJobs, stopJobs, type Clock, type Config, type Logger, type OpenedDb, type PgBoss } from '../platform/index.ts';
import { activatePolicy, activePolicy } from '../policy-versions/index.ts';
import { seedDemo, type DemoCredentials } from '../demo/seed-demo.ts';
import { databaseOptions, prepareDatabase } from './database.ts';

/** How mail reaches this desk and leaves it. */
export type MailInfo = { supportAddress: string; smtpPort: number | null; startTls: boolean; captured: boolean };

export type Service = { url: string; app: FastifyInstance; db: OpenedDb; demo: DemoCredentials | null; mail: MailInfo; stop: () => Promise<void> };

/**
 * The email settings: the configured support address, else (the demo) support@<vendor id>.example,
 * never the vendor's real address from the policy, which is not ours to send as.
 */
async function emailSettingsOf(db: OpenedDb, config: Config): Promise<EmailSettings> {
  const { model } = await activePolicy(db);
  const address = config.email.supportAddress ?? `support@${model.file.vendor.id}.example`;
  // The policy's addresses for its request types and queues (OpenKey: Billing@OpenKey.co) are taken
  // too: mail a vendor's server passes on to them opens a ticket of that request type.
  return emailSettingsFor(address, model.file.vendor.name, { maxMessageBytes: config.email.maxMessageBytes, mailLoopLimit: config.email.mailLoopLimit, baseUrl: config.baseUrl, ownAddresses: requestTypeAddresses(model.file) });
}

async function isEmpty(db: OpenedDb): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>('SELECT (SELECT count(*) FROM policy_versions) + (SELECT count(*) FROM agents) AS n');
  return Number(rows[0].n) === 0;
}

export async function startService({ config, clock, logger }: { config: Config; clock: Clock; logger: Logger }): Promise<Service> {
  await prepareDatabase(config);
  const db = await openDb(databaseOptions(config));
  let boss: PgBoss | null = null;
  let app: FastifyInstance | null = null;
  let stopSweeps = () => {};
  let stopWebhooks = () => {};
  let stopAutoAssign = () => {};
  let stopReprojection = () => {};
  let stopEmail = () => {};
  let sender: MailSender | null = null;
  let listener: SmtpListener | null = null;
  let stopStatus = () => {};
  try {
    await migrate({ db, clock });
    const ctx = { db, clock, logger, actor: { kind: 'system' as const } };
    // First start: the embedded database always gets the demo; PostgreSQL only with ACCORD_DEMO=1.
    const empty = await isEmpty(db);
    if (empty) {
      const source = await readFile(config.policyPath, 'utf8');
      const { version } = await activatePolicy({ ctx, input: { source } });
      logger.info({ policy: config.policyPath, version }, 'policy activated');
    }
    const loadDemo = empty && (!config.databaseUrl || config.demo);
    const email = await emailSettingsOf(db, config);
    // No relay configured: every message is captured for /dev/mail instead of sent.
    sender = config.email.smtpUrl ? smtpSender(config.email.smtpUrl) : captureSender(db, clock);
    // The demo is seeded while the app is built: the demo mostly waits for its password hashes on
    // the thread pool, building mostly compiles the routes' schemas on this one.
    const building = buildApp({
      db, clock, logger, tokenLifetimes: config.tokenLifetimes, webhooks: config.webhooks, baseUrl: config.baseUrl, twoStepRequired: config.twoStepRequired, autoAssign: config.autoAssign, email: { settings: email, devMail: sender.kind === 'capture' },
    });
    const seeding = loadDemo ? seedDemo({ db, clock, logger }) : Promise.resolve(null);
    const [built, seeded] = await Promise.allSettled([building, seeding]);
    if (built.status === 'fulfilled') app = built.value;
    else throw built.reason;
    if (seeded.status === 'rejected') throw seeded.reason;
    const address = await app.listen({ port: config.port, host: config.host });
    // The workers start once the service answers: work left queued by the last run (and the
    // catch-up below) never delays start-up.
    boss = await startJobs({ db, logger });
    // A breach waits for mail the IMAP mailbox may still hold for its next poll (tickets/owed.ts breachCutoff).
    const imapMailbox = config.email.imapUrl ? imapMailboxKey(config.email.imapUrl) : null;
    stopSweeps = await registerSlaJobs({ boss, db, clock, logger, imapMailbox });
    await registerMaintenanceJobs({ boss, db, clock, logger });
    await registerCloseSolvedJob({ boss, db, clock, logger });
    await registerWaitingJob({ boss, db, clock, logger });
    await registerDigestJob({ boss, db, clock, logger });
    await registerRemindersJob({ boss, db, clock, logger });
    await registerChatTranscriptJob({ boss, db, clock, logger });
    if (config.retention.ticketDays !== null || config.retention.mailDays !== null) await registerRetentionJob({ boss, db, clock, logger, settings: config.retention });
    if (config.autoAssign) stopAutoAssign = await registerAutoAssignJob({ boss, db, clock, logger, settings: config.autoAssign });
    stopWebhooks = await registerWebhookJobs({ boss, db, clock, logger, settings: config.webhooks });
    stopReprojection = await registerPolicyReprojectJob({ boss, db, clock, logger });
    const imap = config.email.imapUrl ? { url: config.email.imapUrl, pollSeconds: config.email.imapPollSeconds } : null;
    const claim = Temporal.Duration.from({ seconds: config.email.claimSeconds });
    stopEmail = await registerEmailJobs({ boss, db, clock, logger, delivery: { email, sender, claim }, imap });
    if (config.email.listenPort !== null) {
      const deps = { db, clock, logger };
      listener = await startSmtpListener({ ctx, settings: email, host: config.host, port: config.email.listenPort, tls: config.email.listenTls, trustedRelays: config.email.trustedRelays, onStored: (id) => processInboundNow(deps, email, id) });
    }
    stopStatus = await registerStatusJobs({ boss, db, clock, logger, baseUrl: config.baseUrl });
    // Clocks that came due while the service was stopped fire now, once.
    await requestSlaSweep(boss, logger);
    const url = address.replace('127.0.0.1', 'localhost');
    let demo: DemoCredentials | null = null;
    const credentialsFile = join(config.dataDir, 'demo-credentials.json');
    if (seeded.value) {
      demo = { url, support_email: email.supportAddress, ...seeded.value };
      await mkdir(config.dataDir, { recursive: true });
      await writeFile(credentialsFile, `${JSON.stringify(demo, null, 2)}\n`, { mode: 0o600 });
    } else {
      demo = await readFile(credentialsFile, 'utf8').then((t) => ({ ...(JSON.parse(t) as DemoCredentials), url, support_email: email.supportAddress }), () => null);
    }
    const running = { app, boss, sender, listener };
    return {
      url,
      app,
      db,
      demo,
      mail: { supportAddress: email.supportAddress, smtpPort: listener?.port ?? null, startTls: listener !== null && config.email.listenTls !== null, captured: sender.kind === 'capture' },
      async stop() {
        stopSweeps();
        stopWebhooks();
        stopAutoAssign();
        stopReprojection();
        stopEmail();
        await running.listener?.close();
        stopStatus();
        await running.app.close();
        await stopJobs(running.boss);
        running.sender.close();
        await db.close();
      },
    };
  } catch (e) {
    stopSweeps();
    stopWebhooks();
    stopAutoAssign();
    stopReprojection();
    stopEmail();
    await listener?.close().catch(() => {});
    sender?.close();
    stopStatus();
    await app?.close().catch(() => {});
    if (boss) await stopJobs(boss).catch(() => {});
    await db.close().catch(() => {});
    throw e;
  }
}
