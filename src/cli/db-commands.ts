// accord db export|import: all of Accord's data to a JSON-lines file and back, on the database
// the service would use (DATABASE_URL, else the embedded one under ACCORD_DATA_DIR; stop the
// service first on PGlite: the data directory is one process's at a time). Export from one,
// import into a new, empty one: PGlite to PostgreSQL, or back (docs/operations.md).
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { exportDatabase, importDatabase, type ExportSummary } from '../backup/index.ts';
import { loadConfig, migrate, openDb, systemClock, type Db } from '../platform/index.ts';
import { UsageError, type Io } from './main.ts';

async function withDatabase<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') });
  try {
    await migrate({ db, clock: systemClock });
    return await fn(db);
  } finally {
    await db.close();
  }
}

function report(summary: ExportSummary, io: Io): void {
  const width = Math.max(...Object.keys(summary.tables).map((t) => t.length));
  for (const [table, s] of Object.entries(summary.tables)) io.err(`${table.padEnd(width)}  ${String(s.rows).padStart(9)}  ${s.checksum}\n`);
}

export async function dbExport(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  if (!values.out) throw new UsageError('--out FILE is required');
  const file = createWriteStream(values.out, { mode: 0o600 });
  const write = async (line: string) => {
    if (!file.write(`${line}\n`)) await once(file, 'drain');
  };
  const summary = await withDatabase((db) => exportDatabase(db, write, systemClock.now()));
  file.end();
  await once(file, 'finish');
  report(summary, io);
  io.err(`exported ${Object.keys(summary.tables).length} tables to ${values.out}\n`);
  return 0;
}

export async function dbImport(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { in: { type: 'string' } } });
  if (!values.in) throw new UsageError('--in FILE is required');
  // Read only once the database is open: lines read before anyone iterates would be dropped.
  const summary = await withDatabase((db) => importDatabase(db, createInterface({ input: createReadStream(values.in!), crlfDelay: Infinity })));
  report(summary, io);
  io.err(`imported ${Object.keys(summary.tables).length} tables; row counts and checksums match the export\n`);
  return 0;
}
