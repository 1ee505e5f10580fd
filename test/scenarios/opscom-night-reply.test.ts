// OPS-COM (seed 004): "After hours support is limited to critical issues. ... This support is
// provided by email and is staffed by on-call personnel. Issues will be triaged within 15 minutes
// and a status notification will be sent to you within 1 hour for Critical issues." A critical
// online ticket opened on a Saturday waits for Mon-Fri 9-5 EST; its receipt says after-hours support
// is by email. The customer replying to it by email on the Saturday is a critical issue arriving by
// email after hours: on call get it, its times running from that mail, once.
// December: America/New_York is EST, UTC-5. Saturday 5 December 2026.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addReply, createTicket, getTicket, listTicketEvents, sweepHandovers } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('OPS-COM: a customer mails on a critical online ticket after hours', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('opscom', '2026-12-05T19:00:00Z');
  });
  after(() => desk.close());

  const pages = async (ticketId: string) =>
    (await desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'oncall_page' AND payload->>'ticket_id' = $1", [ticketId])).rows;
  const clocks = async (ticketId: string) =>
    (await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId } })).clocks.map((c) => [c.metric, c.state, c.due?.toString() ?? null]);
  const onlineTicket = async (at: string, intake: Record<string, boolean>) => {
    desk.clock.set(at);
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Site down', description: 'Nobody can log in', channel: 'web', intake } });
    return { t, contact: org.contact };
  };
  const mailReply = (contact: Desk['agent'], ticketId: string, body: string) =>
    addReply({ ctx: desk.ctx(contact), input: { ticketId, body }, byMail: { to: [], files: [] } });

  it('a critical online ticket of Saturday 14:00 EST, replied to by mail at 14:20, is handed to on call: triage by 14:35, status notification by 15:20; a second mail at 14:50 changes nothing', async () => {
    const { t, contact } = await onlineTicket('2026-12-05T19:00:00Z', { system_outage: true }); // Sat 14:00 EST
    assert.equal(t.severity, 1);
    assert.equal(t.handedToOnCallAt, null, 'an online ticket is not taken after hours');
    assert.equal((await pages(t.id)).length, 0);
    // Its receipt says plainly where a reply goes at night, in the rule's words ("staffed by on-call personnel").
    const [receipt] = (await desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [t.id])).rows;
    assert.ok(receipt.body.endsWith(`Reply to this message to add to case #${t.number}; keep [#${t.number}] in the subject. Outside support hours, a reply to this message goes to on-call personnel.`), receipt.body);

    desk.clock.set('2026-12-05T19:20:00Z'); // Sat 14:20 EST
    await mailReply(contact, t.id, 'Still down, nobody can work');
    const handed = await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
    assert.equal(handed.handedToOnCallAt?.toString(), '2026-12-05T19:20:00Z');
    // 14:20 + 15 min = 14:35 EST (19:35Z); 14:20 + 1 h = 15:20 EST (20:20Z): real time, the rule's.
    assert.deepEqual((await clocks(t.id)).filter(([m]) => m === 'triage' || m === 'status_notification'), [
      ['triage', 'running', '2026-12-05T19:35:00Z'],
      ['status_notification', 'running', '2026-12-05T20:20:00Z'],
    ]);
    // Why this deadline: from the hand-over (the mail at 14:20), not from the opening at 14:00.
    assert.deepEqual(handed.clocks.find((c) => c.metric === 'triage')?.explain, [
      'Handed to after-hours support Sat Dec 5 2026 02:20 PM EST: the time runs from then.',
      'After-hours triage within 15 minutes of real time, nights and weekends included.',
      'Due Sat Dec 5 2026 02:35 PM EST = 2026-12-05T19:35:00Z; breached after that.',
    ]);
    const first = await pages(t.id);
    assert.ok(first.length >= 1, 'on call is paged');
    assert.match(first[0].body, /^Ticket #\d+ "Site down" got an email from the customer outside support hours and is yours to triage\./);
    assert.match(first[0].body, /Owed: triage by Sat Dec 5 2026 02:35 PM EST; status notification, with an estimated time to resolution, by Sat Dec 5 2026 03:20 PM EST\./);
    const events = await listTicketEvents({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
    assert.equal(events.filter((e) => e.type === 'handed_to_on_call').length, 1);

    desk.clock.set('2026-12-05T19:50:00Z'); // Sat 14:50 EST
    await mailReply(contact, t.id, 'Any news?');
    assert.equal((await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } })).handedToOnCallAt?.toString(), '2026-12-05T19:20:00Z');
    assert.deepEqual((await clocks(t.id)).filter(([m]) => m === 'triage' || m === 'status_notification'), [
      ['triage', 'running', '2026-12-05T19:35:00Z'],
      ['status_notification', 'running', '2026-12-05T20:20:00Z'],
    ]);
    assert.equal((await pages(t.id)).length, first.length, 'not paged again');
  });

  it('a mail between the closing and the sweep leaves the closing hand-over as it is: its times run from 17:00', async () => {
    // Mon 7 Dec 16:55 EST (21:55Z), in hours: a critical online ticket, handed over at 17:00 (22:00Z) if still open.
    const { t, contact } = await onlineTicket('2026-12-07T21:55:00Z', { system_outage: true });
    desk.clock.set('2026-12-07T22:02:00Z'); // 17:02 EST, the closing hand-over due but not yet swept
    await mailReply(contact, t.id, 'Still down');
    assert.equal((await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } })).handedToOnCallAt, null, 'left to the sweep');
    await sweepHandovers({ ctx: desk.system });
    assert.equal((await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } })).handedToOnCallAt?.toString(), '2026-12-07T22:00:00Z');
    // 17:00 + 15 min = 17:15 EST (22:15Z); 17:00 + 1 h = 18:00 EST (23:00Z).
    assert.deepEqual((await clocks(t.id)).filter(([m]) => m === 'triage' || m === 'status_notification'), [
      ['triage', 'running', '2026-12-07T22:15:00Z'],
      ['status_notification', 'running', '2026-12-07T23:00:00Z'],
    ]);
    const events = await listTicketEvents({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
    assert.deepEqual(events.filter((e) => e.type === 'paged').map((e) => (e.data as { reason?: string }).reason), ['support_closed']);
  });

  it('the same reply through the web, a mail on a ticket that is not critical, or a mail in support hours hands nothing over', async () => {
    const web = await onlineTicket('2026-12-05T19:00:00Z', { system_outage: true });
    desk.clock.set('2026-12-05T19:20:00Z');
    await addReply({ ctx: desk.ctx(web.contact), input: { ticketId: web.t.id, body: 'Still down' } });
    assert.equal((await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: web.t.id } })).handedToOnCallAt, null);

    const minor = await onlineTicket('2026-12-05T19:00:00Z', { system_outage: false, immediate_work_stoppage: false });
    assert.notEqual(minor.t.severity, 1);
    const [receipt] = (await desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [minor.t.id])).rows;
    assert.ok(receipt.body.endsWith(`Reply to this message to add to case #${minor.t.number}; keep [#${minor.t.number}] in the subject.`), 'not critical: a reply waits for support hours');
    desk.clock.set('2026-12-05T19:20:00Z');
    await mailReply(minor.contact, minor.t.id, 'A question');
    assert.equal((await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: minor.t.id } })).handedToOnCallAt, null);
    assert.equal((await pages(minor.t.id)).length, 0);

    const day = await onlineTicket('2026-12-07T15:00:00Z', { system_outage: true }); // Mon 10:00 EST
    const [dayReceipt] = (await desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [day.t.id])).rows;
    assert.doesNotMatch(dayReceipt.body, /on-call personnel/, 'in hours: handed over at closing if still open, nothing to tell');
    desk.clock.set('2026-12-07T15:20:00Z');
    await mailReply(day.contact, day.t.id, 'Still down');
    assert.equal((await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: day.t.id } })).handedToOnCallAt, null);
  });
});
