// A regrade that keeps the metric keeps its breach (OpenBack, seed: Enterprise "Initial Response
// Time" Severity 1 within 1 hour, 24x7; Severity 3 "6 - 12 business hours"; Enterprise hours
// Mon-Fri 09:00-18:00 and Sat 09:00-16:00 GMT, UTC in December). A Severity 1 opened Wednesday
// 2 December 2026 10:00 is due 11:00 (1 hour of real time); regraded to Severity 3 (a downgrade:
// counted from the opening, sla/regrade-start.ts) its goal is 6 business hours from Wed 10:00 =
// Wed 16:00, its due time 12 business hours = Wed 10:00-18:00 (8 h) + Thu 09:00-13:00 (4 h) =
// Thu 13:00. A breach recorded stays recorded, once: one response is owed, its time moved.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addReply, agentActivity, listBreaches, slaAttainment, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { firstResponseClock, severityOne as openBackSeverityOne } from './openback-kit.ts';
import { createWebhook } from '../../src/webhooks/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('OpenBack: a Severity 1 breached, then regraded to Severity 3', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback', '2026-12-02T10:00:00Z');
    await createWebhook({ ctx: desk.ctx(desk.admin), input: { url: 'https://hooks.example.com/sla', events: ['sla.breached', 'sla.warning'] }, settings: { allowPrivate: false } });
  });
  after(() => desk.close());

  const severityOne = (at: string) => openBackSeverityOne(desk, at);
  const firstResponse = async (ticketId: string) => {
    const c = await firstResponseClock(desk, ticketId);
    return { state: c.state, goal: c.goal?.toString() ?? null, due: c.due?.toString() ?? null, breachedAt: c.breachedAt?.toString() ?? null, metAt: c.metAt?.toString() ?? null, endedAt: c.endedAt, explain: c.explain };
  };
  const fired = async (ticketId: string) => {
    const q = async (sql: string) => (await desk.t.db.query<{ n: number }>(sql, [ticketId])).rows[0].n;
    return {
      breaches: await q("SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_breach'"),
      warnings: await q("SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_warning'"),
      mails: await q("SELECT count(*)::int AS n FROM outbox WHERE kind IN ('sla_breach', 'sla_warning') AND payload->>'ticket_id' = $1"),
      webhooks: await q("SELECT count(*)::int AS n FROM webhook_deliveries WHERE event_type IN ('sla.breached', 'sla.warning') AND payload->'data'->'ticket'->>'id' = $1"),
    };
  };
  const window = (from: string, hours: number) => ({ from, to: Temporal.Instant.from(from).add({ hours }).toString(), period: 'day' as const });

  it('answered within Severity 3\'s time after the regrade: the breach stands on the ticket and in the reports, fired once', async () => {
    const t = await severityOne('2026-12-02T10:00:00Z');
    desk.clock.set('2026-12-02T11:05:00Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).breaches, 1);
    // Mailed to the manager and the admin (nobody holds it), one webhook.
    const once = await fired(t.id);
    assert.deepEqual(once, { breaches: 1, warnings: 0, mails: 2, webhooks: 1 });

    desk.clock.set('2026-12-02T11:30:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 3, reason: 'A workaround exists' } });
    const regraded = await firstResponse(t.id);
    // Still owed (not ended), by Severity 3's time now; its breach kept, not cleared.
    assert.deepEqual({ ...regraded, explain: undefined }, {
      state: 'breached', goal: '2026-12-02T16:00:00Z', due: '2026-12-03T13:00:00Z', breachedAt: '2026-12-02T11:00:00Z', metAt: null, endedAt: null, explain: undefined,
    });
    assert.equal(regraded.explain?.[0], 'Breached Wed 2 Dec 2026 11:00 GMT = 2026-12-02T11:00:00Z, as then owed under severity 1 (Critical); the regrade to severity 3 (Minor) Wed 2 Dec 2026 11:30 GMT = 2026-12-02T11:30:00Z moved its time since, and the breach stands.');

    desk.clock.set('2026-12-02T14:00:00Z'); // within Severity 3's goal, three hours after Severity 1's time
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'We are on it.' } });
    const answered = await firstResponse(t.id);
    assert.deepEqual([answered.state, answered.metAt, answered.breachedAt], ['met', '2026-12-02T14:00:00Z', '2026-12-02T11:00:00Z'], 'met, after its breach (the desk shows it "Met late")');

    // The reports: one breach of a Severity 1 response, missed at 11:00 and answered at 14:00; not a Severity 3 met.
    const ctx = desk.ctx(desk.manager);
    assert.deepEqual(await slaAttainment({ ctx, input: window('2026-12-02T10:00:00Z', 1) }), [
      { period: '2026-12-02', metric: 'first_response', plan: 'enterprise', severity: 1, met: 0, breached: 1, open: 0 },
    ]);
    assert.deepEqual((await listBreaches({ ctx, input: window('2026-12-02T10:00:00Z', 1) })).map((b) => [b.number, b.severity, b.metric, b.due.toString(), b.metAt?.toString()]), [
      [t.number, 1, 'first_response', '2026-12-02T11:00:00Z', '2026-12-02T14:00:00Z'],
    ]);
    const agentId = desk.agent.kind === 'agent' ? desk.agent.id : '';
    const activity = (await agentActivity({ ctx, input: window('2026-12-02T00:00:00Z', 24) })).find((a) => a.agentId === agentId)!;
    assert.deepEqual([activity.firstResponsesMet, activity.firstResponsesLate], [0, 1], 'the agent\'s answer came after the breach');

    // Past Severity 3's goal and due time: nothing more fires.
    for (const at of ['2026-12-02T16:05:00Z', '2026-12-03T13:05:00Z']) {
      desk.clock.set(at);
      await sweepSlaClocks({ ctx: desk.system });
    }
    assert.deepEqual(await fired(t.id), once);
  });

  it('left unanswered: warned at Severity 3\'s goal, the obligation now owed, but never breached twice for one response', async () => {
    // Monday 7 December 10:00: due 11:00; regraded at 11:30, goal Mon 16:00, due Tue 13:00 (as above).
    const t = await severityOne('2026-12-07T10:00:00Z');
    desk.clock.set('2026-12-07T11:05:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    desk.clock.set('2026-12-07T11:30:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 3, reason: 'A workaround exists' } });
    assert.deepEqual([(await firstResponse(t.id)).goal, (await firstResponse(t.id)).due], ['2026-12-07T16:00:00Z', '2026-12-08T13:00:00Z']);
    desk.clock.set('2026-12-07T16:05:00Z');
    assert.deepEqual(await sweepSlaClocks({ ctx: desk.system }), { handovers: 0, reminders: 0, warnings: 1, breaches: 0 });
    desk.clock.set('2026-12-08T13:05:00Z');
    assert.deepEqual(await sweepSlaClocks({ ctx: desk.system }), { handovers: 0, reminders: 0, warnings: 0, breaches: 0 });
    // One breach (Severity 1's 11:00) and one warning (Severity 3's goal), each mailed to two and hooked once.
    assert.deepEqual(await fired(t.id), { breaches: 1, warnings: 1, mails: 4, webhooks: 2 });
    assert.deepEqual((await slaAttainment({ ctx: desk.ctx(desk.manager), input: window('2026-12-07T10:00:00Z', 1) })).map((a) => [a.severity, a.met, a.breached, a.open]), [[1, 0, 1, 0]]);
  });

  it('met before the regrade: it stays met, and counts as met', async () => {
    // Thursday 3 December 10:00: answered 10:30, within the hour; regraded at 11:00.
    const t = await severityOne('2026-12-03T10:00:00Z');
    desk.clock.set('2026-12-03T10:30:00Z');
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Looking now.' } });
    desk.clock.set('2026-12-03T11:00:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 3, reason: 'A workaround exists' } });
    const met = await firstResponse(t.id);
    assert.deepEqual([met.state, met.metAt, met.breachedAt, met.endedAt], ['met', '2026-12-03T10:30:00Z', null, null]);
    // Counted as the severity it has now: a downgrade reads it as that severity all along (regrade-start.ts).
    assert.deepEqual((await slaAttainment({ ctx: desk.ctx(desk.manager), input: window('2026-12-03T10:00:00Z', 1) })).map((a) => [a.severity, a.met, a.breached, a.open]), [[3, 1, 0, 0]]);
  });
});
