// An agent's answer by mail counts as of its arrival (tickets/owed.ts breachCutoff holds the breach
// until it is read), even when someone else wrote on the ticket between its arrival and its reading.
// The answer is written after the writes already on the ticket (the timeline keeps the order of
// the writes, write-context.ts) and says when it was received; the clocks read it as of then.
//
// Worked by hand from the OpenBack example: Enterprise support hours are 9am - 6pm GMT on weekdays;
// a Severity 3 request's first response is due "6 - 12 business hours". A request opened Wednesday
// 2 December 2026 at 09:40 GMT: goal 15:40 Wednesday; due 8h20m on Wednesday (to 18:00) + 3h40m
// from 09:00 Thursday = 12:40 Thursday 3 December. Every answer below reaches the desk at 12:35
// Thursday (before the due time), a manager writes an internal note at 12:38 (before it) or 12:42
// (after it), the sweep at 12:45 holds the breach for the unread answer, which is read at 12:50.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { processInbound, storeInbound } from '../../src/email/index.ts';
import { addNote, changeStatus, createTicket, getTicket, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { examplePolicySource } from '../support/desk.ts';
import { agentTimeline } from '../../src/web/timeline.ts';
import { examplePolicy } from '../helpers/policies.ts';
import { openMailDesk, type MailDesk } from './support.ts';
import { testBackend } from '../support/test-db.ts';

/** A new Severity 3 request of contact1 opened 09:40 Wednesday, assigned to agent@ at 12:30 Thursday; the notice the agent answers. */
async function requestAssigned(m: MailDesk, subject: string): Promise<{ id: string; notice: string }> {
  m.desk.clock.set('2026-12-02T09:40:00Z');
  const t = await createTicket({ ctx: m.desk.ctx(m.contact1), input: { subject, description: 'Exports fail', channel: 'email' } });
  const c = (await getTicket({ ctx: m.desk.system, input: { ticketId: t.id } })).clocks.find((x) => x.metric === 'first_response')!;
  assert.deepEqual([c.goal?.toString(), c.due?.toString()], ['2026-12-02T15:40:00Z', '2026-12-03T12:40:00Z']);
  m.desk.clock.set('2026-12-03T12:30:00Z');
  await updateTicket({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: t.id, assigneeId: (m.desk.agent as { id: string }).id } });
  const { rows } = await m.desk.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'agent_assigned' AND payload->>'ticket_id' = $1", [t.id]);
  return { id: t.id, notice: rows[0].id };
}

/**
 * The agent's answer `text` received at 12:35, a manager's note at `noteAt`, the sweep at 12:45,
 * the answer read at 12:50, the sweep again; the breaches on the ticket's timeline after each sweep
 * (the desk's other tickets, opened at 09:40 Wednesday and never answered, breach at 12:50).
 */
async function answeredWithNoteBetween(m: MailDesk, t: { id: string; notice: string }, text: string, noteAt: string): Promise<number[]> {
  m.desk.clock.set('2026-12-03T12:35:00Z');
  const raw = Buffer.from(`From: agent@vendor.example\r\nTo: support@desk.example\r\nSubject: Re: ticket\r\nIn-Reply-To: <outbox.${t.notice}@desk.example>\r\nMessage-ID: <${t.id}@vendor.example>\r\n\r\n${text}\r\n`);
  const id = await storeInbound(m.desk.t.db, m.desk.clock, raw, { source: 'smtp', envelopeFrom: 'agent@vendor.example', envelopeTo: ['support@desk.example'] });
  m.desk.clock.set(noteAt);
  await addNote({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: t.id, body: 'Customer called about this one.' } });
  m.desk.clock.set('2026-12-03T12:45:00Z');
  const held = await sweptBreaches(m, t.id);
  m.desk.clock.set('2026-12-03T12:50:00Z');
  const r = await processInbound({ ctx: m.desk.system, settings: m.settings, inboundId: id! });
  assert.equal(r!.status, 'appended', r!.outcome);
  return [held, await sweptBreaches(m, t.id)];
}

/** A sweep now; the breaches then on the ticket's timeline. */
async function sweptBreaches(m: MailDesk, ticketId: string): Promise<number> {
  await sweepSlaClocks({ ctx: m.desk.system });
  const { rows } = await m.desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_breach'", [ticketId]);
  return rows[0].n;
}

const clockOf = async (m: MailDesk, ticketId: string, metric: string) => {
  const c = (await getTicket({ ctx: m.desk.system, input: { ticketId } })).clocks.find((x) => x.metric === metric)!;
  return { state: c.state, metAt: c.metAt?.toString() ?? null, due: c.due?.toString() ?? null, breachedAt: c.breachedAt?.toString() ?? null };
};

/** The ticket's timeline entries after the assignment: type, stamp, received time (if any). */
async function timelineAfterAssignment(m: MailDesk, ticketId: string): Promise<string[]> {
  const { rows } = await m.desk.t.db.query<{ type: string; at: Temporal.Instant; data: { received_at?: string } }>(
    "SELECT type, at, data FROM ticket_events WHERE ticket_id = $1 AND at > '2026-12-03T12:30:00Z' ORDER BY at, seq", [ticketId],
  );
  return rows.map((e) => `${e.type} ${e.at.toString()}${e.data.received_at ? ` received ${e.data.received_at}` : ''}`);
}

describe(`an agent's mailed answer counts as of its arrival though another write came before it was read, on ${testBackend}`, () => {
  let m: MailDesk;
  before(async () => {
    m = await openMailDesk('openback', '2026-12-02T09:40:00Z');
  });
  after(() => m.desk.close());

  it('a reply received 12:35, a note at 12:38, read at 12:50: the first response is met at 12:35, not at the note', async () => {
    const t = await requestAssigned(m, 'Note before the due time');
    assert.deepEqual(await answeredWithNoteBetween(m, t, 'The export is fixed in 4.2.', '2026-12-03T12:38:00Z'), [0, 0]);
    assert.deepEqual(await clockOf(m, t.id, 'first_response'), { state: 'met', metAt: '2026-12-03T12:35:00Z', due: '2026-12-03T12:40:00Z', breachedAt: null });
  });

  it('a reply received 12:35, a note at 12:42 (past due), read at 12:50: met at 12:35, no breach; the reply stands after the note, received 12:35', async () => {
    const t = await requestAssigned(m, 'Note after the due time');
    assert.deepEqual(await answeredWithNoteBetween(m, t, 'The export is fixed in 4.2.', '2026-12-03T12:42:00Z'), [0, 0]);
    assert.deepEqual(await clockOf(m, t.id, 'first_response'), { state: 'met', metAt: '2026-12-03T12:35:00Z', due: '2026-12-03T12:40:00Z', breachedAt: null });
    // The order of the writes: the note, then the reply written after it (never before the
    // ticket's last write), saying when it reached the desk. The warning of 12:45 (the goal, 15:40
    // Wednesday, passed unmet as far as the desk had read; warnings are not held) is the sweep's
    // entry, at its own time. Nothing on the timeline says breached.
    assert.deepEqual(await timelineAfterAssignment(m, t.id), [
      'note 2026-12-03T12:42:00Z',
      'reply 2026-12-03T12:42:00Z received 2026-12-03T12:35:00Z',
      'sla_warning 2026-12-03T12:45:00Z',
    ]);
    const { rows: told } = await m.desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE kind = 'sla_breach' AND payload->>'ticket_id' = $1", [t.id]);
    assert.equal(told[0].n, 0, 'nobody mailed of a breach');
    // The desk's timeline says it in words, in the reader's time: received 12:35.
    const { rows: events } = await m.desk.t.db.query<{ type: string; data: Record<string, unknown> }>("SELECT type, data FROM ticket_events WHERE ticket_id = $1 AND type = 'reply'", [t.id]);
    const worded = agentTimeline(examplePolicy('openback'), events, { contactName: new Map(), me: null }, (iso) => `${iso.slice(11, 16)} UTC`)[0].worded;
    assert.equal(worded?.['Received by mail'], '12:35 UTC');
  });
});

// The seeds promise no resolution time and state no pause: a test-local OpenBack whose Enterprise
// Severity 3 requests owe a resolution within 12 business hours (due 12:40 Thursday, as the first
// response) and whose first response and resolution pause while the ticket waits on the customer.
const VARIANT = examplePolicySource('openback')
  .replace('        enterprise: { within: 6 - 12 business hours }\n', '        enterprise: { within: 6 - 12 business hours }\n      resolution:\n        enterprise: { within: 12 business hours }\n')
  .replace(/^# No pauses:.*\n#.*\n/m, 'pauses:\n  - { status: pending_customer, metrics: [first_response, resolution] }\n');

describe(`#solved and #pending mailed before the due time and read after a later write, on ${testBackend}`, () => {
  let m: MailDesk;
  before(async () => {
    m = await openMailDesk('openback', '2026-12-02T09:40:00Z', VARIANT);
  });
  after(() => m.desk.close());

  it('#solved received 12:35, a note at 12:42, read at 12:50: the resolution (and the first response) met at 12:35, no breach', async () => {
    const t = await requestAssigned(m, 'Solved by mail');
    assert.deepEqual(await answeredWithNoteBetween(m, t, '#solved\r\nFixed in 4.2.', '2026-12-03T12:42:00Z'), [0, 0]);
    assert.deepEqual(await clockOf(m, t.id, 'resolution'), { state: 'met', metAt: '2026-12-03T12:35:00Z', due: '2026-12-03T12:40:00Z', breachedAt: null });
    assert.deepEqual(await clockOf(m, t.id, 'first_response'), { state: 'met', metAt: '2026-12-03T12:35:00Z', due: '2026-12-03T12:40:00Z', breachedAt: null });
  });

  it('#note #pending received 12:35, a note at 12:42, read at 12:50: both clocks paused from 12:35, before their due time, so no breach', async () => {
    const t = await requestAssigned(m, 'Pending by mail');
    assert.deepEqual(await answeredWithNoteBetween(m, t, '#note #pending\r\nAsked them for logs by phone.', '2026-12-03T12:42:00Z'), [0, 0]);
    // Paused before its due time: the due time is unknown while it waits (sla/clocks.ts).
    assert.deepEqual(await clockOf(m, t.id, 'first_response'), { state: 'paused', metAt: null, due: null, breachedAt: null });
    assert.deepEqual(await clockOf(m, t.id, 'resolution'), { state: 'paused', metAt: null, due: null, breachedAt: null });
  });

  it('a status set between (solved at 12:42 by the manager): the mailed #pending read at 12:50 pauses from 12:35 and is the status the ticket ends in', async () => {
    const t = await requestAssigned(m, 'Status between');
    m.desk.clock.set('2026-12-03T12:35:00Z');
    const raw = Buffer.from(`From: agent@vendor.example\r\nTo: support@desk.example\r\nSubject: Re: ticket\r\nIn-Reply-To: <outbox.${t.notice}@desk.example>\r\nMessage-ID: <${t.id}@vendor.example>\r\n\r\n#pending\r\nCan you send the logs?\r\n`);
    const id = await storeInbound(m.desk.t.db, m.desk.clock, raw, { source: 'smtp', envelopeFrom: 'agent@vendor.example', envelopeTo: ['support@desk.example'] });
    m.desk.clock.set('2026-12-03T12:42:00Z');
    await changeStatus({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: t.id, status: 'solved' } });
    m.desk.clock.set('2026-12-03T12:45:00Z');
    assert.equal(await sweptBreaches(m, t.id), 0);
    m.desk.clock.set('2026-12-03T12:50:00Z');
    assert.equal((await processInbound({ ctx: m.desk.system, settings: m.settings, inboundId: id! }))!.status, 'appended');
    assert.equal(await sweptBreaches(m, t.id), 0);
    // Waiting on the customer from 12:35 (the mail), solved at 12:42 (the manager), waiting again as
    // the mail was read after it (the ticket's status, written last): the resolution, due 12:40,
    // paused before it and is paused still; the reply met the first response at 12:35, before its
    // due time 12:40, which stays: a wait that starts when a clock is met does not move it (sla/clocks.ts).
    assert.equal((await getTicket({ ctx: m.desk.system, input: { ticketId: t.id } })).status, 'pending_customer');
    assert.deepEqual(await clockOf(m, t.id, 'first_response'), { state: 'met', metAt: '2026-12-03T12:35:00Z', due: '2026-12-03T12:40:00Z', breachedAt: null });
    assert.deepEqual(await clockOf(m, t.id, 'resolution'), { state: 'paused', metAt: null, due: null, breachedAt: null });
  });
});
