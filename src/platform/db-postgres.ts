// The production backend: a pg Pool. Every connection runs in UTC so timestamptz text parses
// the same way as on PGlite.
import pg from 'pg';
import { INT8_OID, TIMESTAMPTZ_OID, parseInt8, parseTimestamptz, toParam } from './db.ts';
import type { Db, OpenedDb, QueryResult } from './db.ts';

type Queryable = { query(sql: string, params?: unknown[]): Promise<{ rows: any[] }> };

function queryOn(target: Queryable): Db['query'] {
  return async <T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> => {
    const result = await target.query(sql, params.map(toParam));
    return { rows: result.rows as T[] };
  };
}

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMPTZ_OID) return parseTimestamptz;
    if (oid === INT8_OID) return parseInt8;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/**
 * Opens a pool on a PostgreSQL server.
 * @example
 * const db = openPostgresDb({ connectionString: 'postgres://postgres@127.0.0.1:5432/accord' });
 */
export function openPostgresDb(options: { connectionString: string; max?: number }): OpenedDb {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    options: '-c TimeZone=UTC',
    types,
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);

  return {
    kind: 'postgres',
    query: queryOn(pool),
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      const tx: Db = {
        query: queryOn(client),
        async exec(sql) {
          await client.query(sql);
        },
        transaction: (inner) => inner(tx),
      };
      try {
        await client.query('BEGIN');
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    jobsBackend: () => ({ kind: 'postgres', connectionString: options.connectionString }),
    close: () => pool.end(),
  };
}
