// A regrade never erases a target already missed (product owner's decision, stop 54). OpenBack, seed:
// Enterprise "Initial Response Time" Severity 1 within 1 hour, 24x7; Severity 3 "6 - 12 business
// hours"; Enterprise hours Mon-Fri 09:00-18:00 and Sat 09:00-16:00 GMT (UTC in December). A
// Severity 1 opened Wed 2 Dec 2026 10:00 owes its first response by 11:00. Nobody answers, and the
// sweep has not come round (it runs every few seconds, and may hold a breach for unread mail) when it
// is regraded to Severity 3 at 11:03: a downgrade is counted from the opening (sla/regrade-start.ts),
// goal 6 business hours = Wed 16:00, due 12 business hours = Wed 10:00-18:00 (8 h) + Thu 09:00-13:00
// (4 h) = Thu 3 Dec 13:00. The response was missed at 11:00 under Severity 1, whether or not the sweep
// had recorded it: the regrade records that breach, as the sweep would have, once, and then moves the
// clock. The same for a new policy version that loosens the target at 11:03 (a test-local edit of
// Severity 1 to 4 hours: no vendor did so): due 10:00 + 4 h = 14:00. A breach the sweep held for
// unread mail received before its due (owed.ts breachCutoff) is recorded by the regrade too: once
// the time moves, the hold could no longer see the miss.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { storeInbound } from '../../src/email/index.ts';
import { handlePolicyReproject } from '../../src/jobs/policy-reproject-job.ts';
import { silentLogger } from '../../src/platform/index.ts';
import { activatePolicy } from '../../src/policy-versions/index.ts';
import { listBreaches, slaAttainment, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { createWebhook } from '../../src/webhooks/index.ts';
import { examplePolicySource, openDesk, type Desk } from '../support/desk.ts';
import { testBackend } from '../support/test-db.ts';
import { firstResponseDue, severityOne as openBackSeverityOne } from './openback-kit.ts';

describe(`OpenBack: a Severity 1 past due, its breach not recorded yet, then regraded (on ${testBackend})`, () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback', '2026-12-02T10:00:00Z');
    await createWebhook({ ctx: desk.ctx(desk.admin), input: { url: 'https://hooks.example.com/sla', events: ['sla.breached'] }, settings: { allowPrivate: false } });
  });
  after(() => desk.close());

  const severityOne = (at: string) => openBackSeverityOne(desk, at);
  const firstResponse = (ticketId: string) => firstResponseDue(desk, ticketId);
  const fired = async (ticketId: string) => {
    const db = desk.t.db;
    const { rows: breaches } = await db.query<{ due: string; severity: number }>(
      "SELECT data->>'due' AS due, (data->>'severity')::int AS severity FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_breach' ORDER BY seq", [ticketId]);
    const q = async (sql: string) => (await db.query<{ n: number }>(sql, [ticketId])).rows[0].n;
    return {
      breaches: breaches.map((b) => [Temporal.Instant.from(b.due).toString(), b.severity]),
      mails: await q("SELECT count(*)::int AS n FROM outbox WHERE kind = 'sla_breach' AND payload->>'ticket_id' = $1"),
      webhooks: await q("SELECT count(*)::int AS n FROM webhook_deliveries WHERE event_type = 'sla.breached' AND payload->'data'->'ticket'->>'id' = $1"),
    };
  };
  const window = (from: string) => ({ from, to: Temporal.Instant.from(from).add({ hours: 1 }).toString(), period: 'day' as const });

  it('a regrade to Severity 3 at 11:03 records the breach of 11:00 under Severity 1, once; the sweep adds none', async () => {
    const t = await severityOne('2026-12-02T10:00:00Z');
    desk.clock.set('2026-12-02T11:03:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 3, reason: 'A workaround exists' } });
    // Breached at its due, under Severity 1; its time moved to Severity 3's since.
    assert.deepEqual(await firstResponse(t.id), ['breached', '2026-12-03T13:00:00Z', '2026-12-02T11:00:00Z']);
    // Mailed to the manager and the admin (nobody holds it), one webhook: as a sweep breach.
    const once = { breaches: [['2026-12-02T11:00:00Z', 1]], mails: 2, webhooks: 1 };
    assert.deepEqual(await fired(t.id), once);
    // Said as Severity 1's breach: its hour was a deadline, whatever Severity 3's range reads as.
    const { rows: mails } = await desk.t.db.query<{ subject: string; body: string }>("SELECT subject, body FROM outbox WHERE kind = 'sla_breach' AND payload->>'ticket_id' = $1", [t.id]);
    // Its facts name the severity it was owed under, then the one the ticket has now (the seed's names).
    assert.deepEqual([...new Set(mails.map((m) => [m.subject, ...m.body.split('\n').slice(0, 2)].join(' | ')))], [
      `[SLA breach] Ticket #${t.number}: All keys fail | The first response clock of ticket #${t.number} was due at Wed 2 Dec 2026 11:00 GMT. | ` +
        `Org 1: Severity 1 (Critical), Enterprise plan, Open; the ticket is Severity 3 (Minor) now. Nobody on the team holds it.`,
    ]);
    const ctx = desk.ctx(desk.manager);
    assert.deepEqual(await slaAttainment({ ctx, input: window('2026-12-02T10:00:00Z') }), [
      { period: '2026-12-02', metric: 'first_response', plan: 'enterprise', severity: 1, met: 0, breached: 1, open: 0 },
    ]);
    assert.deepEqual((await listBreaches({ ctx, input: window('2026-12-02T10:00:00Z') })).map((b) => [b.number, b.severity, b.metric, b.due.toString()]), [
      [t.number, 1, 'first_response', '2026-12-02T11:00:00Z'],
    ]);
    // The sweep now, and past Severity 3's due time: no second breach, mail or webhook.
    for (const at of ['2026-12-02T11:04:00Z', '2026-12-03T13:05:00Z']) {
      desk.clock.set(at);
      assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 0, at);
    }
    assert.deepEqual(await fired(t.id), once);
    assert.equal((await listBreaches({ ctx, input: window('2026-12-02T10:00:00Z') })).length, 1);
  });

  it('held by the sweep for a mail received at 10:59 still unread, then regraded at 11:03: recorded at 11:00 all the same, once', async () => {
    // Monday 7 December: Severity 3 due Mon 10:00-18:00 (8 h) + Tue 09:00-13:00 (4 h) = Tue 13:00.
    const t = await severityOne('2026-12-07T10:00:00Z');
    desk.clock.set('2026-12-07T10:59:00Z');
    const raw = Buffer.from('From: someone@elsewhere.example\r\nTo: support@desk.example\r\nSubject: hello\r\nMessage-ID: <held-regrade@elsewhere.example>\r\n\r\nHello.\r\n');
    const mailId = (await storeInbound(desk.t.db, desk.clock, raw, { source: 'smtp', envelopeFrom: 'someone@elsewhere.example', envelopeTo: ['support@desk.example'] }))!;
    desk.clock.set('2026-12-07T11:02:00Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 0, 'held for the unread mail');
    desk.clock.set('2026-12-07T11:03:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 3, reason: 'A workaround exists' } });
    assert.deepEqual(await firstResponse(t.id), ['breached', '2026-12-08T13:00:00Z', '2026-12-07T11:00:00Z']);
    const once = { breaches: [['2026-12-07T11:00:00Z', 1]], mails: 2, webhooks: 1 };
    assert.deepEqual(await fired(t.id), once);
    // The mail read (for nothing on this ticket): the sweep finds nothing more to record.
    await desk.t.db.query("UPDATE inbound_messages SET status = 'ignored', processed_at = $2 WHERE id = $1", [mailId, Temporal.Instant.from('2026-12-07T11:04:00Z')]);
    desk.clock.set('2026-12-07T11:04:00Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 0);
    assert.deepEqual(await fired(t.id), once);
  });

  it('a new policy version loosening Severity 1 at 11:03 records the breach of 11:00 under version 1, once', async () => {
    const t = await severityOne('2026-12-04T10:00:00Z'); // Friday 4 December: its own day in the reports
    const source = examplePolicySource('openback').replace('enterprise: { within: 1 hour, clock: 24x7 }', 'enterprise: { within: 4 hours, clock: 24x7 }');
    assert.notEqual(source, examplePolicySource('openback'));
    desk.clock.set('2026-12-04T11:03:00Z');
    await activatePolicy({ ctx: desk.ctx(desk.admin), input: { source } });
    await handlePolicyReproject({ db: desk.t.db, clock: desk.clock, logger: silentLogger() });
    assert.deepEqual(await firstResponse(t.id), ['breached', '2026-12-04T14:00:00Z', '2026-12-04T11:00:00Z']);
    const once = { breaches: [['2026-12-04T11:00:00Z', 1]], mails: 2, webhooks: 1 };
    assert.deepEqual(await fired(t.id), once);
    for (const at of ['2026-12-04T11:04:00Z', '2026-12-04T14:05:00Z']) {
      desk.clock.set(at);
      assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 0, at);
    }
    assert.deepEqual(await fired(t.id), once);
    assert.deepEqual((await listBreaches({ ctx: desk.ctx(desk.manager), input: window('2026-12-04T10:00:00Z') })).map((b) => [b.severity, b.due.toString()]), [
      [1, '2026-12-04T11:00:00Z'],
    ]);
  });
});
