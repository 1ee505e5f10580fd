// An answer by mail counts as of its arrival, even on a clock a regrade ended while the mail waited
// to be read: had it been read in time, the clock would have been met then, before the regrade.
// OPS-COM (seed 004): "After hours support is limited to critical issues. ... Issues will be
// triaged within 15 minutes and a status notification will be sent to you within 1 hour for
// Critical issues. This notification will include an estimated time to resolution." Its hours are
// Mon-Fri 9-5 EST (America/New_York, UTC-5 in December); "Not critical" owes nothing after hours,
// so a regrade to it ends both clocks (ended-clocks.ts).
//
// By hand, each test on its own night, a Premium customer's critical mail at 23:10 EST (04:10Z the
// next day): triage due 23:25 EST (04:25Z), status notification due 00:10 EST (05:10Z); nobody is
// on call, so the manager is paged and answers the page by mail; the (front-line) agent regrades.
//   1. answer 23:20 (04:20Z); sweep 23:26 (held: the mail is unread); regrade 23:30; read 23:35:
//      triage met 23:20, in time, no breach (before: met late by the regrade at 23:30, a breach).
//   2. answer 23:20; sweep 23:41 (23:25 + 15 minutes passed: the hold's cap, the breach fires);
//      regrade 23:45; read 23:50: triage met 23:20; the breach announced stays, once; the reports
//      count it met (before: breached).
//   3. answer 23:20; regrade 23:23 (before the due time: the regrade itself is triage); read 23:30:
//      triage met 23:20, not 23:23.
//   4. a note 23:15 (triage met); the answer 00:05 (05:05Z) with no ETA; sweep 00:11 (held);
//      regrade 00:12, past the notification's 00:10; read 00:15: a reply with no ETA is not the
//      notification, which stays unmet: its breach fires once the mail is read (00:16).
//   5. as 4, the answer with #eta: the notification met 00:05, in time, no breach.
//   6. as 3, the answer with #eta: the regrade at 23:23 came before either was due, but the answer
//      received 23:20 had triaged the issue and sent the status notification with its ETA (due
//      00:10): both promises were kept before the regrade, both end met 23:20, counted met, no breach.
//      (3's answer has no ETA: the notification was not sent, and the regrade, before it was due,
//      ended it unowed: not counted.)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emailSettingsFor, processInbound, storeInbound } from '../../src/email/index.ts';
import { addNote, createTicket, getTicket, listBreaches, slaAttainment, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { testBackend } from '../support/test-db.ts';

describe(`OPS-COM: a mailed answer read after a regrade ended its clock counts as of its arrival, on ${testBackend}`, () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('opscom', '2026-12-03T04:10:00Z');
  });
  after(() => desk.close());
  const settings = emailSettingsFor('support@desk.example', 'OPS-COM');

  /** A critical mail at 23:10 EST of the night ending on `day` (04:10Z on it), the page sent to the manager. */
  const criticalMail = async (day: string) => {
    desk.clock.set(`${day}T04:10:00Z`);
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Portal down', description: 'Nobody can log in', channel: 'email', intake: { system_outage: true } } });
    assert.equal(t.severity, 1);
    const { rows: [page] } = await desk.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'oncall_page' AND recipient = 'manager@vendor.example' AND payload->>'ticket_id' = $1", [t.id]);
    return { ...t, page: page.id };
  };
  /** The manager's answer to the page, stored (not read) at `at`; its id in the store. */
  const answerStored = async (t: { id: string; page: string }, at: string, text: string) => {
    desk.clock.set(at);
    const raw = Buffer.from(`From: manager@vendor.example\r\nTo: support@desk.example\r\nSubject: Re: Portal down\r\nIn-Reply-To: <outbox.${t.page}@desk.example>\r\nMessage-ID: <${t.id}@vendor.example>\r\n\r\n${text}\r\n`);
    return (await storeInbound(desk.t.db, desk.clock, raw, { source: 'smtp', envelopeFrom: 'manager@vendor.example', envelopeTo: ['support@desk.example'] }))!;
  };
  const read = async (id: string, at: string) => {
    desk.clock.set(at);
    const r = await processInbound({ ctx: desk.system, settings, inboundId: id });
    assert.equal(r!.status, 'appended', r!.outcome);
  };
  const regrade = async (ticketId: string, at: string) => {
    desk.clock.set(at);
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId, severity: 2, reason: 'One user only' } });
  };
  /** A sweep at `at`; the breach entries then on the ticket's timeline, and the breach mails. */
  const swept = async (ticketId: string, at: string) => {
    desk.clock.set(at);
    await sweepSlaClocks({ ctx: desk.system });
    const q = async (sql: string) => (await desk.t.db.query<{ n: number }>(sql, [ticketId])).rows[0].n;
    return [
      await q("SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_breach'"),
      await q("SELECT count(*)::int AS n FROM outbox WHERE kind = 'sla_breach' AND payload->>'ticket_id' = $1"),
    ];
  };
  const clocks = async (ticketId: string) => (await getTicket({ ctx: desk.ctx(desk.manager), input: { ticketId } })).clocks
    .map((c) => [c.metric, c.state, c.due?.toString(), c.metAt?.toString() ?? null, c.breachedAt?.toString() ?? null, c.endedAt?.toString() ?? null]);
  const lastLine = async (ticketId: string, metric: string) =>
    (await getTicket({ ctx: desk.ctx(desk.manager), input: { ticketId } })).clocks.find((c) => c.metric === metric)?.explain?.at(-1);
  /** The reports of the tickets opened in the hour from 04:00Z on `day`. */
  const report = async (day: string, ticketNumber: number) => {
    const input = { from: `${day}T04:00:00Z`, to: `${day}T05:00:00Z`, period: 'day' as const };
    const ctx = desk.ctx(desk.manager);
    return {
      attainment: (await slaAttainment({ ctx, input })).map((a) => [a.metric, a.severity, a.met, a.breached, a.open]),
      breaches: (await listBreaches({ ctx, input })).filter((b) => b.number === ticketNumber).map((b) => [b.metric, b.due.toString()]),
    };
  };

  /** The triage of the ticket opened on `day` met at 04:20Z (23:20 EST), in time, ended at `endedAt`; the reports count it met, list no breach. */
  const triageMetAt2320 = async (t: { id: string; number: number }, day: string, breachedAt: string | null, endedAt: string) => {
    assert.deepEqual(await clocks(t.id), [['triage', 'met', `${day}T04:25:00Z`, `${day}T04:20:00Z`, breachedAt, endedAt]]);
    assert.deepEqual(await report(day, t.number), { attainment: [['triage', 1, 1, 0, 0]], breaches: [] });
  };

  /**
   * The ticket opened on `day`: nothing fired by 01:00 EST (06:00Z); triage (due 04:25Z) met at
   * `triaged`, the status notification (due 05:10Z) at `notified`, both in time, ended at `endedAt`;
   * the reports count both met, list no breach.
   */
  const bothMetInTime = async (t: { id: string; number: number }, day: string, triaged: string, notified: string, endedAt: string) => {
    assert.deepEqual(await swept(t.id, `${day}T06:00:00Z`), [0, 0]);
    assert.deepEqual(await clocks(t.id), [
      ['triage', 'met', `${day}T04:25:00Z`, triaged, null, endedAt],
      ['status_notification', 'met', `${day}T05:10:00Z`, notified, null, endedAt],
    ]);
    assert.deepEqual(await report(day, t.number), { attainment: [['status_notification', 1, 1, 0, 0], ['triage', 1, 1, 0, 0]], breaches: [] });
  };

  it('answered 23:20, regraded 23:30 past the triage due time while the mail waited, read 23:35: triage met 23:20, no breach', async () => {
    const t = await criticalMail('2026-12-03');
    const id = await answerStored(t, '2026-12-03T04:20:00Z', 'Looking into it now.');
    assert.deepEqual(await swept(t.id, '2026-12-03T04:26:00Z'), [0, 0], 'held for the unread mail');
    await regrade(t.id, '2026-12-03T04:30:00Z');
    await read(id, '2026-12-03T04:35:00Z');
    assert.deepEqual(await swept(t.id, '2026-12-03T04:36:00Z'), [0, 0]);
    assert.deepEqual(await swept(t.id, '2026-12-03T06:00:00Z'), [0, 0]);
    // The notification, running and not yet due at the regrade, follows the policy: no longer owed.
    await triageMetAt2320(t, '2026-12-03', null, '2026-12-03T04:30:00Z');
    assert.equal(await lastLine(t.id, 'triage'),
      'Met Wed Dec 2 2026 11:20 PM EST = 2026-12-03T04:20:00Z; no longer owed after the regrade to Not critical Wed Dec 2 2026 11:30 PM EST = 2026-12-03T04:30:00Z.');
  });

  it('answered 23:20, the breach announced past the hold (23:41), regraded 23:45, read 23:50: met 23:20, the breach kept once, the reports count it met', async () => {
    const t = await criticalMail('2026-12-04');
    const id = await answerStored(t, '2026-12-04T04:20:00Z', 'Looking into it now.');
    const announced = await swept(t.id, '2026-12-04T04:41:00Z');
    assert.equal(announced[0], 1, 'the triage breach fires at the cap');
    await regrade(t.id, '2026-12-04T04:45:00Z');
    await read(id, '2026-12-04T04:50:00Z');
    assert.deepEqual(await swept(t.id, '2026-12-04T06:00:00Z'), announced, 'not fired again');
    // The breach announced keeps its mark: it happened, and is not fired again.
    await triageMetAt2320(t, '2026-12-04', '2026-12-04T04:25:00Z', '2026-12-04T04:45:00Z');
    assert.equal(await lastLine(t.id, 'triage'),
      'Met Thu Dec 3 2026 11:20 PM EST = 2026-12-04T04:20:00Z; no longer owed after the regrade to Not critical Thu Dec 3 2026 11:45 PM EST = 2026-12-04T04:45:00Z.');
  });

  it('answered 23:20, regraded 23:23 (itself triage, in time), read 23:30: triage met 23:20, when the answer came', async () => {
    const t = await criticalMail('2026-12-05');
    const id = await answerStored(t, '2026-12-05T04:20:00Z', 'Looking into it now.');
    await regrade(t.id, '2026-12-05T04:23:00Z');
    await read(id, '2026-12-05T04:30:00Z');
    assert.deepEqual(await swept(t.id, '2026-12-05T06:00:00Z'), [0, 0]);
    await triageMetAt2320(t, '2026-12-05', null, '2026-12-05T04:23:00Z');
  });

  /** Tests 4 and 5 up to the reading: a note at 23:15 EST, the answer `text` received 00:05, a sweep 00:11, the regrade 00:12, the answer read 00:15. */
  const notifiedReadLate = async (day: string, text: string) => {
    const t = await criticalMail(day);
    desk.clock.set(`${day}T04:15:00Z`);
    await addNote({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Looking' } });
    const id = await answerStored(t, `${day}T05:05:00Z`, text);
    assert.deepEqual(await swept(t.id, `${day}T05:11:00Z`), [0, 0], 'held for the unread mail');
    await regrade(t.id, `${day}T05:12:00Z`);
    await read(id, `${day}T05:15:00Z`);
    return t;
  };

  it('a reply with no ETA received 00:05, read after a regrade past the notification\'s 00:10: not the notification, which stays breached', async () => {
    const t = await notifiedReadLate('2026-12-06', 'We are restoring the gate controller.');
    assert.deepEqual(await swept(t.id, '2026-12-06T05:16:00Z'), [1, 2], 'the notification breach, to the manager and the admin');
    assert.deepEqual(await clocks(t.id), [
      ['triage', 'met', '2026-12-06T04:25:00Z', '2026-12-06T04:15:00Z', null, '2026-12-06T05:12:00Z'],
      ['status_notification', 'breached', '2026-12-06T05:10:00Z', null, '2026-12-06T05:10:00Z', '2026-12-06T05:12:00Z'],
    ]);
    assert.deepEqual(await report('2026-12-06', t.number), {
      attainment: [['status_notification', 1, 0, 1, 0], ['triage', 1, 1, 0, 0]],
      breaches: [['status_notification', '2026-12-06T05:10:00Z']],
    });
  });

  it('the same with #eta: the status notification met 00:05, in time, no breach', async () => {
    const t = await notifiedReadLate('2026-12-07', '#eta 2026-12-07 07:00\r\nWe are restoring the gate controller.');
    await bothMetInTime(t, '2026-12-07', '2026-12-07T04:15:00Z', '2026-12-07T05:05:00Z', '2026-12-07T05:12:00Z');
  });

  it('answered with #eta 23:20, regraded 23:23 before either was due, read 23:30: triage and the status notification met 23:20', async () => {
    const t = await criticalMail('2026-12-08');
    const id = await answerStored(t, '2026-12-08T04:20:00Z', '#eta 2026-12-08 07:00\r\nWe are restoring the gate controller.');
    await regrade(t.id, '2026-12-08T04:23:00Z');
    await read(id, '2026-12-08T04:30:00Z');
    await bothMetInTime(t, '2026-12-08', '2026-12-08T04:20:00Z', '2026-12-08T04:20:00Z', '2026-12-08T04:23:00Z');
    assert.equal(await lastLine(t.id, 'status_notification'),
      'Met Mon Dec 7 2026 11:20 PM EST = 2026-12-08T04:20:00Z; no longer owed after the regrade to Not critical Mon Dec 7 2026 11:23 PM EST = 2026-12-08T04:23:00Z.');
  });
});
