// OpenMethods (seed 002), System Outage: "Response time: 30 minutes", "Remediation work: 24/7 until
// resolved", "Communication cadence: status update once every 60 minutes"; remediation work for the
// other levels "6am-4pm U.S. Eastern Standard Time" (Monday to Friday, the policy's reading). A
// System Outage at 02:00 AM EST on Saturday 12 December 2026 pages whoever is on call (no after-hours
// rule: a promise kept round the clock). That person answers it at 02:10 without taking it (nobody
// holds it); the next status update is owed by 03:10, the team reminded 15 minutes before (02:55).
// At night the reminder is theirs, who were paged and are working it, not the managers' (who are
// told of the breach if it comes, as of any breach); once the remediation hours open, on Monday
// 06:00 AM EST, a ticket nobody holds is the managers' again, as by day.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRotation } from '../../src/oncall/index.ts';
import { addReply, createTicket, sweepSlaClocks } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('OpenMethods: the update reminders of a System Outage paged at night', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openmethods', '2026-12-12T07:00:00Z'); // Sat 02:00 AM EST
    await createRotation({ ctx: desk.system, input: { name: 'Nights', timeZone: 'UTC', handoverTime: '09:00', cadence: 'daily', startDate: '2026-01-01', members: [(desk.escalation as { id: string }).id] } });
  });
  after(() => desk.close());

  const sent = async (ticketId: string, kind: string, since: string) => (await desk.t.db.query<{ recipient: string }>(
    "SELECT recipient FROM outbox WHERE kind = $1 AND payload->>'ticket_id' = $2 AND created_at >= $3 ORDER BY recipient", [kind, ticketId, since],
  )).rows.map((r) => r.recipient);

  it('at night: the reminder to the one on call who was paged; the breach to them and the managers', async () => {
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Media bar down', description: 'No agent can log in', severity: 1 } });
    assert.deepEqual(await sent(t.id, 'oncall_page', '2026-12-12T07:00:00Z'), ['escalation@vendor.example']);

    desk.clock.set('2026-12-12T07:10:00Z'); // 02:10 AM EST
    await addReply({ ctx: desk.ctx(desk.escalation), input: { ticketId: t.id, body: 'We are on it.' } });
    desk.clock.set('2026-12-12T07:56:00Z'); // 02:56 AM EST: past the reminder, 02:55
    await sweepSlaClocks({ ctx: desk.system });
    assert.deepEqual(await sent(t.id, 'sla_reminder', '2026-12-12T07:00:00Z'), ['escalation@vendor.example']);

    desk.clock.set('2026-12-12T08:11:00Z'); // 03:11 AM EST: the update due 03:10 missed
    await sweepSlaClocks({ ctx: desk.system });
    assert.deepEqual(await sent(t.id, 'sla_breach', '2026-12-12T07:00:00Z'), ['admin@vendor.example', 'escalation@vendor.example', 'manager@vendor.example']);

    // Monday 14 December, 07:00 AM EST, the remediation hours open since 06:00 (the weekend's missed
    // updates recorded): answered again, its next update due 08:00, the reminder at 07:45 to the
    // managers, nobody holding it.
    desk.clock.set('2026-12-14T11:59:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    desk.clock.set('2026-12-14T12:00:00Z');
    await addReply({ ctx: desk.ctx(desk.escalation), input: { ticketId: t.id, body: 'Still on it.' } });
    desk.clock.set('2026-12-14T12:46:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    assert.deepEqual(await sent(t.id, 'sla_reminder', '2026-12-14T12:00:00Z'), ['admin@vendor.example', 'manager@vendor.example']);
  });
});
