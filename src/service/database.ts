// Where the service keeps its data: PostgreSQL at DATABASE_URL, else PGlite under ACCORD_DATA_DIR.
// Light on imports: src/main.ts prepares the database with it before the service's modules load.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../platform/config.ts';
import { prepareDb } from '../platform/open-db.ts';

export function databaseOptions(config: Pick<Config, 'databaseUrl' | 'dataDir'>): { databaseUrl?: string; dataDir: string } {
  return { databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') };
}

/**
 * The first thing a start does: the data directory (owner-only) and, on PGlite, its lock and a new
 * cluster begun (unpacked from the template, else by initdb in a child process that overlaps
 * loading the rest of the service). `newCluster`: a new embedded database, so a first start.
 */
export async function prepareDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<{ newCluster: boolean }> {
  if (config.databaseUrl) return { newCluster: false };
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  return { newCluster: await prepareDb(databaseOptions(config)) };
}
