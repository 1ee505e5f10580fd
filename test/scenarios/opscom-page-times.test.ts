// OPS-COM's on-call personnel are paged by mail: "Issues will be triaged within 15 minutes and a status
// notification will be sent to you within 1 hour for Critical issues. This notification will include
// an estimated time to resolution." The page quoted those words but gave no time: the one on call
// worked out when 15 minutes and an hour fell from an arrival (or from the closing of support) they
// were not told. The page now says when each is owed, in the plan's zone, as the customer's receipt does.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTicket, sweepSlaClocks } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('OPS-COM: the on-call page says when triage and the status notification are owed', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('opscom', '2026-12-03T04:10:00Z');
  });
  after(() => desk.close());

  const pages = async (ticketId: string) =>
    (await desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'oncall_page' AND payload->>'ticket_id' = $1 ORDER BY recipient", [ticketId])).rows;

  it('a critical email at 23:10 EST: triage by 23:25, the status notification with its ETA by 00:10', async () => {
    desk.clock.set('2026-12-03T04:10:00Z'); // Wed 2 Dec 2026 23:10 EST
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Portal down', description: 'x', channel: 'email', intake: { system_outage: true } } });
    const [page] = await pages(t.id);
    // 23:10 + 15 minutes = 23:25 EST; 23:10 + 1 hour = 00:10 EST on Thursday 3 December.
    assert.match(page.body, /\n\nCritical, Premium plan\.\n\nFrom Contact \d+ <contact\d+@customer\.example> of Org \d+\.\n\nOwed: triage by Wed Dec 2 2026 11:25 PM EST; status notification, with an estimated time to resolution, by Thu Dec 3 2026 12:10 AM EST\.\n\nWhat the policy says after hours:\n/);
  });

  it('a critical ticket still open as support closes at 17:00 EST: owed from then, 17:15 and 18:00', async () => {
    desk.clock.set('2026-12-02T21:55:00Z'); // Wed 2 Dec 2026 16:55 EST
    const org = await desk.addOrganization('standard-plus');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Work stopped', description: 'x', channel: 'web', intake: { immediate_work_stoppage: true } } });
    assert.equal((await pages(t.id)).length, 0, 'in support hours nobody is paged');
    desk.clock.set('2026-12-02T22:00:20Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).handovers, 1);
    const [page] = await pages(t.id);
    // From the closing at 17:00 EST: 17:15 and 18:00 EST.
    assert.match(page.body, /\n\nOwed: triage by Wed Dec 2 2026 05:15 PM EST; status notification, with an estimated time to resolution, by Wed Dec 2 2026 06:00 PM EST\.\n\n/);
  });

  // The reminder 15 minutes before the status notification falls due was headed "[Update due soon]":
  // OPS-COM promises no updates, and the one on call looks for the status notification.
  it('the reminder before the status notification is headed by it, not as an update', async () => {
    desk.clock.set('2026-12-03T04:10:00Z'); // Wed 2 Dec 2026 23:10 EST
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Gates closed', description: 'x', channel: 'email', intake: { system_outage: true } } });
    // Due 00:10 EST (05:10Z); reminded 15 minutes before, 23:55 EST (04:55Z).
    desk.clock.set('2026-12-03T04:55:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    const { rows } = await desk.t.db.query<{ subject: string }>("SELECT DISTINCT subject FROM outbox WHERE kind = 'sla_reminder' AND payload->>'ticket_id' = $1", [t.id]);
    assert.deepEqual(rows.map((r) => r.subject), [`[Status notification due soon] Ticket #${t.number}: Gates closed`]);
  });

  it('a mail that says no severity at 23:00 EST: only its triage is owed, by 23:15', async () => {
    desk.clock.set('2026-12-03T04:00:00Z'); // Wed 2 Dec 2026 23:00 EST
    const org = await desk.addOrganization('standard-plus');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Something is off', description: 'x', channel: 'email', intake: {} } });
    const [page] = await pages(t.id);
    assert.match(page.body, /\n\nOwed: triage by Wed Dec 2 2026 11:15 PM EST\.\n\n/);
    assert.doesNotMatch(page.body, /Owed:[^\n]*status notification/);
  });

  // The page went out in the policy's zone alone: an agent on call in Berlin worked out the hours
  // themselves. Their own time now goes beside the policy's (as customer mail's withReaderTimes does).
  it("the paged agent's own time beside the policy's: Berlin, CET, six hours ahead of EST in December", async () => {
    desk.clock.set('2026-12-03T04:10:00Z'); // Wed 2 Dec 2026 23:10 EST
    await desk.t.db.query("UPDATE agents SET time_zone = 'Europe/Berlin' WHERE email = 'manager@vendor.example'");
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Door locked', description: 'x', channel: 'email', intake: { system_outage: true } } });
    const [admin, manager] = await desk.t.db.query<{ recipient: string; body: string }>(
      "SELECT recipient, body FROM outbox WHERE kind = 'oncall_page' AND payload->>'ticket_id' = $1 ORDER BY recipient", [t.id],
    ).then((r) => r.rows);
    assert.deepEqual([admin.recipient, manager.recipient], ['admin@vendor.example', 'manager@vendor.example']);
    // 23:25 EST = 04:25 UTC = 05:25 CET on Thursday; 00:10 EST = 05:10 UTC = 06:10 CET.
    assert.match(manager.body, /\n\nOwed: triage by Wed Dec 2 2026 11:25 PM EST \(Thu 3 Dec 2026 05:25 CET your time\); status notification, with an estimated time to resolution, by Thu Dec 3 2026 12:10 AM EST \(Thu 3 Dec 2026 06:10 CET your time\)\.\n\n/);
    // The admin chose no zone: the policy's times alone.
    assert.match(admin.body, /\n\nOwed: triage by Wed Dec 2 2026 11:25 PM EST; status notification, with an estimated time to resolution, by Thu Dec 3 2026 12:10 AM EST\.\n\n/);
    await desk.t.db.query("UPDATE agents SET time_zone = NULL WHERE email = 'manager@vendor.example'");
  });
});
