// The embedded backend: PGlite, one connection, so every statement and transaction is serialised
// here (pg-boss included, through jobsBackend) to keep a statement from landing inside someone
// else's open transaction.
import path from 'node:path';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { chmod, mkdir, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.ts';
import { defaultTemplatePath, readTemplate, unpackTemplate } from './pglite-template.ts';
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
const CLUSTER_CHILD = fileURLToPath(new URL('./pglite-cluster-child.ts', import.meta.url));

/**
 * A new cluster, from the template when there is one (pglite-template.ts), else by initdb: on
 * disk in a short-lived child process (pglite-cluster-child.ts), in memory here. A template that
 * cannot be used (damaged) is reported as a warning and initdb used instead; `template` undefined
 * is the installed PGlite's, null is none. Returns the PGlite
 * made in memory, or null when the cluster is on disk (it is then opened as any other).
 */
async function createCluster(dataDir: string | undefined, template: string | null | undefined): Promise<PGlite | null> {
  const templatePath = template === undefined ? defaultTemplatePath() : template;
  const damaged = (error: unknown) =>
    process.emitWarning(`the PGlite template ${templatePath} could not be used (${(error as Error).message}); the cluster is made with initdb instead`);
  if (dataDir !== undefined) {
    // No PG_VERSION, so no cluster: anything here is what a killed first start left half-made.
    // Synchronous, as the unpacking: a first start does this before loading its modules, and an
    // awaited step would wait for them (1 s, measured).
    emptyDir(dataDir);
    try {
      if (unpackTemplate(templatePath, dataDir)) return null;
    } catch (error) {
      damaged(error);
      emptyDir(dataDir);
    }
    await execFileAsync(process.execPath, [CLUSTER_CHILD, path.resolve(dataDir), JSON.stringify(PGLITE_CONF)], { timeout: 120_000 });
    return null;
  }
  try {
    const tarball = readTemplate(templatePath);
    if (tarball !== null) return await PGlite.create({ loadDataDir: tarball, postgresqlconf: PGLITE_CONF });
  } catch (error) {
    damaged(error);
  }
  return PGlite.create({ postgresqlconf: PGLITE_CONF });
}

/** Empties `dir`, keeping the directory itself (its mode, and the lock beside it). */
function emptyDir(dir: string): void {
  for (const entry of readdirSync(dir)) rmSync(path.join(dir, entry), { recursive: true, force: true });
}

/** A data directory whose lock is taken and whose new cluster is being made (preparePgliteDir). */
type Preparation = { unlock: () => Promise<void>; ready: Promise<void>; fresh: boolean };
const preparing = new Map<string, Preparation>();

/** Owner-only modes for what PGlite creates from here on, and the directory itself. */
async function ownDir(dataDir: string): Promise<void> {
  // The embedded database holds customer data: its files are the owner's alone. PGlite creates
  // files through the process umask, so the process keeps an owner-only umask from here on.
  process.umask(0o077);
  await mkdir(path.resolve(dataDir), { recursive: true, mode: 0o700 });
}

/**
 * Takes `dataDir`'s lock and, if it holds no cluster yet, begins making one in the background, so
 * that a first start makes its cluster while the rest of the service loads. The next
 * openPgliteDb of the same directory in this process takes the lock and the cluster over.
 * Returns true when a new cluster is being made (the database will be empty).
 * @example
 * const fresh = await preparePgliteDir('./data/pglite'); // then import the rest, then:
 * const db = await openPgliteDb({ dataDir: './data/pglite' });
 */
export async function preparePgliteDir(dataDir: string, options: { template?: string | null } = {}): Promise<boolean> {
  const dir = path.resolve(dataDir);
  const already = preparing.get(dir);
  if (already) return already.fresh;
  await ownDir(dir);
  const unlock = await lockDataDir(dataDir);
  const fresh = !existsSync(path.join(dir, 'PG_VERSION'));
  const ready = fresh ? createCluster(dir, options.template).then(() => undefined) : Promise.resolve();
  // Awaited (and its failure reported) by openPgliteDb; never an unhandled rejection meanwhile.
  ready.catch(() => undefined);
  preparing.set(dir, { unlock, ready, fresh });
  return fresh;
}

/**
 * Opens PGlite in `dataDir` (created if missing), or in memory when dataDir is undefined. A new
 * cluster comes from `template` (default: the installed PGlite's, if made; null: always initdb).
 * @example
 * const db = await openPgliteDb({ dataDir: './data/pglite' });
 */
export async function openPgliteDb(options: { dataDir?: string; template?: string | null } = {}): Promise<OpenedDb> {
  const dir = options.dataDir === undefined ? undefined : path.resolve(options.dataDir);
  const prepared = dir === undefined ? undefined : preparing.get(dir);
  if (dir !== undefined) preparing.delete(dir);
  if (dir !== undefined && prepared === undefined) await ownDir(dir);
  const unlock = prepared?.unlock ?? (dir !== undefined ? await lockDataDir(dir) : async () => undefined);
  let pg: PGlite;
  try {
    await prepared?.ready;
    const exists = dir !== undefined && existsSync(path.join(dir, 'PG_VERSION'));
    const created = exists ? null : await createCluster(dir, options.template);
    pg = created ?? (await PGlite.create({ dataDir: dir, postgresqlconf: PGLITE_CONF }));
    // PGlite lays down a new cluster's files as 0666 whatever the umask; later files follow the umask.
    if (dir !== undefined) await restrictTree(dir);
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
