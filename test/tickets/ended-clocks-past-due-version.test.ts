// A new policy version that stops owing a clock already past due under the version it was owed
// under, its breach held by the sweep for mail still to be read (owed.ts breachCutoff): missed under
// those terms, it ends breached, and the breach fires once the hold lifts, as for a regrade
// (ended-clocks.ts; the regrade's case: ended-clocks-at-regrade.test.ts). OPS-COM's seed: "Issues
// will be triaged within 15 minutes and a status notification will be sent to you within 1 hour for
// Critical issues." Times by hand (America/New_York, UTC-5 in December): a critical mail at Mon 7 Dec
// 2026 23:10 EST (04:10Z on the 8th) owes triage by 23:25 EST (04:25Z) and the status notification by
// 00:10 EST (05:10Z); version 2 drops the notification (a test-local edit: no vendor did so).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { storeInbound } from '../../src/email/index.ts';
import { handlePolicyReproject } from '../../src/jobs/policy-reproject-job.ts';
import { silentLogger } from '../../src/platform/index.ts';
import { activatePolicy } from '../../src/policy-versions/index.ts';
import { addNote, createTicket, getTicket, slaAttainment, sweepSlaClocks } from '../../src/tickets/index.ts';
import { examplePolicySource, openDesk, type Desk } from '../support/desk.ts';
import { testBackend } from '../support/test-db.ts';

describe(`OPS-COM: a new version drops the status notification past due, its breach held for unread mail, on ${testBackend}`, () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('opscom', '2026-12-08T04:10:00Z');
  });
  after(() => desk.close());

  it('it ends breached, due when it was, and the breach fires once the mail is read, once', async () => {
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Portal down', description: 'Nobody can log in', channel: 'email', intake: { system_outage: true } } });
    assert.equal(t.severity, 1);
    desk.clock.set('2026-12-08T04:20:00Z');
    await addNote({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Looking' } }); // triage met, 23:20 EST
    desk.clock.set('2026-12-08T05:05:00Z'); // 00:05 EST: a mail reaches the desk, not read yet
    const raw = Buffer.from('From: someone@customer.example\r\nTo: support@desk.example\r\nSubject: still down\r\nMessage-ID: <held-version@customer.example>\r\n\r\nStill down.\r\n');
    const mailId = (await storeInbound(desk.t.db, desk.clock, raw, { source: 'smtp', envelopeFrom: 'someone@customer.example', envelopeTo: ['support@desk.example'] }))!;
    desk.clock.set('2026-12-08T05:12:00Z'); // 00:12 EST: the notification was due 00:10, held for that mail
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 0);

    const source = examplePolicySource('opscom').replace(/\n\s*status_notification: \{ within: 1 hour, requires_eta: true \}/, '');
    assert.notEqual(source, examplePolicySource('opscom'));
    desk.clock.set('2026-12-08T05:15:00Z'); // 00:15 EST
    await activatePolicy({ ctx: desk.ctx(desk.admin), input: { source } });
    await handlePolicyReproject({ db: desk.t.db, clock: desk.clock, logger: silentLogger() });
    const clocks = async () => (await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } })).clocks
      .map((c) => [c.metric, c.state, c.due?.toString(), c.metAt?.toString() ?? null, c.breachedAt?.toString() ?? null, c.endedAt?.toString() ?? null]);
    assert.equal((await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } })).policyVersion, 2);
    // Not cancelled: missed at 00:10 under version 1, whatever version 2 owes; no breach recorded yet.
    assert.deepEqual(await clocks(), [
      ['triage', 'met', '2026-12-08T04:25:00Z', '2026-12-08T04:20:00Z', null, null],
      ['status_notification', 'breached', '2026-12-08T05:10:00Z', null, null, '2026-12-08T05:15:00Z'],
    ]);
    // Still held while the mail waits.
    desk.clock.set('2026-12-08T05:16:00Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 0);
    // The mail read (for nothing that meets it): the next sweep records the breach, once.
    await desk.t.db.query("UPDATE inbound_messages SET status = 'ignored', processed_at = $2 WHERE id = $1", [mailId, Temporal.Instant.from('2026-12-08T05:17:00Z')]);
    desk.clock.set('2026-12-08T05:17:00Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 1);
    desk.clock.set('2026-12-08T06:00:00Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 0);
    const { rows } = await desk.t.db.query<{ metric: string }>("SELECT data->>'metric' AS metric FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_breach'", [t.id]);
    assert.deepEqual(rows.map((r) => r.metric), ['status_notification']);
    assert.deepEqual((await clocks())[1], ['status_notification', 'breached', '2026-12-08T05:10:00Z', null, '2026-12-08T05:10:00Z', '2026-12-08T05:15:00Z']);
    const attained = await slaAttainment({ ctx: desk.ctx(desk.manager), input: { from: '2026-12-08T04:00:00Z', to: '2026-12-08T05:00:00Z', period: 'day' } });
    assert.deepEqual(attained.map((a) => [a.metric, a.severity, a.met, a.breached, a.open]), [['status_notification', 1, 0, 1, 0], ['triage', 1, 1, 0, 0]]);
  });
});
