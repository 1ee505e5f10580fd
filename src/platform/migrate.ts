// Schema migrations: numbered plain .sql files in /migrations, applied in order, each in its own
// transaction, recorded in schema_migrations. Safe to run twice and from two processes at once.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from './clock.ts';
import type { Db } from './db.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

// Any fixed 64-bit number works; it only has to be the same in every Accord process. The lock is
// transaction-scoped, so a crashed starter cannot leave it held.
const MIGRATION_LOCK_KEY = 4_242_000_001;

const FILE_NAME = /^(\d{4})_[a-z0-9_-]+\.sql$/;

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrationFiles(dir: string = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((name) => FILE_NAME.test(name)).sort();
  const files: MigrationFile[] = [];
  for (const name of names) {
    const sql = await readFile(path.join(dir, name), 'utf8');
    const version = Number(FILE_NAME.exec(name)![1]);
    if (files.some((f) => f.version === version)) throw new Error(`Two migrations share number ${version}: ${name}`);
    files.push({ version, name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return files;
}

async function lockAndEnsureTable(tx: Db): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
  // Created under the lock: two concurrent CREATE TABLE IF NOT EXISTS can still collide.
  await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL
  )`);
}

type AppliedRow = { version: number; name: string; checksum: string };

async function appliedMigrations(db: Db): Promise<Map<number, AppliedRow>> {
  const { rows } = await db.query<AppliedRow>('SELECT version, name, checksum FROM schema_migrations');
  return new Map(rows.map((row) => [row.version, row]));
}

function assertUnchanged(file: MigrationFile, applied: AppliedRow): void {
  // Editing an applied migration would leave databases that ran the old text silently different.
  if (applied.checksum !== file.checksum) {
    throw new Error(`Migration ${file.name} was changed after it was applied; add a new migration instead`);
  }
}

/**
 * Applies every pending migration. Returns the names applied by this call.
 * @example
 * await migrate({ db, clock: systemClock });
 */
export async function migrate(options: { db: Db; clock: Clock; dir?: string }): Promise<string[]> {
  const files = await readMigrationFiles(options.dir);
  const applied: string[] = [];
  for (const file of files) {
    const ran = await options.db.transaction(async (tx) => {
      await lockAndEnsureTable(tx);
      const done = (await appliedMigrations(tx)).get(file.version);
      if (done) {
        assertUnchanged(file, done);
        return false;
      }
      await tx.exec(file.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)', [
        file.version,
        file.name,
        file.checksum,
        options.clock.now(),
      ]);
      return true;
    });
    if (ran) applied.push(file.name);
  }
  return applied;
}

/** Names of migrations on disk that the database has not applied (readiness). */
export async function pendingMigrations(db: Db, dir?: string): Promise<string[]> {
  const files = await readMigrationFiles(dir);
  const exists = await db.query<{ present: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS present",
  );
  if (!exists.rows[0]?.present) return files.map((f) => f.name);
  const applied = await appliedMigrations(db);
  return files.filter((f) => !applied.has(f.version)).map((f) => f.name);
}
