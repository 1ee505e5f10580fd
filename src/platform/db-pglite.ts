// The embedded backend: PGlite, one connection, so every statement and transaction is serialised
// here (pg-boss included, through jobsBackend) to keep a statement from landing inside someone
// else's open transaction.
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
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

function txDb(pg: PGlite): Db {
  const tx: Db = {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const result = await pg.query<T>(sql, params.map(toParam));
      return { rows: result.rows };
    },
    async exec(sql: string): Promise<void> {
      await pg.exec(sql);
    },
    transaction: (fn) => fn(tx),
  };
  return tx;
}

/**
 * Opens PGlite in `dataDir` (created if missing), or in memory when dataDir is undefined.
 * @example
 * const db = await openPgliteDb({ dataDir: './data/pglite' });
 */
export async function openPgliteDb(options: { dataDir?: string } = {}): Promise<OpenedDb> {
  if (options.dataDir) await mkdir(path.dirname(path.resolve(options.dataDir)), { recursive: true });
  const pg = await PGlite.create({
    dataDir: options.dataDir,
    parsers: { [TIMESTAMPTZ_OID]: parseTimestamptz, [INT8_OID]: parseInt8 },
  });
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
    close: () => mutex.run(() => pg.close()),
  };
}
