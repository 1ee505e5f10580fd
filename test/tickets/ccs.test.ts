// People copied on a ticket (tickets/ccs.ts), on OpenBack: contacts of the ticket's organization
// only; they get a copy of each person's reply and of the resolution, and what the requester or
// another of them writes (not what their mail reached already); mail that copies colleagues
// copies them on the ticket, and a copied colleague may write on it by mail though not a named
// contact; a merge copies the merged ticket's requester on the other.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { captureSender, deliverDueMail } from '../../src/email/index.ts';
import { ConflictError, ForbiddenError, type Actor } from '../../src/platform/index.ts';
import { addReply, ccsOf, copyFromMail, createTicket, getTicket, markChatPresence, mergeTicket, recordUndeliveredMail, setTicketCcs, updateTicket } from '../../src/tickets/index.ts';
import { createWebhook } from '../../src/webhooks/index.ts';
import { openMailDesk, type MailDesk } from '../email/support.ts';
import { refusalOf } from '../support/refusal.ts';

describe('people copied on a ticket, OpenBack', () => {
  let m: MailDesk;
  let copied: Actor & { kind: 'contact' };
  before(async () => {
    m = await openMailDesk('openback', '2026-12-02T10:00:00Z');
    // A colleague at the first organization who is not a named contact: on Enterprise they open no tickets.
    const id = randomUUID();
    await m.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [
      id, m.org1, 'copied@customer.example', 'Cora Copied', m.desk.clock.now(),
    ]);
    copied = { kind: 'contact', id, organizationId: m.org1 };
  });
  after(() => m.desk.close());

  const outbox = async (ticketId: string, kind: string) =>
    (await m.desk.t.db.query<{ recipient: string }>('SELECT recipient FROM outbox WHERE kind = $1 AND payload->>\'ticket_id\' = $2 ORDER BY recipient', [kind, ticketId])).rows.map((r) => r.recipient);

  it('an agent copies a colleague; they get a copy of the reply and of the resolution', async () => {
    const t = await createTicket({ ctx: m.desk.ctx(m.contact1), input: { subject: 'Keys', description: 'Fail', severity: 3 } });
    const ccs = await setTicketCcs({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: t.id, contactIds: [copied.id] } });
    assert.deepEqual(ccs.map((c) => [c.name, c.email]), [['Cora Copied', 'copied@customer.example']]);
    assert.deepEqual((await getTicket({ ctx: m.desk.ctx(m.contact1), input: { ticketId: t.id } })).ccs.map((c) => c.email), ['copied@customer.example']);
    await addReply({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: t.id, body: 'On it.' } });
    await updateTicket({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: t.id, status: 'solved' } });
    assert.deepEqual(await outbox(t.id, 'ticket_reply'), ['contact1@customer.example', 'copied@customer.example']);
    assert.deepEqual(await outbox(t.id, 'ticket_resolved'), ['contact1@customer.example', 'copied@customer.example']);
    // The receipt is the requester's alone.
    assert.deepEqual(await outbox(t.id, 'ticket_received'), ['contact1@customer.example']);
    // Emptied: no longer copied.
    await setTicketCcs({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: t.id, contactIds: [] } });
    assert.deepEqual(await ccsOf(m.desk.t.db, t.id), []);
  });

  it("refuses another organization's contact and the requester, naming each; the requester copies, one copied may not; a closed ticket is final", async () => {
    const t = await createTicket({ ctx: m.desk.ctx(m.contact1), input: { subject: 'Keys', description: 'Fail', severity: 3 } });
    const [other] = (await m.desk.t.db.query<{ id: string }>('SELECT id FROM contacts WHERE organization_id = $1', [m.org2])).rows;
    assert.deepEqual((await refusalOf(setTicketCcs({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: t.id, contactIds: [copied.id, other.id, m.contact1.id] } }))).details, [
      { path: 'contactIds.1', message: "is not an active contact of the ticket's organization" },
      { path: 'contactIds.2', message: 'is the requester, who hears of the ticket already' },
    ]);
    assert.deepEqual(await ccsOf(m.desk.t.db, t.id), [], 'nothing copied by a refused change');
    // The requester copies a colleague on their own ticket; the colleague copied does not choose who else is.
    assert.deepEqual((await setTicketCcs({ ctx: m.desk.ctx(m.contact1), input: { ticketId: t.id, contactIds: [copied.id] } })).map((c) => c.id), [copied.id]);
    await assert.rejects(setTicketCcs({ ctx: m.desk.ctx(copied), input: { ticketId: t.id, contactIds: [] } }), ForbiddenError);
    await updateTicket({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: t.id, status: 'closed' } });
    await assert.rejects(setTicketCcs({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: t.id, contactIds: [copied.id] } }), ConflictError);
  });

  it('mail copying colleagues copies those who are contacts of the organization; a copied one may write by mail', async () => {
    const raw = (lines: string[]) => Buffer.from([...lines, 'Content-Type: text/plain; charset=utf-8', '', 'Body text', ''].join('\r\n'));
    const opened = await m.deliver(raw([
      'From: Contact One <contact1@customer.example>', 'To: support@desk.example, Cora <copied@customer.example>',
      'Cc: someone@elsewhere.example, contact2@customer.example', `Message-ID: <${randomUUID()}@customer.example>`, 'Subject: Door locks offline',
      'Date: Wed, 02 Dec 2026 10:00:00 +0000',
    ]), 'contact1@customer.example');
    assert.equal(opened.status, 'created');
    assert.match(opened.outcome, /; copied copied@customer\.example on it, with the receipt; not copied \(no contact of the organization\): someone@elsewhere\.example, contact2@customer\.example, as the receipt says$/);
    // contact2 is the other organization's: never copied; an address of no contact neither.
    assert.deepEqual((await ccsOf(m.desk.t.db, opened.ticketId!)).map((c) => c.email), ['copied@customer.example']);
    const { rows: [t] } = await m.desk.t.db.query<{ number: string }>('SELECT number FROM tickets WHERE id = $1', [opened.ticketId]);
    const reply = await m.deliver(raw([
      'From: Cora <copied@customer.example>', 'To: support@desk.example', `Message-ID: <${randomUUID()}@customer.example>`,
      `Subject: Re: [#${t.number}] Door locks offline`, 'Date: Wed, 02 Dec 2026 10:05:00 +0000',
    ]), 'copied@customer.example');
    assert.deepEqual([reply.status, reply.ticketId], ['appended', opened.ticketId]);
    // Cora wrote to support alone: the requester is sent her words; she is not sent her own.
    const relayed = (await m.desk.t.db.query<{ recipient: string; subject: string; body: string; payload: Record<string, unknown> }>(
      "SELECT recipient, subject, body, payload FROM outbox WHERE kind = 'ticket_customer_reply' AND payload->>'ticket_id' = $1", [opened.ticketId],
    )).rows;
    assert.deepEqual(relayed.map((r) => [r.recipient, r.subject]), [['contact1@customer.example', `Re: [#${t.number}] Door locks offline`]]);
    assert.equal(relayed[0].body, `Cora Copied (copied@customer.example) wrote on case #${t.number}:\n\nBody text\n\nReply to this message to write on the case too; the support team reads it.`);
    const { rows: [coras] } = await m.desk.t.db.query<{ id: string }>("SELECT id FROM ticket_events WHERE ticket_id = $1 AND type = 'reply' AND actor_id = $2", [opened.ticketId, copied.id]);
    assert.deepEqual([relayed[0].payload.automatic, relayed[0].payload.auto_reply, relayed[0].payload.event_id], [true, true, coras.id]);
    // The requester answers all (Cora in Cc): Cora had it from them, so the desk sends her nothing.
    const answered = await m.deliver(raw([
      'From: Contact One <contact1@customer.example>', 'To: support@desk.example', 'Cc: copied@customer.example', `Message-ID: <${randomUUID()}@customer.example>`,
      `Subject: Re: [#${t.number}] Door locks offline`, 'Date: Wed, 02 Dec 2026 10:10:00 +0000',
    ]), 'contact1@customer.example');
    assert.equal(answered.status, 'appended');
    assert.deepEqual(await outbox(opened.ticketId!, 'ticket_customer_reply'), ['contact1@customer.example']);
  });

  it("what the requester writes on the portal goes to the people copied, a copy each, with its files; never back to the writer, nor to one who left", async () => {
    const t = await createTicket({ ctx: m.desk.ctx(m.contact1), input: { subject: 'Badge reader', description: 'Dead', severity: 3 } });
    await setTicketCcs({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: t.id, contactIds: [copied.id] } });
    const file = { filename: 'photo.txt', contentType: 'text/plain', content: new TextEncoder().encode('a photo') };
    const event = await addReply({ ctx: m.desk.ctx(m.contact1), input: { ticketId: t.id, body: 'The LED is red.', files: [file] } });
    const { rows } = await m.desk.t.db.query<{ recipient: string; body: string; payload: { files?: string[]; links: Array<{ path: string }> } }>(
      "SELECT recipient, body, payload FROM outbox WHERE kind = 'ticket_customer_reply' AND payload->>'event_id' = $1", [event.id],
    );
    assert.deepEqual(rows.map((r) => r.recipient), ['copied@customer.example']);
    assert.match(rows[0].body, /^Contact 1 \(contact1@customer\.example\) wrote on case #\d+:\n\nThe LED is red\.\n\n/);
    assert.equal(rows[0].payload.files?.length, 1, 'the file goes with it');
    assert.deepEqual(rows[0].payload.links.map((l) => l.path), [`/portal/cases/${t.id}`]);
    // Her copy is refused for good: the team hears of it, but the ticket still waits on the
    // customer as ever (it was a colleague's words, not ours, that did not arrive).
    m.desk.clock.set(m.desk.clock.now().add({ minutes: 2 }));
    const { rows: [relay] } = await m.desk.t.db.query<{ id: string }>("UPDATE outbox SET status = 'failed', last_error = '550 full' WHERE kind = 'ticket_customer_reply' AND payload->>'event_id' = $1 RETURNING id", [event.id]);
    assert.equal(await recordUndeliveredMail({ ctx: m.desk.system, input: { outboxId: relay.id, how: 'failed' } }), true);
    await updateTicket({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: t.id, status: 'solved' } });
    assert.equal((await getTicket({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: t.id } })).closeHeld, undefined);
    await addReply({ ctx: m.desk.ctx(m.contact1), input: { ticketId: t.id, body: 'Not solved: it is still red.' } });
    // Cora answers on the portal: the requester gets it.
    await addReply({ ctx: m.desk.ctx(copied), input: { ticketId: t.id, body: 'Mine too.' } });
    assert.deepEqual(await outbox(t.id, 'ticket_customer_reply'), ['contact1@customer.example', 'copied@customer.example', 'copied@customer.example']);
    // An agent's reply is the ticket_reply it always was, to both; no customer's copy is made of it.
    await addReply({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: t.id, body: 'Replacing it.' } });
    assert.deepEqual([await outbox(t.id, 'ticket_reply'), (await outbox(t.id, 'ticket_customer_reply')).length], [['contact1@customer.example', 'copied@customer.example'], 3]);
    // Cora leaves the customer: the requester's next words go to nobody else.
    await m.desk.t.db.query('UPDATE contacts SET deactivated_at = $2 WHERE id = $1', [copied.id, m.desk.clock.now()]);
    await addReply({ ctx: m.desk.ctx(m.contact1), input: { ticketId: t.id, body: 'Thanks.' } });
    assert.equal((await outbox(t.id, 'ticket_customer_reply')).length, 3);
    await m.desk.t.db.query('UPDATE contacts SET deactivated_at = NULL WHERE id = $1', [copied.id]);
  });

  it("a colleague's mail passed on to the others carries its attachments", async () => {
    const t = await createTicket({ ctx: m.desk.ctx(m.contact1), input: { subject: 'Logs attached', description: 'See below', severity: 3 } });
    await setTicketCcs({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: t.id, contactIds: [copied.id] } });
    const { rows: [ticket] } = await m.desk.t.db.query<{ number: string }>('SELECT number FROM tickets WHERE id = $1', [t.id]);
    const raw = Buffer.from([
      'From: Cora <copied@customer.example>', 'To: support@desk.example', `Message-ID: <${randomUUID()}@customer.example>`, `Subject: Re: [#${ticket.number}] Logs attached`,
      'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', '',
      '--b', 'Content-Type: text/plain; charset=utf-8', '', 'Log attached.', '--b', 'Content-Type: text/plain; name="door.log"', 'Content-Disposition: attachment; filename="door.log"', '', 'E42 at 09:14', '--b--', '',
    ].join('\r\n'));
    assert.equal((await m.deliver(raw, 'copied@customer.example')).status, 'appended');
    const { rows: [relay] } = await m.desk.t.db.query<{ id: string; recipient: string; payload: { files?: string[] } }>(
      "SELECT id, recipient, payload FROM outbox WHERE kind = 'ticket_customer_reply' AND payload->>'ticket_id' = $1", [t.id],
    );
    assert.deepEqual([relay.recipient, relay.payload.files?.length], ['contact1@customer.example', 1]);
    await m.desk.t.db.query("UPDATE outbox SET status = 'sent' WHERE status = 'pending' AND id <> $1", [relay.id]);
    const sender = captureSender(m.desk.t.db, m.desk.clock);
    assert.equal((await deliverDueMail({ ctx: m.desk.system, settings: { email: m.settings, sender, random: () => 0 } })).sent, 1);
    const { rows: [captured] } = await m.desk.t.db.query<{ raw: string }>('SELECT raw FROM captured_mail WHERE outbox_id = $1', [relay.id]);
    assert.match(captured.raw, /filename="?door\.log"?/);
    assert.match(captured.raw, /E42 at 09:14|RTQyIGF0IDA5OjE0/);
  });

  it('words typed on the portal are passed on whatever their number (no mail to loop on); words that came by mail are held to the automatic-reply limit', async () => {
    const t = await createTicket({ ctx: m.desk.ctx(m.contact1), input: { subject: 'Lively thread', description: 'Many words', severity: 3 } });
    await setTicketCcs({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: t.id, contactIds: [copied.id] } });
    const sender = captureSender(m.desk.t.db, m.desk.clock);
    const deliver = () => deliverDueMail({ ctx: m.desk.system, settings: { email: m.settings, sender, random: () => 0 } });
    await deliver();
    for (let i = 1; i <= 7; i++) await addReply({ ctx: m.desk.ctx(m.contact1), input: { ticketId: t.id, body: `Point ${i}` } });
    const run = await deliver();
    const { rows } = await m.desk.t.db.query<{ status: string; auto: string }>(
      "SELECT status, payload->>'auto_reply' AS auto FROM outbox WHERE kind = 'ticket_customer_reply' AND payload->>'ticket_id' = $1", [t.id],
    );
    assert.deepEqual(rows.map((r) => [r.status, r.auto]), Array(7).fill(['sent', 'false']));
    assert.equal(run.suppressed, 0);
    // By mail, each passing on answers that mail: Cora hears five in the hour, then the loop breaker holds the rest.
    // One of the five was the receipt of the mail that copied her (above, an automatic answer too): four more.
    const { rows: [ticket] } = await m.desk.t.db.query<{ number: string }>('SELECT number FROM tickets WHERE id = $1', [t.id]);
    for (let i = 1; i <= 7; i++) {
      const raw = Buffer.from([
        'From: Contact One <contact1@customer.example>', 'To: support@desk.example', `Message-ID: <${randomUUID()}@customer.example>`,
        `Subject: Re: [#${ticket.number}] Lively thread`, 'Content-Type: text/plain; charset=utf-8', '', `Mail ${i}`, '',
      ].join('\r\n'));
      assert.equal((await m.deliver(raw, 'contact1@customer.example')).status, 'appended');
    }
    assert.deepEqual(await deliver(), { sent: 4, retrying: 0, failed: 0, suppressed: 3 });
  });

  it('lines the requester types in a live chat are not passed on one by one; once they left the chat, their words are', async () => {
    const t = await createTicket({ ctx: m.desk.ctx(m.contact1), input: { subject: 'Push stalls', description: 'At 60%', severity: 3, channel: 'chat' } });
    await setTicketCcs({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: t.id, contactIds: [copied.id] } });
    await markChatPresence({ ctx: m.desk.ctx(m.contact1), input: { ticketId: t.id } });
    await addReply({ ctx: m.desk.ctx(m.contact1), input: { ticketId: t.id, body: '5.1' } });
    assert.deepEqual(await outbox(t.id, 'ticket_customer_reply'), []);
    // No heartbeat for a minute: they left the page (chat.ts: 45 s), and write later from the portal.
    m.desk.clock.set(m.desk.clock.now().add({ minutes: 1 }));
    await addReply({ ctx: m.desk.ctx(m.contact1), input: { ticketId: t.id, body: 'Updating to 5.2 fixed it.' } });
    assert.deepEqual(await outbox(t.id, 'ticket_customer_reply'), ['copied@customer.example']);
  });

  it("a merge copies the merged ticket's requester on the other", async () => {
    const into = await createTicket({ ctx: m.desk.ctx(m.contact1), input: { subject: 'Outage', description: 'Down', severity: 3 } });
    const [colleague] = (await m.desk.t.db.query<{ id: string }>("SELECT id FROM contacts WHERE email = 'colleague@customer.example'")).rows;
    const from = await createTicket({ ctx: m.desk.ctx({ kind: 'contact', id: colleague.id, organizationId: m.org1 }), input: { subject: 'Outage too', description: 'Down here', severity: 3 } });
    await mergeTicket({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: from.id, intoTicketId: into.id } });
    assert.deepEqual((await ccsOf(m.desk.t.db, into.id)).map((c) => c.email), ['colleague@customer.example']);
  });

  it('copies at most 20 people on a ticket, in the order the mail names them', async () => {
    const t = await createTicket({ ctx: m.desk.ctx(m.contact1), input: { subject: 'Many', description: 'Copied', severity: 3 } });
    const emails = Array.from({ length: 22 }, (_, i) => `many${String(i).padStart(2, '0')}@customer.example`);
    for (const email of emails) {
      await m.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $3, false, $4)', [randomUUID(), m.org1, email, m.desk.clock.now()]);
    }
    const result = await copyFromMail(m.desk.t.db, { ticketId: t.id, emails, at: m.desk.clock.now(), actor: m.contact1 });
    assert.deepEqual(result.copied, emails.slice(0, 20));
    assert.equal((await ccsOf(m.desk.t.db, t.id)).length, 20);
  });

  it('each change of who is copied is a ticket.updated webhook naming the contacts added and removed; a colleague who left is passed over', async () => {
    await createWebhook({ ctx: m.desk.ctx(m.desk.admin), input: { url: 'https://hooks.example.com/ccs', events: ['ticket.updated'] }, settings: { allowPrivate: false } });
    const t = await createTicket({ ctx: m.desk.ctx(m.contact1), input: { subject: 'Hooked', description: 'Copied', severity: 3 } });
    await setTicketCcs({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: t.id, contactIds: [copied.id] } });
    m.desk.clock.advance({ minutes: 1 });
    await setTicketCcs({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: t.id, contactIds: [] } });
    m.desk.clock.advance({ minutes: 1 });
    const left = randomUUID();
    await m.desk.t.db.query("INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at, deactivated_at) VALUES ($1, $2, 'left@customer.example', 'Left', false, $3, $3)", [left, m.org1, m.desk.clock.now()]);
    const mail = await copyFromMail(m.desk.t.db, { ticketId: t.id, emails: ['copied@customer.example', 'left@customer.example'], at: m.desk.clock.now(), actor: m.contact1 });
    // Left is a former contact (deactivated), passed over on this case for the first time.
    assert.deepEqual(mail, { copied: ['copied@customer.example'], passedOver: ['left@customer.example'], former: ['left@customer.example'], firstTime: ['left@customer.example'], organization: 'Org 1' });
    const { rows } = await m.desk.t.db.query<{ payload: any }>(
      "SELECT payload FROM webhook_deliveries WHERE event_type = 'ticket.updated' AND payload->'data'->'ticket'->>'id' = $1 ORDER BY created_at", [t.id],
    );
    assert.deepEqual(rows.map((r) => r.payload.data.changes), [
      { ccs: { added: [copied.id], removed: [] } },
      { ccs: { added: [], removed: [copied.id] } },
      { ccs: { added: [copied.id], removed: [] } },
    ]);
  });
});
