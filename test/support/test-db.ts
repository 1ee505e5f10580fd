// Test databases: a fresh in-memory PGlite per test file by default; when DATABASE_URL is set,
// a fresh PostgreSQL database per file (created here, dropped on close) so parallel files never collide.
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

/** Reads DATABASE_URL in one place for the test suites. */
export const testDatabaseUrl: string | undefined = process.env.DATABASE_URL || undefined;

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
