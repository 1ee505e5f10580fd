// Picks the backend from config: PostgreSQL when DATABASE_URL is set, else PGlite under the data dir.
import path from 'node:path';
import { openPgliteDb, preparePgliteDir } from './db-pglite.ts';
import { openPostgresDb } from './db-postgres.ts';
import type { OpenedDb } from './db.ts';

type DbOptions = { databaseUrl?: string; dataDir: string };

export async function openDb(options: DbOptions): Promise<OpenedDb> {
  if (options.databaseUrl) return openPostgresDb({ connectionString: options.databaseUrl });
  return openPgliteDb({ dataDir: path.join(options.dataDir, 'pglite') });
}

/**
 * Before openDb with the same options, as early as a process can: for PGlite, takes the data
 * directory and begins making a new cluster (see preparePgliteDir). Nothing to do for PostgreSQL.
 * Returns true when a new embedded cluster is being made.
 */
export async function prepareDb(options: DbOptions): Promise<boolean> {
  if (options.databaseUrl) return false;
  return preparePgliteDir(path.join(options.dataDir, 'pglite'));
}
