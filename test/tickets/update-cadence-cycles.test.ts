// OpenMethods' System Outage: "Communication cadence: status update once every 60 minutes". Each
// hour owes its own update: one missed is a breach, and the next is still owed 60 minutes after
// the missed one was due, reminded of and breached on its own, not forgotten until someone replies.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addReply, changeStatus, createTicket, getTicket, listBreaches, slaAttainment, sweepSlaClocks } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('the System Outage update cadence, each 60-minute cycle owed on its own (OpenMethods)', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openmethods', '2026-12-02T14:00:00Z');
  });
  after(() => desk.close());

  const updateClock = async (ticketId: string) => (await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId } })).clocks.find((c) => c.metric === 'update')!;
  const missedDues = async (ticketId: string) =>
    (await desk.t.db.query<{ due: string }>("SELECT data->>'due' AS due FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_breach' AND data->>'metric' = 'update' ORDER BY at, seq", [ticketId])).rows.map((r) => r.due);
  const sweep = () => sweepSlaClocks({ ctx: desk.system });
  let first = '';

  it('a missed update is a breach, and so is the next one missed an hour later; a reply restarts the hour', async () => {
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Outage', description: 'No agent can log in', intake: { affected_agents_percent: 100 } } });
    first = t.id;
    // The response at 14:10 meets the 30 minutes and starts the cadence: an update due 15:10.
    desk.clock.set('2026-12-02T14:10:00Z');
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'We are on it.' } });
    assert.equal((await updateClock(t.id)).due?.toString(), '2026-12-02T15:10:00Z');

    // 15:10 passes with no update: a breach. The next is owed at 16:10 (15:10 + 60 minutes),
    // reminded 15 minutes before, at 15:55.
    desk.clock.set('2026-12-02T15:10:01Z');
    assert.deepEqual(await sweep(), { handovers: 0, reminders: 0, warnings: 0, breaches: 1 });
    let update = await updateClock(t.id);
    assert.equal(update.due?.toString(), '2026-12-02T16:10:00Z');
    assert.equal(update.remindAt?.toString(), '2026-12-02T15:55:00Z');
    desk.clock.set('2026-12-02T15:55:30Z');
    assert.deepEqual(await sweep(), { handovers: 0, reminders: 1, warnings: 0, breaches: 0 });

    // 16:10 passes with no update either: a second breach, the next owed at 17:10.
    desk.clock.set('2026-12-02T16:10:01Z');
    assert.deepEqual(await sweep(), { handovers: 0, reminders: 0, warnings: 0, breaches: 1 });
    assert.equal((await updateClock(t.id)).due?.toString(), '2026-12-02T17:10:00Z');
    assert.deepEqual(await missedDues(t.id), ['2026-12-02T15:10:00Z', '2026-12-02T16:10:00Z']);

    // An update at 16:30: the next is owed at 17:30, an hour after it.
    desk.clock.set('2026-12-02T16:30:00Z');
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Fix being deployed.' } });
    update = await updateClock(t.id);
    assert.equal(update.due?.toString(), '2026-12-02T17:30:00Z');
    assert.equal(update.state, 'running');
    // The managers' report counts the cadence breached: its current hour runs, but two were missed.
    const report = await slaAttainment({ ctx: desk.ctx(desk.manager), input: { from: '2026-12-02T00:00:00Z', to: '2026-12-03T00:00:00Z', period: 'day' } });
    assert.deepEqual(report.filter((r) => r.metric === 'update').map((r) => [r.met, r.breached, r.open]), [[0, 1, 0]]);
    // Listed once, due when it was first missed: 15:10 (not 17:30, the hour now running).
    assert.deepEqual((await listBreaches({ ctx: desk.ctx(desk.manager), input: { from: '2026-12-02T00:00:00Z', to: '2026-12-03T00:00:00Z' } })).map((b) => [b.metric, b.due.toString()]), [['update', '2026-12-02T15:10:00Z']]);
  });

  it('an update given late, before the sweep came, is still a missed hour: breached, then the next hour runs from it', async () => {
    desk.clock.set('2026-12-02T17:00:00Z');
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Flows stopped', description: 'No screen pops', intake: { failing_flows_percent: 50 } } });
    desk.clock.set('2026-12-02T17:05:00Z');
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Investigating.' } });
    // Owed at 18:05; given at 18:12, and nobody swept between.
    desk.clock.set('2026-12-02T18:12:00Z');
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Still investigating.' } });
    const swept = [];
    for (let i = 0; i < 2; i++) {
      await sweep();
      swept.push(await missedDues(t.id));
    }
    assert.deepEqual(swept, [['2026-12-02T18:05:00Z'], ['2026-12-02T18:05:00Z']], 'one breach, recorded once');
    // The next update is owed an hour after the one given at 18:12.
    const update = await updateClock(t.id);
    assert.deepEqual([update.state, update.due?.toString()], ['running', '2026-12-02T19:12:00Z']);
    // Solved: nothing more owed (and nothing left to sweep for the next test).
    await changeStatus({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, status: 'solved' } });
    assert.equal((await updateClock(t.id)).state, 'stopped');
  });

  it('a sweep that comes late records each hour missed meanwhile, one breach each, in order, and mails once', async () => {
    // This desk's first ticket missed its hourly updates overnight: the one of 17:30 was swept at
    // 18:12 above, then 18:30 to 09:30, 16 of them, are all recorded by the one sweep now; then it
    // is solved, so only the new one is owed anything below.
    desk.clock.set('2026-12-03T10:00:00Z');
    assert.equal((await sweep()).breaches, 16);
    assert.equal((await sweep()).breaches, 0);
    await changeStatus({ ctx: desk.ctx(desk.agent), input: { ticketId: first, status: 'solved' } });
    const org = await desk.addOrganization('standard');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Chats lost', description: 'All chats', intake: { misrouted_chats_percent: 100 } } });
    desk.clock.set('2026-12-03T10:05:00Z');
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Investigating.' } });
    // Updates owed at 11:05, 12:05 and 13:05; nobody sweeps until 13:05:01.
    desk.clock.set('2026-12-03T13:05:01Z');
    const breaches = [];
    for (let i = 0; i < 2; i++) breaches.push((await sweep()).breaches);
    assert.deepEqual(breaches, [3, 0]);
    assert.deepEqual(await missedDues(t.id), ['2026-12-03T11:05:00Z', '2026-12-03T12:05:00Z', '2026-12-03T13:05:00Z']);
    assert.equal((await updateClock(t.id)).due?.toString(), '2026-12-03T14:05:00Z');
    // Told once, not once a sweep: each reader gets one mail, about the first missed and the two after.
    const { rows: mails } = await desk.t.db.query<{ recipient: string; body: string }>(
      "SELECT recipient, body FROM outbox WHERE kind = 'sla_breach' AND payload->>'ticket_id' = $1 AND payload->>'metric' = 'update' ORDER BY recipient", [t.id]);
    assert.ok(mails.length > 0);
    assert.equal(new Set(mails.map((m) => m.recipient)).size, mails.length, 'one mail a reader');
    // 11:05 and 13:05 UTC in OpenMethods' U.S. Eastern zone (EST, UTC-5 in December): 06:05 and 08:05.
    for (const m of mails) {
      assert.equal(m.body.split('\n')[0], `The update clock of ticket #${t.number} was due at Thu Dec 3 2026 06:05 AM EST. The 2 updates due after it were missed too, the last at Thu Dec 3 2026 08:05 AM EST.`);
    }
  });
});
