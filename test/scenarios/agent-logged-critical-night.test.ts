// A critical issue phoned in at night and logged by an agent. The on-call person is paged, as for a
// request the customer sent themselves, unless the agent who logged it is on call right now (then
// nobody is paged: they have it, and the timeline says who was on call). Never for a level that is
// not critical. OPS-COM: the after-hours support "limited to critical issues" takes it (triage in 15
// minutes, status notification in 1 hour), not "Work on it resumes ... 09:00 AM EST". OpenBack:
// Severity 1 is "24x7" (a Christmas Day call pages). OpenMethods: System Outage "24/7 until resolved".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRotation } from '../../src/oncall/index.ts';
import { createTicket, sweepSlaClocks } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

const pagesOf = async (desk: Desk, ticketId: string) =>
  (await desk.t.db.query<{ recipient: string }>("SELECT recipient FROM outbox WHERE kind = 'oncall_page' AND payload->>'ticket_id' = $1 ORDER BY recipient", [ticketId])).rows.map((r) => r.recipient);
const pagedEvent = async (desk: Desk, ticketId: string) =>
  (await desk.t.db.query<{ body: string; data: Record<string, unknown> }>("SELECT body, data FROM ticket_events WHERE ticket_id = $1 AND type = 'paged'", [ticketId])).rows;
const receipt = async (desk: Desk, ticketId: string) =>
  (await desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [ticketId])).rows[0]?.body ?? '';
const dueOf = (t: { clocks: Array<{ metric: string; due?: Temporal.Instant | null }> }, metric: string) => t.clocks.find((c) => c.metric === metric)?.due?.toString();

/** A rotation whose one member, escalation@, is on call at every hour (the desk's own clock zone). */
async function escalationOnCall(desk: Desk): Promise<void> {
  await createRotation({ ctx: desk.system, input: { name: 'Nights', timeZone: 'UTC', handoverTime: '09:00', cadence: 'daily', startDate: '2026-01-01', members: [(desk.escalation as { id: string }).id] } });
}

describe('OPS-COM: a critical issue phoned in at night and logged by an agent', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('opscom', '2026-12-03T04:10:00Z');
    await escalationOnCall(desk);
  });
  after(() => desk.close());

  const logCall = async (by: Desk['agent'], plan: string, intake: Record<string, boolean>) => {
    const org = await desk.addOrganization(plan);
    return createTicket({ ctx: desk.ctx(by), input: { requesterId: org.contactId, subject: 'Gates do not open', description: 'Called in', channel: 'phone', intake } });
  };

  it('at 23:10 EST on a Wednesday: on call is paged; triage by 23:25 EST, the status notification by 00:10 EST', async () => {
    desk.clock.set('2026-12-03T04:10:00Z'); // Wed 2 Dec 2026 23:10 EST (UTC-5)
    const t = await logCall(desk.agent, 'premium', { system_outage: true });
    assert.equal(t.severity, 1);
    assert.deepEqual(await pagesOf(desk, t.id), ['escalation@vendor.example']);
    // 23:10 + 15 minutes = 23:25 EST = 04:25Z; 23:10 + 1 hour = 00:10 EST Thursday = 05:10Z.
    assert.equal(dueOf(t, 'triage'), '2026-12-03T04:25:00Z');
    assert.equal(dueOf(t, 'status_notification'), '2026-12-03T05:10:00Z');
    const body = await receipt(desk, t.id);
    assert.doesNotMatch(body, /resumes/, 'after-hours support has it: it does not wait for 9-5');
    assert.match(body, /We have alerted on-call personnel\./);
    assert.match(body, /- Triage: by Wed Dec 2 2026 11:25 PM EST\n- Status notification: by Thu Dec 3 2026 12:10 AM EST/);
  });

  it('on a Saturday at noon EST (support closed all weekend): the same, from 12:00', async () => {
    desk.clock.set('2026-12-05T17:00:00Z'); // Sat 5 Dec 2026 12:00 EST
    const t = await logCall(desk.agent, 'premium', { immediate_work_stoppage: true });
    assert.deepEqual(await pagesOf(desk, t.id), ['escalation@vendor.example']);
    assert.equal(dueOf(t, 'triage'), '2026-12-05T17:15:00Z'); // 12:15 EST
    assert.equal(dueOf(t, 'status_notification'), '2026-12-05T18:00:00Z'); // 13:00 EST
  });

  it('in summer, at 22:00 EDT (UTC-4): triage by 22:15 EDT, the status notification by 23:00 EDT', async () => {
    desk.clock.set('2026-07-02T02:00:00Z'); // Wed 1 Jul 2026 22:00 EDT
    const t = await logCall(desk.agent, 'premium', { system_outage: true });
    assert.deepEqual(await pagesOf(desk, t.id), ['escalation@vendor.example']);
    assert.equal(dueOf(t, 'triage'), '2026-07-02T02:15:00Z');
    assert.equal(dueOf(t, 'status_notification'), '2026-07-02T03:00:00Z');
  });

  it('logged by the person on call now: nobody is paged, the timeline says they were on call; the times run all the same', async () => {
    desk.clock.set('2026-12-03T04:40:00Z'); // Wed 2 Dec 2026 23:40 EST
    const t = await logCall(desk.escalation, 'premium', { system_outage: true });
    assert.deepEqual(await pagesOf(desk, t.id), []);
    const [event] = await pagedEvent(desk, t.id);
    assert.deepEqual(event.data.recipients, []);
    assert.deepEqual(event.data.on_call, ['escalation@vendor.example']);
    assert.match(event.body, /^Not paged: escalation@vendor\.example, on call now, logged it\./);
    assert.equal(dueOf(t, 'triage'), '2026-12-03T04:55:00Z'); // 23:55 EST
    assert.equal(dueOf(t, 'status_notification'), '2026-12-03T05:40:00Z'); // 00:40 EST
    assert.match(await receipt(desk, t.id), /It is with on-call personnel\./);
    // Triage missed at 23:55 EST: the breach goes to the one on call who has it, and to the managers and admins.
    desk.clock.set('2026-12-03T04:56:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    const { rows } = await desk.t.db.query<{ recipient: string }>(
      "SELECT DISTINCT recipient FROM outbox WHERE kind = 'sla_breach' AND payload->>'ticket_id' = $1 ORDER BY recipient", [t.id],
    );
    assert.deepEqual(rows.map((r) => r.recipient), ['admin@vendor.example', 'escalation@vendor.example', 'manager@vendor.example']);
  });

  it('an issue that is not critical, logged at night: nobody is paged, work resumes at 09:00 EST Thursday', async () => {
    desk.clock.set('2026-12-03T04:10:00Z'); // Wed 2 Dec 2026 23:10 EST
    const t = await logCall(desk.agent, 'premium', {});
    assert.equal(t.severity, 2);
    assert.deepEqual(await pagesOf(desk, t.id), []);
    assert.equal((await pagedEvent(desk, t.id)).length, 0);
    assert.match(await receipt(desk, t.id), /Work on it resumes Thu Dec 3 2026 09:00 AM EST/);
  });
});

describe('OpenBack: a Severity 1 phoned in on Christmas Day and logged by an agent', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback', '2026-12-25T11:00:00Z');
    await escalationOnCall(desk);
  });
  after(() => desk.close());

  const logCall = async (by: Desk['agent'], severity: number) => {
    const org = await desk.addOrganization('pro');
    return createTicket({ ctx: desk.ctx(by), input: { requesterId: org.contactId, subject: 'No pushes sent', description: 'Called in', channel: 'phone', severity } });
  };

  it('at 11:00 GMT on Friday 25 December (a holiday: closed), on call is paged; the first response is owed by 14:00 GMT', async () => {
    desk.clock.set('2026-12-25T11:00:00Z');
    const t = await logCall(desk.agent, 1);
    // Pro: "3 hours, 24x7": 11:00 + 3 h = 14:00 GMT, the holiday counting.
    assert.equal(dueOf(t, 'first_response'), '2026-12-25T14:00:00Z');
    assert.deepEqual(await pagesOf(desk, t.id), ['escalation@vendor.example']);
  });

  it('logged by the person on call now: nobody is paged, and the timeline names them as on call', async () => {
    desk.clock.set('2026-12-25T12:00:00Z');
    const t = await logCall(desk.escalation, 1);
    assert.deepEqual(await pagesOf(desk, t.id), []);
    const [event] = await pagedEvent(desk, t.id);
    assert.deepEqual(event.data.on_call, ['escalation@vendor.example']);
    assert.match(event.body, /^Not paged: escalation@vendor\.example, on call now, logged it\./);
  });

  it('a Severity 2 logged the same day pages nobody', async () => {
    desk.clock.set('2026-12-25T11:30:00Z');
    const t = await logCall(desk.agent, 2);
    assert.deepEqual(await pagesOf(desk, t.id), []);
  });
});

describe('OpenMethods: a System Outage logged by an agent at night', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openmethods', '2026-12-05T07:00:00Z');
    await escalationOnCall(desk);
  });
  after(() => desk.close());

  it('at 02:00 EST on a Saturday pages on call; a Major Impairment does not', async () => {
    desk.clock.set('2026-12-05T07:00:00Z'); // Sat 5 Dec 2026 02:00 EST
    const org = await desk.addOrganization('standard');
    const log = (intake: Record<string, number>) =>
      createTicket({ ctx: desk.ctx(desk.agent), input: { requesterId: org.contactId, subject: 'Media bar', description: 'Agents cannot log in', channel: 'web', intake } });
    const outage = await log({ affected_agents_percent: 60 });
    assert.equal(outage.severity, 1);
    // 02:00 EST + 30 minutes, round the clock: 02:30 EST = 07:30Z.
    assert.equal(dueOf(outage, 'first_response'), '2026-12-05T07:30:00Z');
    assert.deepEqual(await pagesOf(desk, outage.id), ['escalation@vendor.example']);
    const major = await log({ affected_agents_percent: 10 });
    assert.equal(major.severity, 2);
    assert.deepEqual(await pagesOf(desk, major.id), []);
  });
});
