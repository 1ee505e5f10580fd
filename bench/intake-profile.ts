// Statement timing inside Accord for bench/intake.bench.ts (BENCH_PROFILE): a Db wrapper given to
// buildApp that adds up each statement's round trip by label, and a transaction's time by part.
import { performance } from 'node:perf_hooks';
import type { Db, OpenedDb } from '../src/platform/index.ts';

export type Stat = { n: number; ms: number };

export class Profile {
  on = false;
  stats = new Map<string, Stat>();
  add(label: string, ms: number): void {
    if (!this.on) return;
    const s = this.stats.get(label);
    if (s) {
      s.n++;
      s.ms += ms;
    } else this.stats.set(label, { n: 1, ms });
  }
}

export function statementLabel(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  if (s.startsWith('SELECT k.ord, t.id, t.agent_id') && s.includes('AS version_id')) return 'auth + intake read: token, version, requester, number (grouped)';
  if (s.startsWith('SELECT k.ord, t.id, t.agent_id')) return 'auth: token check (grouped)';
  if (s.startsWith('UPDATE api_tokens')) return 'auth: UPDATE last_used_at';
  if (s.startsWith('SELECT k.ord, v.id AS version_id')) return 'intake read: version, requester, number (grouped)';
  if (s.startsWith('WITH w0 AS (INSERT INTO tickets')) return 'intake write: ticket, events, clock, receipt (grouped)';
  if (s.includes('FROM policy_versions WHERE activated_at')) return 'SELECT active policy version';
  if (s.startsWith('SELECT c.id, c.organization_id')) return 'SELECT requester + organization';
  if (s.startsWith('INSERT INTO tickets')) return 'INSERT tickets RETURNING *';
  if (s.startsWith('INSERT INTO ticket_events')) return 'INSERT ticket_events';
  if (s.startsWith('SELECT * FROM ticket_events')) return 'SELECT ticket_events';
  if (s.startsWith('INSERT INTO sla_clocks')) return 'UPSERT sla_clocks';
  if (s.startsWith("UPDATE sla_clocks SET state = 'cancelled'")) return 'UPDATE sla_clocks (cancel absent)';
  if (s.startsWith('SELECT metric, state, goal_at')) return 'SELECT sla_clocks (view)';
  if (s.startsWith('SELECT metric, goal_at, due_at')) return 'SELECT sla_clocks (receipt)';
  if (s.startsWith('INSERT INTO outbox')) return 'INSERT outbox (receipt)';
  return s.slice(0, 48);
}

export function profiledDb(db: OpenedDb, profile: Profile): OpenedDb {
  const wrap = (inner: Db, inTx: { ms: number } | null): Db => {
    const self: Db = {
      async query(sql, params) {
        const t0 = performance.now();
        try {
          return await inner.query(sql, params);
        } finally {
          const ms = performance.now() - t0;
          // Labelled only while measuring: the open-loop phases run with profiling off, and the
          // label's whitespace pass over each statement's text would load the server under test.
          if (profile.on) profile.add(statementLabel(sql), ms);
          if (inTx) inTx.ms += ms;
        }
      },
      exec: (sql) => inner.exec(sql),
      transaction: (fn) => (inTx ? fn(self) : outerTransaction(fn)),
    };
    return self;
  };
  async function outerTransaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const t0 = performance.now();
    let tIn = 0;
    let tOut = 0;
    const inTx = { ms: 0 };
    try {
      return await db.transaction(async (tx) => {
        tIn = performance.now();
        profile.add('tx: pool checkout + BEGIN', tIn - t0);
        const result = await fn(wrap(tx, inTx));
        tOut = performance.now();
        profile.add('tx: JS between statements (verb logic, clocks)', tOut - tIn - inTx.ms);
        return result;
      });
    } finally {
      const end = performance.now();
      if (tOut) profile.add('tx: COMMIT + release', end - tOut);
      profile.add('tx: whole transaction()', end - t0);
    }
  }
  return { ...db, ...wrap(db, null), kind: db.kind, jobsBackend: db.jobsBackend, close: db.close };
}
