// OPS-COM (seed 004) end to end with the clock moved: "After hours support is limited to critical
// issues ... provided by email and is staffed by on-call personnel. Issues will be triaged within
// 15 minutes and a status notification will be sent to you within 1 hour for Critical issues.
// This notification will include an estimated time to resolution." Support hours: Mon-Fri 9-5
// Eastern (read as America/New_York: EST, UTC-5, in December).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addNote, addReply, createTicket, getTicket, listTicketEvents, reviewHeldRequest, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('OPS-COM: after hours, on call, hand-over at closing', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('opscom', '2026-12-03T04:10:00Z');
  });
  after(() => desk.close());

  const clocksOf = async (id: string) =>
    Object.fromEntries((await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: id } })).clocks.map((c) => [c.metric, { due: c.due?.toString() ?? null, state: c.state }]));
  const outbox = async (ticketId: string, kind: string) =>
    (await desk.t.db.query<{ recipient: string; body: string }>("SELECT recipient, body FROM outbox WHERE kind = $1 AND payload->>'ticket_id' = $2 ORDER BY recipient", [kind, ticketId])).rows;

  it('a critical email at 23:10 Eastern pages on call: triage due 23:25, status notification (with ETA) due 00:10', async () => {
    desk.clock.set('2026-12-03T04:10:00Z'); // Wednesday 2 December, 23:10 EST
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Portal down', description: 'Nobody can log in', channel: 'email', intake: { system_outage: true } } });
    assert.equal(t.severity, 1);
    assert.equal(t.classification?.source, 'rules');
    // 23:10 + 15 min = 23:25 EST = 04:25Z; 23:10 + 1 h = 00:10 EST on the 3rd = 05:10Z.
    assert.deepEqual(await clocksOf(t.id), { triage: { due: '2026-12-03T04:25:00Z', state: 'running' }, status_notification: { due: '2026-12-03T05:10:00Z', state: 'running' } });
    const pages = await outbox(t.id, 'oncall_page');
    assert.ok(pages.length >= 1, 'someone was paged');
    const events = await listTicketEvents({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
    assert.ok(events.some((e) => e.type === 'paged' && e.visibility === 'internal'));
    assert.doesNotMatch((await outbox(t.id, 'ticket_received'))[0].body, /outside our support hours/, 'a paged ticket is not sent the out-of-hours acknowledgement');
    assert.match((await outbox(t.id, 'ticket_received'))[0].body, /\n\nWe have alerted on-call personnel\.\n\nAfter hours support is limited to critical issues\./);
    // OPS-COM names no clock for its 15 minutes and its hour: the receipt adds none ("24x7" would be Accord's word).
    // The seed: "Issues will be triaged within 15 minutes": credited as "Triage: 15 minutes", then its time as ours.
    assert.match((await outbox(t.id, 'ticket_received'))[0].body, /\n- Triage: 15 minutes\n[\s\S]*\n\nFor this case, as we count them:\n- Triage: by /);

    // Triage: any agent action; the status notification: a public reply carrying an ETA.
    desk.clock.set('2026-12-03T04:20:00Z');
    await addNote({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'On it: checking the load balancer' } });
    desk.clock.set('2026-12-03T04:50:00Z');
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'We found the cause and are restoring service.', eta: '2026-12-03T07:00:00Z' } });
    const met = await getTicket({ ctx: desk.ctx(org.contact), input: { ticketId: t.id } });
    assert.deepEqual(met.clocks.map((c) => [c.metric, c.state, c.metAt?.toString()]), [
      ['triage', 'met', '2026-12-03T04:20:00Z'],
      ['status_notification', 'met', '2026-12-03T04:50:00Z'],
    ]);
    assert.equal(met.eta?.toString(), '2026-12-03T07:00:00Z');
  });

  // "After hours support is limited to critical issues. ... This support is provided by email": email
  // is the one channel the seed names for after-hours support. A critical online ticket at 23:10 EST
  // waits for Thursday 09:00 EST; its receipt sends the customer to email, as the page does.
  it('a critical online ticket at 23:10 Eastern is not paged: it waits for 09:00, its receipt naming email for after-hours support', async () => {
    desk.clock.set('2026-12-03T04:10:00Z'); // Wednesday 2 December, 23:10 EST
    const org = await desk.addOrganization('standard-plus');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Site down', description: 'Nobody can log in', channel: 'web', intake: { system_outage: true } } });
    assert.equal(t.severity, 1);
    // The seed promises no time for a critical issue but the after-hours rule's, which takes email only.
    assert.deepEqual(await clocksOf(t.id), {});
    assert.equal(t.handedToOnCallAt, null);
    assert.equal((await outbox(t.id, 'oncall_page')).length, 0, 'nobody paged');
    const [receipt] = await outbox(t.id, 'ticket_received');
    // Wednesday 23:10 EST: support next opens Thursday 3 December 09:00 EST.
    assert.match(receipt.body, /Work on it resumes Thu Dec 3 2026 09:00 AM EST\.\n\nOutside support hours, Critical requests are taken by: Email \(a new message to the address our mail comes from\)\.\n\nAfter hours support is limited to critical issues\./);
    assert.doesNotMatch(receipt.body, /Online support ticket|alerted on-call/);
  });

  // A critical issue OPS-COM already has when support closes is still one after hours: on call take
  // it over at 17:00 and answer it by email (hand_over: any_channel), whatever channel it came through.
  it('a critical online ticket opened at 16:55 and still open at 17:00 is handed to on call: triage due 17:15, status 18:00', async () => {
    desk.clock.set('2026-12-02T21:55:00Z'); // Wednesday 16:55 EST
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Work stopped', description: 'Payments fail', channel: 'web', intake: { immediate_work_stoppage: true } } });
    desk.clock.set('2026-12-02T22:00:20Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).handovers, 1);
    // From 17:00 EST (22:00Z): triage 17:15 = 22:15Z, status notification 18:00 = 23:00Z.
    assert.deepEqual(await clocksOf(t.id), { triage: { due: '2026-12-02T22:15:00Z', state: 'running' }, status_notification: { due: '2026-12-02T23:00:00Z', state: 'running' } });
    desk.clock.set('2026-12-02T22:10:00Z');
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Fixing it now.', eta: '2026-12-03T01:00:00Z' } });
    assert.deepEqual(Object.values(await clocksOf(t.id)).map((c) => c.state), ['met', 'met']);
  });

  it('a request said to be minor at the same hour is acknowledged with the next opening, and nobody is paged', async () => {
    desk.clock.set('2026-12-03T04:10:00Z');
    const org = await desk.addOrganization('standard-plus');
    const t = await createTicket({
      ctx: desk.ctx(org.contact),
      input: { subject: 'Report layout', description: 'A column is misaligned', channel: 'email', intake: { system_outage: false, immediate_work_stoppage: false } },
    });
    assert.equal(t.severity, 2);
    assert.deepEqual(t.clocks, [], 'OPS-COM publishes no numeric target for non-critical issues');
    assert.equal((await outbox(t.id, 'oncall_page')).length, 0);
    // The acknowledgement is part of the ticket's receipt: one message, not two.
    const ack = await outbox(t.id, 'ticket_received');
    assert.equal(ack.length, 1);
    // Support reopens Thursday 3 December at 9:00 EST.
    assert.match(ack[0].body, /resumes Thu Dec 3 2026 09:00 AM EST/);
    // "After hours support is limited to critical issues": its email is not said to be answered now
    // to a request that is not critical.
    assert.doesNotMatch(ack[0].body, /answered now/);
    const publicEvents = await listTicketEvents({ ctx: desk.ctx(org.contact), input: { ticketId: t.id } });
    assert.deepEqual(publicEvents.map((e) => e.type), ['created', 'acknowledged']);
  });

  // The seed names no address for "This support is provided by email": the receipt does not make
  // one up. The email it means is the desk's own, the address its mail is sent from (ACCORD_SUPPORT_EMAIL).
  it('a telephone request taken in at night is told where after-hours support is given: a new email to the address our mail comes from, email only', async () => {
    desk.clock.set('2026-12-03T04:10:00Z'); // Wednesday 2 December, 23:10 EST: Telephone Support is closed
    const org = await desk.addOrganization('premium');
    const refused = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Question on invoices', description: 'Call me back', channel: 'phone' } }).catch((e) => e);
    const heldRequestId = refused.details.find((d: { path: string }) => d.path === 'heldRequestId').message;
    desk.clock.set('2026-12-03T04:15:00Z');
    const { ticket } = await reviewHeldRequest({ ctx: desk.ctx(desk.agent), input: { heldRequestId, decision: 'accept' } });
    const [receipt] = await outbox(ticket!.id, 'ticket_received');
    assert.match(receipt.body, /Work on it resumes Thu Dec 3 2026 09:00 AM EST\.\n\nOutside support hours, Critical requests are taken by: Email \(a new message to the address our mail comes from\)\.\n/);
    assert.doesNotMatch(receipt.body, /answered now/, 'the after-hours email is for critical issues only, in its rule\'s words');
  });

  it('on call who took it but sends no status notification is reminded at 23:55, and at 00:10 the managers hear of the breach too', async () => {
    desk.clock.set('2026-12-03T04:10:00Z'); // Wednesday 23:10 EST
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Portal down again', description: 'Nobody can log in', channel: 'email', intake: { system_outage: true } } });
    // On call takes it at 23:12 (triage met: an agent's action) and says nothing to the customer.
    desk.clock.set('2026-12-03T04:12:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, assigneeId: (desk.agent as { id: string }).id } });
    // Due 00:10 EST (05:10Z); reminded 15 minutes before, 23:55 EST = 04:55Z.
    desk.clock.set('2026-12-03T04:55:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    const reminders = await outbox(t.id, 'sla_reminder');
    // The one who holds it, and those paged for it (nobody on call here: the managers and admins).
    assert.deepEqual(reminders.map((r) => r.recipient), ['admin@vendor.example', 'agent@vendor.example', 'manager@vendor.example']);
    assert.match(reminders[1].body, new RegExp(`^The status notification on ticket #${t.number}, with an estimated time to resolution, is due at Thu Dec 3 2026 12:10 AM EST\\. Reply to the customer with the ETA before then\\.`));
    desk.clock.set('2026-12-03T05:10:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    const breaches = (await desk.t.db.query<{ recipient: string }>(
      "SELECT recipient FROM outbox WHERE kind = 'sla_breach' AND payload->>'ticket_id' = $1 AND payload->>'metric' = 'status_notification' ORDER BY recipient", [t.id],
    )).rows.map((r) => r.recipient);
    // The one who holds it, and the managers and admins: nobody else is at work to notice.
    assert.deepEqual(breaches, ['admin@vendor.example', 'agent@vendor.example', 'manager@vendor.example']);
  });

  it('a critical mail paged at arrival is not handed over again when regraded at night', async () => {
    desk.clock.set('2026-12-03T04:10:00Z');
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Down', description: 'All down', channel: 'email', intake: { system_outage: true } } });
    assert.equal(t.handedToOnCallAt?.toString(), '2026-12-03T04:10:00Z', 'on call has it from its arrival');
    desk.clock.set('2026-12-03T04:15:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 2, reason: 'Only one user' } });
    desk.clock.set('2026-12-03T04:20:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 1, reason: 'Everyone after all' } });
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).handovers, 0);
    // Owed from its arrival as before: 23:10 + 15 min (met by the first regrade at 23:15), 23:10 + 1 h.
    assert.deepEqual((await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } })).clocks.map((c) => [c.metric, c.state, c.due?.toString()]), [
      ['triage', 'met', '2026-12-03T04:25:00Z'],
      ['status_notification', 'running', '2026-12-03T05:10:00Z'],
    ]);
  });

  it('a critical ticket opened at 16:55 and still open at 17:00 is handed to on call: triage due 17:15, status 18:00', async () => {
    desk.clock.set('2026-12-02T21:55:00Z'); // Wednesday 16:55 EST
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Payments failing', description: 'Work has stopped', channel: 'email', intake: { immediate_work_stoppage: true } } });
    assert.equal(t.severity, 1);
    assert.deepEqual(t.clocks, [], 'in support hours: no after-hours clocks yet');
    assert.equal(t.handedToOnCallAt, null);
    desk.clock.set('2026-12-02T21:59:59Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).handovers, 0, 'not before closing');
    desk.clock.set('2026-12-02T22:00:20Z'); // the sweep runs just after 17:00
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).handovers, 1);
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).handovers, 0, 'handed over once');
    const view = await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
    assert.equal(view.handedToOnCallAt?.toString(), '2026-12-02T22:00:00Z');
    // From the closing instant 17:00 EST: triage 17:15 = 22:15Z, status notification 18:00 = 23:00Z.
    assert.deepEqual(await clocksOf(t.id), { triage: { due: '2026-12-02T22:15:00Z', state: 'running' }, status_notification: { due: '2026-12-02T23:00:00Z', state: 'running' } });
    assert.ok((await outbox(t.id, 'oncall_page')).length >= 1);
    // The timeline names who took it in the policy's words ("staffed by on-call personnel"), not the rule's id.
    const handed = (await listTicketEvents({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } })).find((e) => e.type === 'handed_to_on_call');
    assert.equal(handed?.body, 'Support hours ended with this ticket open: handed to on-call personnel for after-hours support.');
  });

  it('a critical ticket solved before closing is not handed over', async () => {
    desk.clock.set('2026-12-02T21:00:00Z'); // 16:00 EST
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Outage', description: 'Down', channel: 'email', intake: { system_outage: true } } });
    desk.clock.set('2026-12-02T21:30:00Z');
    const { updateTicket } = await import('../../src/tickets/index.ts');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, status: 'solved' } });
    desk.clock.set('2026-12-02T22:01:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    const view = await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
    assert.equal(view.handedToOnCallAt, null);
    assert.equal((await outbox(t.id, 'oncall_page')).length, 0);
  });

  it('pages the agent the on-call rotation names for the rule, not the managers', async () => {
    // A daily rotation handing over at 09:00 New York time from 1 December: the escalation agent holds
    // 1 Dec 09:00 - 2 Dec 09:00, the front-line agent 2 Dec 09:00 - 3 Dec 09:00, which covers 23:10 on the 2nd.
    const { createRotation } = await import('../../src/oncall/index.ts');
    await createRotation({
      ctx: desk.ctx(desk.admin),
      input: {
        name: 'After hours', timeZone: 'America/New_York', handoverTime: '09:00', cadence: 'daily', startDate: '2026-12-01',
        members: [(desk.escalation as { id: string }).id, (desk.agent as { id: string }).id], afterHoursRuleIds: ['critical-on-call'],
      },
    });
    desk.clock.set('2026-12-03T04:10:00Z'); // Wednesday 2 December, 23:10 EST
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Down', description: 'Outage', channel: 'email', intake: { system_outage: true } } });
    assert.deepEqual((await outbox(t.id, 'oncall_page')).map((p) => p.recipient), ['agent@vendor.example']);
    // Nobody took it: the status notification's reminder (23:55) goes to the one paged, not the managers.
    desk.clock.set('2026-12-03T04:55:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    assert.deepEqual((await outbox(t.id, 'sla_reminder')).map((r) => r.recipient), ['agent@vendor.example']);
  });
});
