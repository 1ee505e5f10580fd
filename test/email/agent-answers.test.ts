// An agent answers a ticket by replying to the mail Accord sent them about it (docs/adr/0022),
// OpenBack: the answer goes on the ticket as their reply to the customer (who is mailed it), or as
// an internal note (begun with #note, or answering a note's notice), with the files they chose;
// the quoted conversation and their mail signature (below "-- ") are cut. Only the agent the notice went to, from that address, answering
// a notice of an answerable kind; anything else is held with its reason, and a refused answer is
// held and the agent told, with nothing sent to the customer.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getTicketAttachment, listTicketAttachments } from '../../src/email/index.ts';
import { queueMessage } from '../../src/outbox/index.ts';
import { createAgent, updateAgent } from '../../src/customers/index.ts';
import { addNote, listTicketEvents, updateTicket } from '../../src/tickets/index.ts';
import { openMailDesk, type MailDesk } from './support.ts';

const id = (a: unknown) => (a as { id: string }).id;

/** A plain-text answer to the message `outboxId`, from `from`. */
function answer(from: string, outboxId: string, text: string, subject = 'Re: [#1] Keys fail'): Buffer {
  return Buffer.from(
    `From: ${from}\r\nTo: support@desk.example\r\nSubject: ${subject}\r\nIn-Reply-To: <outbox.${outboxId}@desk.example>\r\n`
      + `Message-ID: <${Math.random().toString(36).slice(2)}@vendor.example>\r\n\r\n${text.replace(/\n/g, '\r\n')}\r\n`,
  );
}

describe('agents answer tickets by mail, OpenBack', () => {
  let m: MailDesk;
  before(async () => {
    m = await openMailDesk();
  });
  after(() => m.desk.close());

  const outbox = async (kind: string, recipient: string, ticketId = m.ticket.id) =>
    (await m.desk.t.db.query<{ id: string; body: string; links: unknown }>(
      "SELECT id, body, payload->'links' AS links FROM outbox WHERE kind = $1 AND recipient = $2 AND payload->>'ticket_id' = $3 ORDER BY created_at, id",
      [kind, recipient, ticketId],
    )).rows;
  const events = async (who: 'agent' | 'contact') =>
    (await listTicketEvents({ ctx: m.desk.ctx(who === 'agent' ? m.desk.manager : m.contact1), input: { ticketId: m.ticket.id } })).filter((e) => e.type === 'reply' || e.type === 'note');

  it('a reply to the assignment notice is the agent\'s reply to the customer, quoted text cut, files kept; the customer is mailed it', async () => {
    await updateTicket({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id, assigneeId: id(m.desk.agent) } });
    const [notice] = await outbox('agent_assigned', 'agent@vendor.example');
    assert.deepEqual(notice.links, [{ label: `Ticket #${m.ticket.number} on the desk`, path: `/agent/tickets/${m.ticket.id}` }]);
    const boundary = 'b1';
    const raw = Buffer.from([
      'From: Agent <AGENT@vendor.example>', 'To: support@desk.example', `Subject: Re: [#${m.ticket.number}] Assigned to you: Keys fail`,
      `In-Reply-To: <outbox.${notice.id}@desk.example>`, 'Message-ID: <a1@vendor.example>', 'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`, '',
      `--${boundary}`, 'Content-Type: text/plain; charset=utf-8', '',
      'We have found it: restart the encoder, then try a key.', '', '-- ', 'Agent, OpenBack support', '+1 555 0100', '', 'On Wed, 2 Dec 2026 at 10:00, Support <support@desk.example> wrote:', '> Ticket #1 is assigned to you.',
      `--${boundary}`, 'Content-Type: text/plain; name="steps.txt"', 'Content-Disposition: attachment; filename="steps.txt"', '', '1. restart', `--${boundary}--`, '',
    ].join('\r\n'));
    const r = await m.deliver(raw);
    assert.equal(r.status, 'appended');
    assert.equal(r.outcome, `Added to ticket #${m.ticket.number} as agent@vendor.example's reply to the customer (answering the mail Accord sent them about it); its file went onto the ticket with it`);
    const [reply] = await events('contact');
    assert.deepEqual([reply.type, reply.visibility, reply.body, reply.actor], ['reply', 'public', 'We have found it: restart the encoder, then try a key.', { kind: 'agent', id: id(m.desk.agent) }]);
    const { rows: files } = await m.desk.t.db.query<{ filename: string; size: number }>('SELECT filename, size FROM ticket_files WHERE ticket_id = $1', [m.ticket.id]);
    assert.deepEqual(files.map((f) => [f.filename, Number(f.size)]), [['steps.txt', 10]]);
    const mailed = await outbox('ticket_reply', 'contact1@customer.example');
    assert.equal(mailed.length, 1);
    assert.match(mailed[0].body, /^We have found it: restart the encoder, then try a key\./);
  });

  it('begun with #note, or answering a note\'s notice, it is an internal note the customer never sees or hears of', async () => {
    const [notice] = await outbox('agent_assigned', 'agent@vendor.example');
    const r = await m.deliver(answer('agent@vendor.example', notice.id, '#note\nThe encoder firmware is 2.1; ask QA.'));
    assert.equal(r.status, 'appended');
    assert.match(r.outcome, /as agent@vendor\.example's internal note/);
    await addNote({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id, body: 'Can you check 2.1?', notify: [id(m.desk.escalation)] } });
    const [asked] = await outbox('agent_note_notice', 'escalation@vendor.example');
    const r2 = await m.deliver(answer('escalation@vendor.example', asked.id, 'Known bug in 2.1, fixed in 2.2.\n\n> Can you check 2.1?'));
    assert.match(r2.outcome, /as escalation@vendor\.example's internal note/);
    const notes = (await events('agent')).filter((e) => e.type === 'note').map((e) => [e.visibility, e.body]);
    assert.deepEqual(notes, [['internal', 'The encoder firmware is 2.1; ask QA.'], ['internal', 'Can you check 2.1?'], ['internal', 'Known bug in 2.1, fixed in 2.2.']]);
    assert.deepEqual((await events('contact')).map((e) => e.type), ['reply'], 'the customer sees only the first answer');
    assert.equal((await outbox('ticket_reply', 'contact1@customer.example')).length, 1, 'and was mailed nothing more');
  });

  it("a note's file is the team's: the customer is not shown it or handed it; a reply's file is listed once", async () => {
    const [notice] = await outbox('agent_assigned', 'agent@vendor.example');
    const withFile = (text: string, name: string, content: string) => Buffer.from([
      'From: agent@vendor.example', 'To: support@desk.example', `Subject: Re: [#${m.ticket.number}] Keys fail`, `In-Reply-To: <outbox.${notice.id}@desk.example>`,
      `Message-ID: <${name}@vendor.example>`, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', '',
      '--b', 'Content-Type: text/plain', '', text, '--b', `Content-Type: text/plain; name="${name}"`, `Content-Disposition: attachment; filename="${name}"`, '', content, '--b--', '',
    ].join('\r\n'));
    const r = await m.deliver(withFile('#note\nInternal only.', 'secret.txt', 'internal secret'));
    assert.match(r.outcome, /internal note .*; its file went onto the ticket with it$/);
    const theirs = await listTicketAttachments({ ctx: m.desk.ctx(m.contact1), input: { ticketId: m.ticket.id } });
    assert.deepEqual(theirs.map((a) => a.filename), ['steps.txt'], 'only the earlier reply\'s file');
    const ours = await listTicketAttachments({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id } });
    const secret = ours.find((a) => a.filename === 'secret.txt')!;
    assert.deepEqual([secret.source, secret.visibility], ['desk', 'internal']);
    await assert.rejects(getTicketAttachment({ ctx: m.desk.ctx(m.contact1), input: { ticketId: m.ticket.id, attachmentId: secret.id } }));
    const { rows } = await m.desk.t.db.query('SELECT 1 FROM inbound_attachments a JOIN inbound_messages i ON i.id = a.inbound_id WHERE i.ticket_id = $1', [m.ticket.id]);
    assert.equal(rows.length, 0, 'not kept as mail attachments of the ticket either');
  });

  it('#solved or #pending on the first line sets the status with the answer; a first line with other words is text', async () => {
    const [notice] = await outbox('agent_assigned', 'agent@vendor.example');
    const r = await m.deliver(answer('agent@vendor.example', notice.id, '#pending\nCould you send the encoder log?'));
    assert.match(r.outcome, /reply to the customer .*; the ticket is waiting on the customer$/);
    const ticket = async () => (await m.desk.t.db.query<{ status: string }>('SELECT status FROM tickets WHERE id = $1', [m.ticket.id])).rows[0].status;
    assert.equal(await ticket(), 'pending_customer');
    const r2 = await m.deliver(answer('agent@vendor.example', notice.id, '#note #solved\nCustomer confirmed by phone.'));
    assert.match(r2.outcome, /internal note .*; the ticket is solved$/);
    assert.equal(await ticket(), 'solved');
    const notes = (await events('agent')).filter((e) => e.type === 'note').map((e) => e.body);
    assert.equal(notes.at(-1), 'Customer confirmed by phone.');
    await updateTicket({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id, status: 'open' } });
    const r3 = await m.deliver(answer('agent@vendor.example', notice.id, '#1 on my list today.\nWill call you.'));
    assert.doesNotMatch(r3.outcome, /the ticket is/);
    assert.equal((await events('contact')).at(-1)!.body, '#1 on my list today.\nWill call you.');
  });

  it('#eta with a date and time on the first line tells the customer the estimated time to resolution, in the agent\'s time zone', async () => {
    const [notice] = await outbox('agent_assigned', 'agent@vendor.example');
    const eta = async () => (await m.desk.t.db.query<{ eta: Temporal.Instant | null }>('SELECT eta FROM tickets WHERE id = $1', [m.ticket.id])).rows[0].eta?.toString() ?? null;
    // No time zone of their own: the zone of the plan's hours, which the notice gives its times in
    // (OpenBack's London: GMT, UTC+0, in December).
    const r = await m.deliver(answer('agent@vendor.example', notice.id, '#eta 2026-12-03 17:00\nA fix is being deployed.'));
    assert.match(r.outcome, /reply to the customer .*, with the estimated time to resolution 2026-12-03T17:00:00Z$/);
    assert.equal(await eta(), '2026-12-03T17:00:00Z');
    assert.equal((await events('contact')).at(-1)!.body, 'A fix is being deployed.');
    // In New York (EST, UTC-5), with #pending before it: 12:00 there is 17:00Z.
    await m.desk.t.db.query("UPDATE agents SET time_zone = 'America/New_York' WHERE email = 'agent@vendor.example'");
    const r2 = await m.deliver(answer('agent@vendor.example', notice.id, '#pending #eta 2026-12-04 12:00\nPlease confirm after the deploy.'));
    assert.match(r2.outcome, /2026-12-04T17:00:00Z; the ticket is waiting on the customer$/);
    assert.equal(await eta(), '2026-12-04T17:00:00Z');
    await m.desk.t.db.query("UPDATE agents SET time_zone = NULL WHERE email = 'agent@vendor.example'");
    await updateTicket({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id, status: 'open' } });
    // Not a date: held, nothing reaches the customer, and the agent is told how to write it.
    const before = (await events('contact')).length;
    const bad = await m.deliver(answer('agent@vendor.example', notice.id, '#eta tomorrow\nSoon.'));
    assert.equal(bad.status, 'held');
    assert.match(bad.outcome, /"tomorrow" is not a date and time: write #eta 2026-12-31 17:00 \(the time zone of the mail about this ticket, Europe\/London\)/);
    // Any other wording after #eta, or none, is held too: never mailed to the customer as text.
    for (const line of ['#eta 3 Dec 02:00', '#eta 2026-12-05 2pm', '#eta']) {
      assert.equal((await m.deliver(answer('agent@vendor.example', notice.id, `${line}\nSoon.`))).status, 'held', line);
    }
    assert.equal((await events('contact')).length, before);
    // With UTC or an offset written out: 2026-12-05 02:00 +01:00 is 01:00Z.
    const offset = await m.deliver(answer('agent@vendor.example', notice.id, '#eta 2026-12-05 02:00 +01:00\nOvernight.'));
    assert.match(offset.outcome, /2026-12-05T01:00:00Z$/);
  });

  it('another agent, a stranger or a forged From with the notice\'s id is held; so is an agent\'s mail answering no notice', async () => {
    const [notice] = await outbox('agent_assigned', 'agent@vendor.example');
    const before = (await events('agent')).length;
    const other = await m.deliver(answer('escalation@vendor.example', notice.id, 'I will take it.'));
    assert.equal(other.status, 'held');
    assert.equal(other.outcome, `Held for review: escalation@vendor.example is escalation@vendor.example's address (an agent) and matched ticket #${m.ticket.number} by a reply in its thread, but answers no mail Accord sent them about it: agents answer on the desk, or by replying to the ticket's notice`);
    const stranger = await m.deliver(answer('someone@elsewhere.example', notice.id, 'Click here.'));
    assert.equal(stranger.status, 'held');
    const forged = Buffer.concat([Buffer.from('Authentication-Results: desk.example; dmarc=fail header.from=vendor.example\r\n'), answer('agent@vendor.example', notice.id, 'Forged.')]);
    assert.equal((await m.deliver(forged)).status, 'held');
    const fresh = await m.deliver(Buffer.from('From: agent@vendor.example\r\nTo: support@desk.example\r\nSubject: Lunch?\r\nMessage-ID: <l1@vendor.example>\r\n\r\nAnyone?\r\n'));
    assert.equal(fresh.outcome, "Held for review: agent@vendor.example is agent@vendor.example's address (an agent), and the message answers no mail Accord sent them about a ticket: agents answer on the desk, or by replying to a ticket's notice");
    assert.equal((await events('agent')).length, before, 'nothing reached the ticket');
  });

  it('a reply to the notice of a bad rating follows up with the customer: the agent\'s reply on the ticket, mailed to them', async () => {
    await queueMessage(m.desk.t.db, {
      kind: 'agent_rating_notice', recipient: 'manager@vendor.example', subject: `[#${m.ticket.number}] Rated bad by the customer: Keys fail`,
      body: 'Rated bad.', createdAt: m.desk.clock.now(), payload: { ticket_id: m.ticket.id, automatic: true }, dedupeKey: 'rated-bad-test',
    });
    const [notice] = await outbox('agent_rating_notice', 'manager@vendor.example');
    const sent = (await outbox('ticket_reply', 'contact1@customer.example')).length;
    const r = await m.deliver(answer('manager@vendor.example', notice.id, 'Sorry to hear it: may I call you today?'));
    assert.equal(r.status, 'appended');
    const mailed = await outbox('ticket_reply', 'contact1@customer.example');
    assert.equal(mailed.length, sent + 1);
    assert.equal(mailed.filter((x) => /^Sorry to hear it: may I call you today\?/.test(x.body)).length, 1);
  });

  it('a mail of a kind not meant for answers (the digest, say) is not answered on the ticket', async () => {
    await queueMessage(m.desk.t.db, {
      kind: 'daily_digest', recipient: 'manager@vendor.example', subject: 'Your day', body: 'Ticket 1 waits.', createdAt: m.desk.clock.now(),
      payload: { ticket_id: m.ticket.id, automatic: true }, dedupeKey: 'digest-test',
    });
    const [digest] = await outbox('daily_digest', 'manager@vendor.example');
    const sent = (await outbox('ticket_reply', 'contact1@customer.example')).length;
    const r = await m.deliver(answer('manager@vendor.example', digest.id, 'Noted, thanks.'));
    assert.equal(r.status, 'held');
    assert.equal((await outbox('ticket_reply', 'contact1@customer.example')).length, sent, 'the customer heard nothing');
  });

  it('an answer the ticket refuses (closed) is held, the agent is told why, and the customer hears nothing', async () => {
    const [notice] = await outbox('agent_assigned', 'agent@vendor.example');
    await updateTicket({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id, status: 'closed' } });
    const sent = (await outbox('ticket_reply', 'contact1@customer.example')).length;
    const r = await m.deliver(answer('agent@vendor.example', notice.id, 'One more thing.'));
    assert.equal(r.status, 'held');
    assert.equal(r.outcome, `Held: agent@vendor.example answered ticket #${m.ticket.number} by mail, but it was refused: this ticket is closed; open a new ticket instead; they were told, and nothing reached the customer`);
    // (An earlier test's refused #eta is mailed at the same instant: this one is the one about the closed ticket.)
    const refused = await outbox('agent_answer_refused', 'agent@vendor.example');
    assert.equal(refused.length, 5);
    const told = refused.find((x) => !x.body.includes('#eta'))!;
    assert.equal(told.body, `Your mail answering ticket #${m.ticket.number} "Keys fail" was not added to it: this ticket is closed; open a new ticket instead.\n\nNothing was sent to the customer. Answer on the desk; your mail is kept with the messages held for review.`);
    assert.equal((await outbox('ticket_reply', 'contact1@customer.example')).length, sent);
  });
});

describe('an agent whose address an admin corrected answers notices sent to the old one', () => {
  let m: MailDesk;
  before(async () => {
    m = await openMailDesk();
  });
  after(() => m.desk.close());

  const noticeTo = async (recipient: string) =>
    (await m.desk.t.db.query<{ id: string }>(
      "SELECT id FROM outbox WHERE kind = 'agent_assigned' AND recipient = $1 AND payload->>'ticket_id' = $2 ORDER BY created_at, id", [recipient, m.ticket.id],
    )).rows;
  const replies = async () =>
    (await listTicketEvents({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id } })).filter((e) => e.type === 'reply').map((e) => e.body);

  it('from the new address it reaches the ticket; from the old one, or answering a notice sent there after it was theirs, it is held', async () => {
    await updateTicket({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id, assigneeId: id(m.desk.agent) } });
    const [notice] = await noticeTo('agent@vendor.example');
    // It went out (a notice still waiting would follow them to the new address).
    await m.desk.t.db.query("UPDATE outbox SET status = 'sent', sent_at = created_at WHERE id = $1", [notice.id]);
    m.desk.clock.advance({ minutes: 5 });
    await updateAgent({ ctx: m.desk.ctx(m.desk.admin), input: { agentId: id(m.desk.agent), email: 'agent.moved@vendor.example' } });

    const fromNew = await m.deliver(answer('agent.moved@vendor.example', notice.id, 'Restart the encoder, then try a key.'));
    assert.equal(fromNew.status, 'appended', fromNew.outcome);
    assert.deepEqual(await replies(), ['Restart the encoder, then try a key.']);

    // The old address is nobody's now: its mail is a stranger's, whatever it answers.
    const fromOld = await m.deliver(answer('agent@vendor.example', notice.id, 'From the old mailbox.'));
    assert.equal(fromOld.status, 'held');

    // The old address given to someone who joined later: what went to them is theirs to answer, not the first agent's.
    m.desk.clock.advance({ minutes: 5 });
    const newcomer = await createAgent({ ctx: m.desk.ctx(m.desk.admin), input: { email: 'agent@vendor.example', name: 'Newcomer', role: 'front_line' } });
    await updateTicket({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id, assigneeId: newcomer.id } });
    const [, later] = await noticeTo('agent@vendor.example');
    assert.ok(later, 'the newcomer was mailed the assignment');
    const wrongAgent = await m.deliver(answer('agent.moved@vendor.example', later.id, 'Not mine to answer.'));
    assert.equal(wrongAgent.status, 'held');
    const newcomers = await m.deliver(answer('agent@vendor.example', later.id, 'On it.'));
    assert.equal(newcomers.status, 'appended', newcomers.outcome);
    assert.deepEqual(await replies(), ['Restart the encoder, then try a key.', 'On it.']);
  });
});
