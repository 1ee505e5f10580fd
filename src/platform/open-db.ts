// Picks the backend from config: PostgreSQL when DATABASE_URL is set, else PGlite under the data dir.
import path from 'node:path';
import { openPgliteDb } from './db-pglite.ts';
import { openPostgresDb } from './db-postgres.ts';
import type { OpenedDb } from './db.ts';

export async function openDb(options: { databaseUrl?: string; dataDir: string }): Promise<OpenedDb> {
  if (options.databaseUrl) return openPostgresDb({ connectionString: options.databaseUrl });
  return openPgliteDb({ dataDir: path.join(options.dataDir, 'pglite') });
}
