// An update cadence with a missed update, regraded to a severity without one, keeps that missed
// update (OpenMethods, seed: System Outage "Communication cadence: status update once every 60
// minutes"; Major Impairment's cadence is "when material updates or progress is made": no clock).
// The plan's hours are kept in America/New_York (EST, UTC-5 in December).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addReply, createTicket, getTicket, slaAttainment, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('a System Outage regraded to a Major Impairment after a missed update (OpenMethods)', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openmethods', '2026-12-02T14:00:00Z');
  });
  after(() => desk.close());

  it('the cadence ends as its missed update: breached, due when it was missed, counted, and not fired again', async () => {
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Outage', description: 'No agent can log in', intake: { affected_agents_percent: 100 } } });
    assert.equal(t.severity, 1);
    // The response at 14:10 starts the cadence: an update due 15:10; missed, the next is due 16:10.
    desk.clock.set('2026-12-02T14:10:00Z');
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'We are on it.' } });
    desk.clock.set('2026-12-02T15:10:01Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 1);

    desk.clock.set('2026-12-02T15:30:00Z'); // 10:30 EST
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 2, reason: 'Business continuity plan in place' } });
    const update = (await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } })).clocks.find((c) => c.metric === 'update')!;
    // Not the hour running when it ended (due 16:10, neither missed nor met): the update it missed.
    assert.deepEqual([update.state, update.goal, update.due?.toString(), update.breachedAt?.toString(), update.remindAt, update.endedAt?.toString()], [
      'breached', null, '2026-12-02T15:10:00Z', '2026-12-02T15:10:00Z', null, '2026-12-02T15:30:00Z',
    ]);
    assert.deepEqual(update.explain, [
      'Breached Wed Dec 2 2026 10:10 AM EST = 2026-12-02T15:10:00Z; no longer owed after the regrade to severity 2 (Major Impairment) Wed Dec 2 2026 10:30 AM EST = 2026-12-02T15:30:00Z.',
    ]);

    // 16:10 passes: no longer owed, no second breach.
    desk.clock.set('2026-12-02T16:15:00Z');
    assert.deepEqual(await sweepSlaClocks({ ctx: desk.system }), { handovers: 0, reminders: 0, warnings: 0, breaches: 0 });
    const { rows: [{ n }] } = await desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_breach'", [t.id]);
    assert.equal(n, 1);
    // The cadence's breach under the System Outage it was owed under; the response, met at 14:10,
    // as the Major Impairment the ticket now is (a downgrade reads it so all along).
    const report = await slaAttainment({ ctx: desk.ctx(desk.manager), input: { from: '2026-12-02T00:00:00Z', to: '2026-12-03T00:00:00Z', period: 'day' } });
    assert.deepEqual(report.map((r) => [r.metric, r.severity, r.met, r.breached, r.open]), [['first_response', 2, 1, 0, 0], ['update', 1, 0, 1, 0]]);
  });
});
