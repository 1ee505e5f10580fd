// People copied on a ticket (tickets/ccs.ts), on OpenBack: contacts of the ticket's organization
// only; they get a copy of each person's reply and of the resolution; mail that copies colleagues
// copies them on the ticket, and a copied colleague may write on it by mail though not a named
// contact; a merge copies the merged ticket's requester on the other.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictError, ForbiddenError, type Actor } from '../../src/platform/index.ts';
import { addReply, ccsOf, copyFromMail, createTicket, getTicket, mergeTicket, setTicketCcs, updateTicket } from '../../src/tickets/index.ts';
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
    assert.match(opened.outcome, /; copied copied@customer\.example on it; not copied \(no contact of the organization\): someone@elsewhere\.example, contact2@customer\.example$/);
    // contact2 is the other organization's: never copied; an address of no contact neither.
    assert.deepEqual((await ccsOf(m.desk.t.db, opened.ticketId!)).map((c) => c.email), ['copied@customer.example']);
    const { rows: [t] } = await m.desk.t.db.query<{ number: string }>('SELECT number FROM tickets WHERE id = $1', [opened.ticketId]);
    const reply = await m.deliver(raw([
      'From: Cora <copied@customer.example>', 'To: support@desk.example', `Message-ID: <${randomUUID()}@customer.example>`,
      `Subject: Re: [#${t.number}] Door locks offline`, 'Date: Wed, 02 Dec 2026 10:05:00 +0000',
    ]), 'copied@customer.example');
    assert.deepEqual([reply.status, reply.ticketId], ['appended', opened.ticketId]);
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
    assert.deepEqual(mail, { copied: ['copied@customer.example'], passedOver: ['left@customer.example'] });
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
