// Each incident update mailed says when it was posted: to the page's subscribers (who give the page no
// zone) in the page's zone, named (OpenMethods: America/New_York, "EST"); to the requester of a linked
// ticket in the zone they chose, else the page's. A maintenance mail gives its window as before.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { confirmSubscription, createIncident, fanOutPending, linkIncidentTicket, postUpdate, scheduleMaintenance, subscribe } from '../../src/status/index.ts';
import { createTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { LINKS, outbox } from './helpers.ts';

const linkToken = (body: string, path: string) => new RegExp(`${path}/([A-Za-z0-9_-]+)`).exec(body)![1];

describe('when an update was posted, said in its mail (OpenMethods)', () => {
  let d: Desk;
  const anon = () => ({ ...d.system, actor: { kind: 'anonymous' as const } });
  before(async () => {
    d = await openDesk('openmethods', '2026-12-02T10:00:00Z');
    await subscribe({ ctx: anon(), input: { email: 'all@customer.example' }, settings: LINKS });
    const mail = (await outbox(d.t.db, 'status_confirm')).at(-1)!;
    await confirmSubscription({ ctx: anon(), input: { token: linkToken(mail.body, '/status/confirm') } });
  });
  after(() => d.close());

  it("tells subscribers the time of each update in the page's zone, named", async () => {
    const incident = await createIncident({ ctx: d.ctx(d.agent), input: { name: 'Chat delays', body: 'Chats wait to be routed.', impact: 'minor', notify: true } });
    d.clock.advance({ minutes: 90 });
    await postUpdate({ ctx: d.ctx(d.agent), input: { incidentId: incident.id, status: 'identified', body: 'A routing node is overloaded.', notify: true } });
    await fanOutPending(d.system, LINKS);
    const mails = (await outbox(d.t.db, 'status_notice')).filter((m) => m.recipient === 'all@customer.example');
    assert.equal(mails.length, 2);
    // 10:00 UTC on Wednesday 2 December 2026 is 05:00 EST; the update 90 minutes later, 06:30 EST.
    assert.match(mails[0].body, /^Posted: Wed Dec 2 2026 05:00 AM EST$/m);
    assert.match(mails[1].body, /^Posted: Wed Dec 2 2026 06:30 AM EST$/m);
  });

  it("tells a linked ticket's requester the time in the zone they chose, else the page's", async () => {
    const london = await d.addOrganization('premium');
    const plain = await d.addOrganization('premium');
    await d.t.db.query("UPDATE contacts SET time_zone = 'Europe/London' WHERE id = $1", [london.contactId]);
    const incident = await createIncident({ ctx: d.ctx(d.agent), input: { name: 'Email delays', body: 'Mail waits.', impact: 'minor', notify: true } });
    for (const org of [london, plain]) {
      const ticket = await createTicket({ ctx: d.ctx(org.contact), input: { subject: 'No mail', description: 'Nothing arrives.', severity: 2 } });
      await linkIncidentTicket({ ctx: d.ctx(d.agent), input: { incidentId: incident.id, ticketId: ticket.id } });
    }
    d.clock.set('2026-12-02T14:15:00Z');
    await postUpdate({ ctx: d.ctx(d.agent), input: { incidentId: incident.id, status: 'resolved', body: 'Mail flows again.', notify: true } });
    const mails = (await outbox(d.t.db, 'status_ticket_update')).filter((m) => m.payload.incidentId === incident.id);
    const to = (org: { contactId: string }) => mails.find((m) => m.payload.ticket_id && m.recipient === emailOf(org.contactId))!;
    const emails = new Map((await d.t.db.query<{ id: string; email: string }>('SELECT id, email FROM contacts')).rows.map((r) => [r.id, r.email]));
    const emailOf = (id: string) => emails.get(id);
    // 14:15 UTC: 14:15 GMT in London (winter), 09:15 EST at the page.
    assert.match(to(london).body, /^Posted: Wed 2 Dec 2026 14:15 GMT$/m);
    assert.match(to(plain).body, /^Posted: Wed Dec 2 2026 09:15 AM EST$/m);
  });

  it('gives a maintenance its window in the mail, in the page\'s zone', async () => {
    await scheduleMaintenance({
      ctx: d.ctx(d.agent),
      input: { name: 'Upgrade', body: 'Email routing pauses.', scheduledFor: '2026-12-12T04:00:00Z', scheduledUntil: '2026-12-12T06:00:00Z', notify: true },
    });
    await fanOutPending(d.system, LINKS);
    const mail = (await outbox(d.t.db, 'status_notice')).filter((m) => m.subject.endsWith('Upgrade')).at(-1)!;
    // 04:00-06:00 UTC on Saturday 12 December is Friday 11 PM to Saturday 1 AM EST.
    assert.match(mail.body, /^Scheduled for Fri Dec 11 2026, 11:00 PM to Sat Dec 12 2026, 01:00 AM EST$/m);
  });
});

describe("a scheduled outage mailed to the customers' contacts says when it was posted in each one's zone (OfficeSpace)", () => {
  let d: Desk;
  before(async () => {
    d = await openDesk('officespace', '2026-12-07T15:00:00Z'); // Monday 09:00 GMT-6
  });
  after(() => d.close());

  it("in the zone a contact chose, else the page's GMT-6", async () => {
    const london = await d.addOrganization('standard');
    const plain = await d.addOrganization('standard');
    await d.t.db.query("UPDATE contacts SET time_zone = 'Europe/London' WHERE id = $1", [london.contactId]);
    await scheduleMaintenance({
      ctx: d.ctx(d.agent),
      input: { name: 'Weekend upgrade', body: 'Down for an upgrade.', scheduledFor: '2026-12-12T14:00:00Z', scheduledUntil: '2026-12-12T16:00:00Z', notify: true },
    });
    await fanOutPending(d.system, LINKS);
    const emails = new Map((await d.t.db.query<{ id: string; email: string }>('SELECT id, email FROM contacts')).rows.map((r) => [r.id, r.email]));
    const mail = async (contactId: string) => (await outbox(d.t.db, 'status_notice')).find((m) => m.recipient === emails.get(contactId))!;
    const [toLondon, toPlain] = [await mail(london.contactId), await mail(plain.contactId)];
    // Posted Monday 7 December 15:00 UTC: 15:00 GMT in London, 09:00 at GMT-6.
    assert.match(toLondon.body, /^Posted: Mon 7 Dec 2026 15:00 GMT$/m);
    assert.match(toLondon.payload.html, /Posted: Mon 7 Dec 2026 15:00 GMT/);
    assert.match(toPlain.body, /^Posted: Mon 7 Dec 2026 09:00 GMT-6$/m);
    // The window stays in the page's zone, named: 14:00-16:00 UTC is 08:00-10:00 GMT-6; London's
    // reader has their own time beside each (14:00 and 16:00 GMT), the other contact none.
    assert.match(toLondon.body, /^Scheduled for Sat 12 Dec 2026, 08:00 to 10:00 GMT-6 \(Sat 12 Dec 2026, 14:00 to 16:00 GMT your time\)$/m);
    assert.match(toPlain.body, /^Scheduled for Sat 12 Dec 2026, 08:00 to 10:00 GMT-6$/m);
  });
});
