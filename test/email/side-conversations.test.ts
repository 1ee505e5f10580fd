// Side conversations, OpenBack (tickets/side-conversations.ts): an agent writes from a ticket to a
// supplier who is not its customer; the mail goes from the support address as the agent's words,
// threaded on that conversation alone; the supplier's answer (from that address, to a message we
// sent it) comes back onto the ticket for the team only, with its file, opens a ticket that waited
// on a third party and tells the agents who wrote and hold it. Anyone else answering in the
// thread, or a From that failed DMARC, is held for review; an admin may take such a colleague into
// the conversation, and their answers go on the ticket too. The customer sees and hears nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deliverDueMail, listInboundMessages, listTicketAttachments, smtpSender, takeIntoSideConversation, type MailSender } from '../../src/email/index.ts';
import { ERASED, eraseWords } from '../../src/privacy/index.ts';
import { createWebhook } from '../../src/webhooks/index.ts';
import { leaveSideConversation, listSideConversations, listTicketEvents, sendSideMessage, setSideConversationPeople, updateTicket } from '../../src/tickets/index.ts';
import { startSink, type Sink } from './sink.ts';
import { openMailDesk, type MailDesk } from './support.ts';

const id = (a: unknown) => (a as { id: string }).id;

describe('side conversations, OpenBack', () => {
  let m: MailDesk;
  let sink: Sink;
  let sender: MailSender;
  let conversationId = '';
  let heldFromBoss = '';
  const deliverOut = () => deliverDueMail({ ctx: m.desk.system, settings: { email: m.settings, sender, random: () => 0 } });
  const outbox = async (kind: string) =>
    (await m.desk.t.db.query<{ id: string; recipient: string; subject: string; body: string; payload: Record<string, unknown> }>(
      'SELECT id, recipient, subject, body, payload FROM outbox WHERE kind = $1 ORDER BY created_at, id', [kind],
    )).rows;
  const later = (minutes: number) => m.desk.clock.set(m.desk.clock.now().add({ minutes }));
  const status = async () => (await m.desk.t.db.query<{ status: string }>('SELECT status FROM tickets WHERE id = $1', [m.ticket.id])).rows[0].status;
  /** The supplier's answer to our message `outboxId`, with `extra` headers and a file. */
  const answer = (from: string, inReplyTo: string, text: string, messageId: string, extra: string[] = []) => Buffer.from([
    `From: Sam Supplier <${from}>`, 'To: support@desk.example', 'Subject: Re: Keys fail', `In-Reply-To: ${inReplyTo}`, `Message-ID: <${messageId}>`, ...extra,
    'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', '',
    '--b', 'Content-Type: text/plain; charset=utf-8', '', text, '--b', 'Content-Type: text/plain; name="firmware.txt"', 'Content-Disposition: attachment; filename="firmware.txt"', '', 'v2.2', '--b--', '',
  ].join('\r\n'));

  before(async () => {
    m = await openMailDesk();
    sink = await startSink();
    sender = smtpSender(sink.url, { timeoutMs: 5_000 });
    await m.desk.t.db.query("UPDATE agents SET signature = 'Agent, OpenBack support' WHERE email = 'agent@vendor.example'");
    await updateTicket({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id, assigneeId: id(m.desk.manager) } });
    // What the ticket mailed so far is out of the way: only the side conversation's mail is delivered below.
    await m.desk.t.db.query("UPDATE outbox SET status = 'sent' WHERE status = 'pending'");
  });
  after(async () => {
    sender.close();
    await sink.close();
    await m.desk.close();
  });

  it('an agent writes to a supplier: an internal event, the mail from the support address as their words with their signature, not threaded on the customer', async () => {
    const event = await sendSideMessage({
      ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id, to: 'Sam@Partner.example', body: 'Do your encoders on 2.1 fail to write keys too?' },
    });
    conversationId = String(event.data.conversation_id);
    assert.deepEqual([event.type, event.visibility, event.body, event.data.to, event.data.subject], ['side_message', 'internal', 'Do your encoders on 2.1 fail to write keys too?', 'sam@partner.example', 'Keys fail']);
    const [sent] = await outbox('side_message');
    assert.equal(event.data.outbox_id, sent.id);
    assert.deepEqual([sent.recipient, sent.subject, sent.body, sent.payload.automatic, sent.payload.ticket_number], [
      'sam@partner.example', 'Keys fail', 'Do your encoders on 2.1 fail to write keys too?\n\n-- \nAgent, OpenBack support', false, undefined,
    ]);
    const [conversation] = await listSideConversations({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id } });
    assert.deepEqual([conversation.counterpart, conversation.subject, conversation.startedBy, conversation.sent, conversation.received], ['sam@partner.example', 'Keys fail', id(m.desk.agent), 1, 0]);
    assert.deepEqual(await deliverOut(), { sent: 1, retrying: 0, failed: 0, suppressed: 0 });
    const mail = sink.received.at(-1)!;
    assert.deepEqual([mail.from, mail.to, mail.subject, mail.messageId], ['support@desk.example', ['sam@partner.example'], 'Keys fail', `<outbox.${sent.id}@desk.example>`]);
    assert.equal(mail.headers.get('in-reply-to'), undefined, 'the first message answers nothing');
    assert.equal(mail.headers.get('references'), undefined, "never the ticket's root or the customer's messages");
    assert.equal(mail.headers.get('x-accord-ticket'), undefined);
    assert.equal(mail.headers.get('auto-submitted'), undefined, "a person's words");
    const theirs = await listTicketEvents({ ctx: m.desk.ctx(m.contact1), input: { ticketId: m.ticket.id } });
    assert.equal(theirs.filter((e) => e.type.startsWith('side_')).length, 0, 'the customer sees none of it');
  });

  it('the supplier\'s answer goes on the ticket for the team, quote cut, with its file; a ticket waiting on a third party opens; the agents are told', async () => {
    await createWebhook({ ctx: m.desk.ctx(m.desk.admin), input: { url: 'https://hooks.example.com/side', events: ['ticket.updated'] }, settings: { allowPrivate: false } });
    later(5);
    await updateTicket({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id, status: 'pending_third_party' } });
    later(60);
    const [sent] = await outbox('side_message');
    const r = await m.deliver(answer('SAM@partner.example', `<outbox.${sent.id}@desk.example>`, 'Yes: fixed in 2.2, attached.\r\n\r\nOn Wed, Support wrote:\r\n> Do your encoders fail?', 'sam1@partner.example'));
    assert.equal(r.status, 'appended');
    assert.equal(r.outcome, `Added to ticket #${m.ticket.number} as sam@partner.example's answer in the side conversation "Keys fail" (for the team only); the ticket, waiting on a third party, is open again; its file went onto the ticket with it`);
    const events = await listTicketEvents({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id } });
    const reply = events.find((e) => e.type === 'side_reply')!;
    assert.deepEqual([reply.visibility, reply.body, reply.actor, reply.data.from, reply.data.message_id], ['internal', 'Yes: fixed in 2.2, attached.', { kind: 'system', id: null }, 'sam@partner.example', 'sam1@partner.example']);
    const opened = events.at(-1)!;
    assert.deepEqual([opened.type, opened.data.from, opened.data.to, opened.data.reason], ['status_changed', 'pending_third_party', 'open', 'the third party answered']);
    assert.equal(await status(), 'open');
    const { rows: hooks } = await m.desk.t.db.query<{ payload: { data: { changes: unknown; reason: string | null } } }>(
      "SELECT payload FROM webhook_deliveries WHERE event_type = 'ticket.updated' AND payload->'data'->'ticket'->>'id' = $1 ORDER BY created_at", [m.ticket.id],
    );
    assert.deepEqual(hooks.map((h) => [h.payload.data.changes, h.payload.data.reason]).at(-1), [{ status: { from: 'pending_third_party', to: 'open' } }, 'the third party answered']);
    const ours = await listTicketAttachments({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id } });
    assert.deepEqual(ours.map((a) => [a.filename, a.visibility]), [['firmware.txt', 'internal']]);
    const customers = await listTicketAttachments({ ctx: m.desk.ctx(m.contact1), input: { ticketId: m.ticket.id } });
    assert.deepEqual(customers, [], 'the file is the team\'s');
    // The agent who wrote and the manager who holds the ticket.
    const notices = await outbox('agent_side_reply_notice');
    assert.deepEqual(notices.map((n) => n.recipient).sort(), ['agent@vendor.example', 'manager@vendor.example']);
    assert.equal(notices[0].subject, `[#${m.ticket.number}] sam@partner.example answered: Keys fail`);
    assert.match(notices[0].body, /^sam@partner\.example answered the side conversation "Keys fail" on ticket #\d+ "Keys fail" \(the customer does not see it\):\n\nYes: fixed in 2\.2, attached\.\n\nWith a file, on the ticket: firmware\.txt\n\n/);
    const [conversation] = await listSideConversations({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id } });
    assert.deepEqual([conversation.sent, conversation.received], [1, 1]);
    assert.equal((await outbox('ticket_reply')).length, 0, 'the customer was mailed nothing');
  });

  it('writing again threads on the conversation: In-Reply-To their answer, References ours then theirs, "Re:" subject', async () => {
    const [first] = await outbox('side_message');
    later(10);
    await sendSideMessage({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id, conversationId, body: 'Thanks: when is 2.2 out?' } });
    const second = (await outbox('side_message')).at(-1)!;
    assert.equal(second.subject, 'Re: Keys fail');
    await deliverOut();
    const mail = sink.received.find((r) => r.messageId === `<outbox.${second.id}@desk.example>`)!;
    assert.deepEqual(mail.to, ['sam@partner.example']);
    assert.equal(mail.headers.get('in-reply-to'), '<sam1@partner.example>');
    assert.deepEqual([mail.headers.get('references')].flat(), [`<outbox.${first.id}@desk.example>`, '<sam1@partner.example>']);
  });

  it("anyone else answering in the thread, or the supplier's From failing DMARC, is held, never added", async () => {
    const [sent] = await outbox('side_message');
    const other = await m.deliver(answer('boss@partner.example', `<outbox.${sent.id}@desk.example>`, 'I can answer too.', 'boss1@partner.example'));
    assert.equal(other.status, 'held');
    assert.equal(other.outcome, `Held for review: boss@partner.example answered the side conversation "Keys fail" on ticket #${m.ticket.number}, written to sam@partner.example; an admin who knows them takes them into it, and their answer goes on the ticket`);
    heldFromBoss = other.id;
    const forged = await m.deliver(answer('sam@partner.example', `<outbox.${sent.id}@desk.example>`, 'Trust me.', 'sam2@partner.example', ['Authentication-Results: mx.desk.example; dmarc=fail header.from=partner.example']));
    assert.equal(forged.status, 'held');
    const events = await listTicketEvents({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id } });
    assert.equal(events.filter((e) => e.type === 'side_reply').length, 1, 'only the proven answer');
  });

  it('an admin takes the colleague who answered into the conversation: that answer and their later ones go on the ticket; audited', async () => {
    const [message] = (await listInboundMessages({ ctx: m.desk.ctx(m.desk.admin), input: { status: 'held' } })).items.filter((x) => x.id === heldFromBoss);
    assert.equal(message.sideConversationId, conversationId);
    await assert.rejects(takeIntoSideConversation({ ctx: m.desk.ctx(m.desk.manager), input: { inboundId: heldFromBoss }, settings: m.settings }), { code: 'forbidden' });
    later(5);
    const taken = await takeIntoSideConversation({ ctx: m.desk.ctx(m.desk.admin), input: { inboundId: heldFromBoss }, settings: m.settings });
    assert.equal(taken.status, 'appended');
    assert.equal(taken.outcome, `Added to ticket #${m.ticket.number} as boss@partner.example's answer in the side conversation "Keys fail" (for the team only); its file went onto the ticket with it`);
    const answers = async () => (await listTicketEvents({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id } })).filter((e) => e.type === 'side_reply').map((e) => [e.data.from, e.body]);
    assert.deepEqual((await answers()).at(-1), ['boss@partner.example', 'I can answer too.']);
    const [conversation] = await listSideConversations({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id } });
    assert.deepEqual([conversation.counterpart, conversation.alsoFrom, conversation.received], ['sam@partner.example', ['boss@partner.example'], 2]);
    const notice = (await outbox('agent_side_reply_notice')).at(-1)!;
    assert.equal(notice.subject, `[#${m.ticket.number}] boss@partner.example answered: Keys fail`);
    const { rows: audit } = await m.desk.t.db.query<{ type: string; data: { address: string } }>("SELECT type, data FROM audit_events WHERE subject_kind = 'side_conversation' AND subject_id = $1", [conversationId]);
    assert.deepEqual(audit.map((a) => [a.type, a.data.address]), [['side_conversation.answerer_added', 'boss@partner.example']]);
    // Their next answer needs nobody: they are in.
    const [sent] = await outbox('side_message');
    later(5);
    const next = await m.deliver(answer('Boss@Partner.example', `<outbox.${sent.id}@desk.example>`, 'Also: 2.2 ships Friday.', 'boss2@partner.example'));
    assert.equal(next.status, 'appended');
    assert.deepEqual((await answers()).at(-1), ['boss@partner.example', 'Also: 2.2 ships Friday.']);
    // Only a held answer in a side conversation is taken in.
    await assert.rejects(takeIntoSideConversation({ ctx: m.desk.ctx(m.desk.admin), input: { inboundId: heldFromBoss }, settings: m.settings }), { code: 'conflict' });
  });

  it('writing on goes to everyone in it, a copy each; the agent takes another colleague in; an answer to any copy goes on the ticket', async () => {
    later(5);
    const before = (await outbox('side_message')).length;
    // Sam is the counterpart and the boss is in already: only ops is new.
    const event = await sendSideMessage({
      ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id, conversationId, body: 'Can 2.2 be sent to us today?', alsoTo: ['Ops@Partner.example', 'sam@partner.example', 'BOSS@partner.example'] },
    });
    assert.deepEqual([event.data.to, event.data.also_to, event.data.taken_in], ['sam@partner.example', ['boss@partner.example', 'ops@partner.example'], ['ops@partner.example']]);
    const copies = (await outbox('side_message')).slice(before);
    assert.deepEqual(copies.map((c) => c.recipient).sort(), ['boss@partner.example', 'ops@partner.example', 'sam@partner.example']);
    assert.ok(copies.every((c) => c.subject === 'Re: Keys fail' && c.body === 'Can 2.2 be sent to us today?\n\n-- \nAgent, OpenBack support' && c.payload.event_id === event.id));
    const sams = copies.find((c) => c.recipient === 'sam@partner.example')!;
    assert.equal(event.data.outbox_id, sams.id, 'the conversation threads on the counterpart\'s copy');
    const [conversation] = await listSideConversations({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id } });
    assert.deepEqual([conversation.alsoFrom, conversation.sent], [['boss@partner.example', 'ops@partner.example'], 3]);
    await deliverOut();
    // Each copy to its one reader, answering the latest answer (the boss's), never a sibling copy.
    for (const copy of copies) {
      const mail = sink.received.find((r) => r.messageId === `<outbox.${copy.id}@desk.example>`)!;
      assert.deepEqual(mail.to, [copy.recipient]);
      assert.equal(mail.headers.get('in-reply-to'), '<boss2@partner.example>');
      const references = [mail.headers.get('references')].flat().join(' ');
      for (const sibling of copies) assert.ok(!references.includes(sibling.id), `${copy.recipient}'s copy does not name ${sibling.recipient}'s`);
    }
    later(5);
    const opsCopy = copies.find((c) => c.recipient === 'ops@partner.example')!;
    const answered = await m.deliver(answer('ops@partner.example', `<outbox.${opsCopy.id}@desk.example>`, 'Sent: see the file.', 'ops1@partner.example'));
    assert.equal(answered.status, 'appended');
    const last = (await listTicketEvents({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id } })).filter((e) => e.type === 'side_reply').at(-1)!;
    assert.deepEqual([last.data.from, last.body], ['ops@partner.example', 'Sent: see the file.']);
  });

  it('an agent leaves one out: no more of its mail goes to them and their answer is held again; audited; a wrong list is refused naming the place', async () => {
    const agent = m.desk.ctx(m.desk.agent);
    const refused = async (alsoFrom: string[], code: string, path?: string) => {
      await assert.rejects(setSideConversationPeople({ ctx: agent, input: { ticketId: m.ticket.id, conversationId, alsoFrom } }), (e: { code: string; details: Array<{ path: string }> }) => {
        assert.equal(e.code, code);
        if (path) assert.deepEqual(e.details.map((d) => d.path), [path]);
        return true;
      });
    };
    await refused(['boss@partner.example', 'Contact1@customer.example'], 'invalid_input', 'alsoFrom.1');
    await refused(['sam@partner.example'], 'invalid_input', 'alsoFrom.0');
    await refused(['escalation@vendor.example'], 'invalid_input', 'alsoFrom.0');
    await refused(['nobody'], 'invalid_input', 'alsoFrom.0');
    await assert.rejects(setSideConversationPeople({ ctx: m.desk.ctx(m.contact1), input: { ticketId: m.ticket.id, conversationId, alsoFrom: [] } }), { code: 'forbidden' });
    await assert.rejects(setSideConversationPeople({ ctx: agent, input: { ticketId: m.ticket.id, conversationId: '00000000-0000-4000-8000-000000000001', alsoFrom: [] } }), { code: 'not_found' });
    later(5);
    const changed = await setSideConversationPeople({ ctx: agent, input: { ticketId: m.ticket.id, conversationId, alsoFrom: ['BOSS@partner.example'] } });
    assert.deepEqual([changed.counterpart, changed.alsoFrom], ['sam@partner.example', ['boss@partner.example']]);
    const { rows: audit } = await m.desk.t.db.query<{ type: string; data: Record<string, unknown> }>(
      "SELECT type, data FROM audit_events WHERE subject_kind = 'side_conversation' AND subject_id = $1 AND type = 'side_conversation.people_changed'", [conversationId],
    );
    assert.deepEqual(audit.map((a) => [a.data.added, a.data.removed]), [[[], ['ops@partner.example']]]);
    // The same list again changes nothing, and is not audited again.
    await setSideConversationPeople({ ctx: agent, input: { ticketId: m.ticket.id, conversationId, alsoFrom: ['boss@partner.example'] } });
    assert.equal((await m.desk.t.db.query("SELECT 1 FROM audit_events WHERE type = 'side_conversation.people_changed'")).rows.length, 1);
    // Ops answers their old copy: held for review now, as anyone else in the thread.
    const [opsCopy] = (await outbox('side_message')).filter((o) => o.recipient === 'ops@partner.example');
    later(5);
    const held = await m.deliver(answer('ops@partner.example', `<outbox.${opsCopy.id}@desk.example>`, 'Still there?', 'ops2@partner.example'));
    assert.equal(held.status, 'held');
    // One left out by the page's button: the counterpart cannot be; someone not in it is no change;
    // one in it is left out, audited as the list is.
    await assert.rejects(leaveSideConversation({ ctx: agent, input: { ticketId: m.ticket.id, conversationId, address: 'Sam@partner.example' } }), (e: { code: string; details: Array<{ path: string }> }) => {
      assert.deepEqual([e.code, e.details.map((d) => d.path)], ['invalid_input', ['address']]);
      return true;
    });
    await assert.rejects(leaveSideConversation({ ctx: m.desk.ctx(m.contact1), input: { ticketId: m.ticket.id, conversationId, address: 'boss@partner.example' } }), { code: 'forbidden' });
    assert.deepEqual((await leaveSideConversation({ ctx: agent, input: { ticketId: m.ticket.id, conversationId, address: 'ops@partner.example' } })).alsoFrom, ['boss@partner.example']);
    assert.equal((await m.desk.t.db.query("SELECT 1 FROM audit_events WHERE type = 'side_conversation.people_changed'")).rows.length, 1);
    const left = await leaveSideConversation({ ctx: agent, input: { ticketId: m.ticket.id, conversationId, address: 'BOSS@partner.example' } });
    assert.deepEqual([left.counterpart, left.alsoFrom], ['sam@partner.example', []]);
    const { rows: last } = await m.desk.t.db.query<{ data: Record<string, unknown> }>(
      "SELECT data FROM audit_events WHERE type = 'side_conversation.people_changed' ORDER BY at DESC, id DESC LIMIT 1",
    );
    assert.deepEqual([last[0].data.added, last[0].data.removed], [[], ['boss@partner.example']]);
    // Taken in again, for the tests below.
    assert.deepEqual((await setSideConversationPeople({ ctx: agent, input: { ticketId: m.ticket.id, conversationId, alsoFrom: ['boss@partner.example'] } })).alsoFrom, ['boss@partner.example']);
  });

  it('an agent answering the notice of an answer writes an internal note, not to the supplier or the customer', async () => {
    const [notice] = (await outbox('agent_side_reply_notice')).filter((n) => n.recipient === 'agent@vendor.example');
    const raw = Buffer.from([
      'From: agent@vendor.example', 'To: support@desk.example', 'Subject: Re: answered', `In-Reply-To: <outbox.${notice.id}@desk.example>`, 'Message-ID: <agent9@vendor.example>', '',
      'Good: I will tell the customer 2.2 fixes it.',
    ].join('\r\n'));
    const r = await m.deliver(raw);
    assert.equal(r.status, 'appended');
    const events = await listTicketEvents({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id } });
    const note = events.at(-1)!;
    assert.deepEqual([note.type, note.visibility, note.body], ['note', 'internal', 'Good: I will tell the customer 2.2 fixes it.']);
  });

  it('refuses writing aside to the customer, a copied contact or an agent; a contact may not write one; unknown conversations are not found', async () => {
    const agent = m.desk.ctx(m.desk.agent);
    const refused = async (input: Parameters<typeof sendSideMessage>[0]['input'], code: string, path?: string) => {
      await assert.rejects(sendSideMessage({ ctx: agent, input }), (e: { code: string; details: Array<{ path: string }> }) => {
        assert.equal(e.code, code);
        if (path) assert.deepEqual(e.details.map((d) => d.path), [path]);
        return true;
      });
    };
    await refused({ ticketId: m.ticket.id, to: 'Contact1@customer.example', body: 'Hi' }, 'invalid_input', 'to');
    await refused({ ticketId: m.ticket.id, to: 'escalation@vendor.example', body: 'Hi' }, 'invalid_input', 'to');
    await refused({ ticketId: m.ticket.id, body: 'Hi' }, 'invalid_input', 'to');
    await refused({ ticketId: m.ticket.id, to: 'not an address', body: 'Hi' }, 'invalid_input', 'to');
    await refused({ ticketId: m.ticket.id, conversationId, to: 'sam@partner.example', body: 'Hi' }, 'invalid_input', 'to');
    await refused({ ticketId: m.ticket.id, conversationId: 'nope', body: 'Hi' }, 'not_found');
    // Those taken in are checked as the counterpart is, each named by its place.
    await refused({ ticketId: m.ticket.id, conversationId, body: 'Hi', alsoTo: ['new@partner.example', 'Contact1@customer.example'] }, 'invalid_input', 'alsoTo.1');
    await refused({ ticketId: m.ticket.id, to: 'new@partner.example', body: 'Hi', alsoTo: ['escalation@vendor.example'] }, 'invalid_input', 'alsoTo.0');
    await refused({ ticketId: m.ticket.id, conversationId, body: 'Hi', alsoTo: ['not an address'] }, 'invalid_input', 'alsoTo.0');
    // Two files of 6 MiB: together past the 10 MiB a mail to them may carry (they cannot read the ticket).
    const big = (name: string) => ({ filename: name, contentType: 'application/octet-stream', content: new Uint8Array(6 * 1024 * 1024).fill(1) });
    await refused({ ticketId: m.ticket.id, to: 'sam@partner.example', body: 'Logs', files: [big('a.log'), big('b.log')] }, 'invalid_input', 'files');
    await refused({ ticketId: m.ticket.id, conversationId: '00000000-0000-4000-8000-000000000001', body: 'Hi' }, 'not_found');
    await assert.rejects(sendSideMessage({ ctx: m.desk.ctx(m.contact1), input: { ticketId: m.ticket.id, to: 'sam@partner.example', body: 'Hi' } }), { code: 'forbidden' });
    await assert.rejects(listSideConversations({ ctx: m.desk.ctx(m.contact1), input: { ticketId: m.ticket.id } }), { code: 'forbidden' });
    assert.equal((await outbox('side_message')).length, 5, 'nothing more was queued');
    const [conversation] = await listSideConversations({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id } });
    assert.deepEqual(conversation.alsoFrom, ['boss@partner.example'], 'no one was taken in by a refused message');
  });

  it("erasing the ticket's words erases the conversation's: its subject, what was written both ways, the mail sent", async () => {
    await m.desk.t.db.transaction((tx) => eraseWords(tx, { ticketIds: [m.ticket.id], person: null, now: m.desk.clock.now(), actor: { kind: 'system' }, note: 'test' }));
    const [conversation] = await listSideConversations({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id } });
    assert.deepEqual([conversation.subject, conversation.counterpart], [ERASED, 'sam@partner.example']);
    const events = (await listTicketEvents({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id } })).filter((e) => e.type.startsWith('side_'));
    // Our three messages, sam's answer, the two of the boss and the one of ops.
    assert.deepEqual(events.map((e) => [e.body, e.data.subject]), Array.from({ length: 7 }, () => [ERASED, undefined]));
    assert.deepEqual((await outbox('side_message')).map((o) => [o.subject, o.body]), Array.from({ length: 5 }, () => [ERASED, ERASED]));
  });
});
