// Ticket intake benchmark (issue 3, item 6).
//
//   npm run bench:intake                        # 20 s per phase, 50 clients
//   BENCH_SECONDS=3 npm run bench:intake        # a smoke run
//
// Environment: BENCH_SECONDS (20), BENCH_WARMUP_SECONDS (3), BENCH_CLIENTS (50),
// BENCH_POOL_MAX (Accord's pool size; default 10, what openDb uses in production), BENCH_OPEN_RATE
// (the open-loop rate, requests/s; default half the ceiling),
// BENCH_PROFILE (1: time createTicket's statements; 0: off), BENCH_ASYNC_COMMIT (1: the bench
// database commits without waiting for its WAL flush, synchronous_commit = off: a diagnostic of how
// much of the tail is the disk, never a setting of Accord's), LOG_LEVEL (the server's, as for `npm start`;
// default info, written to /dev/null), DATABASE_URL (an admin URL; default
// postgres://postgres@127.0.0.1:5432/postgres).
//
// On a fresh database (created here, dropped at the end, also on error):
//
// 1. Accord: the OpenBack example policy active, 100 organizations (growth, pro, enterprise;
//    onboarding complete) with 160 named contacts, each with an API token. The app is built with
//    buildApp and listens on 127.0.0.1; a worker thread (bench/intake-loadgen.ts) runs N
//    closed-loop keep-alive HTTP clients doing POST /api/v1/tickets with a random token and
//    severity 1-4, for a warm-up and then the measured window. Only 201s count; anything else
//    is an error. Latency is measured at the client, from sending the request to the end of
//    the response. The load generator shares the machine's cores with the server and with
//    PostgreSQL, so part of the CPU it uses would be free for the server in production. Accord
//    groups concurrent requests' token checks, intake reads and writes (ADR 0013), and checks a
//    contact's token together with its intake read (ADR 0014); the phase prints how many
//    requests each grouped statement carried.
// 2. Ceiling: on the same database, N raw `pg` connections, each looping over a minimal ticket
//    write that is written here, independently of Accord's SQL (so a heavier Accord transaction
//    cannot lower its own yardstick): BEGIN; INSERT a ticket row; INSERT its event row; COMMIT,
//    into two tables of the benchmark's own (bench_ceiling_tickets, bench_ceiling_events) with a
//    primary key and one index each. No HTTP, no auth, no validation, no policy, no clocks.
//    Then the same transaction in an open loop at the target's rate (half the ceiling), latency
//    from each one's scheduled start: the tail any application committing durably at that rate
//    gets from this database and disk.
// 3. Open loop: Accord again, requests at a fixed rate (half the ceiling; BENCH_OPEN_RATE to
//    choose), each sent when due whatever the answers to earlier ones, latency measured from the
//    scheduled send time. Its p99 says what a client sees at that load, not what 50 clients
//    waiting on each other see. Each open-loop phase prints its CPU, the server's event-loop
//    utilization and its group sizes: at a moderate rate the groups are small, so a ticket costs
//    more than in the closed loop (ADR 0014).
//
// 4. Open loop at half Accord's own closed-loop rate: the latency a client sees at a load Accord
//    carries (the target's rate, half the ceiling, is beyond it while the ratio is under 0.5).
//
// 5. Accord without HTTP: createTicket called in-process by N concurrent callers (contacts as
//    actors, so no token check). Beside phase 1 it says how much of a ticket's cost is the HTTP
//    edge and how much is the domain and its SQL; with each phase's PostgreSQL CPU per ticket it
//    says where the machine's cores go (ADR 0012).
//
// Every phase also says how the disk under PostgreSQL answered meanwhile (bench/disk-probe.ts: a
// small write and fdatasync every 10 ms beside the data directory, when the server is local): a
// durable commit waits for its flush, so a disk stall is a stall of every commit.
//
// The last line printed is one JSON object:
//   {"bench":"intake","ours_per_s":N,"ceiling_per_s":N,"ratio":N,"p99_ms":N,"open_loop_rate":N,"open_loop_p99_ms":N,
//    "ceiling_open_loop_p99_ms":N,"disk_flush_max_ms_open_loop":N,"disk_flushes_over_100_ms_open_loop":N,"open_loop_load":N,
//    "open_loop_half_ours_rate":N,"open_loop_half_ours_p99_ms":N,"in_process_per_s":N,
//    "pg_cpu_ms_per_ticket":N,"in_process_pg_cpu_ms_per_ticket":N}
import { randomBytes, randomUUID } from 'node:crypto';
import { accessSync, constants as fsConstants, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { createLogger, migrate, openPostgresDb, silentLogger, systemClock } from '../src/platform/index.ts';
import { pino } from 'pino';
import type { Db, OpenedDb } from '../src/platform/index.ts';
import { activatePolicy, activePolicy } from '../src/policy-versions/index.ts';
import { createTokenForEmail } from '../src/customers/index.ts';
import { buildApp } from '../src/http/index.ts';
import { createTicket } from '../src/tickets/index.ts';
import { groupStats } from '../src/platform/grouping.ts';
import { EMBEDDED_HEAP_FLAGS, heapFlagsFor } from '../src/service/heap-flags.ts';
import type { LoadgenInput, LoadgenResult } from './intake-loadgen.ts';
import { Profile, profiledDb } from './intake-profile.ts';
import { mulberry32 } from './prng.ts';
import { cpuReport, cpuSnap, type CpuReport, type CpuSnap } from './cpu.ts';
import { ceilingPhase, closedLoopPhase, withAdminOn, type Contact, type PhaseResult } from './intake-phases.ts';
import { diskLine, startDiskProbe, type DiskProbeReport } from './disk-probe.ts';

const envNumber = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
};

const SECONDS = envNumber('BENCH_SECONDS', 20);
const WARMUP_SECONDS = envNumber('BENCH_WARMUP_SECONDS', 3);
const CLIENTS = Math.round(envNumber('BENCH_CLIENTS', 50));
const POOL_MAX = Math.round(envNumber('BENCH_POOL_MAX', 10));
const PROFILE = process.env.BENCH_PROFILE !== '0';
const ADMIN_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const SEED = 0x1a7a4e;
const TIMING = { seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, clients: CLIENTS, seed: SEED };

const ORGS: Array<{ plan: string; count: number; contacts: number }> = [
  // Pro allows 1 named contact and Enterprise 2 in the OpenBack policy; Growth has no limit.
  { plan: 'growth', count: 40, contacts: 2 },
  { plan: 'pro', count: 30, contacts: 1 },
  { plan: 'enterprise', count: 30, contacts: 2 },
];

// ---------------------------------------------------------------------------------------
// Small utilities
// ---------------------------------------------------------------------------------------


function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

const r1 = (n: number) => Math.round(n * 10) / 10;
const r2 = (n: number) => Math.round(n * 100) / 100;
const r3 = (n: number) => Math.round(n * 1000) / 1000;
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  return withAdminOn(ADMIN_URL, fn);
}

/**
 * Where to probe the disk (bench/disk-probe.ts): beside PostgreSQL's data directory, when the
 * server runs on this machine and that directory's parent is writable here; otherwise null.
 */
async function diskProbeDir(): Promise<string | null> {
  const host = new URL(ADMIN_URL).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', ''].includes(host)) return null;
  try {
    const dir = dirname(await withAdmin(async (c) => (await c.query<{ data_directory: string }>('SHOW data_directory')).rows[0].data_directory));
    accessSync(dir, fsConstants.W_OK);
    return dir;
  } catch {
    return null;
  }
}

/** Runs a phase with the disk probed meanwhile. */
async function probed<T>(dir: string | null, phase: () => Promise<T>): Promise<[T, DiskProbeReport | null]> {
  const probe = dir ? startDiskProbe(dir) : null;
  try {
    const result = await phase();
    return [result, probe ? await probe.stop() : null];
  } catch (error) {
    await probe?.stop().catch(() => undefined);
    throw error;
  }
}

function dbUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

// ---------------------------------------------------------------------------------------
// Setup: database, policy, organizations, contacts, tokens
// ---------------------------------------------------------------------------------------


async function seed(db: OpenedDb): Promise<Contact[]> {
  const now = systemClock.now();
  const contacts: Contact[] = [];
  let k = 0;
  for (const group of ORGS) {
    for (let i = 0; i < group.count; i++) {
      const orgId = randomUUID();
      await db.query(`INSERT INTO organizations (id, name, plan_id, onboarding_state, created_at) VALUES ($1, $2, $3, 'complete', $4)`, [orgId, `Bench ${group.plan} ${i}`, group.plan, now]);
      for (let j = 0; j < group.contacts; j++) {
        const id = randomUUID();
        const email = `bench-${k++}@example.com`;
        await db.query(`INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, true, $5)`, [id, orgId, email, `Bench Contact ${k}`, now]);
        contacts.push({ id, email, organizationId: orgId, plan: group.plan, token: '' });
      }
    }
  }
  for (const c of contacts) c.token = (await createTokenForEmail(db, c.email, { name: 'bench' })).token;
  return contacts;
}

// ---------------------------------------------------------------------------------------
// Phase 1: Accord over HTTP (phase 2, the ceiling, is in intake-phases.ts)
// ---------------------------------------------------------------------------------------

function runLoadgen(input: LoadgenInput): Promise<LoadgenResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./intake-loadgen.ts', import.meta.url), { workerData: input });
    worker.once('message', (m: { result?: LoadgenResult; error?: string }) => {
      if (m.result) resolve(m.result);
      else reject(new Error(`load generator failed: ${m.error}`));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function accordPhase(port: number, contacts: Contact[], profile: Profile): Promise<PhaseResult> {
  let cpuA: CpuSnap | null = null;
  let cpuB: CpuSnap | null = null;
  let eluA: ReturnType<typeof performance.eventLoopUtilization> | null = null;
  let elu: number | null = null;
  const warmupMs = WARMUP_SECONDS * 1000;
  const measureMs = SECONDS * 1000;
  const t1 = setTimeout(() => {
    cpuA = cpuSnap();
    eluA = performance.eventLoopUtilization();
    profile.on = true;
  }, warmupMs);
  const t2 = setTimeout(() => {
    profile.on = false;
    cpuB = cpuSnap();
    if (eluA) elu = performance.eventLoopUtilization(eluA).utilization;
  }, warmupMs + measureMs);
  const r = await runLoadgen({ port, tokens: contacts.map((c) => c.token), clients: CLIENTS, warmupMs, measureMs, seed: SEED });
  clearTimeout(t1);
  clearTimeout(t2);
  profile.on = false;
  const latencies = r.latenciesMs.slice().sort();
  return {
    ok: r.ok,
    errors: r.errors,
    errorsByStatus: r.errorsByStatus,
    errorSamples: r.errorSamples,
    perSecond: r.ok / (r.windowMs / 1000),
    latencies,
    windowMs: r.windowMs,
    cpu: cpuA && cpuB ? cpuReport(cpuA, cpuB) : null,
    loadgenCpuPct: r.threadCpuMs !== null ? r1((100 * r.threadCpuMs) / r.windowMs) : null,
    eventLoopUtilization: elu,
  };
}

async function openLoopPhase(port: number, contacts: Contact[], rate: number): Promise<PhaseResult> {
  // The same CPU accounting as the closed loop: at a fixed rate, how busy the machine is says how
  // much of the tail is queueing for a core.
  let cpuA: CpuSnap | null = null;
  let cpuB: CpuSnap | null = null;
  let eluA: ReturnType<typeof performance.eventLoopUtilization> | null = null;
  let elu: number | null = null;
  // A stall inside the server's process (a long task, a GC pause) shows as a late timer here; a
  // stall elsewhere (PostgreSQL, the disk, the kernel) does not.
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const t1 = setTimeout(() => {
    cpuA = cpuSnap();
    eluA = performance.eventLoopUtilization();
    delay.enable();
  }, WARMUP_SECONDS * 1000);
  const t2 = setTimeout(() => {
    cpuB = cpuSnap();
    if (eluA) elu = performance.eventLoopUtilization(eluA).utilization;
    delay.disable();
  }, (WARMUP_SECONDS + SECONDS) * 1000);
  const r = await runLoadgen({ port, tokens: contacts.map((c) => c.token), clients: CLIENTS, mode: 'open', rate, warmupMs: WARMUP_SECONDS * 1000, measureMs: SECONDS * 1000, seed: SEED ^ 0x0be7 });
  clearTimeout(t1);
  clearTimeout(t2);
  return {
    ok: r.ok, errors: r.errors, errorsByStatus: r.errorsByStatus, errorSamples: r.errorSamples, perSecond: r.ok / (r.windowMs / 1000),
    latencies: r.latenciesMs.slice().sort(), windowMs: r.windowMs, cpu: cpuA && cpuB ? cpuReport(cpuA, cpuB) : null,
    loadgenCpuPct: r.threadCpuMs !== null ? r1((100 * r.threadCpuMs) / r.windowMs) : null, eventLoopUtilization: elu,
    eventLoopDelay: delay.count > 0 ? { p99Ms: r2(delay.percentile(99) / 1e6), maxMs: r2(delay.max / 1e6) } : null,
  };
}

// ---------------------------------------------------------------------------------------
// Phase 5: Accord in-process, without HTTP
// ---------------------------------------------------------------------------------------

async function inProcessPhase(db: Db, contacts: Contact[]): Promise<PhaseResult> {
  const rnd = mulberry32(SEED ^ 0x1d0c);
  let n = 0;
  return closedLoopPhase(TIMING, CLIENTS, async () => {
    const contact = contacts[Math.floor(rnd() * contacts.length)];
    const i = n++;
    await createTicket({
      ctx: { db, clock: systemClock, logger: silentLogger(), actor: { kind: 'contact', id: contact.id, organizationId: contact.organizationId } },
      input: { subject: `In-process ticket ${i}`, description: `Something is wrong (request ${i}); please look into it.`, severity: 1 + Math.floor(rnd() * 4) },
    });
  });
}

// ---------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------

function latencyLine(r: PhaseResult): string {
  const l = r.latencies;
  return `p50 ${r2(percentile(l, 50))} ms, p90 ${r2(percentile(l, 90))} ms, p99 ${r2(percentile(l, 99))} ms, max ${r2(l[l.length - 1] ?? NaN)} ms`;
}

function openLoopCosts(r: PhaseResult, groupSizes: string): void {
  console.log(cpuLine(r.cpu, r.loadgenCpuPct !== null ? ` (of which load generator thread ${r.loadgenCpuPct}%)` : ''));
  if (r.eventLoopUtilization !== null) console.log(`  server event loop utilization: ${r1(r.eventLoopUtilization * 100)}%`);
  if (r.eventLoopDelay) console.log(`  server event loop delay (timers late, 5 ms resolution): p99 ${r.eventLoopDelay.p99Ms} ms, longest ${r.eventLoopDelay.maxMs} ms`);
  console.log(`  requests per grouped statement: ${groupSizes}`);
}

function cpuLine(c: CpuReport | null, extra: string): string {
  if (!c) return '  cpu: not measured';
  const main = c.mainThreadPct !== null ? `main thread ${c.mainThreadPct}%, ` : '';
  const others = r1((c.machineBusyPct * c.cores) - c.processPct - c.postgresPct);
  return `  cpu (% of one core, ${c.cores} cores): ${main}this node process ${c.processPct}%${extra}, postgres processes ${c.postgresPct}%, anything else on the machine ${Math.max(0, others)}%; machine busy ${c.machineBusyPct}% of all cores`;
}

async function main(): Promise<void> {
  const dbName = `accord_bench_${randomBytes(5).toString('hex')}`;
  const connectionString = dbUrl(dbName);
  let created = false;
  let db: OpenedDb | null = null;
  let app: FastifyInstance | null = null;
  try {
    await withAdmin((c) => c.query(`CREATE DATABASE ${dbName}`));
    if (process.env.BENCH_ASYNC_COMMIT) await withAdmin((c) => c.query(`ALTER DATABASE ${dbName} SET synchronous_commit = off`));
    created = true;
    const raw = openPostgresDb({ connectionString, max: POOL_MAX });
    db = raw;
    await migrate({ db: raw, clock: systemClock });
    const source = readFileSync(new URL('../examples/policies/openback.yaml', import.meta.url), 'utf8');
    await activatePolicy({ ctx: { db: raw, clock: systemClock, logger: silentLogger(), actor: { kind: 'system' } }, input: { source } });
    const { version } = await activePolicy(raw);
    const contacts = await seed(raw);

    const profile = new Profile();
    const appDb = PROFILE ? profiledDb(raw, profile) : raw;
    // The server logs as `npm start` does: LOG_LEVEL (default info), through pino's default
    // asynchronous destination, here /dev/null instead of stdout.
    const logLevel = (process.env.LOG_LEVEL || 'info') as Parameters<typeof createLogger>[0]['level'];
    const deps = { db: appDb, clock: systemClock, logger: createLogger({ level: logLevel, destination: pino.destination({ dest: '/dev/null', sync: false }) }) };
    app = await buildApp(deps);
    if (!app.hasRoute({ method: 'POST', url: '/api/v1/tickets' })) throw new Error('buildApp serves no POST /api/v1/tickets');
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;

    // One request first, so a broken setup fails loudly instead of as 100% errors.
    const probe = await fetch(`http://127.0.0.1:${port}/api/v1/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${contacts[0].token}` },
      body: JSON.stringify({ subject: 'Probe', description: 'Probe ticket', severity: 2 }),
    });
    if (probe.status !== 201) throw new Error(`probe POST /api/v1/tickets answered ${probe.status}: ${await probe.text()}`);

    console.log(`intake benchmark: ${CLIENTS} concurrent clients, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s measured per phase, database ${dbName}`);
    console.log(`  ${contacts.length} named contacts with tokens in ${ORGS.reduce((a, g) => a + g.count, 0)} organizations (${ORGS.map((g) => `${g.count} ${g.plan}`).join(', ')}), OpenBack policy v${version}`);
    console.log(`  Accord: buildApp (src/http) on 127.0.0.1; pg pool max ${POOL_MAX}; statement profiling ${PROFILE ? 'on' : 'off'}`);
    console.log('  The load generator runs in a worker thread of the same process and shares the machine\'s cores with the server and PostgreSQL.');
    // The server here runs with this process's Node flags: those `npm start` uses on PostgreSQL
    // (ADR 0015), unless the bench was started with others.
    const flags = process.execArgv.filter((f) => EMBEDDED_HEAP_FLAGS.some((e) => f.split('=')[0] === e.split('=')[0]));
    const npmStartFlags = heapFlagsFor({ DATABASE_URL: ADMIN_URL });
    const asNpmStart = flags.length === npmStartFlags.length && flags.every((f) => npmStartFlags.includes(f));
    console.log(`  Node heap flags: ${flags.length ? flags.join(' ') : "Node's defaults"}${asNpmStart ? ', as `npm start` on PostgreSQL' : ' (NOT what `npm start` uses on PostgreSQL: the numbers are not the service\'s)'}`);

    // Requests per grouped statement over a phase (warm-up included): ADR 0013. The group size
    // falls with the rate, and with it what a ticket saves; so it is printed for every phase.
    const groupCounter = () => {
      const before = new Map([...groupStats].map(([k, v]) => [k, { ...v }]));
      return () => [...groupStats].map(([kind, s]) => {
        const b = before.get(kind) ?? { groups: 0, requests: 0 };
        return `${kind} ${r1((s.requests - b.requests) / Math.max(1, s.groups - b.groups))}`;
      }).join(', ');
    };
    const probeDir = await diskProbeDir();
    let groupsOf = groupCounter();
    const [ours, oursDisk] = await probed(probeDir, () => accordPhase(port, contacts, profile));
    const groupSizes = groupsOf();
    const [ceiling, ceilingDisk] = await probed(probeDir, () => ceilingPhase(TIMING, connectionString, contacts));
    const openRate = Math.max(1, Math.round(envNumber('BENCH_OPEN_RATE', ceiling.perSecond / 2)));
    // The yardstick at the target's rate: the same minimal transaction, open loop. Its tail is what
    // this database and disk give any application that commits durably at that rate.
    const [ceilingOpen, ceilingOpenDisk] = await probed(probeDir, () => ceilingPhase(TIMING, connectionString, contacts, openRate));
    // The ceiling's rows are counted and its tables dropped: their autovacuum (tens of thousands of
    // rows) would otherwise run during the next phase, on the same two cores, and count against Accord.
    const ceilingWritten = await withAdminOn(connectionString, async (c) => {
      const { rows } = await c.query<{ tickets: string; events: string }>('SELECT (SELECT count(*) FROM bench_ceiling_tickets) AS tickets, (SELECT count(*) FROM bench_ceiling_events) AS events');
      await c.query('DROP TABLE bench_ceiling_events, bench_ceiling_tickets');
      return rows[0];
    });
    groupsOf = groupCounter();
    const [open, openDisk] = await probed(probeDir, () => openLoopPhase(port, contacts, openRate));
    const openGroupSizes = groupsOf();
    // What a client sees at a load Accord carries: half its own closed-loop rate. Beside the target
    // (half the ceiling), which is past what Accord carries while the ratio is under 0.5.
    const sustainableRate = Math.max(1, Math.round(ours.perSecond / 2));
    groupsOf = groupCounter();
    const [sustainable, sustainableDisk] = await probed(probeDir, () => openLoopPhase(port, contacts, sustainableRate));
    const sustainableGroupSizes = groupsOf();
    await app.close();
    app = null;
    const inProcess = await inProcessPhase(raw, contacts);
    await raw.close();
    db = null;

    // What was written: clocks per ticket, Accord's tickets versus the ceiling's.
    const written = await withAdminOn(connectionString, async (c) => {
      const { rows } = await c.query<{ who: string; tickets: string; events: string; clocks: string }>(
        `SELECT 'accord' AS who, (SELECT count(*) FROM tickets) AS tickets, (SELECT count(*) FROM ticket_events) AS events, (SELECT count(*) FROM sla_clocks) AS clocks`,
      );
      return [...rows, { who: 'ceiling', tickets: ceilingWritten.tickets, events: ceilingWritten.events, clocks: '0' }];
    });

    console.log('');
    console.log(`Accord, POST /api/v1/tickets over HTTP:`);
    console.log(`  ${ours.ok} tickets created (201) in ${SECONDS} s = ${r1(ours.perSecond)} tickets/s; errors: ${ours.errors}${ours.errors ? ` ${JSON.stringify(ours.errorsByStatus)}` : ''}`);
    for (const s of ours.errorSamples) console.log(`    error: ${s}`);
    console.log(`  latency (client side): ${latencyLine(ours)}`);
    console.log(cpuLine(ours.cpu, ours.loadgenCpuPct !== null ? ` (of which load generator thread ${ours.loadgenCpuPct}%)` : ''));
    if (ours.eventLoopUtilization !== null) console.log(`  server event loop utilization: ${r1(ours.eventLoopUtilization * 100)}%`);
    console.log(`  requests per grouped statement (ADR 0013): ${groupSizes}`);
    console.log(diskLine(oursDisk));
    if (PROFILE && profile.stats.size > 0) {
      const perTicket = Math.max(1, ours.ok);
      console.log(`  where a request's time goes on the server (mean ms per ticket, measured window; statements are round trips incl. queueing):`);
      const order = [...profile.stats.entries()].sort((a, b) => b[1].ms - a[1].ms);
      for (const [label, s] of order) {
        console.log(`    ${pad(label, 52)} ${lpad(String(r3(s.ms / perTicket)), 8)} ms   (${s.n} calls, ${r3(s.ms / s.n)} ms each)`);
      }
    }
    console.log('');
    console.log(`Ceiling, raw pg loop, a minimal ticket + event transaction of its own (${CLIENTS} connections):`);
    console.log(`  ${ceiling.ok} transactions committed in ${SECONDS} s = ${r1(ceiling.perSecond)} tickets/s; errors: ${ceiling.errors}${ceiling.errors ? ` ${JSON.stringify(ceiling.errorsByStatus)}` : ''}`);
    for (const s of ceiling.errorSamples) console.log(`    error: ${s}`);
    console.log(`  latency per transaction: ${latencyLine(ceiling)}`);
    console.log(cpuLine(ceiling.cpu, ''));
    console.log(diskLine(ceilingDisk));
    console.log(`Ceiling, open loop at ${openRate} transactions/s (latency from each transaction's scheduled start):`);
    console.log(`  ${ceilingOpen.ok} transactions committed in ${SECONDS} s; errors: ${ceilingOpen.errors}`);
    for (const s of ceilingOpen.errorSamples) console.log(`    error: ${s}`);
    console.log(`  latency: ${latencyLine(ceilingOpen)}`);
    console.log(cpuLine(ceilingOpen.cpu, ''));
    console.log(diskLine(ceilingOpenDisk));
    console.log('');
    console.log(`Accord, open loop at ${openRate} requests/s (latency from each request's scheduled send time):`);
    console.log(`  ${open.ok} tickets created (201) in ${SECONDS} s; errors: ${open.errors}${open.errors ? ` ${JSON.stringify(open.errorsByStatus)}` : ''}`);
    for (const s of open.errorSamples) console.log(`    error: ${s}`);
    console.log(`  latency: ${latencyLine(open)}`);
    openLoopCosts(open, openGroupSizes);
    console.log(diskLine(openDisk));
    console.log(`Accord, open loop at ${sustainableRate} requests/s (half its own closed-loop rate):`);
    console.log(`  ${sustainable.ok} tickets created (201) in ${SECONDS} s; errors: ${sustainable.errors}`);
    console.log(`  latency: ${latencyLine(sustainable)}`);
    openLoopCosts(sustainable, sustainableGroupSizes);
    console.log(diskLine(sustainableDisk));
    console.log(`Accord without HTTP, createTicket in-process (${CLIENTS} concurrent callers, contacts as actors: no token check):`);
    console.log(`  ${inProcess.ok} tickets created in ${SECONDS} s = ${r1(inProcess.perSecond)} tickets/s; errors: ${inProcess.errors}`);
    for (const s of inProcess.errorSamples) console.log(`    error: ${s}`);
    console.log(`  latency: ${latencyLine(inProcess)}`);
    console.log(cpuLine(inProcess.cpu, ''));
    const pgPerTicket = (r: PhaseResult) => (r.cpu && r.ok > 0 ? r3((r.cpu.postgresPct / 100) * r.windowMs / r.ok) : NaN);
    console.log(`  PostgreSQL CPU per ticket: Accord over HTTP ${pgPerTicket(ours)} ms (with the token check), in-process ${pgPerTicket(inProcess)} ms, ceiling ${pgPerTicket(ceiling)} ms`);
    console.log('');
    for (const w of written) {
      const t = Number(w.tickets);
      console.log(`  rows written by ${pad(w.who, 7)}: ${t} tickets, ${w.events} ticket_events, ${w.clocks} sla_clocks (${t ? r2(Number(w.clocks) / t) : 0} clocks per ticket)`);
    }

    const othersPct = (c: CpuReport | null) => (c ? Math.max(0, r1(c.machineBusyPct * c.cores - c.processPct - c.postgresPct)) : 0);
    const noise = [othersPct(ours.cpu), othersPct(ceiling.cpu)];
    if (Math.max(...noise) > 20) {
      console.log(`  WARNING: other processes used ${noise[0]}% / ${noise[1]}% of a core during the Accord / ceiling windows; the machine was not quiet, so the numbers (and the ratio) are noisy.`);
    }
    const ratio = ceiling.perSecond > 0 ? ours.perSecond / ceiling.perSecond : 0;
    const p99 = percentile(ours.latencies, 99);
    const openP99 = percentile(open.latencies, 99);
    const okRatio = ratio >= 0.5;
    const okP99 = openP99 < 50;
    // How close the open loop's rate came to what Accord carried in its closed loop: near 1, any
    // server queues and its tail is the queue's, whatever the disk does (ADR 0015, fourth measurement).
    const openLoopLoad = ours.perSecond > 0 ? openRate / ours.perSecond : NaN;
    console.log('');
    console.log(`Result: ${r1(ours.perSecond)} / ${r1(ceiling.perSecond)} tickets/s = ratio ${r3(ratio)} (target >= 0.5: ${okRatio ? 'met' : 'MISSED'}); closed-loop p99 ${r2(p99)} ms; open-loop p99 at ${openRate}/s ${r2(openP99)} ms (target < 50 ms: ${okP99 ? 'met' : 'MISSED'}; that rate is ${r2(openLoopLoad)} of Accord's closed-loop rate; the ceiling's own open loop at that rate: p99 ${r2(percentile(ceilingOpen.latencies, 99))} ms${openDisk ? `; longest disk flush meanwhile ${openDisk.maxMs} ms` : ''})${ours.errors ? `; ${ours.errors} errors` : ''}`);
    console.log(JSON.stringify({ bench: 'intake', ours_per_s: r1(ours.perSecond), ceiling_per_s: r1(ceiling.perSecond), ratio: r3(ratio), p99_ms: r2(p99), open_loop_rate: openRate, open_loop_p99_ms: r2(openP99), ceiling_open_loop_p99_ms: r2(percentile(ceilingOpen.latencies, 99)), disk_flush_max_ms_open_loop: openDisk?.maxMs ?? null, disk_flushes_over_100_ms_open_loop: openDisk?.over100 ?? null, open_loop_load: r2(openLoopLoad), open_loop_half_ours_rate: sustainableRate, open_loop_half_ours_p99_ms: r2(percentile(sustainable.latencies, 99)), in_process_per_s: r1(inProcess.perSecond), pg_cpu_ms_per_ticket: pgPerTicket(ours), in_process_pg_cpu_ms_per_ticket: pgPerTicket(inProcess) }));
  } finally {
    if (app) await app.close().catch(() => undefined);
    if (db) await db.close().catch(() => undefined);
    if (created) await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)).catch((e: unknown) => console.error(`could not drop ${dbName}: ${String(e)}`));
  }
}


main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
