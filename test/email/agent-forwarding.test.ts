// A customer's mail an agent forwards to their own forwarding address (docs/adr/0022), OpenBack:
// a ticket for the customer who wrote it, opened by the agent on the email channel, the agent's
// words above the forward kept as an internal note, with the mail's files; inline forwards (Gmail, Outlook) and a
// message forwarded as an attachment alike. Only from the agent's own address, to their own
// current address, for a contact; anything else is held with its reason.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forwardingAddress, getTicketAttachment, listTicketAttachments, myForwardingAddress, renewMyForwardingAddress } from '../../src/email/index.ts';
import { getTicket, listTicketEvents } from '../../src/tickets/index.ts';
import { openMailDesk, type MailDesk } from './support.ts';

const id = (a: unknown) => (a as { id: string }).id;

describe('an agent forwards a customer\'s mail, OpenBack', () => {
  let m: MailDesk;
  let address: string;
  before(async () => {
    m = await openMailDesk();
    address = await myForwardingAddress({ ctx: m.desk.ctx(m.desk.agent), settings: m.settings });
  });
  after(() => m.desk.close());

  const forward = (from: string, to: string, subject: string, body: string) =>
    Buffer.from(`From: ${from}\r\nTo: ${to}\r\nSubject: ${subject}\r\nMessage-ID: <${Math.random().toString(36).slice(2)}@vendor.example>\r\n\r\n${body.replace(/\n/g, '\r\n')}\r\n`);
  const gmail = [
    'Can you take this one? She called too.', '', '---------- Forwarded message ---------', 'From: Contact 1 <contact1@customer.example>',
    'Date: Wed, Dec 2, 2026 at 9:00 AM', 'Subject: Lobby keys fail', 'To: Agent <agent@vendor.example>', '', '', 'Hello,', 'the lobby keys fail since this morning.',
  ].join('\n');

  it('each agent has one address of their own, under the support address, the same each time it is asked for', async () => {
    assert.match(address, /^support\+fwd-[0-9a-f]{24}@desk\.example$/);
    assert.equal(await myForwardingAddress({ ctx: m.desk.ctx(m.desk.agent), settings: m.settings }), address);
    const theirs = await myForwardingAddress({ ctx: m.desk.ctx(m.desk.escalation), settings: m.settings });
    assert.notEqual(theirs, address);
    assert.equal(forwardingAddress({ supportAddress: 'help@x.example' }, 'abc'), 'help+fwd-abc@x.example');
  });

  it('an inline forward opens a ticket for the customer who wrote it, by the agent, their words an internal note', async () => {
    const r = await m.deliver(forward('agent@vendor.example', address, 'Fwd: Lobby keys fail', gmail), 'agent@vendor.example');
    assert.equal(r.status, 'created');
    const t = await getTicket({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: r.ticketId! } });
    assert.equal(r.outcome, `Forwarded by agent@vendor.example: opened ticket #${t.number} for contact1@customer.example, with their words above it as an internal note`);
    assert.deepEqual([t.subject, t.description, t.channel, t.requesterId], ['Lobby keys fail', 'Hello,\nthe lobby keys fail since this morning.', 'email', m.contact1.id]);
    const events = await listTicketEvents({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: t.id } });
    const created = events.find((e) => e.type === 'created')!;
    assert.deepEqual(created.actor, { kind: 'agent', id: id(m.desk.agent) });
    const note = events.find((e) => e.type === 'note')!;
    assert.deepEqual([note.visibility, note.body], ['internal', 'Can you take this one? She called too.']);
    const theirs = await listTicketEvents({ ctx: m.desk.ctx(m.contact1), input: { ticketId: t.id } });
    assert.equal(theirs.some((e) => e.type === 'note'), false, 'the customer never sees the note');
  });

  it("the files of the agent's mail are the team's, with their note: the customer is shown none", async () => {
    // An integration that takes every event.
    await m.desk.t.db.query(
      `INSERT INTO webhook_endpoints (id, url, secret, secret_prefix, events, active, created_at, updated_at)
       VALUES (gen_random_uuid(), 'https://hooks.example/all', 'whsec_test', 'whsec_t', '["*"]', true, $1, $1)`, [m.desk.clock.now()],
    );
    const raw = Buffer.from([
      'From: agent@vendor.example', `To: ${address}`, 'Subject: Fwd: Lobby keys fail', 'Message-ID: <fwdfile@vendor.example>', 'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain', '', gmail.replace(/\n/g, '\r\n'),
      '--b', 'Content-Type: text/plain; name="our-notes.txt"', 'Content-Disposition: attachment; filename="our-notes.txt"', '', 'Internal: her contract lapses in January.', '--b--', '',
    ].join('\r\n'));
    const r = await m.deliver(raw, 'agent@vendor.example');
    assert.equal(r.status, 'created');
    assert.match(r.outcome, /as an internal note; its file went onto the ticket with it$/);
    assert.deepEqual(await listTicketAttachments({ ctx: m.desk.ctx(m.contact1), input: { ticketId: r.ticketId! } }), []);
    const ours = await listTicketAttachments({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: r.ticketId! } });
    assert.deepEqual(ours.map((a) => [a.filename, a.visibility]), [['our-notes.txt', 'internal']]);
    await assert.rejects(getTicketAttachment({ ctx: m.desk.ctx(m.contact1), input: { ticketId: r.ticketId!, attachmentId: ours[0].id } }));
    // Nor are they announced to integrations as the customer's mail files.
    const { rows: announced } = await m.desk.t.db.query<{ type: string }>("SELECT payload->>'type' AS type FROM webhook_deliveries WHERE payload->'data'->'ticket'->>'id' = $1 ORDER BY created_at", [r.ticketId]);
    assert.ok(announced.some((d) => d.type === 'ticket.created'), 'the integration hears of the ticket');
    assert.ok(!announced.some((d) => d.type === 'ticket.files_added'));
  });

  it('more files than a ticket takes: held, and nothing is opened', async () => {
    const before = (await m.desk.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets')).rows[0].n;
    const parts = Array.from({ length: 11 }, (_, i) => [`--b`, `Content-Type: text/plain; name="f${i}.txt"`, `Content-Disposition: attachment; filename="f${i}.txt"`, '', `file ${i}`]).flat();
    const raw = Buffer.from([
      'From: agent@vendor.example', `To: ${address}`, 'Subject: Fwd: Lobby keys fail', 'Message-ID: <fwdmany@vendor.example>', 'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain', '', gmail.replace(/\n/g, '\r\n'), ...parts, '--b--', '',
    ].join('\r\n'));
    const r = await m.deliver(raw, 'agent@vendor.example');
    assert.equal(r.status, 'held', r.outcome);
    assert.match(r.outcome, /^Held for review: forwarded by agent@vendor\.example for contact1@customer\.example, but refused: /);
    assert.equal((await m.desk.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets')).rows[0].n, before);
  });

  it('an Outlook forward, and a message forwarded as an attachment, alike', async () => {
    const outlook = ['FYI', '', '________________________________', 'From: Contact 1 <contact1@customer.example>', 'Sent: Wednesday, December 2, 2026 9:00 AM',
      'To: Agent <agent@vendor.example>', 'Subject: Invoices missing', '', 'Where are the November invoices?'].join('\n');
    const r = await m.deliver(forward('Agent <agent@vendor.example>', address, 'FW: Invoices missing', outlook), 'agent@vendor.example');
    const t = await getTicket({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: r.ticketId! } });
    assert.deepEqual([t.subject, t.description], ['Invoices missing', 'Where are the November invoices?']);
    const inner = 'From: Contact 1 <contact1@customer.example>\r\nTo: agent@vendor.example\r\nSubject: Door 4 beeps\r\nMessage-ID: <orig@customer.example>\r\n\r\nDoor 4 beeps all night.\r\n';
    const raw = Buffer.from([
      'From: agent@vendor.example', `To: ${address}`, 'Subject: Fwd: Door 4 beeps', 'Message-ID: <fwd2@vendor.example>', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', '',
      '--b', 'Content-Type: text/plain', '', 'See attached.', '--b', 'Content-Type: message/rfc822', 'Content-Disposition: attachment; filename="door.eml"', '', inner, '--b--', '',
    ].join('\r\n'));
    const r2 = await m.deliver(raw, 'agent@vendor.example');
    assert.equal(r2.status, 'created');
    const t2 = await getTicket({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: r2.ticketId! } });
    assert.deepEqual([t2.subject, t2.description, t2.requesterId], ['Door 4 beeps', 'Door 4 beeps all night.', m.contact1.id]);
  });

  it('from another address, to another agent\'s address, to a renewed one, or for a stranger: held, nothing opened', async () => {
    const before = (await m.desk.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets')).rows[0].n;
    const spoofed = await m.deliver(forward('contact1@customer.example', address, 'Fwd: x', gmail));
    assert.equal(spoofed.status, 'held');
    assert.equal(spoofed.outcome, "Held for review: sent to an agent's forwarding address, but not from that agent's own address (from contact1@customer.example)");
    const colleague = await m.deliver(forward('escalation@vendor.example', address, 'Fwd: x', gmail));
    assert.equal(colleague.status, 'held', "another agent cannot use this agent's address");
    const stranger = await m.deliver(forward('agent@vendor.example', address, 'Fwd: x', gmail.replace('contact1@customer.example', 'nobody@elsewhere.example')));
    assert.equal(stranger.outcome, 'Held for review: forwarded by agent@vendor.example, written by nobody@elsewhere.example, who is not a contact of any organization: add them, then process it again');
    const plain = await m.deliver(forward('agent@vendor.example', address, 'Lunch?', 'Anyone for lunch?'));
    assert.equal(plain.outcome, "Held for review: agent@vendor.example sent it to their forwarding address, but it holds no forwarded message: forward the customer's mail itself");
    const renewed = await renewMyForwardingAddress({ ctx: m.desk.ctx(m.desk.agent), settings: m.settings });
    assert.notEqual(renewed, address);
    assert.equal((await m.deliver(forward('agent@vendor.example', address, 'Fwd: x', gmail))).status, 'held', 'the old address opens nothing');
    assert.equal((await m.desk.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets')).rows[0].n, before);
    const { rows: audit } = await m.desk.t.db.query<{ type: string; actor_id: string }>("SELECT type, actor_id FROM audit_events WHERE type = 'agent.forwarding_address_renewed'");
    assert.deepEqual(audit, [{ type: 'agent.forwarding_address_renewed', actor_id: id(m.desk.agent) }]);
    address = renewed;
  });

  // The mail-loop limit (20 messages an hour from one address, mail-loop.ts) is for loops with other
  // systems: an agent who forwards a busy hour's customer mail is working, not looping. Each of 21
  // forwards within the hour opens its ticket; none is held as a loop.
  it('an agent who forwards 21 customer mails within an hour is not held as a mail loop', async () => {
    const statuses: string[] = [];
    for (let i = 1; i <= 21; i++) statuses.push((await m.deliver(forward('agent@vendor.example', address, `Fwd: Lobby keys fail ${i}`, gmail), 'agent@vendor.example')).status);
    assert.deepEqual([...new Set(statuses)], ['created']);
  });
});
