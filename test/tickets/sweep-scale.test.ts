// The sweep at scale: what a clock owes is one set of SQL arms (src/tickets/owed.ts), each read
// through its own partial index (EXPLAIN, on PGlite and PostgreSQL); a burst of due clocks fires
// through pg-boss with one job per clock and each signal exactly once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSlaFireQueue, registerSlaFireJob, SLA_FIRE } from '../../src/jobs/sla-fire-job.ts';
import { handleSlaSweep } from '../../src/jobs/sla-sweep-job.ts';
import { startJobs, stopJobs, type PgBoss } from '../../src/platform/jobs.ts';
import { silentLogger } from '../../src/platform/index.ts';
import { findDueClocks, fireClockSignals } from '../../src/tickets/index.ts';
import { DUE_CLOCKS_SQL, OWED_ARMS } from '../../src/tickets/owed.ts';
import { insertBulkClocks } from '../support/bulk-clocks.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { within } from '../support/within.ts';

const at = (s: string) => Temporal.Instant.from(s);

async function planOf(desk: Desk, now: Temporal.Instant, seqscan: boolean): Promise<string> {
  return desk.t.db.transaction(async (tx) => {
    if (!seqscan) await tx.query('SET LOCAL enable_seqscan = off');
    // $3, the breach cut-off, is now when no mail waits to be processed (owed.ts breachCutoff).
    const { rows } = await tx.query<Record<string, string>>(`EXPLAIN ${DUE_CLOCKS_SQL}`, [now, 100, now]);
    return rows.map((r) => Object.values(r)[0]).join('\n');
  });
}

describe('the due-clock query reads its partial indexes', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback');
    const org = await desk.addOrganization('growth');
    const base = { organizationId: org.id, requesterId: org.contactId, policyVersion: 1, planId: 'growth', severity: 3, openedAt: at('2026-12-01T09:00:00Z') };
    // 20,000 clocks that owe nothing (met in time, not yet due, or already breached), 10 that owe a breach.
    await insertBulkClocks(desk.t.db, { ...base, count: 8_000, dueAt: at('2026-12-20T09:00:00Z') });
    await insertBulkClocks(desk.t.db, { ...base, count: 6_000, dueAt: at('2026-12-01T12:00:00Z'), metAt: at('2026-12-01T10:00:00Z'), state: 'met' });
    await insertBulkClocks(desk.t.db, { ...base, count: 6_000, dueAt: at('2026-12-01T12:00:00Z'), breachedAt: at('2026-12-01T12:00:00Z') });
    await insertBulkClocks(desk.t.db, { ...base, count: 10, dueAt: at('2026-12-01T12:00:00Z') });
    await desk.t.db.query('ANALYZE sla_clocks');
  });
  after(() => desk.close());

  it('finds exactly the owed clocks', async () => {
    assert.equal((await findDueClocks(desk.t.db, at('2026-12-02T10:00:00Z'))).length, 10);
    assert.equal((await findDueClocks(desk.t.db, at('2026-12-01T11:59:59Z'))).length, 0);
  });

  for (const seqscan of [true, false]) {
    it(`uses every arm's index and never scans the table (enable_seqscan ${seqscan ? 'on, after ANALYZE' : 'off'})`, async () => {
      const plan = await planOf(desk, at('2026-12-02T10:00:00Z'), seqscan);
      assert.doesNotMatch(plan, /Seq Scan/, plan);
      for (const arm of OWED_ARMS) assert.match(plan, new RegExp(`Index Scan using ${arm.index} on sla_clocks`), `${arm.index}\n${plan}`);
    });
  }
});

describe('what a clock owes, fired once', () => {
  let desk: Desk;
  let base: Parameters<typeof insertBulkClocks>[1];
  before(async () => {
    desk = await openDesk('openback', '2026-12-01T09:00:00Z');
    const org = await desk.addOrganization('growth');
    base = { count: 1, organizationId: org.id, requesterId: org.contactId, policyVersion: 1, planId: 'growth', severity: 3, openedAt: at('2026-12-01T09:00:00Z'), goalAt: at('2026-12-01T10:00:00Z'), dueAt: at('2026-12-01T12:00:00Z') };
  });
  after(() => desk.close());

  const fireAt = async (now: string, marks: Partial<Parameters<typeof insertBulkClocks>[1]>) => {
    await desk.t.db.query('DELETE FROM sla_clocks');
    await insertBulkClocks(desk.t.db, { ...base, ...marks });
    desk.clock.set(now);
    const ids = await findDueClocks(desk.t.db, at(now));
    const fired = [];
    for (const clockId of ids) fired.push(...(await fireClockSignals({ ctx: desk.system, input: { clockId } })));
    return fired;
  };

  it('warns at the goal and breaches at the due time, each once', async () => {
    assert.deepEqual(await fireAt('2026-12-01T09:59:00Z', {}), []);
    assert.deepEqual(await fireAt('2026-12-01T10:00:00Z', {}), ['warning']);
    assert.deepEqual(await fireAt('2026-12-01T13:00:00Z', {}), ['warning', 'breach']);
    assert.deepEqual(await fireAt('2026-12-01T13:00:00Z', { warnedAt: at('2026-12-01T10:00:00Z') }), ['breach']);
    assert.deepEqual(await fireAt('2026-12-01T13:00:00Z', { warnedAt: at('2026-12-01T10:00:00Z'), breachedAt: at('2026-12-01T12:00:00Z') }), []);
  });

  it('owes nothing for a clock met in time, and what it missed for one met late', async () => {
    assert.deepEqual(await fireAt('2026-12-01T18:00:00Z', { metAt: at('2026-12-01T09:30:00Z'), state: 'met' }), []);
    assert.deepEqual(await fireAt('2026-12-01T18:00:00Z', { metAt: at('2026-12-01T11:00:00Z'), state: 'met' }), ['warning']);
    assert.deepEqual(await fireAt('2026-12-01T18:00:00Z', { metAt: at('2026-12-01T15:00:00Z'), state: 'met' }), ['warning', 'breach']);
  });

  it('owes nothing for a cancelled clock', async () => {
    assert.deepEqual(await fireAt('2026-12-01T18:00:00Z', { state: 'cancelled' }), []);
  });

  it('a second firing of the same clock does nothing', async () => {
    await fireAt('2026-12-01T13:00:00Z', {});
    const { rows } = await desk.t.db.query<{ id: string }>('SELECT id FROM sla_clocks');
    assert.deepEqual(await fireClockSignals({ ctx: desk.system, input: { clockId: rows[0].id } }), []);
  });
});

describe('a burst of clocks due at once', () => {
  const BURST = 300;
  let desk: Desk;
  let boss: PgBoss;
  before(async () => {
    desk = await openDesk('openback', '2026-12-07T08:00:00Z');
    const org = await desk.addOrganization('growth');
    await insertBulkClocks(desk.t.db, { count: BURST, organizationId: org.id, requesterId: org.contactId, policyVersion: 1, planId: 'growth', severity: 3, openedAt: at('2026-12-04T09:00:00Z'), dueAt: at('2026-12-07T09:00:00Z') });
    boss = await startJobs({ db: desk.t.db, logger: silentLogger(), supervise: false, schedule: false });
  });
  after(async () => {
    await stopJobs(boss, 5_000);
    await desk.close();
  });

  it('queues one fire job per clock however often it is swept, and fires each breach once', async () => {
    desk.clock.set('2026-12-07T09:00:00Z'); // Monday 09:00: all due at once
    await createSlaFireQueue(boss);
    const deps = { db: desk.t.db, clock: desk.clock, logger: silentLogger(), boss, imapMailbox: null };
    // Three sweeps before any worker runs: the queue policy refuses the second and third copies.
    const passes = [await handleSlaSweep(deps), await handleSlaSweep(deps), await handleSlaSweep(deps)];
    assert.deepEqual(passes.map((p) => [p.due, p.queued]), [[BURST, BURST], [BURST, 0], [BURST, 0]]);

    await registerSlaFireJob({ db: desk.t.db, clock: desk.clock, logger: silentLogger(), boss, imapMailbox: null });
    const breaches = async () => Number((await desk.t.db.query<{ n: number }>("SELECT count(*) AS n FROM ticket_events WHERE type = 'sla_breach'")).rows[0].n);
    // (No sweep while the jobs run: a sweep that reads a clock just before its job completes may
    // queue one more job, which finds nothing owed; ADR 0011. The effects below are what must be once.)
    await within((async () => {
      while ((await breaches()) < BURST) await new Promise((r) => setTimeout(r, 200));
    })(), 120_000, 'the burst to fire');

    const { rows: perTicket } = await desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM ticket_events WHERE type = 'sla_breach' GROUP BY ticket_id");
    assert.equal(perTicket.length, BURST);
    assert.ok(perTicket.every((r) => r.n === 1), 'one breach event per ticket');
    // One e-mail per clock to each of the desk's two managers and admins.
    const { rows: mail } = await desk.t.db.query<{ n: number; distinct_keys: number }>("SELECT count(*)::int AS n, count(DISTINCT dedupe_key)::int AS distinct_keys FROM outbox WHERE kind = 'sla_breach'");
    assert.deepEqual(mail[0], { n: BURST * 2, distinct_keys: BURST * 2 });
    const { rows: jobs } = await desk.t.db.query<{ n: number; keys: number }>(`SELECT count(*)::int AS n, count(DISTINCT singleton_key)::int AS keys FROM pgboss.job WHERE name = '${SLA_FIRE}'`);
    assert.deepEqual(jobs[0], { n: BURST, keys: BURST });
    assert.equal((await handleSlaSweep(deps)).due, 0);
  });
});
