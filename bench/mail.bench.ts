// Outbound mail benchmark (issue 8).
//
//   npm run bench:mail                       # 2000 messages per phase
//   BENCH_MESSAGES=300 npm run bench:mail    # a smoke run
//
// A local SMTP sink (smtp-server on 127.0.0.1, accepting and discarding) receives, in turn:
// 1. Accord: BENCH_MESSAGES rows queued in the outbox (embedded PGlite, or PostgreSQL with
//    DATABASE_URL: a database of that server, migrated here), delivered by deliverDueMail with the
//    production sender (nodemailer, pooled): claim in batches, compose with threading headers and
//    the HTML template, send, record each outcome. Timed from the first claim to the last record.
// Both phases run after a warm-up of 200 raw sends (not measured).
// 2. Ceiling: the same number of messages (the same text, HTML and headers, composed once) sent
//    by a raw pooled nodemailer transport to the same sink, as many at a time as Accord sends: no
//    database, no claim, no record.
// The last line printed is one JSON object:
//   {"bench":"mail","ours_per_s":N,"ceiling_per_s":N,"ratio":N}
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { composeMail, deliverDueMail, emailSettingsFor, smtpSender, type OutboxRow } from '../src/email/index.ts';
import { migrate, openDb, silentLogger, TestClock } from '../src/platform/index.ts';

const N = Number(process.env.BENCH_MESSAGES ?? 2000);
const CONCURRENCY = 8;
const settings = emailSettingsFor('support@bench.example', 'Bench');

async function startSink(): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        count++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `smtp://127.0.0.1:${port}`, received: () => count, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const body = 'We received your request "Keys fail" and opened ticket #42 (severity 2).\n\nReply to this message to add to ticket #42; keep [#42] in the subject.';

async function ours(url: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-mail-'));
  const db = await openDb({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: join(dir, 'pglite') });
  const clock = new TestClock('2026-12-02T10:00:00Z');
  try {
    await migrate({ db, clock });
    await db.query("DELETE FROM outbox WHERE payload->>'bench' = 'mail'");
    for (let i = 0; i < N; i += 500) {
      const params: unknown[] = [];
      const tuples: string[] = [];
      for (let j = i; j < Math.min(N, i + 500); j++) {
        params.push(randomUUID(), `customer${j % 50}@bench.example`, `[#${j}] Keys fail`, body, JSON.stringify({ bench: 'mail', ticket_number: j }), clock.now());
        const b = params.length - 6;
        tuples.push(`($${b + 1}, 'sla_warning', $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}::jsonb, $${b + 6})`);
      }
      await db.query(`INSERT INTO outbox (id, kind, recipient, subject, body, payload, created_at) VALUES ${tuples.join(', ')}`, params);
    }
    const sender = smtpSender(url, { maxConnections: 4 });
    const started = performance.now();
    const run = await deliverDueMail({ ctx: { db, clock, logger: silentLogger(), actor: { kind: 'system' } }, settings: { email: settings, sender } });
    const seconds = (performance.now() - started) / 1000;
    sender.close();
    if (run.sent !== N) throw new Error(`sent ${run.sent} of ${N}: ${JSON.stringify(run)}`);
    await db.query("DELETE FROM outbox WHERE payload->>'bench' = 'mail'");
    return N / seconds;
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function ceiling(url: string, n = N): Promise<number> {
  const transport = nodemailer.createTransport({ url, pool: true, maxConnections: 4, maxMessages: 1000 });
  const row: OutboxRow = { id: randomUUID(), kind: 'sla_warning', recipient: 'customer@bench.example', subject: '[#1] Keys fail', body, payload: {}, created_at: Temporal.Instant.from('2026-12-02T10:00:00Z'), attempts: 1 };
  const mail = composeMail(row, settings, null);
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < n) {
      next++;
      await transport.sendMail({ ...mail, envelope: { from: mail.from.address, to: [mail.to] } });
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return n / seconds;
}

const sink = await startSink();
try {
  // Warm-up, not measured: nodemailer's code paths compiled and the sink's sockets opened once.
  await ceiling(sink.url, 200);
  const oursPerS = await ours(sink.url);
  const ceilingPerS = await ceiling(sink.url);
  console.log(JSON.stringify({ phase: 'ours', messages: N, per_s: Math.round(oursPerS) }));
  console.log(JSON.stringify({ phase: 'ceiling', messages: N, per_s: Math.round(ceilingPerS) }));
  console.log(JSON.stringify({ bench: 'mail', ours_per_s: Math.round(oursPerS), ceiling_per_s: Math.round(ceilingPerS), ratio: Number((oursPerS / ceilingPerS).toFixed(2)) }));
} finally {
  await sink.close();
}
