// An upgrade late in a response's time keeps the time already owed (sla/regrade-start.ts: "never
// later than the time already owed"); missed, that time is the earlier severity's, and the breach is
// named so everywhere: the clock, the sweep's entry, the reports and the breach export.
//
// OpenMethods (examples/policies/openmethods.yaml), Premium: Severity 2 (Major Impairment) "Response
// time" within 2 hours of the 6am-4pm Eastern remediation hours; Severity 1 (System Outage) within
// 30 minutes, 24x7. New York is UTC-5 in December. By hand:
//   - opened Wed 2 Dec 2026 09:00 EST (14:00Z) as Severity 2: due 11:00 EST (16:00Z);
//   - regraded to Severity 1 at 10:50 EST (15:50Z): 30 minutes from then is 11:20 EST (16:20Z), later
//     than the 11:00 EST already owed, which stands (the clock's due stays 16:00Z);
//   - nobody answers; the sweep at 11:05 EST (16:05Z) records the breach of the 11:00 EST due: the
//     time of Severity 2, missed under Severity 2 (Severity 1's own time, 16:20Z, had not passed).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTicket, getTicket, listBreaches, slaAttainment, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('OpenMethods: Severity 2 upgraded to 1 late in its 2 hours, then missed at the 2 hours', () => {
  let desk: Desk;
  let ticketId = '';
  let number = 0;
  before(async () => {
    desk = await openDesk('openmethods', '2026-12-02T14:00:00Z');
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Queue stalls', description: 'Calls wait', severity: 2 } });
    [ticketId, number] = [t.id, t.number];
    desk.clock.set('2026-12-02T15:50:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId, severity: 1, reason: 'All agents are down now' } });
    desk.clock.set('2026-12-02T16:05:00Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 1);
  });
  after(() => desk.close());

  it('the clock keeps Severity 2\'s due time, and is stored and announced under Severity 2', async () => {
    const view = await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId } });
    assert.equal(view.severity, 1);
    const c = view.clocks.find((x) => x.metric === 'first_response')!;
    assert.deepEqual([c.state, c.due?.toString(), c.breachedAt?.toString(), c.severity], ['breached', '2026-12-02T16:00:00Z', '2026-12-02T16:00:00Z', 2]);
    const { rows } = await desk.t.db.query<{ severity: number }>("SELECT (data->>'severity')::int AS severity FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_breach'", [ticketId]);
    assert.deepEqual(rows.map((r) => r.severity), [2]);
  });

  it('the reports and the breach export count it as a Severity 2 response missed at 11:00 EST', async () => {
    const ctx = desk.ctx(desk.manager);
    const input = { from: '2026-12-02T00:00:00Z', to: '2026-12-03T00:00:00Z', period: 'day' as const };
    assert.deepEqual((await slaAttainment({ ctx, input })).filter((a) => a.metric === 'first_response').map((a) => [a.severity, a.met, a.breached, a.open]), [[2, 0, 1, 0]]);
    assert.deepEqual((await listBreaches({ ctx, input })).filter((b) => b.number === number).map((b) => [b.severity, b.metric, b.due.toString()]), [[2, 'first_response', '2026-12-02T16:00:00Z']]);
  });
});
