// Erasing tickets' words reads every table by an index (privacy/erase-words.ts): the retention
// schedule erases a batch of tickets at a time, and a batch must not scan the timeline, the
// outbox or the mail for each. EXPLAIN ANALYZE with sequential scans off (so the planner takes an
// index whenever one can answer), rolled back: a scan of a big table may appear only where it
// never runs, in the arms kept for a person's erasure (gated on their parameter).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ERASE_WORDS_SQL } from '../../src/privacy/erase-words.ts';
import { DISMISSED_REQUESTS_SQL } from '../../src/privacy/retention.ts';
import { createTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

const BIG = /Seq Scan on (ticket_events|outbox|inbound_messages|held_requests|ticket_files|webhook_deliveries|ticket_ratings|ticket_reminders|ticket_time_entries|ticket_time_corrections)\b/;

describe("erasing tickets' words reads by index", () => {
  let desk: Desk;
  let ticketIds: string[];
  before(async () => {
    desk = await openDesk('openback');
    const org = await desk.addOrganization('enterprise');
    ticketIds = [(await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Plans', description: 'x', severity: 3 } })).id];
  });
  after(() => desk.close());

  async function executedScans(sql: string, params: unknown[]): Promise<string[]> {
    let plan: string[] = [];
    await desk.t.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const { rows } = await tx.query<Record<string, string>>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${sql}`, params);
      plan = rows.map((r) => Object.values(r)[0]);
      throw new Error('roll back');
    }).catch((e: Error) => { if (e.message !== 'roll back') throw e; });
    assert.ok(plan.length > 0);
    return plan.filter((line) => BIG.test(line) && !/never executed/.test(line));
  }

  it('a batch of the retention schedule (no person): no table is scanned', async () => {
    const now = desk.clock.now();
    const Q = ERASE_WORDS_SQL;
    const cases: Array<[string, string, unknown[]]> = [
      ['files', Q.files, [ticketIds, null]],
      ['events', Q.events, [ticketIds, null, '[erased]', ['subject']]],
      ['ratings', Q.ratings, [ticketIds, null]],
      ['reminders', Q.reminders, [ticketIds]],
      ['time notes', Q.timeNotes, [ticketIds]],
      ['time corrections', Q.timeCorrectionNotes, [ticketIds]],
      ['held', Q.held, [ticketIds, null, null]],
      ['inbound', Q.inbound, [ticketIds, null, null]],
      ['outbox', Q.outbox, [ticketIds, null, '[erased]', null, null]],
      ['webhooks', Q.webhooks, [ticketIds, now, now, null]],
      ['dismissed requests', DISMISSED_REQUESTS_SQL.held, [now]],
      ['mail about dismissed requests', DISMISSED_REQUESTS_SQL.outbox, [[randomUUID()], '[erased]']],
      ['mail held requests came as', Q.heldInbound, [[randomUUID()]]],
    ];
    for (const [name, sql, params] of cases) assert.deepEqual(await executedScans(sql, params), [], name);
  });
});
