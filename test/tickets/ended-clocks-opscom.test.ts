// A regrade keeps the breaches (and the met times) that already happened (QA: OPS-COM ticket #1000,
// Premium, Critical, after hours, breached, then regraded to "Not critical": its clocks vanished
// from the ticket, the API and the reports). OPS-COM's seed: "After hours support is limited to
// critical issues ... Issues will be triaged within 15 minutes and a status notification will be
// sent to you within 1 hour for Critical issues." Its hours are Mon-Fri 9-5 EST (America/New_York:
// UTC-5 in December); "Not critical" owes nothing after hours. Expected instants worked out by
// hand: a critical mail at Wed 2 Dec 2026 23:10 EST = 2026-12-03T04:10:00Z is triage due 23:25 EST
// (04:25Z) and status notification due 00:10 EST (05:10Z).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { handlePolicyReproject } from '../../src/jobs/policy-reproject-job.ts';
import { silentLogger } from '../../src/platform/index.ts';
import { activatePolicy } from '../../src/policy-versions/index.ts';
import { addNote, addReply, createTicket, getTicket, listBreaches, slaAttainment, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { createWebhook } from '../../src/webhooks/index.ts';
import { examplePolicySource, openDesk, type Desk } from '../support/desk.ts';

describe('OPS-COM: a regrade to Not critical keeps the after-hours clocks already breached or met', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('opscom', '2026-12-03T04:10:00Z');
    await createWebhook({ ctx: desk.ctx(desk.admin), input: { url: 'https://hooks.example.com/sla', events: ['sla.breached', 'sla.warning'] }, settings: { allowPrivate: false } });
  });
  after(() => desk.close());

  /** A critical mail at `at` (each test its own night: the reports' windows and the policy version stay apart). */
  const criticalMail = async (at = '2026-12-03T04:10:00Z') => {
    desk.clock.set(at);
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Portal down', description: 'Nobody can log in', channel: 'email', intake: { system_outage: true } } });
    assert.equal(t.severity, 1);
    return { t, org };
  };
  const clocks = async (ticketId: string, actor = desk.agent) =>
    (await getTicket({ ctx: desk.ctx(actor), input: { ticketId } })).clocks;
  /** What happened exactly once or not: the timeline's breach entries, the breach mails, the webhooks. */
  const fired = async (ticketId: string) => {
    const q = async (sql: string) => (await desk.t.db.query<{ n: number }>(sql, [ticketId])).rows[0].n;
    return {
      breaches: await q("SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type IN ('sla_breach', 'sla_warning')"),
      mails: await q("SELECT count(*)::int AS n FROM outbox WHERE kind IN ('sla_breach', 'sla_warning') AND payload->>'ticket_id' = $1"),
      webhooks: await q("SELECT count(*)::int AS n FROM webhook_deliveries WHERE event_type IN ('sla.breached', 'sla.warning') AND payload->'data'->'ticket'->>'id' = $1"),
    };
  };
  /** The reports of the tickets opened in the hour from `from`. */
  const report = async (ticketNumber: number, from = '2026-12-03T04:00:00Z') => {
    const input = { from, to: Temporal.Instant.from(from).add({ hours: 1 }).toString(), period: 'day' as const };
    const ctx = desk.ctx(desk.manager);
    return {
      attainment: await slaAttainment({ ctx, input }),
      breaches: (await listBreaches({ ctx, input })).filter((b) => b.number === ticketNumber).map((b) => [b.metric, b.severity, b.due.toString(), b.metAt?.toString() ?? null]),
    };
  };

  it('both clocks breached, then regraded: shown breached and ended, explained, counted, and never fired again', async () => {
    const { t, org } = await criticalMail();
    desk.clock.set('2026-12-03T05:15:00Z'); // 00:15 EST: nobody triaged nor wrote
    // One breach each; no warning (no goal), no reminder (the notification's, 23:55 EST, is not sent past its due time).
    assert.deepEqual(await sweepSlaClocks({ ctx: desk.system }), { handovers: 0, reminders: 0, warnings: 0, breaches: 2 });
    const once = await fired(t.id);
    // Each mailed to the manager and the admin (nobody holds it, nobody is on call here), each a webhook.
    assert.deepEqual(once, { breaches: 2, mails: 4, webhooks: 2 });

    desk.clock.set('2026-12-03T05:20:00Z'); // 00:20 EST
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 2, reason: 'One user only' } });
    const ended = await clocks(t.id);
    assert.deepEqual(ended.map((c) => [c.metric, c.state, c.due?.toString(), c.breachedAt?.toString(), c.metAt, c.endedAt?.toString(), c.remindAt]), [
      ['triage', 'breached', '2026-12-03T04:25:00Z', '2026-12-03T04:25:00Z', null, '2026-12-03T05:20:00Z', null],
      ['status_notification', 'breached', '2026-12-03T05:10:00Z', '2026-12-03T05:10:00Z', null, '2026-12-03T05:20:00Z', null],
    ]);
    // Why it was due where it was, as before the regrade (the policy's side: the desk's reminder of
    // an update owed is gone with it), then what it came to and what ended it.
    const regrade = 'no longer owed after the regrade to Not critical Thu Dec 3 2026 12:20 AM EST = 2026-12-03T05:20:00Z.';
    assert.deepEqual(ended[0].explain, [
      'After-hours triage within 15 minutes of real time, nights and weekends included.',
      'Due Wed Dec 2 2026 11:25 PM EST = 2026-12-03T04:25:00Z; breached after that.',
      `Breached Wed Dec 2 2026 11:25 PM EST = 2026-12-03T04:25:00Z; ${regrade}`,
    ]);
    assert.deepEqual(ended[1].explain, [
      'After-hours status notification within 1 hour of real time, nights and weekends included.',
      'Due Thu Dec 3 2026 12:10 AM EST = 2026-12-03T05:10:00Z; breached after that.',
      `Breached Thu Dec 3 2026 12:10 AM EST = 2026-12-03T05:10:00Z; ${regrade}`,
    ]);
    // The customer reads it too (their case page drops the UTC part: sla/format.ts withoutUtc).
    assert.deepEqual((await clocks(t.id, org.contact)).map((c) => [c.metric, c.state, c.explain?.at(-1)]), [
      ['triage', 'breached', `Breached Wed Dec 2 2026 11:25 PM EST = 2026-12-03T04:25:00Z; ${regrade}`],
      ['status_notification', 'breached', `Breached Thu Dec 3 2026 12:10 AM EST = 2026-12-03T05:10:00Z; ${regrade}`],
    ]);

    // The managers' reports: each a breach of a Critical promise (severity 1), due when it was missed.
    const r = await report(t.number);
    assert.deepEqual(r.attainment.filter((a) => a.plan === 'premium'), [
      { period: '2026-12-03', metric: 'status_notification', plan: 'premium', severity: 1, met: 0, breached: 1, open: 0 },
      { period: '2026-12-03', metric: 'triage', plan: 'premium', severity: 1, met: 0, breached: 1, open: 0 },
    ]);
    assert.deepEqual(r.breaches, [['triage', 1, '2026-12-03T04:25:00Z', null], ['status_notification', 1, '2026-12-03T05:10:00Z', null]]);

    // Nothing fires again: not on the next sweeps, not after a reply that would have met the
    // notification (no longer owed, it stays as it ended).
    desk.clock.set('2026-12-03T06:00:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Fixed for that user.', eta: '2026-12-03T07:00:00Z' } });
    desk.clock.set('2026-12-03T14:00:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    assert.deepEqual(await fired(t.id), once);
    assert.deepEqual((await clocks(t.id)).map((c) => [c.metric, c.state, c.metAt, c.endedAt?.toString()]), [
      ['triage', 'breached', null, '2026-12-03T05:20:00Z'],
      ['status_notification', 'breached', null, '2026-12-03T05:20:00Z'],
    ]);
  });

  it('triage met, the status notification still running: the triage stays met, the notification follows the policy (no longer owed)', async () => {
    // Thursday 3 December, 23:10 EST = 04:10Z on the 4th: triage due 23:25 EST (04:25Z), notification 00:10 EST (05:10Z).
    const { t } = await criticalMail('2026-12-04T04:10:00Z');
    desk.clock.set('2026-12-04T04:20:00Z'); // 23:20 EST: on call looks (triage met, in time)
    await addNote({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Looking' } });
    desk.clock.set('2026-12-04T04:30:00Z'); // 23:30 EST: one user only
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 2, reason: 'One user only' } });
    const ended = await clocks(t.id);
    assert.deepEqual(ended.map((c) => [c.metric, c.state, c.due?.toString(), c.metAt?.toString(), c.breachedAt, c.endedAt?.toString()]), [
      ['triage', 'met', '2026-12-04T04:25:00Z', '2026-12-04T04:20:00Z', null, '2026-12-04T04:30:00Z'],
    ]);
    assert.equal(ended[0].explain?.at(-1), 'Met Thu Dec 3 2026 11:20 PM EST = 2026-12-04T04:20:00Z; no longer owed after the regrade to Not critical Thu Dec 3 2026 11:30 PM EST = 2026-12-04T04:30:00Z.');
    const r = await report(t.number, '2026-12-04T04:00:00Z');
    assert.deepEqual(r.attainment, [{ period: '2026-12-04', metric: 'triage', plan: 'premium', severity: 1, met: 1, breached: 0, open: 0 }]);
    assert.deepEqual(r.breaches, []);
    desk.clock.set('2026-12-04T05:30:00Z'); // past the notification's 00:10 EST: no longer owed, nothing fires
    await sweepSlaClocks({ ctx: desk.system });
    assert.deepEqual((await fired(t.id)).breaches, 0);
  });

  it('regraded back to Critical: the same clocks are owed again with their breaches, and none fires twice', async () => {
    // Friday 4 December, 23:10 EST = 04:10Z on the 5th: triage due 04:25Z, notification 05:10Z.
    const { t } = await criticalMail('2026-12-05T04:10:00Z');
    desk.clock.set('2026-12-05T05:15:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    const once = await fired(t.id);
    assert.equal(once.breaches, 2);
    desk.clock.set('2026-12-05T05:20:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 2, reason: 'One user only' } });
    desk.clock.set('2026-12-05T05:25:00Z'); // 00:25 EST
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 1, reason: 'Everyone after all' } });
    // Owed from the arrival as before: triage met (late) by the first regrade at 00:20 EST, the
    // notification still unsent, past its 00:10 EST: both breached once, owed again (not ended).
    assert.deepEqual((await clocks(t.id)).map((c) => [c.metric, c.state, c.due?.toString(), c.metAt?.toString() ?? null, c.breachedAt?.toString(), c.endedAt]), [
      ['triage', 'met', '2026-12-05T04:25:00Z', '2026-12-05T05:20:00Z', '2026-12-05T04:25:00Z', null],
      ['status_notification', 'breached', '2026-12-05T05:10:00Z', null, '2026-12-05T05:10:00Z', null],
    ]);
    desk.clock.set('2026-12-05T06:30:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    assert.deepEqual(await fired(t.id), once);
  });

  it('a new policy version moves the ticket onto it: the ended clocks are kept as they were, and fire nothing', async () => {
    // Monday 7 December, 23:10 EST = 04:10Z on the 8th: triage due 04:25Z, notification 05:10Z.
    const { t } = await criticalMail('2026-12-08T04:10:00Z');
    desk.clock.set('2026-12-08T05:15:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    const once = await fired(t.id);
    desk.clock.set('2026-12-08T05:20:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 2, reason: 'One user only' } });
    const ended = await clocks(t.id);
    assert.deepEqual(ended.map((c) => [c.metric, c.state, c.due?.toString(), c.endedAt?.toString()]), [
      ['triage', 'breached', '2026-12-08T04:25:00Z', '2026-12-08T05:20:00Z'],
      ['status_notification', 'breached', '2026-12-08T05:10:00Z', '2026-12-08T05:20:00Z'],
    ]);
    // Triage within 10 minutes now: were the ended triage the projection's, it would be due 04:20Z.
    const source = examplePolicySource('opscom').replace('triage: { within: 15 minutes }', 'triage: { within: 10 minutes }');
    assert.notEqual(source, examplePolicySource('opscom'));
    desk.clock.set('2026-12-08T06:00:00Z');
    await activatePolicy({ ctx: desk.ctx(desk.admin), input: { source } });
    await handlePolicyReproject({ db: desk.t.db, clock: desk.clock, logger: silentLogger() });
    const moved = await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
    assert.equal(moved.policyVersion, 2);
    // Explained as before too: under the version and the severity they were owed under.
    assert.deepEqual(moved.clocks.map((c) => [c.metric, c.state, c.due?.toString(), c.endedAt?.toString(), c.explain]), ended.map((c) => [c.metric, c.state, c.due?.toString(), c.endedAt?.toString(), c.explain]));
    await sweepSlaClocks({ ctx: desk.system });
    assert.deepEqual(await fired(t.id), once);
  });
});

describe('OPS-COM: a new policy version that no longer promises the status notification', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('opscom', '2026-12-03T04:10:00Z');
  });
  after(() => desk.close());

  it('ends the notification already breached by that move, and keeps the triage still owed', async () => {
    // Wed 2 Dec 2026 23:10 EST (04:10Z): triage due 04:25Z, notification 05:10Z; on call notes at 04:20Z (triage met).
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Portal down', description: 'Nobody can log in', channel: 'email', intake: { system_outage: true } } });
    desk.clock.set('2026-12-03T04:20:00Z');
    await addNote({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Looking' } });
    desk.clock.set('2026-12-03T05:15:00Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 1);
    const source = examplePolicySource('opscom').replace(/\n\s*status_notification: \{ within: 1 hour, requires_eta: true \}/, '');
    assert.notEqual(source, examplePolicySource('opscom'));
    desk.clock.set('2026-12-03T05:30:00Z'); // 00:30 EST
    await activatePolicy({ ctx: desk.ctx(desk.admin), input: { source } });
    await handlePolicyReproject({ db: desk.t.db, clock: desk.clock, logger: silentLogger() });
    const view = await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
    assert.equal(view.policyVersion, 2);
    assert.deepEqual(view.clocks.map((c) => [c.metric, c.state, c.due?.toString(), c.metAt?.toString() ?? null, c.breachedAt?.toString() ?? null, c.endedAt?.toString() ?? null]), [
      ['triage', 'met', '2026-12-03T04:25:00Z', '2026-12-03T04:20:00Z', null, null],
      ['status_notification', 'breached', '2026-12-03T05:10:00Z', null, '2026-12-03T05:10:00Z', '2026-12-03T05:30:00Z'],
    ]);
    // Explained under the version it was owed under (1), as it was then.
    assert.deepEqual(view.clocks[1].explain, [
      'After-hours status notification within 1 hour of real time, nights and weekends included.',
      'Due Thu Dec 3 2026 12:10 AM EST = 2026-12-03T05:10:00Z; breached after that.',
      'Breached Thu Dec 3 2026 12:10 AM EST = 2026-12-03T05:10:00Z; no longer owed after the move to version 2 of the support policy Thu Dec 3 2026 12:30 AM EST = 2026-12-03T05:30:00Z.',
    ]);
    const attained = await slaAttainment({ ctx: desk.ctx(desk.manager), input: { from: '2026-12-03T04:00:00Z', to: '2026-12-03T05:00:00Z', period: 'day' } });
    assert.deepEqual(attained.map((a) => [a.metric, a.severity, a.met, a.breached, a.open]), [['status_notification', 1, 0, 1, 0], ['triage', 1, 1, 0, 0]]);
  });
});
