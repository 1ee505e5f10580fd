// Shared pieces of the fault runs (npm run test:faults, scripts/run-faults.ts): a desk prepared
// by a first start of the real service, clocks made due by writing them straight into its
// database while no service runs, and the counts each run prints. Effects counted here: SLA
// breaches (timeline events), their e-mails queued in the outbox, and their webhooks as received
// by a local endpoint. Messages delivered to a relay, by Message-ID, with the hand-overs and
// pages of the mail-outage run, are counted in mail-kit.ts; the relay is smtp-sink.ts.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { createWebhook } from '../../src/webhooks/index.ts';
import { migrate, openDb, silentLogger, systemClock, type OpenedDb } from '../../src/platform/index.ts';
import { insertBulkClocks } from '../support/bulk-clocks.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';

// The service refuses private webhook targets unless told otherwise; the receiver is on loopback.
process.env.ACCORD_WEBHOOKS_ALLOW_PRIVATE = '1';

/**
 * A run's scratch, cleaned up after its file: a data directory, the services it starts (killed)
 * and its database (`drop`, set once the run has one).
 */
export function faultScratch(name: string): { dir: string; running: ServiceProcess[]; drop: () => Promise<void> } {
  const scratch = { dir: mkdtempSync(join(tmpdir(), `accord-faults-${name}-`)), running: [] as ServiceProcess[], drop: async () => {} };
  after(async () => {
    for (const svc of scratch.running) await svc.kill('SIGKILL');
    await scratch.drop();
    rmSync(scratch.dir, { recursive: true, force: true });
  });
  return scratch;
}

export async function withDeskDb<T>(dataDir: string, databaseUrl: string | undefined, fn: (db: OpenedDb) => Promise<T>): Promise<T> {
  const db = await openDb({ databaseUrl, dataDir: join(dataDir, 'pglite') });
  try {
    await migrate({ db, clock: systemClock });
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Seeds the demo with one start and a clean stop (on `policy`, a path from the repository's root). */
export async function seedDesk(dataDir: string, databaseUrl: string | undefined, policy?: string): Promise<void> {
  const svc = await startServiceProcess({ dataDir, databaseUrl, policy });
  await svc.kill('SIGTERM');
}

/**
 * `count` open tickets whose resolution clock was due an hour ago, and a webhook for their
 * breaches. `severity` must be one of the active policy's (3: the default policy's, OpenBack).
 */
export async function makeClocksDue(db: OpenedDb, count: number, webhookUrl: string, severity = 3): Promise<void> {
  const { rows } = await db.query<{ id: string; organization_id: string; plan_id: string; version: number }>(
    `SELECT c.id, c.organization_id, o.plan_id, (SELECT max(version) FROM policy_versions) AS version
     FROM contacts c JOIN organizations o ON o.id = c.organization_id ORDER BY c.email LIMIT 1`,
  );
  const now = Temporal.Now.instant();
  await insertBulkClocks(db, {
    count, organizationId: rows[0].organization_id, requesterId: rows[0].id, policyVersion: Number(rows[0].version), planId: rows[0].plan_id, severity,
    openedAt: now.subtract({ hours: 30 }), dueAt: now.subtract({ hours: 1 }),
  });
  const ctx = { db, clock: systemClock, logger: silentLogger(), actor: { kind: 'system' as const } };
  await createWebhook({ ctx, input: { url: webhookUrl, events: ['sla.breached'] }, settings: { allowPrivate: true } });
}

export type EffectCounts = {
  clocks: number;
  breaches_expected: number;
  breaches_done: number;
  breaches_duplicated: number;
  emails_expected: number;
  emails_queued: number;
  emails_duplicated: number;
  webhooks_expected: number;
  webhooks_received: number;
  webhooks_redelivered: number;
  /** Deliveries a killed worker had claimed: sent (again) once the claim lapses (5 minutes, ADR 0005). */
  webhooks_waiting_on_claim: number;
  /** Breaches whose webhook was neither received nor is waiting to be sent: lost. */
  webhooks_missing: number;
  fire_jobs: number;
};

/** The effects of the bulk clocks (tickets "Bulk n"); the demo's own tickets may breach too and are not counted. */
export async function countEffects(db: OpenedDb, expected: number, received: string[]): Promise<EffectCounts> {
  const { rows } = await db.query<{ events: number; tickets: number; managers: number; emails: number; email_keys: number; jobs: number; waiting: number }>(
    `WITH bulk AS (SELECT t.id AS ticket_id, c.id AS clock_id FROM tickets t JOIN sla_clocks c ON c.ticket_id = t.id WHERE t.subject LIKE 'Bulk %')
     SELECT (SELECT count(*)::int FROM ticket_events WHERE type = 'sla_breach' AND ticket_id IN (SELECT ticket_id FROM bulk)) AS events,
            (SELECT count(DISTINCT ticket_id)::int FROM ticket_events WHERE type = 'sla_breach' AND ticket_id IN (SELECT ticket_id FROM bulk)) AS tickets,
            (SELECT count(*)::int FROM agents WHERE role IN ('manager', 'admin')) AS managers,
            (SELECT count(*)::int FROM outbox WHERE kind = 'sla_breach' AND (payload->>'clock_id')::uuid IN (SELECT clock_id FROM bulk)) AS emails,
            (SELECT count(DISTINCT (payload->>'clock_id', recipient))::int FROM outbox WHERE kind = 'sla_breach' AND (payload->>'clock_id')::uuid IN (SELECT clock_id FROM bulk)) AS email_keys,
            (SELECT count(*)::int FROM pgboss.job WHERE name = 'sla-fire' AND singleton_key::uuid IN (SELECT clock_id FROM bulk)) AS jobs,
            (SELECT count(*)::int FROM webhook_deliveries WHERE event_type = 'sla.breached' AND status = 'pending'
               AND payload->'data'->'ticket'->>'subject' LIKE 'Bulk %') AS waiting`,
  );
  const r = rows[0];
  const { rows: waiting } = await db.query<{ event_id: string }>(
    "SELECT event_id FROM webhook_deliveries WHERE event_type = 'sla.breached' AND status = 'pending' AND payload->'data'->'ticket'->>'subject' LIKE 'Bulk %'",
  );
  const ids = received.map((body) => (JSON.parse(body) as { id: string; data: { ticket: { subject: string } } })).filter((b) => b.data.ticket.subject.startsWith('Bulk ')).map((b) => b.id);
  const distinct = new Set(ids).size;
  return {
    clocks: expected,
    breaches_expected: expected,
    breaches_done: r.tickets,
    breaches_duplicated: r.events - r.tickets,
    emails_expected: expected * r.managers,
    emails_queued: r.email_keys,
    emails_duplicated: r.emails - r.email_keys,
    webhooks_expected: expected,
    webhooks_received: distinct,
    webhooks_redelivered: ids.length - distinct,
    webhooks_waiting_on_claim: r.waiting,
    webhooks_missing: expected - new Set([...ids, ...waiting.map((w) => w.event_id)]).size,
    fire_jobs: r.jobs,
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it is true or `ms` pass; returns whether it became true. */
export async function until(check: () => Promise<boolean>, ms: number, everyMs = 500): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return check();
}

export { randomUUID };
