// The timeline's reads that are not by ticket go through indexes of their own (EXPLAIN, on PGlite
// and PostgreSQL): the live pages' "events after seq N" and "latest seq" through ticket_events_seq;
// the counts of warnings, breaches and unwarranted escalations through a partial index that holds
// those rare types only, so the events every new ticket writes are not indexed by type. And the
// outbox as /metrics counts it: waiting, failing and given up, each from its status.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DESK_SQL } from '../../src/http/metrics.ts';
import { UNWARRANTED_SINCE_SQL } from '../../src/tickets/mark-escalation-unwarranted.ts';
import { CHANGES_AFTER_SQL, LATEST_SEQ_SQL, POLL_SQL } from '../../src/web/pages/live-pages.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('indexes of the timeline and the outbox', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback');
  });
  after(() => desk.close());

  // With sequential scans off the planner takes an index whenever one can answer the query, so
  // the plan says which index does, however few rows the test wrote.
  async function plan(sql: string, params: unknown[]): Promise<string> {
    return desk.t.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const { rows } = await tx.query<Record<string, string>>(`EXPLAIN ${sql}`, params);
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
  }

  it('the live pages read the timeline by its global order', async () => {
    assert.match(await plan(CHANGES_AFTER_SQL, ['0', null]), /ticket_events_seq/);
    assert.match(await plan(LATEST_SEQ_SQL, []), /ticket_events_seq/);
    // A ticket page's poll reads who else is there in the same statement, by the marks' key.
    const at = Temporal.Instant.from('2026-12-02T10:00:00Z');
    const poll = await plan(POLL_SQL, ['0', null, randomUUID(), at, randomUUID(), at, null]);
    assert.match(poll, /ticket_events_seq/);
    assert.match(poll, /ticket_presence_pkey/);
    // And which customers are on a chat page now, by the time of their last heartbeat.
    assert.match(poll, /chat_presence_seen/);
  });

  it('warnings, breaches and unwarranted escalations are counted through the partial index of those types', async () => {
    assert.match(await plan(UNWARRANTED_SINCE_SQL, [randomUUID(), Temporal.Instant.from('2026-09-01T00:00:00Z')]), /ticket_events_counted_type_at/);
    const desk = await plan(DESK_SQL, []);
    assert.equal([...desk.matchAll(/ticket_events_counted_type_at/g)].length, 2, desk);
  });

  it('the index by type holds those three types only', async () => {
    const { rows: [{ index }] } = await desk.t.db.query<{ index: string }>("SELECT pg_get_indexdef('ticket_events_counted_type_at'::regclass) AS index");
    assert.match(index, /\(type, at\) WHERE \(type = ANY \(ARRAY\['sla_warning'::text, 'sla_breach'::text, 'escalation_unwarranted'::text\]\)\)$/);
    const { rows } = await desk.t.db.query("SELECT 1 FROM pg_indexes WHERE indexname = 'ticket_events_type_at'");
    assert.equal(rows.length, 0, 'the index of every event by type is gone');
  });

  it('/metrics counts the outbox by status: waiting (retries included), failing now, given up', async () => {
    type Counts = { outbox_depth: number; email_failing: number; email_failed: number };
    const before = (await desk.t.db.query<Counts>(DESK_SQL)).rows[0];
    const row = (status: string, lastError: string | null, sentAt: Temporal.Instant | null) => desk.t.db.query(
      `INSERT INTO outbox (id, kind, recipient, subject, body, created_at, sent_at, last_error, status, attempts)
       VALUES ($1, 'ticket_received', 'a@customer.example', 's', 'b', $2, $3, $4, $5, $6)`,
      [randomUUID(), desk.clock.now(), sentAt, lastError, status, lastError ? 2 : 0],
    );
    await row('pending', null, null); // waiting, never tried
    await row('pending', 'connect ECONNREFUSED', null); // waiting for its retry
    await row('failed', '550 no such user', null); // given up
    await row('suppressed', null, null); // not sent on purpose (the automatic-reply limit)
    await row('sent', null, desk.clock.now());
    const after = (await desk.t.db.query<Counts>(DESK_SQL)).rows[0];
    assert.deepEqual(
      { depth: after.outbox_depth - before.outbox_depth, failing: after.email_failing - before.email_failing, failed: after.email_failed - before.email_failed },
      { depth: 2, failing: 1, failed: 1 },
    );
  });
});
