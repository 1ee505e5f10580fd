// OPS-COM: "This support is provided by email and is staffed by on-call personnel. ... a status
// notification will be sent to you within 1 hour for Critical issues. This notification will include
// an estimated time to resolution." On call answers the page by mail; a mailed reply without #eta went
// to the customer and left the status notification owed, and nobody told the one who sent it. They are
// told now, by mail, with the time it falls due; answering that mail with #eta sends it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emailSettingsFor, processInbound, storeInbound } from '../../src/email/index.ts';
import { createTicket, getTicket, updateTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

/** A plain-text answer to the message `outboxId`, from `from`. */
function answer(from: string, outboxId: string, text: string): Buffer {
  return Buffer.from(
    `From: ${from}\r\nTo: support@desk.example\r\nSubject: Re: [#1] Portal down\r\nIn-Reply-To: <outbox.${outboxId}@desk.example>\r\n`
      + `Message-ID: <${Math.random().toString(36).slice(2)}@vendor.example>\r\n\r\n${text.replace(/\n/g, '\r\n')}\r\n`,
  );
}

describe('OPS-COM: on call answering by mail is told when the status notification is still owed', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('opscom', '2026-12-03T04:10:00Z');
  });
  after(() => desk.close());

  const settings = emailSettingsFor('support@desk.example', 'OPS-COM');
  const deliver = async (raw: Buffer) => {
    const id = await storeInbound(desk.t.db, desk.clock, raw, { source: 'smtp', envelopeFrom: 'manager@vendor.example', envelopeTo: ['support@desk.example'] });
    return (await processInbound({ ctx: desk.system, settings, inboundId: id! }))!;
  };
  const mail = async (kind: string, ticketId: string) =>
    (await desk.t.db.query<{ id: string; subject: string; body: string }>(
      "SELECT id, subject, body FROM outbox WHERE kind = $1 AND recipient = 'manager@vendor.example' AND payload->>'ticket_id' = $2 ORDER BY created_at, id", [kind, ticketId],
    )).rows;

  it('a mailed reply without #eta is told the notification is still owed and by when; the answer with #eta meets it', async () => {
    // Wed 2 Dec 2026 23:10 EST (04:10Z): a critical email, nobody on call, so the managers are paged.
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Portal down', description: 'x', channel: 'email', intake: { system_outage: true } } });
    const [page] = await mail('oncall_page', t.id);
    // 23:20 EST: the manager answers the page, asking a question: it reaches the customer.
    desk.clock.set('2026-12-03T04:20:00Z');
    const asked = await deliver(answer('manager@vendor.example', page.id, 'Which gate is down?'));
    assert.equal(asked.status, 'appended');
    const [owed, ...more] = await mail('agent_answer_no_eta', t.id);
    assert.deepEqual(more, []);
    assert.equal(owed.subject, `[#${t.number}] The status notification is still owed: Portal down`);
    // Due 23:10 + 1 hour = 00:10 EST = 05:10Z; the manager chose no zone of their own: EST, the zone
    // of the page they answered and the one their #eta is read in.
    assert.equal(owed.body, `Your reply on ticket #${t.number} "Portal down" went to the customer with no estimated time to resolution, so it is not the status notification: that is still owed by Thu Dec 3 2026 12:10 AM EST, and it includes one.\n\nAnswer this message with #eta and a date and time (2026-12-31 17:00, in your time zone) on the first line, and your reply below it.`);
    // 23:30 EST: answering that mail with #eta sends the status notification.
    desk.clock.set('2026-12-03T04:30:00Z');
    const sent = await deliver(answer('manager@vendor.example', owed.id, '#eta 2026-12-03 07:00\nRestoring the gate controller.'));
    assert.equal(sent.status, 'appended', sent.outcome);
    const clocks = (await getTicket({ ctx: desk.ctx(desk.manager), input: { ticketId: t.id } })).clocks;
    assert.deepEqual(clocks.map((c) => [c.metric, c.state, c.metAt?.toString()]), [
      ['triage', 'met', '2026-12-03T04:20:00Z'],
      ['status_notification', 'met', '2026-12-03T04:30:00Z'],
    ]);
    assert.equal((await mail('agent_answer_no_eta', t.id)).length, 1, 'nothing more is owed, nothing more said');
  });

  it('a mailed reply without #eta after the hour is told the notification fell due and is still owed', async () => {
    // Thu 3 Dec 2026 23:10 EST (Fri 04:10Z): a critical email; its status notification is due
    // 23:10 + 1 hour = 00:10 EST = 05:10Z.
    desk.clock.set('2026-12-04T04:10:00Z');
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Portal down', description: 'x', channel: 'email', intake: { system_outage: true } } });
    const [page] = await mail('oncall_page', t.id);
    // 00:20 EST (05:20Z), ten minutes late: a reply with no ETA still is not the notification, and the
    // one who sent it is told so, with the time it fell due (the web form and the API say it owed too).
    desk.clock.set('2026-12-04T05:20:00Z');
    const late = await deliver(answer('manager@vendor.example', page.id, 'Looking into it now.'));
    assert.equal(late.status, 'appended', late.outcome);
    const [owed, ...more] = await mail('agent_answer_no_eta', t.id);
    assert.deepEqual(more, []);
    assert.equal(owed.body, `Your reply on ticket #${t.number} "Portal down" went to the customer with no estimated time to resolution, so it is not the status notification: that is still owed (it fell due Fri Dec 4 2026 12:10 AM EST), and it includes one.\n\nAnswer this message with #eta and a date and time (2026-12-31 17:00, in your time zone) on the first line, and your reply below it.`);
  });

  it('an #eta from on call with no time zone of their own is read in EST, the zone of the page they answer', async () => {
    // Sat 5 Dec 2026 23:10 EST (Sun 04:10Z): a critical email; the page tells the manager, who chose no
    // zone, "status notification ... by Sun Dec 6 2026 12:10 AM EST". They answer it at 23:20 EST with
    // "#eta 2026-12-06 01:30", meaning 01:30 EST as everything in that mail is: 06:30Z. (Read as UTC it
    // was 01:30Z, three hours before the answer, and refused; a later one would reach the customer hours off.)
    desk.clock.set('2026-12-06T04:10:00Z');
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Portal down', description: 'x', channel: 'email', intake: { system_outage: true } } });
    const [page] = await mail('oncall_page', t.id);
    assert.match(page.body, /status notification, with an estimated time to resolution, by Sun Dec 6 2026 12:10 AM EST\./);
    desk.clock.set('2026-12-06T04:20:00Z');
    const sent = await deliver(answer('manager@vendor.example', page.id, '#eta 2026-12-06 01:30\nRestoring the gate controller.'));
    assert.equal(sent.status, 'appended', sent.outcome);
    const ticket = await getTicket({ ctx: desk.ctx(desk.manager), input: { ticketId: t.id } });
    assert.equal(ticket.eta?.toString(), '2026-12-06T06:30:00Z');
    const { rows: [told] } = await desk.t.db.query<{ body: string }>(
      "SELECT body FROM outbox WHERE kind = 'ticket_reply' AND payload->>'ticket_id' = $1", [t.id]);
    assert.match(told.body, /Estimated time to resolution: Sun Dec 6 2026 01:30 AM EST/);
  });

  it('a mailed reply on a case that owes no status notification is not told one is owed', async () => {
    // Fri 4 Dec 2026 10:00 EST (15:00Z), in support hours: a critical email is worked in hours, and
    // the after-hours status notification ("within 1 hour for Critical issues", after hours) is not owed.
    desk.clock.set('2026-12-04T15:00:00Z');
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Portal down', description: 'x', channel: 'email', intake: { system_outage: true } } });
    await updateTicket({ ctx: desk.ctx(desk.admin), input: { ticketId: t.id, assigneeId: (desk.manager as { id: string }).id } });
    const [assigned] = await mail('agent_assigned', t.id);
    desk.clock.set('2026-12-04T15:05:00Z');
    const replied = await deliver(answer('manager@vendor.example', assigned.id, 'Looking into it now.'));
    assert.equal(replied.status, 'appended', replied.outcome);
    assert.deepEqual(await mail('agent_answer_no_eta', t.id), []);
  });
});
