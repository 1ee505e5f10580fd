// Mail to the agent who works a ticket (tickets/agent-notices.ts), on OpenBack: assigned to them
// by someone else (not when they take it themselves), and each time its customer writes on it
// (saying so when that reopens a solved ticket); an unassigned ticket's reply mails nobody.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getMailPreferences, setMailPreferences } from '../../src/customers/index.ts';
import { ForbiddenError, InvalidInputError } from '../../src/platform/index.ts';
import { addNote, addReply, bulkUpdateTickets, createTicket, listTicketEvents, updateTicket } from '../../src/tickets/index.ts';
import { suiteDesk } from '../support/desk.ts';

// What every notice about a ticket ends with: what a reply to it does (email/decide-inbound.ts).
const ANSWERS = 'Reply to this message to answer the customer: your reply goes on the ticket and is sent to them. A first line of #note makes it an internal note instead; #solved or #pending (waiting on the customer) sets the status with it; #eta and a date and time (2026-12-31 17:00, in your time zone) tells them the estimated time to resolution.';
const NOTES = 'Reply to this message to add an internal note on the ticket (the customer does not see it).';

describe('mail to the agent who works a ticket, OpenBack', () => {
  const s = suiteDesk('openback', 'enterprise', '2026-12-02T10:00:00Z');
  const id = (a: unknown) => (a as { id: string }).id;
  const open = (subject: string) => createTicket({ ctx: s.desk.ctx(s.org.contact), input: { subject, description: 'x', severity: 2 } });
  const mail = async (ticketId: string, kind: string) =>
    (await s.desk.t.db.query<{ recipient: string; subject: string; body: string }>(
      'SELECT recipient, subject, body FROM outbox WHERE kind = $1 AND payload->>\'ticket_id\' = $2 ORDER BY created_at, subject', [kind, ticketId],
    )).rows;

  it('tells the agent a manager assigns the ticket to, once, naming who assigned it; not one who takes it', async () => {
    const t = await open('Campaigns stuck');
    await updateTicket({ ctx: s.desk.ctx(s.desk.manager), input: { ticketId: t.id, assigneeId: id(s.desk.agent) } });
    await updateTicket({ ctx: s.desk.ctx(s.desk.manager), input: { ticketId: t.id, assigneeId: id(s.desk.agent) } });
    assert.deepEqual(await mail(t.id, 'agent_assigned'), [{
      recipient: 'agent@vendor.example',
      subject: `[#${t.number}] Assigned to you: Campaigns stuck`,
      body: `Ticket #${t.number} "Campaigns stuck" is assigned to you by manager@vendor.example.\n\nSeverity 2 (Major), Enterprise plan, Open. Its clocks and the conversation are on its page on the desk.\n\n${ANSWERS}`,
    }]);
    const mine = await open('Taken by myself');
    await updateTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: mine.id, assigneeId: id(s.desk.agent) } });
    assert.deepEqual(await mail(mine.id, 'agent_assigned'), []);
    // From the queue, several at once: each ticket's new assignee hears of it.
    const [a, b] = [await open('Bulk A'), await open('Bulk B')];
    await bulkUpdateTickets({ ctx: s.desk.ctx(s.desk.manager), input: { ticketIds: [a.id, b.id], assigneeId: id(s.desk.escalation) } });
    assert.deepEqual([(await mail(a.id, 'agent_assigned')).map((m) => m.recipient), (await mail(b.id, 'agent_assigned')).map((m) => m.recipient)], [
      ['escalation@vendor.example'], ['escalation@vendor.example'],
    ]);
  });

  it('sends the assignee what the customer wrote, saying when it reopened a solved ticket; an unassigned ticket mails nobody', async () => {
    const t = await open('Sync fails');
    await addReply({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id, body: 'Any news?' } });
    assert.deepEqual(await mail(t.id, 'agent_reply_notice'), []);
    await updateTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, assigneeId: id(s.desk.agent) } });
    await addReply({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id, body: 'It fails again at 10:05.' } });
    await addReply({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, body: 'Looking now.' } });
    await updateTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, status: 'solved' } });
    s.desk.clock.advance({ minutes: 5 });
    await addReply({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id, body: 'Still broken.' } });
    const contact = (await s.desk.t.db.query<{ name: string; email: string }>('SELECT name, email FROM contacts WHERE id = $1', [s.org.contactId])).rows[0];
    assert.deepEqual(await mail(t.id, 'agent_reply_notice'), [
      { recipient: 'agent@vendor.example', subject: `[#${t.number}] Customer replied: Sync fails`, body: `${contact.name} <${contact.email}> wrote on ticket #${t.number} "Sync fails":\n\nIt fails again at 10:05.\n\n${ANSWERS}` },
      {
        recipient: 'agent@vendor.example', subject: `[#${t.number}] Reopened by the customer: Sync fails`,
        body: `${contact.name} <${contact.email}> wrote on ticket #${t.number} "Sync fails", which was solved and is open again:\n\nStill broken.\n\n${ANSWERS}`,
      },
    ]);
  });

  it('an agent who turned a kind of mail off gets none of it; turned on again, they do; a contact has no preferences', async () => {
    const agentCtx = s.desk.ctx(s.desk.agent);
    assert.deepEqual(await getMailPreferences({ ctx: agentCtx }), { assigned: true, customer_replied: true, designated_new_ticket: true, note_notify: true, side_reply: true, held_request: true, daily_digest: true, digest_hour: 7 });
    assert.deepEqual(await setMailPreferences({ ctx: agentCtx, input: { assigned: false, customerReplied: false } }), {
      assigned: false, customer_replied: false, designated_new_ticket: true, note_notify: true, side_reply: true, held_request: true, daily_digest: true, digest_hour: 7,
    });
    const t = await open('Quiet please');
    await updateTicket({ ctx: s.desk.ctx(s.desk.manager), input: { ticketId: t.id, assigneeId: id(s.desk.agent) } });
    await addReply({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id, body: 'Hello?' } });
    assert.deepEqual([await mail(t.id, 'agent_assigned'), await mail(t.id, 'agent_reply_notice')], [[], []]);
    await setMailPreferences({ ctx: agentCtx, input: { customerReplied: true } });
    await addReply({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id, body: 'Hello again?' } });
    assert.deepEqual((await mail(t.id, 'agent_reply_notice')).map((m) => m.body.split('\n\n')[1]), ['Hello again?']);
    await assert.rejects(setMailPreferences({ ctx: s.desk.ctx(s.org.contact), input: { assigned: true } }), ForbiddenError);
  });

  it('a note that asks colleagues mails each the note, naming who asks; never its writer; the timeline names them', async () => {
    const t = await open('Needs a second pair of eyes');
    const [manager, escalation, agent] = [id(s.desk.manager), id(s.desk.escalation), id(s.desk.agent)];
    const note = await addNote({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, body: 'Seen this before? Logs attached soon.', notify: [escalation, agent, escalation, manager] } });
    assert.deepEqual(note.data, { notified: [escalation, agent, manager] });
    assert.deepEqual((await mail(t.id, 'agent_note_notice')).map((m) => m.recipient).sort(), ['escalation@vendor.example', 'manager@vendor.example']);
    assert.deepEqual((await mail(t.id, 'agent_note_notice'))[0], {
      recipient: (await mail(t.id, 'agent_note_notice'))[0].recipient,
      subject: `[#${t.number}] agent@vendor.example asks you in a note: Needs a second pair of eyes`,
      body: `agent@vendor.example wrote an internal note on ticket #${t.number} "Needs a second pair of eyes" for you (the customer does not see it):\n\nSeen this before? Logs attached soon.\n\n${NOTES}`,
    });
    // Turned off: the manager is asked but not mailed.
    await setMailPreferences({ ctx: s.desk.ctx(s.desk.manager), input: { noteNotify: false } });
    await addNote({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, body: 'Ping again', notify: [manager] } });
    assert.equal((await mail(t.id, 'agent_note_notice')).length, 2);
    // Not an agent (a contact's id, an unknown id): refused naming the item, and no note written.
    const before = (await listTicketEvents({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id } })).length;
    await assert.rejects(addNote({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, body: 'x', notify: [escalation, s.org.contactId] } }), (e: InvalidInputError) => {
      assert.deepEqual(e.details, [{ path: 'notify.1', message: 'is not an active agent' }]);
      return true;
    });
    await assert.rejects(addNote({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, body: 'x', notify: ['not-a-uuid'] } }), InvalidInputError);
    assert.equal((await listTicketEvents({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id } })).length, before);
  });
});
