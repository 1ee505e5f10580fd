// The phases of bench/intake.bench.ts that need no HTTP: the closed loop of in-process calls and
// the ceiling, a minimal ticket + event transaction written here, independently of Accord's SQL,
// in a closed loop or an open loop at a fixed rate. Each phase counts what ends in its measured
// window, with the machine's CPU over that window.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { cpuReport, cpuSnap, type CpuReport, type CpuSnap } from './cpu.ts';
import { openLoop } from './open-loop.ts';
import { mulberry32 } from './prng.ts';
import { Tally } from './tally.ts';

/** How long a phase runs and with how many callers; `seed` makes its random choices repeatable. */
export type Timing = { seconds: number; warmupSeconds: number; clients: number; seed: number };

export type Contact = { id: string; email: string; organizationId: string; plan: string; token: string };

export type PhaseResult = {
  ok: number;
  errors: number;
  errorsByStatus: Record<string, number>;
  errorSamples: string[];
  perSecond: number;
  latencies: Float64Array; // sorted, ms
  windowMs: number;
  cpu: CpuReport | null;
  loadgenCpuPct: number | null;
  eventLoopUtilization: number | null;
  /** How late the server's event loop ran its timers in the measured window (open loop only). */
  eventLoopDelay?: { p99Ms: number; maxMs: number } | null;
};

/**
 * `callers` loops each running `one` back to back for the warm-up and the measured window; the
 * latency of each call ending in the window is counted, and the machine's CPU over the window.
 */
export async function closedLoopPhase(t: Timing, callers: number, one: (caller: number) => Promise<void>): Promise<PhaseResult> {
  const measureFrom = performance.now() + t.warmupSeconds * 1000;
  const measureTo = measureFrom + t.seconds * 1000;
  const tally = new Tally();
  let cpuA: CpuSnap | null = null;
  let cpuB: CpuSnap | null = null;
  const t1 = setTimeout(() => (cpuA = cpuSnap()), t.warmupSeconds * 1000);
  const t2 = setTimeout(() => (cpuB = cpuSnap()), t.warmupSeconds * 1000 + t.seconds * 1000);
  async function loop(caller: number): Promise<void> {
    while (performance.now() < measureTo) {
      const start = performance.now();
      let failure: unknown = null;
      try {
        await one(caller);
      } catch (error) {
        failure = error;
      }
      const end = performance.now();
      if (end < measureFrom) continue;
      if (end > measureTo) break;
      if (failure === null) tally.success(end - start);
      else tally.failure(String((failure as { code?: string }).code ?? 'error'), String(failure));
    }
  }
  try {
    await Promise.all(Array.from({ length: callers }, (_, k) => loop(k)));
  } finally {
    clearTimeout(t1);
    clearTimeout(t2);
  }
  const windowMs = t.seconds * 1000;
  return {
    ok: tally.ok, errors: tally.errors, errorsByStatus: tally.errorsByStatus, errorSamples: tally.errorSamples, perSecond: tally.ok / (windowMs / 1000),
    latencies: tally.values().sort(), windowMs, cpu: cpuA && cpuB ? cpuReport(cpuA, cpuB) : null, loadgenCpuPct: null, eventLoopUtilization: null,
  };
}

// The ceiling (phase 2 of the bench): a minimal ticket + event transaction of its own.

// The ceiling's own schema and transaction: the least a ticket intake has to write.
const CEILING_DDL = `
  CREATE TABLE bench_ceiling_tickets (id uuid PRIMARY KEY, organization_id uuid NOT NULL, requester_id uuid NOT NULL,
    subject text NOT NULL, description text NOT NULL, severity integer NOT NULL, created_at timestamptz NOT NULL);
  CREATE INDEX bench_ceiling_tickets_org ON bench_ceiling_tickets (organization_id, created_at);
  CREATE TABLE bench_ceiling_events (id uuid PRIMARY KEY, ticket_id uuid NOT NULL REFERENCES bench_ceiling_tickets (id),
    at timestamptz NOT NULL, type text NOT NULL, body text);
  CREATE INDEX bench_ceiling_events_ticket ON bench_ceiling_events (ticket_id, at);`;
const CEILING_TICKET = 'INSERT INTO bench_ceiling_tickets (id, organization_id, requester_id, subject, description, severity, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)';
const CEILING_EVENT = 'INSERT INTO bench_ceiling_events (id, ticket_id, at, type, body) VALUES ($1, $2, $3, $4, $5)';

/**
 * The ceiling's transaction in a closed loop over N connections or, with `openRate`, at that fixed
 * rate (latency from each transaction's scheduled start, as Accord's open loop: ceilingOpenLoop).
 * The tables are created by the first call and dropped by main.
 */
export async function ceilingPhase(t: Timing, connectionString: string, contacts: Contact[], openRate?: number): Promise<PhaseResult> {
  if (openRate === undefined) await withAdminOn(connectionString, (c) => c.query(CEILING_DDL));
  const clients = await Promise.all(
    Array.from({ length: t.clients }, async () => {
      const c = new pg.Client({ connectionString, options: '-c TimeZone=UTC' });
      await c.connect();
      return c;
    }),
  );
  const rnd = mulberry32(t.seed ^ (openRate === undefined ? 0xce11 : 0xce12));
  let n = 0;
  async function one(c: pg.Client): Promise<void> {
    const contact = contacts[Math.floor(rnd() * contacts.length)];
    const severity = 1 + Math.floor(rnd() * 4);
    const i = n++;
    const subject = `Ceiling ticket ${i}`;
    const description = `Something is wrong (request ${i}); please look into it.`;
    const now = new Date().toISOString();
    const id = randomUUID();
    await c.query('BEGIN');
    try {
      await c.query(CEILING_TICKET, [id, contact.organizationId, contact.id, subject, description, severity, now]);
      await c.query(CEILING_EVENT, [randomUUID(), id, now, 'created', description]);
      await c.query('COMMIT');
    } catch (error) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
  try {
    if (openRate === undefined) return await closedLoopPhase(t, clients.length, (k) => one(clients[k]));
    return await ceilingOpenLoop(t, clients, one, openRate);
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}

/**
 * Transaction i is due at t0 + i / rate and starts then on a free connection (or, when all N are
 * busy, on the first one to come free); its latency runs from its due time, so a stall of the
 * database or its disk shows in the percentiles as it does in Accord's open loop.
 */
async function ceilingOpenLoop(t: Timing, clients: pg.Client[], one: (c: pg.Client) => Promise<void>, rate: number): Promise<PhaseResult> {
  const t0 = performance.now();
  const measureFrom = t0 + t.warmupSeconds * 1000;
  const measureTo = measureFrom + t.seconds * 1000;
  const tally = new Tally();
  const free = [...clients];
  const waiting: Array<(c: pg.Client) => void> = [];
  const acquire = (): Promise<pg.Client> => (free.length > 0 ? Promise.resolve(free.pop()!) : new Promise((resolve) => waiting.push(resolve)));
  const release = (c: pg.Client) => {
    const next = waiting.shift();
    if (next) next(c);
    else free.push(c);
  };
  let cpuA: CpuSnap | null = null;
  let cpuB: CpuSnap | null = null;
  const t1 = setTimeout(() => (cpuA = cpuSnap()), t.warmupSeconds * 1000);
  const t2 = setTimeout(() => (cpuB = cpuSnap()), (t.warmupSeconds + t.seconds) * 1000);
  await openLoop(t0, rate, measureTo, async (_i, due) => {
    const c = await acquire();
    let failure: unknown = null;
    try {
      await one(c);
    } catch (error) {
      failure = error;
    } finally {
      release(c);
    }
    if (due < measureFrom) return;
    if (failure === null) tally.success(performance.now() - due);
    else tally.failure(String((failure as { code?: string }).code ?? 'error'), String(failure));
  });
  clearTimeout(t1);
  clearTimeout(t2);
  // The loop ends at the window's end, a moment before its timer: the window's CPU is read now.
  cpuB ??= cpuSnap();
  return {
    ok: tally.ok, errors: tally.errors, errorsByStatus: tally.errorsByStatus, errorSamples: tally.errorSamples, perSecond: tally.ok / t.seconds,
    latencies: tally.values().sort(), windowMs: t.seconds * 1000, cpu: cpuA && cpuB ? cpuReport(cpuA, cpuB) : null, loadgenCpuPct: null, eventLoopUtilization: null,
  };
}


export async function withAdminOn<T>(connectionString: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
