// accord db export / import: all data moves between databases with identical row counts and
// checksums. On the PostgreSQL pass the demo desk goes PostgreSQL -> PGlite -> PostgreSQL (both
// ways); on the PGlite pass PGlite -> PGlite -> PGlite. The CLI is run once end to end.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportDatabase, importDatabase, type ExportSummary } from '../../src/backup/index.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { ConflictError, InvalidInputError, migrate, openDb, openPgliteDb, silentLogger, systemClock, TestClock, type Db, type OpenedDb } from '../../src/platform/index.ts';
import { activatePolicy } from '../../src/policy-versions/index.ts';
import { createTicket, mergeTicket } from '../../src/tickets/index.ts';
import { examplePolicySource } from '../support/desk.ts';
import { openTestDb, type TestDb } from '../support/test-db.ts';

const root = new URL('../../', import.meta.url).pathname;
const clock = new TestClock('2026-12-02T10:00:00Z');

async function exported(db: Db): Promise<{ lines: string[]; summary: ExportSummary }> {
  const lines: string[] = [];
  const summary = await exportDatabase(db, (l) => void lines.push(l), clock.now());
  return { lines, summary };
}

async function* each(lines: string[]): AsyncIterable<string> {
  yield* lines;
}

async function freshPglite(): Promise<OpenedDb> {
  const db = await openPgliteDb();
  await migrate({ db, clock: systemClock });
  return db;
}

describe('moving all data between databases', () => {
  let source: TestDb;
  let back: TestDb;
  let middle: OpenedDb;
  before(async () => {
    source = await openTestDb();
    const ctx = { db: source.db, clock, logger: silentLogger(), actor: { kind: 'system' as const } };
    await activatePolicy({ ctx, input: { source: examplePolicySource('openback') } });
    // The demo: agents, organizations, contacts, tokens, tickets with events and clocks, articles (with generated search columns), a rotation.
    await seedDemo({ db: source.db, clock, logger: silentLogger() });
    // Merged tickets reference tickets (checked at commit): one merged into an older ticket, one into a newer.
    const { rows: pairs } = await source.db.query<{ id: string; organization_id: string }>(
      "SELECT id, organization_id FROM tickets WHERE status NOT IN ('closed') ORDER BY organization_id, created_at, id",
    );
    const org = pairs.filter((p) => p.organization_id === pairs[0].organization_id);
    assert.ok(org.length >= 4, 'the demo gives an organization four open tickets');
    const agent = { ...ctx, actor: { kind: 'system' as const } };
    await mergeTicket({ ctx: agent, input: { ticketId: org[1].id, intoTicketId: org[0].id } });
    await mergeTicket({ ctx: agent, input: { ticketId: org[2].id, intoTicketId: org[3].id } });
    middle = await freshPglite();
    back = await openTestDb();
  });
  after(async () => {
    await source.close();
    await middle.close();
    await back.close();
  });

  it(`${'goes'} there and back with the same rows and checksums, and ticket numbers continue`, async () => {
    const first = await exported(source.db);
    const counts = Object.fromEntries(Object.entries(first.summary.tables).map(([t, s]) => [t, s.rows]));
    const { rows } = await source.db.query<{ tickets: number; events: number; articles: number }>(
      'SELECT (SELECT count(*)::int FROM tickets) AS tickets, (SELECT count(*)::int FROM ticket_events) AS events, (SELECT count(*)::int FROM kb_articles) AS articles',
    );
    assert.ok(rows[0].tickets > 0 && rows[0].articles > 0);
    assert.deepEqual([counts.tickets, counts.ticket_events, counts.kb_articles], [rows[0].tickets, rows[0].events, rows[0].articles]);
    assert.equal(first.lines.length, 1 + Object.values(counts).reduce((a, n) => a + n + 2, 0), 'header, then per table a start, its rows and an end');

    const there = await importDatabase(middle, each(first.lines));
    assert.deepEqual(there.tables, first.summary.tables);
    const second = await exported(middle);
    assert.deepEqual(second.summary.tables, first.summary.tables);
    const home = await importDatabase(back.db, each(second.lines));
    assert.deepEqual(home.tables, first.summary.tables);

    // The generated search columns were recomputed: search still finds a demo article.
    const { rows: found } = await back.db.query<{ n: number }>("SELECT count(*)::int AS n FROM kb_articles WHERE search @@ websearch_to_tsquery('english', 'password')");
    const { rows: before } = await source.db.query<{ n: number }>("SELECT count(*)::int AS n FROM kb_articles WHERE search @@ websearch_to_tsquery('english', 'password')");
    assert.equal(found[0].n, before[0].n);
    // Identity sequences continue after the imported values.
    const { rows: max } = await back.db.query<{ n: number }>('SELECT max(number)::int AS n FROM tickets');
    const { rows: contact } = await back.db.query<{ id: string; organization_id: string }>('SELECT c.id, c.organization_id FROM contacts c JOIN organizations o ON o.id = c.organization_id ORDER BY c.email LIMIT 1');
    const ticket = await createTicket({
      ctx: { db: back.db, clock, logger: silentLogger(), actor: { kind: 'contact', id: contact[0].id, organizationId: contact[0].organization_id } },
      input: { subject: 'After the move', description: 'Still numbered in order', severity: 3 },
    });
    assert.equal(ticket.number, max[0].n + 1);
    const { rows: merged } = await back.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets WHERE merged_into IS NOT NULL');
    assert.equal(merged[0].n, 2);
  });

  it('refuses a database that is not empty, and a file that is not an export', async () => {
    const { lines } = await exported(source.db);
    await assert.rejects(importDatabase(source.db, each(lines)), (e: unknown) => e instanceof ConflictError && /not empty/.test(e.message));
    const empty = await freshPglite();
    try {
      await assert.rejects(importDatabase(empty, each(['{"hello": 1}'])), (e: unknown) => e instanceof InvalidInputError && e.details[0].path === 'file');
      await assert.rejects(importDatabase(empty, each(lines.slice(0, 3))), /the file ends inside table/);
    } finally {
      await empty.close();
    }
  });
});

it('accord db export and accord db import move a data directory, and say so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'accord-db-'));
  try {
    const from = join(dir, 'from');
    const to = join(dir, 'to');
    let db = await openDb({ dataDir: join(from, 'pglite') });
    await migrate({ db, clock: systemClock });
    await db.query("INSERT INTO agents (id, email, name, role, created_at) VALUES (gen_random_uuid(), 'ops@vendor.example', 'Ops', 'admin', now())");
    await db.close();
    const file = join(dir, 'accord.jsonl');
    const run = (dataDir: string, ...args: string[]) =>
      spawnSync(process.execPath, ['bin/accord.js', 'db', ...args], { cwd: root, env: { ...process.env, ACCORD_DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8' });
    const out = run(from, 'export', '--out', file);
    assert.equal(out.status, 0, out.stderr);
    assert.match(out.stderr, /^agents +1 +[0-9a-f]{32}$/m);
    assert.equal(JSON.parse(readFileSync(file, 'utf8').split('\n')[0]).format, 'accord-export');
    const inn = run(to, 'import', '--in', file);
    assert.equal(inn.status, 0, inn.stderr);
    assert.match(inn.stderr, /row counts and checksums match the export/);
    const again = run(to, 'import', '--in', file);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /not empty/);
    assert.doesNotMatch(again.stderr, /\n\s+at /);
    const usage = run(to, 'import');
    assert.equal(usage.status, 2);
    db = await openDb({ dataDir: join(to, 'pglite') });
    const { rows } = await db.query<{ email: string }>('SELECT email FROM agents');
    await db.close();
    assert.deepEqual(rows, [{ email: 'ops@vendor.example' }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
