// A status an agent mails (#pending, #solved) read after a colleague wrote on the ticket holds from
// the mail's arrival, as the clocks count it (answer-after-writes.test.ts): the days a solved ticket
// stays open to a reply and the wait before the customer is reminded count from then too.
//
// Worked by hand from the OpenBack example, with a test-local lifecycle (the seed states none): a
// ticket waiting on the customer is reminded 3 days (of 24 hours) after it began to wait, solved
// after 7; a solved ticket closes 7 days after it was solved (close_solved_after_days, default 7).
// The agent's mail reaches the desk at 12:35 Thursday 3 December 2026, a manager writes at 12:42,
// the mail is read at 12:50. Waiting from 12:35: reminded from 12:35 Sunday 6 December (solved
// 12:35 Thursday 10 December). Solved at 12:35: closed from 12:35 Thursday 10 December. So at 12:40
// on those days (after 12:35, before 12:42) the reminder goes and the solved ticket closes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { processInbound, storeInbound } from '../../src/email/index.ts';
import { addNote, changeStatus, closeSolvedTickets, createTicket, getTicket, nudgeWaitingTickets, updateTicket } from '../../src/tickets/index.ts';
import { examplePolicySource } from '../support/desk.ts';
import { openMailDesk, type MailDesk } from './support.ts';
import { testBackend } from '../support/test-db.ts';

const WAITING = `${examplePolicySource('openback')}\nlifecycle:\n  waiting_on_customer:\n    remind_after_days: 3\n    solve_after_days: 7\n`;

/** A request of contact1 assigned to agent@ at 12:30 Thursday; the agent's answer `text` to its notice, received 12:35. */
async function answerReceived(m: MailDesk, subject: string, text: string): Promise<{ id: string; inbound: string }> {
  m.desk.clock.set('2026-12-02T09:40:00Z');
  const t = await createTicket({ ctx: m.desk.ctx(m.contact1), input: { subject, description: 'Exports fail', channel: 'email' } });
  m.desk.clock.set('2026-12-03T12:30:00Z');
  await updateTicket({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: t.id, assigneeId: (m.desk.agent as { id: string }).id } });
  const { rows } = await m.desk.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'agent_assigned' AND payload->>'ticket_id' = $1", [t.id]);
  m.desk.clock.set('2026-12-03T12:35:00Z');
  const raw = Buffer.from(`From: agent@vendor.example\r\nTo: support@desk.example\r\nSubject: Re: ticket\r\nIn-Reply-To: <outbox.${rows[0].id}@desk.example>\r\nMessage-ID: <${t.id}@vendor.example>\r\n\r\n${text}\r\n`);
  const inbound = await storeInbound(m.desk.t.db, m.desk.clock, raw, { source: 'smtp', envelopeFrom: 'agent@vendor.example', envelopeTo: ['support@desk.example'] });
  return { id: t.id, inbound: inbound! };
}

async function readAt1250(m: MailDesk, inbound: string): Promise<void> {
  m.desk.clock.set('2026-12-03T12:50:00Z');
  const r = await processInbound({ ctx: m.desk.system, settings: m.settings, inboundId: inbound });
  assert.equal(r!.status, 'appended', r!.outcome);
}

async function statusTimes(m: MailDesk, ticketId: string): Promise<{ status: string; statusSince: string | null; solvedAt: string | null }> {
  const { rows } = await m.desk.t.db.query<{ status: string; status_since: Temporal.Instant | null; solved_at: Temporal.Instant | null }>(
    'SELECT status, status_since, solved_at FROM tickets WHERE id = $1', [ticketId]);
  return { status: rows[0].status, statusSince: rows[0].status_since?.toString() ?? null, solvedAt: rows[0].solved_at?.toString() ?? null };
}

describe(`a mailed status read after a colleague's write holds from the mail's arrival, on ${testBackend}`, () => {
  let m: MailDesk;
  before(async () => {
    m = await openMailDesk('openback', '2026-12-02T09:40:00Z', WAITING);
  });
  after(() => m.desk.close());

  it('#solved received 12:35, a note at 12:42, read at 12:50: solved at 12:35, closed at 12:40 seven days on', async () => {
    const t = await answerReceived(m, 'Solved by mail', '#solved\r\nFixed in 4.2.');
    m.desk.clock.set('2026-12-03T12:42:00Z');
    await addNote({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: t.id, body: 'Customer called about this one.' } });
    await readAt1250(m, t.inbound);
    assert.deepEqual(await statusTimes(m, t.id), { status: 'solved', statusSince: '2026-12-03T12:35:00Z', solvedAt: '2026-12-03T12:35:00Z' });
    assert.equal((await getTicket({ ctx: m.desk.system, input: { ticketId: t.id } })).closesAt?.toString(), '2026-12-10T12:35:00Z');
    m.desk.clock.set('2026-12-10T12:40:00Z');
    await closeSolvedTickets({ ctx: m.desk.system });
    assert.equal((await statusTimes(m, t.id)).status, 'closed');
  });

  it('#pending received 12:35, a note at 12:42, read at 12:50: waiting from 12:35, reminded at 12:40 three days on', async () => {
    const t = await answerReceived(m, 'Pending by mail', '#pending\r\nCan you send the logs?');
    m.desk.clock.set('2026-12-03T12:42:00Z');
    await addNote({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: t.id, body: 'Customer called about this one.' } });
    await readAt1250(m, t.inbound);
    assert.deepEqual(await statusTimes(m, t.id), { status: 'pending_customer', statusSince: '2026-12-03T12:35:00Z', solvedAt: null });
    const v = await getTicket({ ctx: m.desk.system, input: { ticketId: t.id } });
    assert.deepEqual([v.remindsAt?.toString(), v.solvesAt?.toString()], ['2026-12-06T12:35:00Z', '2026-12-10T12:35:00Z']);
    m.desk.clock.set('2026-12-06T12:40:00Z');
    await nudgeWaitingTickets({ ctx: m.desk.system });
    const { rows } = await m.desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'customer_reminded'", [t.id]);
    assert.equal(rows[0].n, 1);
  });

  it('#pending received 12:35, solved by the manager at 12:42, read at 12:50: waiting without a break only since its writing, 12:42', async () => {
    const t = await answerReceived(m, 'Status between', '#pending\r\nCan you send the logs?');
    m.desk.clock.set('2026-12-03T12:42:00Z');
    await changeStatus({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: t.id, status: 'solved' } });
    await readAt1250(m, t.inbound);
    // Stamped after the manager's write (12:42), the ticket's last; solved from 12:42 to it.
    assert.deepEqual(await statusTimes(m, t.id), { status: 'pending_customer', statusSince: '2026-12-03T12:42:00Z', solvedAt: null });
  });
});
