// The mail telling a customer that an incident their case is linked to moved on is mail about that
// case: it answers the case's thread (In-Reply-To, References), names the case as every other mail
// of it does ("[#N]" in the subject, "case #N", the case's page in the portal), is listed with the
// case's mail for the team, and the customer's reply to it goes on the case. (QA, a customer's week
// on OpenMethods: it came as a thread of its own, "ticket 1016", and the reply "we still see
// delays" was held as a new request by email, which OpenMethods takes none of.)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createIncident, linkIncidentTicket, postUpdate } from '../../src/status/index.ts';
import { createTicket } from '../../src/tickets/index.ts';
import {
  deliverDueMail, emailSettingsFor, listTicketMail, processInbound, storeInbound, type ComposedMail, type MailSender,
} from '../../src/email/index.ts';
import { openDesk, type Desk, type Organization } from '../support/desk.ts';

const mail = (lines: string[], text: string) => Buffer.from([...lines, 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n'));

describe("an incident's mail to the requester of a linked case (OpenMethods)", () => {
  let d: Desk;
  let org: Organization;
  let email: string;
  const settings = emailSettingsFor('support@desk.example', 'OpenMethods');
  const sent: ComposedMail[] = [];
  const sender: MailSender = { kind: 'capture', send: async (composed) => (sent.push(composed), { sent: true }), close: () => {} };
  const deliver = () => deliverDueMail({ ctx: d.system, settings: { email: settings, sender, random: () => 0 } });

  before(async () => {
    d = await openDesk('openmethods', '2026-12-02T15:00:00Z');
    org = await d.addOrganization('premium');
    email = (await d.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [org.contactId])).rows[0].email;
  });
  after(() => d.close());

  it("is on the case's thread, names the case, is listed with its mail, and a reply to it goes on the case", async () => {
    const ticket = await createTicket({ ctx: d.ctx(org.contact), input: { subject: 'Mail is slow', description: 'Emails take an hour to route.', severity: 2 } });
    const incident = await createIncident({ ctx: d.ctx(d.agent), input: { name: 'Email routing slow', body: 'Investigating.', impact: 'minor', notify: true } });
    await linkIncidentTicket({ ctx: d.ctx(d.agent), input: { incidentId: incident.id, ticketId: ticket.id } });
    d.clock.advance({ minutes: 20 });
    await postUpdate({ ctx: d.ctx(d.agent), input: { incidentId: incident.id, status: 'resolved', body: 'Email routing is back to normal.', notify: true } });
    await deliver();

    const notice = sent.find((s) => s.to === email && s.subject.startsWith('[OpenMethods Status Page] Resolved'));
    assert.ok(notice, 'the requester is told the incident is resolved');
    // The case's reference, as in every subject of the case's mail, which a reply is matched by.
    assert.equal(notice.subject, `[OpenMethods Status Page] Resolved: Email routing slow (case [#${ticket.number}])`);
    assert.match(notice.text, new RegExp(`^Your case #${ticket.number} is linked to this incident\\.$`, 'm'));
    assert.ok(notice.text.includes(`Case #${ticket.number} in the support portal: http`), notice.text);
    assert.ok(notice.text.includes(`/portal/cases/${ticket.id}`), notice.text);
    // The case's thread: opened in the portal, so its root alone (compose.ts).
    assert.equal(notice.headers['In-Reply-To'], `<ticket.${ticket.id}@desk.example>`);
    assert.equal(notice.headers.References, `<ticket.${ticket.id}@desk.example>`);

    // The team sees it among the case's mail.
    const listed = await listTicketMail({ ctx: d.ctx(d.agent), input: { ticketId: ticket.id } });
    assert.ok(listed.items.some((m) => m.kindName === 'Status page update' && m.recipient === email), JSON.stringify(listed.items.map((m) => m.kindName)));

    // The customer answers the notice in their mail client.
    const id = await storeInbound(d.t.db, d.clock, mail([
      `From: ${email}`, 'To: support@desk.example', `Subject: Re: ${notice.subject}`, 'Message-ID: <still-slow@customer.example>',
      `In-Reply-To: ${notice.messageId}`, `References: ${notice.messageId}`,
    ], 'We still see delays on our side.'), { source: 'smtp', envelopeFrom: email, envelopeTo: ['support@desk.example'] });
    const reply = (await processInbound({ ctx: d.system, settings, inboundId: id! }))!;
    assert.equal(reply.status, 'appended', reply.outcome);
    assert.equal(reply.ticketId, ticket.id);
  });
});
