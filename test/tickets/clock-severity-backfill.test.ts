// Migration 0073: a clock breached before migration 0072 has no stored severity, and the reports
// counted its breach under the ticket's severity now, wrong after a regrade. The severity a breach
// belongs to is the one the ticket had when the sweep recorded it (its sla_breach entry), which the
// regrades on the timeline give exactly. OpenBack Enterprise (seed: "Initial Response Time"
// Severity 1 within 1 hour, 24x7; Severity 3 "6 - 12 business hours", Mon-Fri 09:00-18:00 GMT).
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addReply, createTicket, slaAttainment, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

const MIGRATION = new URL('../../migrations/0073_clock_severity_backfill.sql', import.meta.url);

describe('0073: the severity of a breach recorded before 0072, from the regrades', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback', '2026-12-02T10:00:00Z');
  });
  after(() => desk.close());

  const open = async (at: string, severity: number) => {
    desk.clock.set(at);
    const org = await desk.addOrganization('enterprise');
    return createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'All keys fail', description: 'Nobody can enter', severity } });
  };
  const regrade = async (ticketId: string, at: string, severity: number) => {
    desk.clock.set(at);
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId, severity, reason: 'Reassessed' } });
  };
  const sweepAt = async (at: string) => {
    desk.clock.set(at);
    return (await sweepSlaClocks({ ctx: desk.system })).breaches;
  };
  /** The first response in the reports of the day from `from`: [severity, met, breached]. */
  const reported = async (from: string) => (await slaAttainment({ ctx: desk.ctx(desk.manager), input: { from, to: Temporal.Instant.from(from).add({ hours: 1 }).toString(), period: 'day' } }))
    .filter((a) => a.metric === 'first_response').map((a) => [a.severity, a.met, a.breached]);

  it('breached at Severity 1, then regraded to 3 (or raised to 1, breached, lowered again): counted at Severity 1', async () => {
    // Wed 2 Dec 10:00, Severity 1: due 11:00; breached at the 11:05 sweep; regraded to 3 at 11:30.
    const a = await open('2026-12-02T10:00:00Z', 1);
    assert.equal(await sweepAt('2026-12-02T11:05:00Z'), 1);
    await regrade(a.id, '2026-12-02T11:30:00Z', 3);
    // Thu 3 Dec 10:00, Severity 3; raised to 1 at 10:30: owed from the raise, due 11:30 (regrade-start.ts);
    // breached at the 11:35 sweep; lowered to 3 at 12:00.
    const b = await open('2026-12-03T10:00:00Z', 3);
    await regrade(b.id, '2026-12-03T10:30:00Z', 1);
    assert.equal(await sweepAt('2026-12-03T11:35:00Z'), 1);
    await regrade(b.id, '2026-12-03T12:00:00Z', 3);
    assert.deepEqual([await reported('2026-12-02T10:00:00Z'), await reported('2026-12-03T10:00:00Z')], [[[1, 0, 1]], [[1, 0, 1]]]);

    // As before 0072: no severity stored; the reports fall back to the ticket's, Severity 3.
    await desk.t.db.query('UPDATE sla_clocks SET severity = NULL WHERE ticket_id = ANY($1::uuid[])', [[a.id, b.id]]);
    assert.deepEqual([await reported('2026-12-02T10:00:00Z'), await reported('2026-12-03T10:00:00Z')], [[[3, 0, 1]], [[3, 0, 1]]]);

    await desk.t.db.exec(await readFile(MIGRATION, 'utf8'));
    assert.deepEqual([await reported('2026-12-02T10:00:00Z'), await reported('2026-12-03T10:00:00Z')], [[[1, 0, 1]], [[1, 0, 1]]]);
  });

  it('a clock never breached is left without one: owed under the ticket\'s severity now, as the reports read it', async () => {
    // Fri 4 Dec 10:00, Severity 1, answered 10:30 (in time), regraded to 3 at 11:00: a met clock is
    // re-projected under Severity 3 (recompute-clocks.ts), so 3 is what 0072 would have stored.
    const c = await open('2026-12-04T10:00:00Z', 1);
    desk.clock.set('2026-12-04T10:30:00Z');
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: c.id, body: 'Looking now.' } });
    await regrade(c.id, '2026-12-04T11:00:00Z', 3);
    await desk.t.db.query('UPDATE sla_clocks SET severity = NULL WHERE ticket_id = $1', [c.id]);
    await desk.t.db.exec(await readFile(MIGRATION, 'utf8'));
    const { rows } = await desk.t.db.query<{ severity: number | null }>("SELECT severity FROM sla_clocks WHERE ticket_id = $1 AND metric = 'first_response'", [c.id]);
    assert.deepEqual(rows, [{ severity: null }]);
    assert.deepEqual(await reported('2026-12-04T10:00:00Z'), [[3, 1, 0]]);
  });
});
