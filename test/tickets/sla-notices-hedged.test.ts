// The mail to the team when a time the policy hedges passes: never "[SLA breach] ... was due", for
// the vendor promised no deadline. OpenKey: "Tier 2 Support issues will have a response time of
// approximately 30 minutes during our regular business hours" (9 am - 5 pm CST). OfficeSpace:
// "Response Goal: 2 Hours" for Critical, in its support hours (5:00 AM to 10:00 PM, GMT-6). Times
// in the reader's zone when they chose one, else in the zone of the plan's hours.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTicket, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

const breachMail = async (desk: Desk, ticketId: string) =>
  (await desk.t.db.query<{ recipient: string; subject: string; body: string }>(
    "SELECT recipient, subject, body FROM outbox WHERE kind = 'sla_breach' AND payload->>'ticket_id' = $1 AND payload->>'metric' = 'first_response' ORDER BY recipient",
    [ticketId],
  )).rows.map((m) => ({ recipient: m.recipient, subject: m.subject, said: m.body.split('\n')[0] }));

describe('SLA notice of a hedged time', () => {
  const desks: Desk[] = [];
  after(() => Promise.all(desks.map((d) => d.close())));

  it('OpenKey: its approximate 30 minutes passed, said in the reader\'s zone, else in CST', async () => {
    const desk = await openDesk('openkey', '2026-12-02T16:00:00Z'); // Wednesday 10:00 CST
    desks.push(desk);
    // The admin reads times in London; the manager chose no zone: Chicago's, the plan's hours'.
    await desk.t.db.query("UPDATE agents SET time_zone = 'Europe/London' WHERE id = $1", [(desk.admin as { id: string }).id]);
    const org = await desk.addOrganization('standard');
    // A PMS integration issue: Tier 2 Support, a response in approximately 30 minutes: 10:30 CST = 16:30Z.
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'PMS down', description: 'Sync broken', intake: { pms_integration: true } } });
    assert.equal(t.severity, 2);
    desk.clock.set('2026-12-02T17:00:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    const subject = `[SLA approximate time passed] Ticket #${t.number}: PMS down`;
    assert.deepEqual(await breachMail(desk, t.id), [
      { recipient: 'admin@vendor.example', subject, said: `The first response clock of ticket #${t.number} passed its approximate time, Wed 2 Dec 2026 16:30 GMT.` },
      { recipient: 'manager@vendor.example', subject, said: `The first response clock of ticket #${t.number} passed its approximate time, Wed Dec 2 2026 10:30 AM CST.` },
    ]);
  });

  it('OpenKey: regraded to Tier 1 after its approximate 30 minutes passed, said as Tier 2\'s time passed', async () => {
    // Tier 1 Support has no response time: the regrade ends the clock, past due, its breach for the
    // sweep to record (ended-clocks.ts). It was owed under Tier 2 Support, approximately 30 minutes:
    // no deadline missed, and the mail says so, not "[SLA breach]" as Tier 1's (no hedge) would.
    const desk = await openDesk('openkey', '2026-12-02T16:00:00Z'); // Wednesday 10:00 CST
    desks.push(desk);
    const org = await desk.addOrganization('standard');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'PMS down', description: 'Sync broken', intake: { pms_integration: true } } });
    desk.clock.set('2026-12-02T16:35:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 3, reason: 'A guest question' } });
    desk.clock.set('2026-12-02T16:36:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    const subject = `[SLA approximate time passed] Ticket #${t.number}: PMS down`;
    const said = `The first response clock of ticket #${t.number} passed its approximate time, Wed Dec 2 2026 10:30 AM CST.`;
    assert.deepEqual(await breachMail(desk, t.id), [
      { recipient: 'admin@vendor.example', subject, said },
      { recipient: 'manager@vendor.example', subject, said },
    ]);
  });

  it('OfficeSpace: its Response Goal passed, said at GMT-6', async () => {
    const desk = await openDesk('officespace', '2026-12-02T16:00:00Z'); // Wednesday 10:00 GMT-6
    desks.push(desk);
    const org = await desk.addOrganization('standard');
    // Critical: "Response Goal: 2 Hours", in support hours: 12:00 GMT-6 = 18:00Z.
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Floor plans gone', description: 'The service is down', severity: 1 } });
    desk.clock.set('2026-12-02T18:30:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    const subject = `[SLA goal passed] Ticket #${t.number}: Floor plans gone`;
    const said = `The first response clock of ticket #${t.number} passed its goal, Wed 2 Dec 2026 12:00 GMT-6.`;
    assert.deepEqual(await breachMail(desk, t.id), [
      { recipient: 'admin@vendor.example', subject, said },
      { recipient: 'manager@vendor.example', subject, said },
    ]);
  });
});
