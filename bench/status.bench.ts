// Status page benchmark (issue 9, item 7), all in one run.
//
//   npm run bench:status                               # 10 s per HTTP phase, 50 connections, 100,000 subscribers
//   BENCH_SECONDS=2 BENCH_SUBSCRIBERS=5000 npm run bench:status   # a smoke run
//
// Environment: BENCH_SECONDS (10), BENCH_CONNECTIONS (50), BENCH_SUBSCRIBERS (100000),
// BENCH_SMTP_POOL (SMTP connections for both delivery phases, 5), BENCH_DATABASE_URL (a
// PostgreSQL database to use, emptied first; default: embedded PGlite in memory).
//
// 1. HTTP: the OpenMethods example policy active with the demo's status page (seedStatus). With
//    autocannon (N connections, keep-alive, for the window) against Accord's buildApp listening
//    on 127.0.0.1: GET /api/v2/summary.json and GET /status; and against the ceiling, a bare
//    Fastify app on the same machine answering a constant JSON body of the same size. Only 2xx
//    count. The load generator shares the cores with the server.
// 2. Fan-out: N confirmed subscribers; one incident posted with notify on; then Accord's own
//    path, timed from the post: the fan-out batches (status/fan-out.ts) queue one outbox row per
//    subscriber, and a stand-in for the email channel reads the outbox in order and sends each
//    row with nodemailer (pooled SMTP) to a local sink (smtp-server that accepts and discards).
//    The ceiling: nodemailer sending N prebuilt messages of the same size straight to the sink.
//
// The last line printed is one JSON object:
//   {"bench":"status","summary_per_s":N,"page_per_s":N,"ceiling_per_s":N,"summary_ratio":N,"p99_ms":N,"fanout_ratio":N}
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { readFileSync } from 'node:fs';
import { buildApp } from '../src/http/index.ts';
import { migrate, openPgliteDb, openPostgresDb, silentLogger, systemClock, type OpenedDb } from '../src/platform/index.ts';
import { activatePolicy } from '../src/policy-versions/index.ts';
import { seedStatus } from '../src/demo/seed-status.ts';
import { createIncident, fanOutPending } from '../src/status/index.ts';

const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const SECONDS = num('BENCH_SECONDS', 10);
const CONNECTIONS = num('BENCH_CONNECTIONS', 50);
const SUBSCRIBERS = num('BENCH_SUBSCRIBERS', 100_000);
const SMTP_POOL = num('BENCH_SMTP_POOL', 5);

async function load(url: string): Promise<{ perSecond: number; p99: number; errors: number }> {
  // In a worker thread: the load generator must not share the server's event loop.
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, pipelining: 1, workers: 1 });
  return { perSecond: r['2xx'] / SECONDS, p99: r.latency.p99, errors: r.non2xx + r.errors };
}

async function openDatabase(): Promise<OpenedDb> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return openPgliteDb();
  const db = openPostgresDb({ connectionString: url, max: 10 });
  await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  return db;
}

async function sink(): Promise<{ port: number; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => { received++; callback(); });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { port, received: () => received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function transport(port: number) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: SMTP_POOL, maxMessages: Infinity });
}

/** Sends `count` messages through a pooled transport, SMTP_POOL * 4 in flight. */
async function sendAll(t: ReturnType<typeof transport>, next: (i: number) => Promise<SendMailOptions | null>): Promise<number> {
  let i = 0;
  let sent = 0;
  const worker = async () => {
    for (;;) {
      const message = await next(i++);
      if (!message) return;
      await t.sendMail(message);
      sent++;
    }
  };
  await Promise.all(Array.from({ length: SMTP_POOL * 4 }, worker));
  return sent;
}

async function main(): Promise<void> {
  const db = await openDatabase();
  const logger = silentLogger();
  await migrate({ db, clock: systemClock });
  const system = { db, clock: systemClock, logger, actor: { kind: 'system' as const } };
  await activatePolicy({ ctx: system, input: { source: readFileSync(new URL('../examples/policies/openmethods.yaml', import.meta.url), 'utf8') } });
  await seedStatus({ ctx: system });

  // 1. HTTP
  const app = await buildApp({ db, clock: systemClock, logger, baseUrl: 'http://127.0.0.1' });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const constant = (await app.inject({ method: 'GET', url: '/api/v2/summary.json' })).body;
  const bare = Fastify();
  bare.get('/', async (_request, reply) => reply.header('content-type', 'application/json').send(constant));
  const ceilingUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  const ceiling = await load(ceilingUrl);
  const summary = await load(`${base}/api/v2/summary.json`);
  const page = await load(`${base}/status`);
  await bare.close();
  console.log(JSON.stringify({ phase: 'http', ceiling, summary, page }));

  // 2. Fan-out
  const smtp = await sink();
  await db.query(
    `INSERT INTO status_subscribers (id, list, email, component_ids, confirmed_at, manage_token, created_at)
     SELECT gen_random_uuid(), 'status', 'bench' || i || '@subscriber.example', NULL, $1, md5(i::text) || md5((i * 7)::text), $1
     FROM generate_series(1, $2::int) AS i`,
    [systemClock.now().subtract({ hours: 1 }), SUBSCRIBERS],
  );
  await db.query('DELETE FROM outbox');
  await db.query('UPDATE status_notifications SET done_at = now() WHERE done_at IS NULL');
  const ours = transport(smtp.port);
  const started = performance.now();
  await createIncident({ ctx: system, input: { name: 'Benchmark incident', body: 'Investigating a benchmark.', components: [{ id: 'chat-routing', status: 'partial_outage' }] } });
  const fanStart = performance.now();
  const queued = await fanOutPending(system, { baseUrl: 'http://127.0.0.1', batchSize: 500 }, Number.MAX_SAFE_INTEGER);
  const fanOutMs = performance.now() - fanStart;
  // The stand-in for the email channel: the outbox in pages (one reader at a time), each row one SMTP message.
  type Row = { id: string; recipient: string; subject: string; body: string; payload: { html: string; headers: Record<string, string> } };
  let rows: Row[] = [];
  let cursor = '';
  let loading: Promise<void> | null = null;
  const nextOurs = async (): Promise<SendMailOptions | null> => {
    while (rows.length === 0) {
      if (!cursor.startsWith('done')) {
        loading ??= db.query<Row>(
          "SELECT id::text AS id, recipient, subject, body, payload FROM outbox WHERE kind = 'status_notice' AND id::text > $1 ORDER BY id::text LIMIT 2000",
          [cursor],
        ).then(({ rows: page }) => {
          rows = page;
          cursor = page.length ? page.at(-1)!.id : 'done';
          loading = null;
        });
        await loading;
      } else return null;
    }
    const m = rows.shift()!;
    return { from: 'status@vendor.example', to: m.recipient, subject: m.subject, text: m.body, html: m.payload.html, headers: m.payload.headers };
  };
  const deliveredOurs = await sendAll(ours, () => nextOurs());
  const oursSeconds = (performance.now() - started) / 1000;
  ours.close();

  const raw = transport(smtp.port);
  const sample = await db.query<any>("SELECT recipient, subject, body, payload FROM outbox WHERE kind = 'status_notice' LIMIT 1");
  const m = sample.rows[0];
  const rawStart = performance.now();
  const deliveredRaw = await sendAll(raw, async (i) =>
    i < SUBSCRIBERS ? { from: 'status@vendor.example', to: `raw${i}@subscriber.example`, subject: m.subject, text: m.body, html: m.payload.html, headers: m.payload.headers } : null);
  const rawSeconds = (performance.now() - rawStart) / 1000;
  raw.close();
  await smtp.close();
  console.log(JSON.stringify({
    phase: 'fanout', subscribers: SUBSCRIBERS, queued, fan_out_ms: Math.round(fanOutMs), delivered: deliveredOurs, ours_s: +oursSeconds.toFixed(2),
    raw_delivered: deliveredRaw, raw_s: +rawSeconds.toFixed(2), sink_received: smtp.received(),
  }));

  await app.close();
  await db.close();
  const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
  console.log(JSON.stringify({
    bench: 'status',
    summary_per_s: round(summary.perSecond),
    page_per_s: round(page.perSecond),
    ceiling_per_s: round(ceiling.perSecond),
    summary_ratio: round(summary.perSecond / ceiling.perSecond, 3),
    p99_ms: summary.p99,
    fanout_ratio: round((deliveredOurs / oursSeconds) / (deliveredRaw / rawSeconds), 3),
  }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
