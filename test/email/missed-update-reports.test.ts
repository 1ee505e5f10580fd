// The managers' reports do not count an update cycle missed when the agent's mailed update reached
// the desk before the cycle's due time and was read only after the sweep recorded the miss (the
// hold for unread mail passed its cap, owed.ts BREACH_HOLD_MINUTES, 15): the update was given in
// time. The breach announced stays on the timeline, once; only the counting changes.
//
// OpenMethods' System Outage: "Communication cadence: status update once every 60 minutes" (24/7).
// By hand: opened 14:00 Wednesday 2 December 2026, assigned to agent@ at 14:05, answered on the desk
// at 14:10: an update due 15:10. The agent's mailed update reaches the desk at 15:05; the sweep at
// 15:26 (15:10 + 15 minutes passed) records the 15:10 update missed; the mail is read at 15:30: the
// cycle runs from 15:05, the next update due 16:05. At 15:31 the cadence is running, nothing missed:
// open in the reports, not breached. Nobody updates by 16:05: the sweep at 16:06 records that miss,
// and the reports count the cadence breached, once; the next, due 17:05, missed too: still once, listed
// at 16:05. An update received at 15:12, after the 15:10 due
// time, the miss recorded at 15:13, read at 15:30: that update was late, the 15:10 one missed. The
// breach export lists each cadence due at the update missed (16:05, then 15:10), not at the cycle
// running now (16:05 + 60 min = 17:05; an hour after the late update).
//
// Major Impairment's cadence is "when material updates or progress is made" (no clock): a System
// Outage regraded to it ends its cadence (tickets/ended-clocks.ts), and the ended cadence keeps the
// last update missed that counts, by the same rule. The response, met 14:10, is then counted under the
// Major Impairment (a downgrade reads it so all along): within 2 hours on the remediation hours (6am-4pm
// U.S. Eastern, Monday to Friday), from 09:00 EST, due 11:00 EST = 16:00Z. On weekdays (Friday 4, Monday
// 7, Tuesday 8 December), the same outage, the update received 15:05, the miss recorded 15:26:
//   - regraded 15:28, the mail read 15:30 (after the regrade, received before it); or read 15:30,
//     regraded 15:35: the 15:10 update was given in time, and the cycle running at the regrade (from
//     15:05, due 16:05) was not yet due: the cadence is no longer owed (cancelled), off the page and
//     out of the reports, no update listed missed; the breach announced stays, once, and 16:05
//     passing fires nothing.
//   - the update received 15:12, the miss recorded 15:13, regraded 15:28, read 15:30: the 15:10
//     update was missed; the cadence ends as it (breached, due 15:10), counted breached once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emailSettingsFor, processInbound, storeInbound } from '../../src/email/index.ts';
import { addReply, createTicket, getTicket, listBreaches, slaAttainment, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { testBackend } from '../support/test-db.ts';

describe(`the reports and an update read after the sweep recorded its cycle missed, on ${testBackend}`, () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openmethods', '2026-12-02T14:00:00Z');
  });
  after(() => desk.close());

  const missedDues = async (ticketId: string) => (await desk.t.db.query<{ due: string }>(
    "SELECT data->>'due' AS due FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_breach' AND data->>'metric' = 'update' ORDER BY seq", [ticketId])).rows.map((r) => r.due);
  /** The update cadence in the reports of the tickets opened 14:00 - 15:00 on `day`: [met, breached, open], and the due times the breach list gives it. */
  const reported = async (ticketNumber: number, day = '2026-12-02') => {
    const input = { from: `${day}T14:00:00Z`, to: `${day}T15:00:00Z`, period: 'day' as const };
    const ctx = desk.ctx(desk.manager);
    const row = (await slaAttainment({ ctx, input })).find((a) => a.metric === 'update')!;
    const listed = (await listBreaches({ ctx, input })).filter((b) => b.number === ticketNumber && b.metric === 'update').map((b) => b.due.toString());
    return [row.met, row.breached, row.open, listed];
  };

  /**
   * An outage opened 14:00 on `day`, assigned 14:05, answered on the desk 14:10 (an update due
   * 15:10); the agent's mailed update received at `received`, the sweep at `sweptAt` (the 15:10
   * miss recorded), the mail read at 15:30.
   */
  const updateReadLate = async (day: string, received: string, sweptAt: string, beforeRead = async (_ticketId: string) => {}) => {
    desk.clock.set(`${day}T14:00:00Z`);
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Outage', description: 'No agent can log in', intake: { affected_agents_percent: 100 } } });
    desk.clock.set(`${day}T14:05:00Z`);
    await updateTicket({ ctx: desk.ctx(desk.manager), input: { ticketId: t.id, assigneeId: (desk.agent as { id: string }).id } });
    const { rows } = await desk.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'agent_assigned' AND payload->>'ticket_id' = $1", [t.id]);
    desk.clock.set(`${day}T14:10:00Z`);
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'We are on it.' } });

    desk.clock.set(received);
    const raw = Buffer.from(`From: agent@vendor.example\r\nTo: support@desk.example\r\nSubject: Re: ticket\r\nIn-Reply-To: <outbox.${rows[0].id}@desk.example>\r\nMessage-ID: <${t.id}@vendor.example>\r\n\r\nFailover is under way.\r\n`);
    const id = await storeInbound(desk.t.db, desk.clock, raw, { source: 'smtp', envelopeFrom: 'agent@vendor.example', envelopeTo: ['support@desk.example'] });
    desk.clock.set(sweptAt);
    await sweepSlaClocks({ ctx: desk.system });
    assert.deepEqual(await missedDues(t.id), [`${day}T15:10:00Z`]);
    await beforeRead(t.id);
    desk.clock.set(`${day}T15:30:00Z`);
    const r = await processInbound({ ctx: desk.system, settings: emailSettingsFor('support@desk.example', 'OpenMethods'), inboundId: id! });
    assert.equal(r!.status, 'appended', r!.outcome);
    return t;
  };

  it('the 15:10 cycle, its update received 15:05 and read 15:30, is not counted missed; the 16:05 one, missed, is', async () => {
    const t = await updateReadLate('2026-12-02', '2026-12-02T15:05:00Z', '2026-12-02T15:26:00Z');

    desk.clock.set('2026-12-02T15:31:00Z');
    assert.deepEqual(await reported(t.number), [0, 0, 1, []], 'running, due 16:05: open, nothing missed');
    assert.deepEqual(await missedDues(t.id), ['2026-12-02T15:10:00Z'], 'the breach announced stays');

    desk.clock.set('2026-12-02T16:06:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    assert.deepEqual(await missedDues(t.id), ['2026-12-02T15:10:00Z', '2026-12-02T16:05:00Z']);
    // Listed due 16:05, the update missed (not 17:05, the next one's due time; not 15:10, given in time).
    assert.deepEqual(await reported(t.number), [0, 1, 0, ['2026-12-02T16:05:00Z']], 'the 16:05 update was missed');
  });

  it('an update received 15:12, after the 15:10 due time (the sweep at 15:13 records the miss), read 15:30: the 15:10 update was missed', async () => {
    // Thursday 3 December, the same times. The mail came after the due time: the sweep does not wait for it.
    const t = await updateReadLate('2026-12-03', '2026-12-03T15:12:00Z', '2026-12-03T15:13:00Z');
    desk.clock.set('2026-12-03T15:31:00Z');
    // Listed due 15:10, the update missed (not the next update's due time, an hour after the late one).
    assert.deepEqual(await reported(t.number, '2026-12-03'), [0, 1, 0, ['2026-12-03T15:10:00Z']]);
  });

  /** The outage `ticketId` regraded to a Major Impairment (no timed cadence) at `at`. */
  const regrade = async (ticketId: string, at: string) => {
    desk.clock.set(at);
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId, severity: 2, reason: 'Business continuity plan in place' } });
  };
  /** The clocks on the page, the reports of the tickets opened 14:00 - 15:00 on `day` and the breaches listed for the ticket, after a sweep at 16:15 on it. */
  const endedCadence = async (t: { id: string; number: number }, day: string) => {
    desk.clock.set(`${day}T16:15:00Z`);
    await sweepSlaClocks({ ctx: desk.system }); // its breaches are `missed`: nothing fired for it when 16:05 passes
    const ctx = desk.ctx(desk.manager);
    const input = { from: `${day}T14:00:00Z`, to: `${day}T15:00:00Z`, period: 'day' as const };
    return {
      page: (await getTicket({ ctx, input: { ticketId: t.id } })).clocks
        .map((c) => [c.metric, c.state, c.due?.toString() ?? null, c.breachedAt?.toString() ?? null, c.endedAt?.toString() ?? null, c.endedAt ? c.explain?.at(-1) : null]),
      attainment: (await slaAttainment({ ctx, input })).map((a) => [a.metric, a.severity, a.met, a.breached, a.open]),
      listed: (await listBreaches({ ctx, input })).filter((b) => b.number === t.number).map((b) => [b.metric, b.due.toString()]),
      missed: await missedDues(t.id),
    };
  };
  /** The response met 14:10, counted under the Major Impairment the ticket is now (a downgrade reads it so all along). */
  const responseOnly = (day: string) => ({
    page: [['first_response', 'met', `${day}T16:00:00Z`, null, null, null]],
    attainment: [['first_response', 2, 1, 0, 0]],
    listed: [],
    missed: [`${day}T15:10:00Z`],
  });

  it('the 15:10 update received 15:05, regraded 15:28 while the mail waited, read 15:30: the cadence ends with no update missed', async () => {
    const t = await updateReadLate('2026-12-04', '2026-12-04T15:05:00Z', '2026-12-04T15:26:00Z', (id) => regrade(id, '2026-12-04T15:28:00Z'));
    assert.deepEqual(await endedCadence(t, '2026-12-04'), responseOnly('2026-12-04'));
  });

  it('the 15:10 update received 15:05, read 15:30, regraded 15:35: the same', async () => {
    const t = await updateReadLate('2026-12-07', '2026-12-07T15:05:00Z', '2026-12-07T15:26:00Z');
    await regrade(t.id, '2026-12-07T15:35:00Z');
    assert.deepEqual(await endedCadence(t, '2026-12-07'), responseOnly('2026-12-07'));
  });

  it('an update received 15:12, the miss recorded 15:13, regraded 15:28, read 15:30: the cadence ends as the 15:10 update missed', async () => {
    const t = await updateReadLate('2026-12-08', '2026-12-08T15:12:00Z', '2026-12-08T15:13:00Z', (id) => regrade(id, '2026-12-08T15:28:00Z'));
    assert.deepEqual(await endedCadence(t, '2026-12-08'), {
      ...responseOnly('2026-12-08'),
      page: [
        ['first_response', 'met', '2026-12-08T16:00:00Z', null, null, null],
        ['update', 'breached', '2026-12-08T15:10:00Z', '2026-12-08T15:10:00Z', '2026-12-08T15:28:00Z',
          'Breached Tue Dec 8 2026 10:10 AM EST = 2026-12-08T15:10:00Z; no longer owed after the regrade to severity 2 (Major Impairment) Tue Dec 8 2026 10:28 AM EST = 2026-12-08T15:28:00Z.'],
      ],
      attainment: [['first_response', 2, 1, 0, 0], ['update', 1, 0, 1, 0]],
      listed: [['update', '2026-12-08T15:10:00Z']],
    });
  });

  it('the 15:10 update given in time (read late), then 16:05 and 17:05 missed: breached once, listed at 16:05', async () => {
    // Wednesday 9 December (last: its sweeps record the other days' open cadences' misses), as the
    // first test, then nobody updates: the cycle after the 16:05 miss runs from its due time, the next
    // update due 16:05 + 60 min = 17:05, missed too (recorded 17:06).
    const t = await updateReadLate('2026-12-09', '2026-12-09T15:05:00Z', '2026-12-09T15:26:00Z');
    for (const at of ['2026-12-09T16:06:00Z', '2026-12-09T17:06:00Z']) {
      desk.clock.set(at);
      await sweepSlaClocks({ ctx: desk.system });
    }
    assert.deepEqual(await missedDues(t.id), ['2026-12-09T15:10:00Z', '2026-12-09T16:05:00Z', '2026-12-09T17:05:00Z']);
    desk.clock.set('2026-12-09T17:10:00Z');
    // The report counts the cadence once; the export lists it at its first miss that counts (16:05,
    // not 15:10, given in time), under the severity that update was owed under (System Outage, 1).
    assert.deepEqual(await reported(t.number, '2026-12-09'), [0, 1, 0, ['2026-12-09T16:05:00Z']]);
    const ctx = desk.ctx(desk.manager);
    const input = { from: '2026-12-09T14:00:00Z', to: '2026-12-09T15:00:00Z', period: 'day' as const };
    assert.deepEqual((await listBreaches({ ctx, input })).map((b) => [b.number, b.metric, b.severity]), [[t.number, 'update', 1]]);
  });
});
