// A status page subscriber who is also the requester (or a copied colleague) of a case linked to an
// incident is told each update of it once: by the mail of their case, which keeps the reply path on
// the case, and which carries the link to their subscription the notice would have given them. A
// subscriber with no case gets the notice as before. (QA, a customer's week on OpenMethods: two
// "Resolved" mails for one resolution, one on the case and one as the subscriber.) Every notice of
// an incident or maintenance gives its page on the public status page, under the desk's address.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createIncident, fanOutPending, linkIncidentTicket, postUpdate, scheduleMaintenance } from '../../src/status/index.ts';
import { createTicket, setTicketCcs } from '../../src/tickets/index.ts';
import { deliverDueMail, emailSettingsFor, type ComposedMail, type MailSender } from '../../src/email/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { LINKS, subscribeConfirmed } from './helpers.ts';

describe('one mail per update to a subscriber whose case is linked (OpenMethods)', () => {
  let d: Desk;
  let requester: string;
  const colleague = 'colleague@om-customer.example';
  const tokens = new Map<string, string>();
  const settings = emailSettingsFor('support@desk.example', 'OpenMethods', { baseUrl: 'https://desk.example' });
  const sent: ComposedMail[] = [];
  const sender: MailSender = { kind: 'capture', send: async (composed) => (sent.push(composed), { sent: true }), close: () => {} };
  const deliver = async () => {
    await fanOutPending(d.system, LINKS);
    await deliverDueMail({ ctx: d.system, settings: { email: settings, sender, random: () => 0 } });
  };
  const about = (to: string, words: string) => sent.filter((s) => s.to === to && s.subject.includes(words));

  before(async () => {
    d = await openDesk('openmethods', '2026-12-02T15:00:00Z');
    const org = await d.addOrganization('premium');
    requester = (await d.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [org.contactId])).rows[0].email;
    const colleagueId = randomUUID();
    await d.t.db.query(
      "INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, 'Col League', true, $4)",
      [colleagueId, org.id, colleague, d.clock.now()],
    );
    for (const email of [requester, colleague, 'watcher@subscriber.example']) tokens.set(email, await subscribeConfirmed(d, email));
    const ticket = await createTicket({ ctx: d.ctx(org.contact), input: { subject: 'Mail is slow', description: 'Emails take an hour to route.', severity: 2 } });
    await setTicketCcs({ ctx: d.ctx(org.contact), input: { ticketId: ticket.id, contactIds: [colleagueId] } });
    const incident = await createIncident({
      ctx: d.ctx(d.agent), input: { name: 'Email routing slow', body: 'Investigating.', impact: 'minor', notify: true, components: [{ id: 'email-routing', status: 'degraded_performance' }] },
    });
    await linkIncidentTicket({ ctx: d.ctx(d.agent), input: { incidentId: incident.id, ticketId: ticket.id } });
    d.clock.advance({ minutes: 20 });
    await postUpdate({ ctx: d.ctx(d.agent), input: { incidentId: incident.id, status: 'identified', body: 'A queue backlog.', notify: true, notifyTickets: true } });
    d.clock.advance({ minutes: 20 });
    await postUpdate({ ctx: d.ctx(d.agent), input: { incidentId: incident.id, status: 'resolved', body: 'Email routing is back to normal.', notify: true } });
    await deliver();
    incidentUrl = `https://desk.example/status/incidents/${incident.id}`;
    caseNumber = ticket.number;
  });
  after(() => d.close());
  let incidentUrl = '';
  let caseNumber = 0;

  it("tells the requester and the copied colleague each update once, by the case's mail, with their subscription's link", async () => {
    for (const to of [requester, colleague]) {
      for (const step of ['Identified', 'Resolved']) {
        const mails = about(to, `${step}: Email routing slow`);
        assert.deepEqual(mails.map((m) => m.subject), [`[OpenMethods Status Page] ${step}: Email routing slow (case [#${caseNumber}])`], `${to}, ${step}`);
        // What the notice would have given them: their subscription's page, and the incident's.
        assert.ok(mails[0].text.includes(`Choose components or unsubscribe: https://desk.example/status/subscription/${tokens.get(to)}`), mails[0].text);
        assert.ok(mails[0].text.includes(`On the status page: ${incidentUrl}`), mails[0].text);
        assert.ok(mails[0].html.includes(`href="${incidentUrl}"`), mails[0].html);
      }
      // Reported before the case was linked: the notice, as to any subscriber.
      assert.equal(about(to, 'Investigating: Email routing slow').length, 1, to);
    }
  });

  it("gives a subscriber with no case every notice, each with the incident's page on the status page", async () => {
    const mine = sent.filter((s) => s.to === 'watcher@subscriber.example' && s.subject.includes('Email routing slow'));
    assert.deepEqual(mine.map((m) => m.subject).sort(), [
      '[OpenMethods Status Page] Identified: Email routing slow',
      '[OpenMethods Status Page] Investigating: Email routing slow',
      '[OpenMethods Status Page] Resolved: Email routing slow',
    ]);
    for (const m of mine) {
      assert.match(m.text, new RegExp(`\\n\\nOn the status page: ${incidentUrl}\\n\\n--\\n`));
      assert.ok(m.html.includes(`<a href="${incidentUrl}">`), m.html);
    }
  });

  it("gives a maintenance's notice its page too", async () => {
    const m = await scheduleMaintenance({
      ctx: d.ctx(d.agent),
      input: { name: 'Database upgrade', body: 'Email routing pauses.', scheduledFor: '2026-12-05T04:00:00Z', scheduledUntil: '2026-12-05T06:00:00Z', components: ['email-routing'] },
    });
    await deliver();
    const notice = about('watcher@subscriber.example', 'Database upgrade');
    assert.equal(notice.length, 1);
    assert.ok(notice[0].text.includes(`On the status page: https://desk.example/status/incidents/${m.id}\n`), notice[0].text);
    // A requester is told of a maintenance as a subscriber: it links no case.
    assert.equal(about(requester, 'Database upgrade').length, 1);
  });
});
