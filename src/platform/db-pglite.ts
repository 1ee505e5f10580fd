// The embedded backend: PGlite, one connection, so every statement and transaction is serialised
// here (pg-boss included, through jobsBackend) to keep a statement from landing inside someone
// else's open transaction.
import path from 'node:path';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { chmod, mkdir, readdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.ts';
import { INT8_OID, TIMESTAMPTZ_OID, parseInt8, parseTimestamptz, toParam } from './db.ts';
import type { Db, OpenedDb, QueryResult, SerializedPglite } from './db.ts';

class Mutex {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn);
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

// PGlite's default shared_buffers (128 MB) is a server's, and all of it ends up resident in this
// process; the embedded database's files are in the OS page cache anyway. Measured by
// bench/start.bench.ts (docs/operations.md). Written into the
// data directory's configuration, so it holds on every later open.
const PGLITE_CONF = ['shared_buffers = 16MB'];

// Per query, not per instance: pg-boss shares this PGlite and expects PGlite's own types
// (a Date for timestamptz); instance-wide parsers made it log "Invalid input for date type".
const PARSERS = { [TIMESTAMPTZ_OID]: parseTimestamptz, [INT8_OID]: parseInt8 };

function txDb(pg: PGlite): Db {
  const tx: Db = {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const result = await pg.query<T>(sql, params.map(toParam), { parsers: PARSERS });
      return { rows: result.rows };
    },
    async exec(sql: string): Promise<void> {
      await pg.exec(sql);
    },
    transaction: (fn) => fn(tx),
  };
  return tx;
}

/** Owner-only modes on every file and directory under `dir`. */
async function restrictTree(dir: string): Promise<void> {
  await chmod(dir, 0o700);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await restrictTree(full);
    else if (entry.isFile()) await chmod(full, 0o600);
  }
}

const execFileAsync = promisify(execFile);

async function createCluster(dataDir: string): Promise<void> {
  const script = `const { PGlite } = await import(${JSON.stringify(import.meta.resolve('@electric-sql/pglite'))});
    process.umask(0o077);
    const pg = await PGlite.create({ dataDir: process.argv[1], postgresqlconf: ${JSON.stringify(PGLITE_CONF)} });
    await pg.close();`;
  await execFileAsync(process.execPath, ['--input-type=module', '-e', script, path.resolve(dataDir)], { timeout: 120_000 });
}

/**
 * Opens PGlite in `dataDir` (created if missing), or in memory when dataDir is undefined.
 * @example
 * const db = await openPgliteDb({ dataDir: './data/pglite' });
 */
export async function openPgliteDb(options: { dataDir?: string } = {}): Promise<OpenedDb> {
  if (options.dataDir) {
    // The embedded database holds customer data: its files are the owner's alone. PGlite creates
    // files through the process umask, so the process keeps an owner-only umask from here on.
    process.umask(0o077);
    await mkdir(path.resolve(options.dataDir), { recursive: true, mode: 0o700 });
  }
  const unlock = options.dataDir ? await lockDataDir(options.dataDir) : async () => undefined;
  let pg: PGlite;
  try {
    // A new cluster is created in a short-lived child process: creating one compiles and runs
    // PGlite's initdb, whose code and memory would otherwise stay in this process for good
    // (about 125 MB of the idle RSS, measured with bench/start.bench.ts).
    if (options.dataDir !== undefined && !existsSync(path.join(options.dataDir, 'PG_VERSION'))) await createCluster(options.dataDir);
    pg = await PGlite.create({ dataDir: options.dataDir, postgresqlconf: PGLITE_CONF });
    // PGlite lays down a new cluster's files as 0666 whatever the umask; later files follow the umask.
    if (options.dataDir) await restrictTree(path.resolve(options.dataDir));
  } catch (error) {
    await unlock();
    throw error;
  }
  await pg.exec("SET TimeZone TO 'UTC'");
  const mutex = new Mutex();
  const raw = txDb(pg);

  const serialized: SerializedPglite = {
    query: (sql, params) => mutex.run(() => pg.query(sql, params)),
    exec: (sql) => mutex.run(() => pg.exec(sql)),
    async listen(channel, callback) {
      const unlisten = await mutex.run(() => pg.listen(channel, callback));
      return () => mutex.run(() => unlisten());
    },
  };

  return {
    kind: 'pglite',
    query: (sql, params) => mutex.run(() => raw.query(sql, params)),
    exec: (sql) => mutex.run(() => raw.exec(sql)),
    transaction: (fn) =>
      mutex.run(async () => {
        await pg.query('BEGIN');
        try {
          const result = await fn(raw);
          await pg.query('COMMIT');
          return result;
        } catch (error) {
          await pg.query('ROLLBACK');
          throw error;
        }
      }),
    jobsBackend: () => ({ kind: 'pglite', pglite: serialized }),
    close: () =>
      mutex.run(async () => {
        await pg.close();
        await unlock();
      }),
  };
}
