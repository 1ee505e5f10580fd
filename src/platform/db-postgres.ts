// The production backend: a pg Pool. Every connection runs in UTC so timestamptz text parses
// the same way as on PGlite.
//
// Statements with parameters are prepared once per connection (named by a digest of their text)
// and then only bound and executed: parsing and planning each of a ticket's dozen statements again
// on every request cost PostgreSQL about as much CPU as running them (bench:intake, issue 11).
// Should a prepared statement's result shape change under it (a column added by a migration while
// an older process still runs), PostgreSQL refuses it ("cached plan must not change result
// type"): that text is then run unprepared from then on. Outside a transaction the statement is
// simply run again so; inside one the refusal has already failed the transaction, which fails
// once like any other error (the client's retry, with its idempotency key, goes through).
import { createHash } from 'node:crypto';
import pg from 'pg';
import { INT8_OID, TIMESTAMPTZ_OID, parseInt8, parseTimestamptz, toParam } from './db.ts';
import type { Db, OpenedDb, QueryResult } from './db.ts';

type Queryable = { query(query: string | pg.QueryConfig, params?: unknown[]): Promise<{ rows: any[] }> };

// Statement names by SQL text; null: run unprepared (its prepared form was refused once). Bounded by
// the application's own statement texts; dynamic texts beyond the cap run unprepared.
const statementNames = new Map<string, string | null>();
const MAX_PREPARED = 2000;

function statementName(sql: string): string | null {
  const known = statementNames.get(sql);
  if (known !== undefined) return known;
  if (statementNames.size >= MAX_PREPARED) return null;
  const name = `a_${createHash('sha1').update(sql).digest('base64url')}`;
  statementNames.set(sql, name);
  return name;
}

function queryOn(target: Queryable, inTransaction: boolean): Db['query'] {
  return async <T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> => {
    const values = params.map(toParam);
    const name = values.length > 0 ? statementName(sql) : null;
    if (name === null) return { rows: (await target.query(sql, values)).rows as T[] };
    try {
      return { rows: (await target.query({ name, text: sql, values })).rows as T[] };
    } catch (error) {
      if (!/cached plan must not change result type/.test((error as Error).message)) throw error;
      statementNames.set(sql, null);
      if (inTransaction) throw error;
      return { rows: (await target.query(sql, values)).rows as T[] };
    }
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
    query: queryOn(pool, false),
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      const tx: Db = {
        query: queryOn(client, true),
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
