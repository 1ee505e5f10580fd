// The mail telling a customer that an incident their case is linked to moved on is mail about that
// case: it answers the case's thread (In-Reply-To, References), names the case as every other mail
// of it does ("[#N]" in the subject, "case #N", the case's page in the portal), is listed with the
// case's mail for the team, and the customer's reply to it goes on the case. (QA, a customer's week
// on OpenMethods: it came as a thread of its own, "ticket 1016", and the reply "we still see
// delays" was held as a new request by email, which OpenMethods takes none of.) It goes to whom the
// case's mail goes: its requester and the colleagues copied ("they get its mail as you do", says the
// portal), not a contact who has left the customer. (QA: the copied colleague heard nothing.)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createIncident, linkIncidentTicket, postUpdate } from '../../src/status/index.ts';
import { randomUUID } from 'node:crypto';
import { createTicket, setTicketCcs } from '../../src/tickets/index.ts';
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
    assert.match(notice.text, new RegExp(`^Case #${ticket.number} is linked to this incident\\.$`, 'm'));
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

  it('goes to the colleagues copied on the case, in their zone, and to no contact who left', async () => {
    const colleague = randomUUID();
    await d.t.db.query(
      "INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at, time_zone) VALUES ($1, $2, 'colleague@om-customer.example', 'Col League', true, $3, 'Europe/London')",
      [colleague, org.id, d.clock.now()],
    );
    const copied = await createTicket({ ctx: d.ctx(org.contact), input: { subject: 'Chats wait', description: 'Chats are not routed.', severity: 2 } });
    await setTicketCcs({ ctx: d.ctx(org.contact), input: { ticketId: copied.id, contactIds: [colleague] } });
    // A case whose requester has since left the customer.
    const leaver = await d.addOrganization('standard');
    const left = await createTicket({ ctx: d.ctx(leaver.contact), input: { subject: 'Flows fail', description: 'Screen pops do not run.', severity: 2 } });
    await d.t.db.query('UPDATE contacts SET deactivated_at = $2 WHERE id = $1', [leaver.contactId, d.clock.now()]);
    const incident = await createIncident({ ctx: d.ctx(d.agent), input: { name: 'Chat routing delayed', body: 'Investigating.', impact: 'minor', notify: true } });
    for (const t of [copied, left]) await linkIncidentTicket({ ctx: d.ctx(d.agent), input: { incidentId: incident.id, ticketId: t.id } });
    // 2 December 2026, 16:00 UTC: 16:00 GMT in London, 11:00 EST at the page.
    d.clock.set('2026-12-02T16:00:00Z');
    await postUpdate({ ctx: d.ctx(d.agent), input: { incidentId: incident.id, status: 'resolved', body: 'Chats route again.', notify: true } });
    const { rows } = await d.t.db.query<{ recipient: string; body: string; payload: { ticket_id: string } }>(
      "SELECT recipient, body, payload FROM outbox WHERE kind = 'status_ticket_update' AND payload->>'incidentId' = $1 ORDER BY recipient",
      [incident.id],
    );
    assert.deepEqual(rows.map((r) => [r.recipient, r.payload.ticket_id]), [['colleague@om-customer.example', copied.id], [email, copied.id]]);
    assert.match(rows[0].body, /^Posted: Wed 2 Dec 2026 16:00 GMT$/m);
    assert.match(rows[1].body, /^Posted: Wed Dec 2 2026 11:00 AM EST$/m);
  });
});
