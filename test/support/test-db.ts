// Test databases. `npm test` runs every database suite twice (scripts/run-tests.ts): once on
// PGlite (a fresh in-memory database per test file) and, when DATABASE_URL is set, once on
// PostgreSQL (a fresh database per file, created here and dropped on close, so parallel files
// never collide). ACCORD_TEST_DB names the pass; it is read here only.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPgliteDb } from '../../src/platform/db-pglite.ts';
import { openPostgresDb } from '../../src/platform/db-postgres.ts';
import { migrate } from '../../src/platform/migrate.ts';
import { systemClock } from '../../src/platform/clock.ts';
import type { OpenedDb } from '../../src/platform/db.ts';

export interface TestDb {
  db: OpenedDb;
  backend: 'pglite' | 'postgres';
  /** The per-file database's URL on PostgreSQL, for tests that need a second connection. */
  connectionString?: string;
  close(): Promise<void>;
}

/** The backend of this pass: 'pglite' unless ACCORD_TEST_DB=postgres. */
export const testBackend: 'pglite' | 'postgres' = process.env.ACCORD_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/** The PostgreSQL server of the postgres pass (DATABASE_URL); undefined on the PGlite pass. */
export const testDatabaseUrl: string | undefined = testBackend === 'postgres' ? process.env.DATABASE_URL || undefined : undefined;
if (testBackend === 'postgres' && !testDatabaseUrl) throw new Error('ACCORD_TEST_DB=postgres needs DATABASE_URL');

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function openTestDb(options: { migrated?: boolean } = {}): Promise<TestDb> {
  let result: TestDb;
  if (!testDatabaseUrl) {
    const db = await openPgliteDb();
    result = { db, backend: 'pglite', close: () => db.close() };
  } else {
    const name = `accord_test_${randomBytes(6).toString('hex')}`;
    await admin(testDatabaseUrl, (c) => c.query(`CREATE DATABASE ${name}`));
    const url = new URL(testDatabaseUrl);
    url.pathname = `/${name}`;
    const connectionString = url.toString();
    const db = openPostgresDb({ connectionString, max: 5 });
    result = {
      db,
      backend: 'postgres',
      connectionString,
      async close() {
        await db.close();
        await admin(testDatabaseUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    };
  }
  if (options.migrated !== false) await migrate({ db: result.db, clock: systemClock });
  return result;
}

/**
 * A service's database for this pass: a fresh PostgreSQL database (its URL, dropped by `drop`)
 * on the postgres pass, or `undefined` (the service's own embedded database) on the PGlite pass.
 */
export async function freshServiceDatabase(): Promise<{ databaseUrl: string | undefined; drop: () => Promise<void> }> {
  if (!testDatabaseUrl) return { databaseUrl: undefined, drop: async () => undefined };
  const name = `accord_svc_${randomBytes(6).toString('hex')}`;
  await admin(testDatabaseUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    drop: () => admin(testDatabaseUrl!, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
