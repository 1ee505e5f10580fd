// The one database interface verbs see, implemented over PGlite (embedded) and a pg Pool.
// One SQL dialect for both: plain PostgreSQL with $1 placeholders.
//
// Values crossing the boundary are normalised so both backends look the same:
// timestamptz columns read as Temporal.Instant, int8 as number, and a Temporal.Instant
// parameter is sent as its ISO string. jsonb parameters are passed as JSON.stringify(value)
// with an explicit `$n::jsonb` cast, because pg would turn a JS array into a Postgres array.

import { instantText } from './wire.ts';

export interface QueryResult<T> {
  rows: T[];
}

export interface Db {
  /** One statement with $n parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** A multi-statement script without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs fn in a transaction: committed if it resolves, rolled back if it throws.
   * Called on a transaction's Db it joins the outer transaction, so verbs compose.
   * Inside fn use only the tx argument: on PGlite the outer Db waits for the transaction.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
}

/** What pg-boss needs to reach the same database. */
export type JobsBackend =
  | { kind: 'postgres'; connectionString: string }
  | { kind: 'pglite'; pglite: SerializedPglite };

/** A PGlite face whose statements wait for application transactions (pg-boss's PGliteLike). */
export interface SerializedPglite {
  query<T = any>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<Array<{ rows: any[] }>>;
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
}

/** A Db the process owns: it can be closed and knows its backend. */
export interface OpenedDb extends Db {
  readonly kind: 'pglite' | 'postgres';
  jobsBackend(): JobsBackend;
  close(): Promise<void>;
}

export const TIMESTAMPTZ_OID = 1184;
export const INT8_OID = 20;

/** pg and PGlite both print timestamptz as '2025-01-06 09:00:00.123+00' under TimeZone=UTC. */
export function parseTimestamptz(text: string): Temporal.Instant {
  return Temporal.Instant.from(text);
}

export function parseInt8(text: string): number {
  return Number(text);
}

export function toParam(value: unknown): unknown {
  if (value instanceof Temporal.Instant) return instantText(value);
  return value;
}

/** PostgreSQL unique_violation, the same SQLSTATE on both backends. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/** A transaction kept open across steps that are not one function (an HTTP request's hooks). */
export interface HeldTransaction {
  tx: Db;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  readonly done: boolean;
}

class Rollback extends Error {}

/**
 * Opens a transaction and hands it out until commit() or rollback(). On PGlite it holds the
 * connection meanwhile, so everything in between must use `tx`, never the outer Db.
 * @example
 * const held = await holdTransaction(db);
 * try { await held.tx.query('...'); await held.commit(); } catch (e) { await held.rollback(); throw e; }
 */
export async function holdTransaction(db: Db): Promise<HeldTransaction> {
  let finish!: { resolve: () => void; reject: (e: Error) => void };
  let opened!: (tx: Db) => void;
  const ready = new Promise<Db>((resolve) => (opened = resolve));
  const outcome = db.transaction(
    (tx) =>
      new Promise<void>((resolve, reject) => {
        finish = { resolve, reject };
        opened(tx);
      }),
  );
  // A failure to open (no connection) must reach the caller, not hang on `ready`.
  const inner = await Promise.race([ready, outcome.then(() => Promise.reject(new Error('transaction ended before it opened')))]);
  let done = false;
  // After commit or rollback the handle refuses work: a late statement must not run outside any transaction.
  const over = () => Promise.reject(new Error('the transaction is over'));
  const tx: Db = {
    query: (sql, params) => (done ? over() : inner.query(sql, params)),
    exec: (sql) => (done ? over() : inner.exec(sql)),
    transaction: (fn) => (done ? over() : fn(tx)),
  };
  return {
    tx,
    get done() {
      return done;
    },
    async commit() {
      if (done) return;
      done = true;
      finish.resolve();
      await outcome;
    },
    async rollback() {
      if (done) return;
      done = true;
      finish.reject(new Rollback('rolled back'));
      await outcome.catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
    },
  };
}
