// A regrade is mailed to the customer: the requester and the people copied on the case, each once,
// threaded on the ticket, with the level it now has by the policy's names, the agent's reason (the
// form says the reason is shown to the customer) and what is now promised in the receipt's words.
// OfficeSpace (seed 003): "Basic Product Support ... Response Goal: 24 Hours", "Technical Support
// ... Response Goal: 4 Hours"; support hours Monday through Friday, 5:00 AM to 10:00 PM GMT-6.
// A customer who writes only by email heard nothing until now (QA walkthrough).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { addReply, createTicket, setTicketCcs, updateTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

type Mail = { recipient: string; subject: string; body: string; payload: Record<string, unknown>; dedupe_key: string };

describe('a regrade is mailed to the customer', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('officespace', '2026-12-02T16:00:00Z'); // Wednesday 10:00 GMT-6
  });
  after(() => desk.close());

  const regradeMail = async (ticketId: string) => (await desk.t.db.query<Mail>(
    "SELECT recipient, subject, body, payload, dedupe_key FROM outbox WHERE kind = 'ticket_regraded' AND payload->>'ticket_id' = $1 ORDER BY recipient", [ticketId],
  )).rows;

  it('Basic Product Support -> Technical Support: the requester and the colleague copied are told the new level, the reason and the 4 hours, once each', async () => {
    desk.clock.set('2026-12-02T16:00:00Z'); // Wed 10:00 GMT-6
    const org = await desk.addOrganization('standard');
    const colleagueId = randomUUID();
    await desk.t.db.query("INSERT INTO contacts (id, organization_id, email, name, created_at, time_zone) VALUES ($1, $2, 'bea@customer.example', 'Bea', $3, 'Europe/Berlin')", [colleagueId, org.id, desk.clock.now()]);
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Floor plans gone', description: 'How do I restore a floor plan?', severity: 3, channel: 'email' } });
    await setTicketCcs({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, contactIds: [colleagueId] } });

    desk.clock.set('2026-12-02T17:00:00Z'); // Wed 11:00 GMT-6
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 2, reason: 'The floor plans were lost in the import' } });

    const mails = await regradeMail(t.id);
    // The requester and the one colleague copied (copies go only to contacts of the ticket's own organization, ccs.ts): nobody else.
    assert.deepEqual(mails.map((m) => m.recipient), ['bea@customer.example', await contactEmail(org.contactId)]);
    // A stricter time regraded in before the response is owed from the regrade (sla/regrade-start.ts):
    // Wed 11:00 GMT-6 + 4 support hours = Wed 15:00 GMT-6 (17:00 is well before the 22:00 closing);
    // in Berlin (CET, GMT+1) 15:00 GMT-6 is 21:00 UTC, 22:00 CET.
    const body = (at: string) => [
      `The support level of case #${t.number} "Floor plans gone" is now Technical Support; it was Basic Product Support.`,
      'Reason: The floor plans were lost in the import',
      "What OfficeSpace Software's support policy says about it:\n- Response Goal: 4 Hours",
      `For this case, as we count it:\n- Response Goal: counted in our support hours, Monday through Friday, from 5:00 AM to 10:00 PM Central Standard Time (GMT-6): aimed for ${at}`,
      `Reply to this message to add to case #${t.number}; keep [#${t.number}] in the subject.`,
    ].join('\n\n');
    assert.equal(mails[1].body, body('Wed 2 Dec 2026 15:00 GMT-6'));
    assert.equal(mails[0].body, body('Wed 2 Dec 2026 22:00 CET'));
    for (const m of mails) {
      assert.equal(m.subject, `Re: [#${t.number}] Floor plans gone`);
      assert.equal(m.payload.ticket_id, t.id, 'threaded on the ticket');
      assert.equal(m.payload.automatic, true);
    }
  });

  it('a regrade to the level it already has tells nobody', async () => {
    desk.clock.set('2026-12-02T16:00:00Z');
    const org = await desk.addOrganization('standard');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Same level', description: 'How do I add a desk?', severity: 3, channel: 'email' } });
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 3, reason: 'Still a how-to question' } });
    assert.deepEqual(await regradeMail(t.id), []);
  });

  async function contactEmail(id: string): Promise<string> {
    return (await desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [id])).rows[0].email;
  }
});

// OPS-COM (seed 004), Wednesday 2 December, support Mon-Fri 9-5 EST: a mail of no known severity at
// 23:10 EST, judged Critical by on call at 23:40. "After hours support is limited to critical issues
// ... Issues will be triaged within 15 minutes and a status notification will be sent to you within
// 1 hour for Critical issues." The customer wrote at night: they are told, in the rule's own words.
describe('a night regrade into after-hours support is mailed with the after-hours words', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('opscom', '2026-12-03T04:10:00Z');
  });
  after(() => desk.close());

  it('Not critical (a level OPS-COM never names) -> Critical at 23:40 EST: the new level, the reason, who takes it and what the rule promises', async () => {
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'CRITICAL: nobody can work', description: 'The system is down for everyone', channel: 'email' } });
    desk.clock.set('2026-12-03T04:40:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 1, reason: 'The whole system is down' } });
    const { rows } = await desk.t.db.query<Mail>("SELECT recipient, subject, body, payload, dedupe_key FROM outbox WHERE kind = 'ticket_regraded' AND payload->>'ticket_id' = $1", [t.id]);
    assert.deepEqual(rows.map((m) => [m.recipient, m.subject]), [['contact1@customer.example', `Re: [#${t.number}] CRITICAL: nobody can work`]]);
    assert.equal(rows[0].body, [
      // "Not critical" is the desk's word, not OPS-COM's: the mail does not say what it was.
      `The severity of case #${t.number} "CRITICAL: nobody can work" is now Critical.`,
      'Reason: The whole system is down',
      'After-hours support takes it.',
      'After hours support is limited to critical issues. Critical is defined as system outages or issues that threaten immediate work stoppage. ' +
        'This support is provided by email and is staffed by on-call personnel. Issues will be triaged within 15 minutes and a status notification ' +
        'will be sent to you within 1 hour for Critical issues. This notification will include an estimated time to resolution. The goal is to get ' +
        'you back up and running as quickly as possible with minimal impact on your organization.',
      `Reply to this message to add to case #${t.number}; keep [#${t.number}] in the subject.`,
    ].join('\n\n'));
  });
});

// OpenKey (seed 002): "Tier 2 Support issues will have a response time of approximately 30 minutes
// during our regular business hours" (Mon-Fri 9:00-17:00 CST); "Emergency Tier 2 issues outside of
// business hours can be addressed by calling 877-800-2008". A Tier 2 case of Wednesday 16:50 CST,
// regraded to an emergency at 22:00 that night (regraded-by-on-call-night.test.ts).
describe('OpenKey: a night regrade to an emergency says its business-hours time is counted in those hours', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openkey', '2026-12-02T22:50:00Z'); // Wednesday 16:50 CST
  });
  after(() => desk.close());

  it('Tier 2 Support -> Emergency Tier 2 at 22:00 CST: after-hours support, its words, and the response time counted from Thursday 09:00', async () => {
    const org = await desk.addOrganization('standard');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'PMS sync', description: 'Check-ins not syncing', intake: { pms_integration: true }, requestType: 'support' } });
    desk.clock.set('2026-12-03T04:00:00Z'); // 22:00 CST
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 1, reason: 'No key opens any room now' } });
    const { rows } = await desk.t.db.query<Mail>("SELECT recipient, subject, body, payload, dedupe_key FROM outbox WHERE kind = 'ticket_regraded' AND payload->>'ticket_id' = $1", [t.id]);
    assert.equal(rows.length, 1);
    // 30 business minutes from Wed 16:50: 10 on Wednesday, 20 from Thursday's 09:00 opening: 09:20 CST.
    assert.match(rows[0].body, new RegExp(`^The tier of case #${t.number} "PMS sync" is now Emergency Tier 2; it was Tier 2 Support\\.\n\nReason: No key opens any room now\n\nAfter-hours support takes it\\.\n\n`));
    assert.match(rows[0].body, /\n\nEmergency Tier 2 issues outside of business hours can be addressed by calling 877-800-2008\. Please request to speak to the Openkey After Hours Emergency Contact\./);
    assert.match(rows[0].body, /\n\nFor this case, as we count it:\n- Response time: counted in our regular business hours, which open Thu Dec 3 2026 09:00 AM CST: around Thu Dec 3 2026 09:20 AM CST\n\n/);
  });
});

// OpenMethods (seed 002): "Based and dependent on our clients' business continuity plan, severity 1
// tickets may be reevaluated and potentially regraded to a severity 2 ticket." A System Outage opened
// Saturday 12 December 2026 at 02:00 AM EST, answered at 02:10, regraded to a Major Impairment at
// 02:20: its response was met, and a Major Impairment has no hourly cadence ("Communication cadence:
// when material updates or progress is made"). The customer, who was promised a status update once
// every 60 minutes, is told what the level now promises, in the seed's words, though no time of
// ours runs any more.
describe('a downgrade after the response was met still says what the new level promises', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openmethods', '2026-12-12T07:00:00Z');
  });
  after(() => desk.close());

  it('System Outage -> Major Impairment: the seed\'s three lines for a Major Impairment, no time of ours', async () => {
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Media bar down', description: 'No agent can log in', severity: 1 } });
    desk.clock.set('2026-12-12T07:10:00Z');
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'We are on it.' } });
    desk.clock.set('2026-12-12T07:20:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 2, reason: 'Your continuity plan is in place' } });
    const { rows } = await desk.t.db.query<Mail>("SELECT body FROM outbox WHERE kind = 'ticket_regraded' AND payload->>'ticket_id' = $1", [t.id]);
    assert.deepEqual(rows.map((m) => m.body), [[
      `The severity of case #${t.number} "Media bar down" is now severity 2 (Major Impairment); it was severity 1 (System Outage).`,
      'Reason: Your continuity plan is in place',
      "What OpenMethods' support policy says about it:\n- Response time: 2 hours\n- Remediation work: 6am-4pm U.S. Eastern Standard Time\n"
        + '- Communication cadence: when material updates or progress is made',
      `Reply to this message to add to case #${t.number}; keep [#${t.number}] in the subject.`,
    ].join('\n\n')]);
  });
});
