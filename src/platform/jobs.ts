// Background jobs: pg-boss on the same database as the application, through the connection
// string on PostgreSQL and through the serialised PGlite handle when embedded.
import { PgBoss, fromPglite } from 'pg-boss';
import type { ConstructorOptions } from 'pg-boss';
import type { Db, OpenedDb } from './db.ts';
import type { Logger } from './logger.ts';

export type { PgBoss };

export interface StartJobsOptions {
  db: OpenedDb;
  logger: Logger;
  /** Postgres schema for pg-boss's tables, kept apart from Accord's. */
  schema?: string;
  /** Maintenance and cron timers; tests turn them off to stay quick and quiet. */
  supervise?: boolean;
  schedule?: boolean;
}

/**
 * Starts pg-boss (creating or migrating its schema) and returns it.
 * Workers choose their own polling interval: `boss.work(name, { pollingIntervalSeconds: 0.5 }, fn)`.
 * @example
 * const boss = await startJobs({ db, logger });
 * await boss.createQueue('sla-sweep');
 */
export async function startJobs(options: StartJobsOptions): Promise<PgBoss> {
  const backend = options.db.jobsBackend();
  const common: ConstructorOptions = {
    schema: options.schema ?? 'pgboss',
    supervise: options.supervise ?? true,
    schedule: options.schedule ?? true,
  };
  const boss =
    backend.kind === 'postgres'
      ? new PgBoss({ ...common, connectionString: backend.connectionString, max: 4 })
      : new PgBoss({ ...common, db: fromPglite(backend.pglite), backend: 'pglite' });
  const log = options.logger.child({ component: 'jobs' });
  // Without an 'error' listener an EventEmitter error would crash the process.
  boss.on('error', (error) => log.error({ err: error }, 'pg-boss error'));
  boss.on('warning', (warning) => log.warn({ warning }, 'pg-boss warning'));
  await boss.start();
  return boss;
}

/**
 * Lets pg-boss write through an application transaction, so a job is enqueued if and only if the
 * transaction commits. Inside a transaction always use this: on PGlite a plain `boss.send` would
 * wait for the very transaction that is waiting for it.
 * @example
 * await db.transaction(async (tx) => { ...; await boss.send('breach', data, { db: jobsDbFor(tx) }); });
 */
export function jobsDbFor(tx: Db): { executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }> } {
  return { executeSql: (text, values) => tx.query(text, values ?? []) };
}

/** Stops workers and maintenance, waiting for active jobs up to `timeoutMs`. */
export async function stopJobs(boss: PgBoss, timeoutMs = 10_000): Promise<void> {
  await boss.stop({ graceful: true, timeout: timeoutMs });
}
