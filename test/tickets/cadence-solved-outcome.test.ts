// What the managers' SLA report says of an update cadence once its ticket is solved (and closed).
//
// OpenMethods, Premium Support (examples/policies/openmethods.yaml). System Outage: "Response time"
// within 30 minutes, and "Communication cadence ... status update once every 60 minutes", both 24/7;
// the cadence restarts at each public agent reply, and at the due time of an update missed
// (sla/clocks.ts); solved and closed stop every clock. By hand, Wednesday 2 December 2026 (UTC; EST
// is UTC-5), each ticket opened a minute apart so that a one-minute report window holds it alone:
//   A (opened 14:00): answered 14:10 (an update due 15:10), updated 15:00 (due 16:00) and 15:50 (due
//     16:50), solved 16:20, closed 16:30. Every update owed was given in time: met.
//   B (opened 14:01): answered 14:10 (due 15:10); the sweep at 15:11 records 15:10 missed (the next
//     due 16:10); updated 15:30 (due 16:30), solved 15:40: breached (the miss before the solve).
//   C (opened 16:30): answered 16:40, its next update due 17:40; at 17:00 nothing missed: open.
// The report at 17:00 (after a sweep then, which finds nothing more to record).
// A pause on waiting for the customer is no seed's (OpenMethods: "No pauses"); the last test adds one
// to the example, as lifecycle.test.ts does, to see a cadence paused, not solved, read open:
//   D (opened 14:00): answered 14:10 (due 15:10), waiting on the customer from 14:30 (40 minutes
//     left, no due time while it waits): open at 17:00, neither met nor breached.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addReply, createTicket, getTicket, listBreaches, slaAttainment, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { examplePolicySource, openDesk, type Desk } from '../support/desk.ts';

const outage = { subject: 'Outage', description: 'No agent can log in', intake: { affected_agents_percent: 100 } };

/** The update cadence's outcome of the tickets opened in [from, from + 1 minute): [severity, met, breached, open]. */
async function cadenceOf(d: Desk, from: string): Promise<number[][]> {
  const to = Temporal.Instant.from(from).add({ minutes: 1 }).toString();
  const report = await slaAttainment({ ctx: d.ctx(d.manager), input: { from, to, period: 'day' } });
  return report.filter((r) => r.metric === 'update').map((r) => [r.severity, r.met, r.breached, r.open]);
}

describe('an update cadence solved, missed, or running: its outcome in the SLA report (OpenMethods)', () => {
  let d: Desk;
  before(async () => {
    d = await openDesk('openmethods', '2026-12-02T14:00:00Z');
  });
  after(() => d.close());

  it('A, updated in time and solved, is met; B, with a miss before its solve, breached; C, still running, open', async () => {
    const set = (t: string) => d.clock.set(`2026-12-02T${t}:00Z`);
    const org = await d.addOrganization('premium');
    const reply = (ticketId: string) => addReply({ ctx: d.ctx(d.agent), input: { ticketId, body: 'Failover is under way.' } });
    const status = (ticketId: string, to: 'solved' | 'closed') => updateTicket({ ctx: d.ctx(d.agent), input: { ticketId, status: to } });

    const a = await createTicket({ ctx: d.ctx(org.contact), input: outage });
    set('14:01');
    const b = await createTicket({ ctx: d.ctx(org.contact), input: outage });
    assert.deepEqual([a.severity, b.severity], [1, 1]);
    set('14:10');
    await reply(a.id);
    await reply(b.id);
    set('15:00');
    await reply(a.id);
    set('15:11');
    assert.equal((await sweepSlaClocks({ ctx: d.system })).breaches, 1, "B's 15:10 missed");
    set('15:30');
    await reply(b.id);
    set('15:40');
    await status(b.id, 'solved');
    set('15:50');
    await reply(a.id);
    set('16:20');
    await status(a.id, 'solved');
    set('16:30');
    await status(a.id, 'closed');
    const c = await createTicket({ ctx: d.ctx(org.contact), input: outage });
    set('16:40');
    await reply(c.id);
    set('17:00');
    assert.equal((await sweepSlaClocks({ ctx: d.system })).breaches, 0);

    assert.deepEqual(await cadenceOf(d, '2026-12-02T14:00:00Z'), [[1, 1, 0, 0]], 'A: met');
    assert.deepEqual(await cadenceOf(d, '2026-12-02T14:01:00Z'), [[1, 0, 1, 0]], 'B: breached');
    assert.deepEqual(await cadenceOf(d, '2026-12-02T16:30:00Z'), [[1, 0, 0, 1]], 'C: open');

    // The breach export lists B's cadence alone, at the update it missed.
    const window = { from: '2026-12-02T00:00:00Z', to: '2026-12-03T00:00:00Z', period: 'day' as const };
    const breaches = await listBreaches({ ctx: d.ctx(d.manager), input: window });
    assert.deepEqual(breaches.map((r) => [r.number, r.metric, r.severity, r.due.toString()]), [[b.number, 'update', 1, '2026-12-02T15:10:00Z']]);

    // A's clock line: stopped, no update due any more, nor a reminder; said why.
    const update = (await getTicket({ ctx: d.ctx(d.agent), input: { ticketId: a.id } })).clocks.find((x) => x.metric === 'update')!;
    assert.deepEqual([update.state, update.due, update.metAt, update.breachedAt, update.remindAt], ['stopped', null, null, null, null]);
    assert.deepEqual(update.explain?.slice(-1), [
      'Stopped Wed Dec 2 2026 11:20 AM EST = 2026-12-02T16:20:00Z, when the request was solved or closed: nothing is owed while it stays so.',
    ]);
  });
});

describe('an update cadence paused waiting on the customer (a pause rule added to OpenMethods here)', () => {
  let d: Desk;
  before(async () => {
    const withPause = `${examplePolicySource('openmethods')}\npauses:\n  - { status: pending_customer, metrics: [update, resolution] }\n`;
    d = await openDesk('openmethods', '2026-12-02T14:00:00Z', withPause);
  });
  after(() => d.close());

  it('D, waiting on the customer with 40 minutes of its cycle left, is open: not met', async () => {
    const org = await d.addOrganization('premium');
    const t = await createTicket({ ctx: d.ctx(org.contact), input: outage });
    d.clock.set('2026-12-02T14:10:00Z');
    await addReply({ ctx: d.ctx(d.agent), input: { ticketId: t.id, body: 'Can you send the logs?' } });
    d.clock.set('2026-12-02T14:30:00Z');
    await updateTicket({ ctx: d.ctx(d.agent), input: { ticketId: t.id, status: 'pending_customer' } });
    d.clock.set('2026-12-02T17:00:00Z');
    assert.equal((await sweepSlaClocks({ ctx: d.system })).breaches, 0);
    assert.deepEqual(await cadenceOf(d, '2026-12-02T14:00:00Z'), [[1, 0, 0, 1]]);
  });
});
