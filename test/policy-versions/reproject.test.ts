// Re-projection as a job (ADR 0011): activation stores the version and the count to move; batches
// move open tickets, each claimed by a conditional update on its version, so a stop half-way
// resumes, two workers never move the same ticket, and progress is visible meanwhile.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { handlePolicyReproject } from '../../src/jobs/policy-reproject-job.ts';
import { silentLogger } from '../../src/platform/index.ts';
import { activatePolicy, reprojectionProgress } from '../../src/policy-versions/index.ts';
import { reprojectBatch } from '../../src/tickets/index.ts';
import { insertBulkClocks } from '../support/bulk-clocks.ts';
import { testBackend } from '../support/test-db.ts';
import { holdTransaction } from '../../src/platform/db.ts';
import { examplePolicySource, openDesk, type Desk } from '../support/desk.ts';

const at = (s: string) => Temporal.Instant.from(s);
const OPEN = 120;

describe('re-projecting open tickets onto a new policy version', () => {
  let desk: Desk;
  const source = examplePolicySource('openback');
  before(async () => {
    desk = await openDesk('openback', '2026-12-02T10:00:00Z');
    const org = await desk.addOrganization('growth');
    const base = { organizationId: org.id, requesterId: org.contactId, policyVersion: 1, planId: 'growth', severity: 3, openedAt: at('2026-12-02T09:00:00Z'), dueAt: at('2026-12-20T09:00:00Z') };
    await insertBulkClocks(desk.t.db, { ...base, count: OPEN });
    await insertBulkClocks(desk.t.db, { ...base, count: 5 });
    await desk.t.db.query("UPDATE tickets SET status = 'closed' WHERE id IN (SELECT id FROM tickets ORDER BY id LIMIT 5)");
  });
  after(() => desk.close());

  const deps = () => ({ db: desk.t.db, clock: desk.clock, logger: silentLogger() });
  const moves = async () => (await desk.t.db.query<{ ticket_id: string; n: number }>("SELECT ticket_id, count(*)::int AS n FROM ticket_events WHERE type = 'policy_changed' GROUP BY ticket_id")).rows;

  it('activation moves nothing itself; it says how many open tickets the job will move', async () => {
    const res = await activatePolicy({ ctx: desk.system, input: { source: `${source}\n# v2\n` } });
    assert.deepEqual(res, { version: 2, reprojecting: { done: 0, total: OPEN } });
    assert.deepEqual(await moves(), []);
    assert.deepEqual(await reprojectionProgress(desk.t.db), { done: 0, total: OPEN });
  });

  it('a batch moves 50, and a run stopped there resumes with the rest', async () => {
    const first = await reprojectBatch({ ctx: desk.system });
    const { rows: fifty } = await desk.t.db.query<{ id: string }>("SELECT id FROM tickets WHERE status <> 'closed' ORDER BY id LIMIT 50");
    assert.deepEqual(first, { version: 2, moved: 50, left: true, after: { version: 1, id: fifty[49].id } }, 'the pass reads on after the 50th ticket in id order');
    assert.deepEqual(await reprojectionProgress(desk.t.db), { done: 50, total: OPEN });
    // The process stops here; the next run finds the 70 still on version 1.
    assert.equal(await handlePolicyReproject(deps()), 70);
    assert.equal(await reprojectionProgress(desk.t.db), null);
    const moved = await moves();
    assert.equal(moved.length, OPEN);
    assert.ok(moved.every((m) => m.n === 1), 'each ticket moved once');
    const { rows } = await desk.t.db.query<{ version: number; n: number }>('SELECT policy_version AS version, count(*)::int AS n FROM tickets GROUP BY policy_version ORDER BY 1');
    assert.deepEqual(rows, [{ version: 1, n: 5 }, { version: 2, n: OPEN }], 'closed tickets keep the version they closed on');
    const { rows: done } = await desk.t.db.query<{ version: number; finished: boolean }>('SELECT version, reprojected_at IS NOT NULL AS finished FROM policy_versions ORDER BY version');
    assert.deepEqual(done, [{ version: 1, finished: true }, { version: 2, finished: true }]);
  });

  it('two workers at once move every ticket exactly once', async () => {
    await activatePolicy({ ctx: desk.system, input: { source: `${source}\n# v3\n` } });
    const [a, b] = await Promise.all([handlePolicyReproject(deps()), handlePolicyReproject(deps())]);
    assert.equal(a + b, OPEN);
    const { rows } = await desk.t.db.query<{ n: number; tickets: number }>(
      "SELECT count(*)::int AS n, count(DISTINCT ticket_id)::int AS tickets FROM ticket_events WHERE type = 'policy_changed' AND data->>'to' = '3'",
    );
    assert.deepEqual(rows[0], { n: OPEN, tickets: OPEN });
    assert.equal(await reprojectionProgress(desk.t.db), null);
  });

  // PGlite runs one transaction at a time: there nothing else can hold a ticket while the job runs.
  it('skips a ticket another transaction holds, without waiting, and moves it once it is free', { skip: testBackend === 'postgres' ? false : 'PGlite has one connection: no other transaction can hold a ticket' }, async () => {
    await activatePolicy({ ctx: desk.system, input: { source: `${source}\n# v4\n` } });
    const held = await holdTransaction(desk.t.db);
    try {
      const { rows } = await held.tx.query<{ id: string }>("SELECT id FROM tickets WHERE status <> 'closed' ORDER BY id DESC LIMIT 1 FOR UPDATE");
      assert.equal(await handlePolicyReproject(deps()), OPEN - 1);
      assert.deepEqual(await reprojectionProgress(desk.t.db), { done: OPEN - 1, total: OPEN }, 'not finished while one ticket waits');
      const { rows: left } = await desk.t.db.query<{ id: string }>("SELECT id FROM tickets WHERE status <> 'closed' AND policy_version < 4");
      assert.deepEqual(left, rows);
    } finally {
      await held.commit();
    }
    assert.equal(await handlePolicyReproject(deps()), 1);
    assert.equal(await reprojectionProgress(desk.t.db), null);
  });

  it('keeps the arrows pointing down: policy-versions/ imports nothing from tickets/', () => {
    const dir = new URL('../../src/policy-versions/', import.meta.url);
    for (const file of readdirSync(dir)) assert.doesNotMatch(readFileSync(new URL(file, dir), 'utf8'), /from '\.\.\/tickets\//, file);
  });
});
