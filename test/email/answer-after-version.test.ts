// An answer by mail counts as of its arrival, even on a clock a move to a new policy version ended
// while the mail waited to be read: as for a regrade (answer-after-regrade.test.ts,
// missed-update-reports.test.ts), the terms before the move (the old version's) are read with the
// answer in time, and the clock ends as it would have then (ended-clocks.ts metByAnswersReadLate).
// Each version 2 below is a test-local edit (no vendor did so).
//
// 1. OpenMethods' System Outage: "Communication cadence: status update once every 60 minutes" (24/7);
//    its response "within 30 minutes" (24/7). Version 2 keeps the cadence's words but no time
//    ("within" dropped, as Major Impairment's "when material updates or progress is made"): no clock.
//    By hand, Wednesday 2 December 2026: opened 14:00 (response due 14:30), assigned 14:05, answered
//    on the desk 14:10 (response met; an update due 15:10). The agent's mailed update reaches the desk
//    15:05; the sweep at 15:26 (15:10 + the hold's 15 minutes passed) records the 15:10 update missed;
//    version 2 is activated and the ticket moved onto it 15:28: the cadence ends as that missed update
//    (breached, due 15:10), the mail still unread. It is read 15:30: the 15:10 update was given in time
//    (15:05), and under version 1 the cycle then ran from 15:05, due 16:05, not yet due at 15:28: the
//    cadence is no longer owed (cancelled), off the page and out of the reports, no update listed
//    missed; the breach announced stays, once, and 16:05 passing fires nothing.
//    The same on a desk of its own with the update received 15:12, after its due time (the miss
//    recorded 15:13): the 15:10 update was missed; the cadence stays ended as it, breached once.
// 2. OPS-COM (seed 004): "Issues will be triaged within 15 minutes and a status notification will be
//    sent to you within 1 hour for Critical issues. This notification will include an estimated time
//    to resolution." Hours Mon-Fri 9-5 EST (UTC-5 in December). Version 2 drops the status
//    notification. A Premium customer's critical mail Mon 7 Dec 23:10 EST (04:10Z on the 8th): triage
//    due 23:25 (04:25Z), the notification 00:10 (05:10Z); the manager, paged, answers with #eta at
//    23:20 (04:20Z); version 2 moves the ticket at 23:23 (04:23Z), before either was due; the answer
//    is read 23:30. The answer triaged the issue and sent the notification with its ETA before the
//    move: both met 23:20; the notification, no longer owed, ends met (counted), no breach.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emailSettingsFor, processInbound, storeInbound } from '../../src/email/index.ts';
import { handlePolicyReproject } from '../../src/jobs/policy-reproject-job.ts';
import { silentLogger } from '../../src/platform/index.ts';
import { activatePolicy } from '../../src/policy-versions/index.ts';
import { addReply, createTicket, getTicket, listBreaches, slaAttainment, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { examplePolicySource, openDesk, type Desk } from '../support/desk.ts';
import { testBackend } from '../support/test-db.ts';

/** Activates `source` at `at` and moves the open tickets onto it. */
const moveTo = async (desk: Desk, source: string, at: string) => {
  desk.clock.set(at);
  await activatePolicy({ ctx: desk.ctx(desk.admin), input: { source } });
  await handlePolicyReproject({ db: desk.t.db, clock: desk.clock, logger: silentLogger() });
};
/** A mail from `from` in reply to the outbox message `replyTo`, stored (not read) at `at`; its id in the store. */
const stored = async (desk: Desk, at: string, from: string, replyTo: string, messageId: string, text: string) => {
  desk.clock.set(at);
  const raw = Buffer.from(`From: ${from}\r\nTo: support@desk.example\r\nSubject: Re: ticket\r\nIn-Reply-To: <outbox.${replyTo}@desk.example>\r\nMessage-ID: <${messageId}@vendor.example>\r\n\r\n${text}\r\n`);
  return (await storeInbound(desk.t.db, desk.clock, raw, { source: 'smtp', envelopeFrom: from, envelopeTo: ['support@desk.example'] }))!;
};
const read = async (desk: Desk, vendor: string, id: string, at: string) => {
  desk.clock.set(at);
  const r = await processInbound({ ctx: desk.system, settings: emailSettingsFor('support@desk.example', vendor), inboundId: id });
  assert.equal(r!.status, 'appended', r!.outcome);
};
/** The clocks on the page: metric, state, due, met, breached, ended, and an ended clock's last line. */
const page = async (desk: Desk, ticketId: string) => (await getTicket({ ctx: desk.ctx(desk.manager), input: { ticketId } })).clocks
  .map((c) => [c.metric, c.state, c.due?.toString() ?? null, c.metAt?.toString() ?? null, c.breachedAt?.toString() ?? null, c.endedAt?.toString() ?? null, c.endedAt ? c.explain?.at(-1) : null]);
/** The reports of the tickets opened in [from, to): attainment rows, and the breaches listed for ticket `number`. */
const reports = async (desk: Desk, from: string, to: string, number: number) => {
  const ctx = desk.ctx(desk.manager);
  const input = { from, to, period: 'day' as const };
  return {
    attainment: (await slaAttainment({ ctx, input })).map((a) => [a.metric, a.severity, a.met, a.breached, a.open]),
    listed: (await listBreaches({ ctx, input })).filter((b) => b.number === number).map((b) => [b.metric, b.due.toString()]),
  };
};

const timed = 'update: { all: { within: 60 minutes, label: Communication cadence, note: status update once every 60 minutes } }';
/** OpenMethods with the System Outage cadence's words kept but no time. */
const untimed = () => {
  const source = examplePolicySource('openmethods');
  assert.ok(source.includes(timed));
  return source.replace(timed, 'update: { all: { label: Communication cadence, note: status update once every 60 minutes } }');
};
const missedDues = async (desk: Desk, ticketId: string) => (await desk.t.db.query<{ due: string }>(
  "SELECT data->>'due' AS due FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_breach' AND data->>'metric' = 'update' ORDER BY seq", [ticketId])).rows.map((r) => r.due);

/**
 * An OpenMethods outage on its own desk, Wednesday 2 December 2026, up to the move: the update
 * received at `received`, the sweep at `sweptAt` (the 15:10 miss recorded), version 2 at 15:28.
 */
const movedWhileUnread = async (desk: Desk, received: string, sweptAt: string) => {
  const org = await desk.addOrganization('premium');
  const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Outage', description: 'No agent can log in', intake: { affected_agents_percent: 100 } } });
  assert.equal(t.severity, 1);
  desk.clock.set('2026-12-02T14:05:00Z');
  await updateTicket({ ctx: desk.ctx(desk.manager), input: { ticketId: t.id, assigneeId: (desk.agent as { id: string }).id } });
  const { rows } = await desk.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'agent_assigned' AND payload->>'ticket_id' = $1", [t.id]);
  desk.clock.set('2026-12-02T14:10:00Z');
  await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'We are on it.' } });
  const id = await stored(desk, received, 'agent@vendor.example', rows[0].id, t.id, 'Failover is under way.');
  desk.clock.set(sweptAt);
  await sweepSlaClocks({ ctx: desk.system });
  assert.deepEqual(await missedDues(desk, t.id), ['2026-12-02T15:10:00Z']);
  await moveTo(desk, untimed(), '2026-12-02T15:28:00Z');
  return { t, id };
};
const response = ['first_response', 'met', '2026-12-02T14:30:00Z', '2026-12-02T14:10:00Z', null, null, null];
const ended1510 = ['update', 'breached', '2026-12-02T15:10:00Z', null, '2026-12-02T15:10:00Z', '2026-12-02T15:28:00Z',
  'Breached Wed Dec 2 2026 10:10 AM EST = 2026-12-02T15:10:00Z; no longer owed after the move to version 2 of the support policy Wed Dec 2 2026 10:28 AM EST = 2026-12-02T15:28:00Z.'];

describe(`OpenMethods: an update read after a new version ended the cadence counts as of its arrival, on ${testBackend}`, () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openmethods', '2026-12-02T14:00:00Z');
  });
  after(() => desk.close());

  it('the 15:10 update received 15:05, version 2 at 15:28 while the mail waited, read 15:30: the cadence ends with no update missed', async () => {
    const { t, id } = await movedWhileUnread(desk, '2026-12-02T15:05:00Z', '2026-12-02T15:26:00Z');
    assert.deepEqual(await page(desk, t.id), [response, ended1510], 'the mail unread: the 15:10 update counts missed');
    await read(desk, 'OpenMethods', id, '2026-12-02T15:30:00Z');
    desk.clock.set('2026-12-02T16:15:00Z');
    assert.deepEqual(await sweepSlaClocks({ ctx: desk.system }), { handovers: 0, reminders: 0, warnings: 0, breaches: 0 });
    assert.deepEqual(await page(desk, t.id), [response]);
    assert.deepEqual(await reports(desk, '2026-12-02T14:00:00Z', '2026-12-02T15:00:00Z', t.number), { attainment: [['first_response', 1, 1, 0, 0]], listed: [] });
    assert.deepEqual(await missedDues(desk, t.id), ['2026-12-02T15:10:00Z'], 'the breach announced stays, once');
  });
});

describe(`OpenMethods: an update received after its due time, read after a new version ended the cadence, on ${testBackend}`, () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openmethods', '2026-12-02T14:00:00Z');
  });
  after(() => desk.close());

  it('received 15:12, the miss recorded 15:13, version 2 at 15:28, read 15:30: the cadence ends as the 15:10 update missed', async () => {
    const { t, id } = await movedWhileUnread(desk, '2026-12-02T15:12:00Z', '2026-12-02T15:13:00Z');
    await read(desk, 'OpenMethods', id, '2026-12-02T15:30:00Z');
    desk.clock.set('2026-12-02T16:15:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    assert.deepEqual(await page(desk, t.id), [response, ended1510]);
    assert.deepEqual(await reports(desk, '2026-12-02T14:00:00Z', '2026-12-02T15:00:00Z', t.number), {
      attainment: [['first_response', 1, 1, 0, 0], ['update', 1, 0, 1, 0]], listed: [['update', '2026-12-02T15:10:00Z']],
    });
  });
});

describe(`OPS-COM: a status notification answered by mail, read after a new version dropped it, on ${testBackend}`, () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('opscom', '2026-12-08T04:10:00Z');
  });
  after(() => desk.close());

  it('answered with #eta 23:20, version 2 at 23:23 before either was due, read 23:30: triage and the notification met 23:20', async () => {
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Portal down', description: 'Nobody can log in', channel: 'email', intake: { system_outage: true } } });
    assert.equal(t.severity, 1);
    const { rows: [p] } = await desk.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'oncall_page' AND recipient = 'manager@vendor.example' AND payload->>'ticket_id' = $1", [t.id]);
    const id = await stored(desk, '2026-12-08T04:20:00Z', 'manager@vendor.example', p.id, t.id, '#eta 2026-12-08 07:00\r\nWe are restoring the gate controller.');
    const source = examplePolicySource('opscom').replace(/\n\s*status_notification: \{ within: 1 hour, requires_eta: true \}/, '');
    assert.notEqual(source, examplePolicySource('opscom'));
    await moveTo(desk, source, '2026-12-08T04:23:00Z');
    await read(desk, 'OPS-COM', id, '2026-12-08T04:30:00Z');
    desk.clock.set('2026-12-08T06:00:00Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 0);
    assert.deepEqual(await page(desk, t.id), [
      ['triage', 'met', '2026-12-08T04:25:00Z', '2026-12-08T04:20:00Z', null, null, null],
      ['status_notification', 'met', '2026-12-08T05:10:00Z', '2026-12-08T04:20:00Z', null, '2026-12-08T04:23:00Z',
        'Met Mon Dec 7 2026 11:20 PM EST = 2026-12-08T04:20:00Z; no longer owed after the move to version 2 of the support policy Mon Dec 7 2026 11:23 PM EST = 2026-12-08T04:23:00Z.'],
    ]);
    assert.deepEqual(await reports(desk, '2026-12-08T04:00:00Z', '2026-12-08T05:00:00Z', t.number), {
      attainment: [['status_notification', 1, 1, 0, 0], ['triage', 1, 1, 0, 0]], listed: [],
    });
  });
});
