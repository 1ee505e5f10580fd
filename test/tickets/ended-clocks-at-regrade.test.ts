// What a regrade that stops owing OPS-COM's after-hours clocks does to one it settles itself, or
// whose breach is held. OPS-COM's seed: "Issues will be triaged within 15 minutes and a status
// notification will be sent to you within 1 hour for Critical issues." Deciding an issue is not
// critical is triaging it: the regrade is on call's triage (recompute-clocks.ts: anything an agent
// does on the ticket), so the triage ends met at the regrade, not cancelled. A notification whose
// hour had passed under the Critical terms, its breach held by the sweep for mail still to be read
// (owed.ts breachCutoff), was missed under those terms: it ends breached, fired once the hold lifts.
// Times by hand (America/New_York, UTC-5 in December): a critical mail at 23:10 EST (04:10Z) owes
// triage by 23:25 EST (04:25Z) and the status notification by 00:10 EST (05:10Z).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { storeInbound } from '../../src/email/index.ts';
import { addNote, createTicket, getTicket, slaAttainment, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('OPS-COM: a regrade to Not critical, the clocks it settles or whose breach is held', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('opscom', '2026-12-03T04:10:00Z');
  });
  after(() => desk.close());

  const criticalMail = async (at: string) => {
    desk.clock.set(at);
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Portal down', description: 'Nobody can log in', channel: 'email', intake: { system_outage: true } } });
    assert.equal(t.severity, 1);
    return t;
  };
  const regrade = async (ticketId: string, at: string) => {
    desk.clock.set(at);
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId, severity: 2, reason: 'One user only' } });
  };
  const clocks = async (ticketId: string) => (await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId } })).clocks
    .map((c) => [c.metric, c.state, c.due?.toString(), c.metAt?.toString() ?? null, c.breachedAt?.toString() ?? null, c.endedAt?.toString() ?? null]);
  const breachEntries = async (ticketId: string) =>
    (await desk.t.db.query<{ metric: string }>("SELECT data->>'metric' AS metric FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_breach' ORDER BY seq", [ticketId])).rows.map((r) => r.metric);
  const attained = async (from: string) => (await slaAttainment({ ctx: desk.ctx(desk.manager), input: { from, to: Temporal.Instant.from(from).add({ hours: 1 }).toString(), period: 'day' } }))
    .map((a) => [a.metric, a.severity, a.met, a.breached, a.open]);

  it('the regrade is the triage: triage ends met at the regrade, in time; the notification, not yet due, is no longer owed', async () => {
    const t = await criticalMail('2026-12-03T04:10:00Z'); // Wed 2 Dec 23:10 EST
    await regrade(t.id, '2026-12-03T04:20:00Z'); // 23:20 EST: the first thing on call does
    assert.deepEqual(await clocks(t.id), [['triage', 'met', '2026-12-03T04:25:00Z', '2026-12-03T04:20:00Z', null, '2026-12-03T04:20:00Z']]);
    assert.deepEqual(await attained('2026-12-03T04:00:00Z'), [['triage', 1, 1, 0, 0]]);
    desk.clock.set('2026-12-03T06:00:00Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 0);
  });

  it('a regrade after the triage time: triage met late at the regrade, its breach fired once', async () => {
    const t = await criticalMail('2026-12-04T04:10:00Z'); // Thu 3 Dec 23:10 EST
    await regrade(t.id, '2026-12-04T04:30:00Z'); // 23:30 EST, 5 minutes past 23:25; no sweep came between
    assert.deepEqual(await clocks(t.id), [['triage', 'met', '2026-12-04T04:25:00Z', '2026-12-04T04:30:00Z', null, '2026-12-04T04:30:00Z']]);
    desk.clock.set('2026-12-04T04:31:00Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 1);
    desk.clock.set('2026-12-04T06:00:00Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 0);
    assert.deepEqual(await breachEntries(t.id), ['triage']);
    assert.deepEqual(await attained('2026-12-04T04:00:00Z'), [['triage', 1, 0, 1, 0]]);
  });

  it('the notification past due, its breach held for unread mail: it ends breached, and the breach fires once the mail is read', async () => {
    const t = await criticalMail('2026-12-08T04:10:00Z'); // Mon 7 Dec 23:10 EST
    desk.clock.set('2026-12-08T04:20:00Z');
    await addNote({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Looking' } }); // triage met, 23:20 EST
    desk.clock.set('2026-12-08T05:05:00Z'); // 00:05 EST: a mail reaches the desk, not read yet
    const raw = Buffer.from('From: someone@customer.example\r\nTo: support@desk.example\r\nSubject: still down\r\nMessage-ID: <held-1@customer.example>\r\n\r\nStill down.\r\n');
    const mailId = (await storeInbound(desk.t.db, desk.clock, raw, { source: 'smtp', envelopeFrom: 'someone@customer.example', envelopeTo: ['support@desk.example'] }))!;
    desk.clock.set('2026-12-08T05:12:00Z'); // 00:12 EST: the notification was due 00:10, held for that mail
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 0);
    await regrade(t.id, '2026-12-08T05:15:00Z');
    assert.deepEqual(await clocks(t.id), [
      ['triage', 'met', '2026-12-08T04:25:00Z', '2026-12-08T04:20:00Z', null, '2026-12-08T05:15:00Z'],
      ['status_notification', 'breached', '2026-12-08T05:10:00Z', null, null, '2026-12-08T05:15:00Z'],
    ]);
    // The mail read (for nothing that meets it): the next sweep records the breach, once.
    await desk.t.db.query("UPDATE inbound_messages SET status = 'ignored', processed_at = $2 WHERE id = $1", [mailId, Temporal.Instant.from('2026-12-08T05:16:00Z')]);
    desk.clock.set('2026-12-08T05:16:00Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 1);
    desk.clock.set('2026-12-08T06:00:00Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 0);
    assert.deepEqual(await breachEntries(t.id), ['status_notification']);
    assert.deepEqual((await clocks(t.id))[1], ['status_notification', 'breached', '2026-12-08T05:10:00Z', null, '2026-12-08T05:10:00Z', '2026-12-08T05:15:00Z']);
    assert.deepEqual(await attained('2026-12-08T04:00:00Z'), [['status_notification', 1, 0, 1, 0], ['triage', 1, 1, 0, 0]]);
  });
});
