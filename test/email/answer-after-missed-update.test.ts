// OpenMethods' System Outage: "Communication cadence: status update once every 60 minutes" (worked
// 24/7). An update cycle runs from the last update given: an agent's mailed update that reached
// the desk before the cycle's due time starts the next cycle at its arrival, even when the sweep,
// its hold for the unread mail past its cap (owed.ts BREACH_HOLD_MINUTES, 15), recorded the update
// as missed before the mail was read. The breach it announced stays on the timeline.
//
// By hand: opened 14:00 Wednesday 2 December 2026, assigned to agent@ at 14:05, answered on the
// desk at 14:10 (the cadence runs from then: an update due 15:10). The agent's mailed update
// reaches the desk at 15:05; the sweep at 15:26 (15:10 + 15 minutes passed) records the 15:10
// update missed; the mail is read at 15:30. The next update is due 60 minutes after 15:05: 16:05
// (reminded 15 minutes before, 15:50), not 16:10 (60 minutes after the missed 15:10).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emailSettingsFor, processInbound, storeInbound } from '../../src/email/index.ts';
import { addReply, createTicket, getTicket, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { testBackend } from '../support/test-db.ts';

describe(`a mailed update that arrived before its cycle's due time, read after the sweep recorded it missed, on ${testBackend}`, () => {
  let m: { desk: Desk; settings: ReturnType<typeof emailSettingsFor> };
  before(async () => {
    m = { desk: await openDesk('openmethods', '2026-12-02T14:00:00Z'), settings: emailSettingsFor('support@desk.example', 'OpenMethods') };
  });
  after(() => m.desk.close());

  const updateClock = async (ticketId: string) => (await getTicket({ ctx: m.desk.system, input: { ticketId } })).clocks.find((c) => c.metric === 'update')!;
  const missedDues = async (ticketId: string) => (await m.desk.t.db.query<{ due: string }>(
    "SELECT data->>'due' AS due FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_breach' AND data->>'metric' = 'update' ORDER BY seq", [ticketId])).rows.map((r) => r.due);

  it('the next cycle runs from the mail (15:05), due 16:05; the 15:10 breach announced stays', async () => {
    const org = await m.desk.addOrganization('premium');
    m.desk.clock.set('2026-12-02T14:00:00Z');
    const t = await createTicket({ ctx: m.desk.ctx(org.contact), input: { subject: 'Outage', description: 'No agent can log in', intake: { affected_agents_percent: 100 } } });
    m.desk.clock.set('2026-12-02T14:05:00Z');
    await updateTicket({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: t.id, assigneeId: (m.desk.agent as { id: string }).id } });
    const { rows } = await m.desk.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'agent_assigned' AND payload->>'ticket_id' = $1", [t.id]);
    m.desk.clock.set('2026-12-02T14:10:00Z');
    await addReply({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: t.id, body: 'We are on it.' } });
    assert.equal((await updateClock(t.id)).due?.toString(), '2026-12-02T15:10:00Z');

    m.desk.clock.set('2026-12-02T15:05:00Z');
    const raw = Buffer.from(`From: agent@vendor.example\r\nTo: support@desk.example\r\nSubject: Re: ticket\r\nIn-Reply-To: <outbox.${rows[0].id}@desk.example>\r\nMessage-ID: <${t.id}@vendor.example>\r\n\r\nFailover is under way.\r\n`);
    const id = await storeInbound(m.desk.t.db, m.desk.clock, raw, { source: 'smtp', envelopeFrom: 'agent@vendor.example', envelopeTo: ['support@desk.example'] });
    m.desk.clock.set('2026-12-02T15:26:00Z');
    await sweepSlaClocks({ ctx: m.desk.system });
    assert.deepEqual(await missedDues(t.id), ['2026-12-02T15:10:00Z']);

    m.desk.clock.set('2026-12-02T15:30:00Z');
    const r = await processInbound({ ctx: m.desk.system, settings: m.settings, inboundId: id! });
    assert.equal(r!.status, 'appended', r!.outcome);
    const update = await updateClock(t.id);
    assert.deepEqual([update.state, update.due?.toString(), update.remindAt?.toString()], ['running', '2026-12-02T16:05:00Z', '2026-12-02T15:50:00Z']);
    // 16:05 passes with no update: that one is missed, once; the 15:10 breach is not fired again.
    m.desk.clock.set('2026-12-02T16:06:00Z');
    await sweepSlaClocks({ ctx: m.desk.system });
    assert.deepEqual(await missedDues(t.id), ['2026-12-02T15:10:00Z', '2026-12-02T16:05:00Z']);
    assert.equal((await updateClock(t.id)).due?.toString(), '2026-12-02T17:05:00Z');
  });
});
