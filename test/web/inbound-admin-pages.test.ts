// Held inbound mail, dealt with, OpenBack: an admin dismisses a message that needs nothing (spam),
// which keeps it with who dismissed it and why and can be processed again; or adds a stranger as a
// contact of an organization and processes their held message again in one step (it becomes a
// ticket). A stranger's mail a spam filter marked on the way in arrives dismissed. A supplier's
// colleague who answered a side conversation is taken into it; a contact who wrote from a new
// address has it corrected and their message processed. The API and the admin email page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createContact, createOrganization } from '../../src/customers/index.ts';
import { emailSettingsFor, processInbound, storeInbound } from '../../src/email/index.ts';
import { sendSideMessage } from '../../src/tickets/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('held inbound mail, dealt with, OpenBack', () => {
  let h: WebApp;
  const settings = emailSettingsFor('support@accord.localhost');
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  const held = async (from: string, subject: string) => {
    const raw = Buffer.from(`From: ${from}\r\nTo: support@accord.localhost\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@x.example>\r\n\r\nHello.\r\n`);
    const id = (await storeInbound(h.desk.t.db, h.desk.clock, raw, { source: 'smtp', envelopeFrom: from, envelopeTo: ['support@accord.localhost'] }))!;
    assert.equal((await processInbound({ ctx: h.desk.system, settings, inboundId: id }))!.status, 'held');
    return id;
  };

  it('dismisses spam with the reason, keeps it, refuses twice, and processes it again on demand', async () => {
    const id = await held('offers@spam.example', 'Cheap followers');
    const res = await h.as(h.admin.token, { method: 'POST', url: `/api/v1/email/inbound/${id}/dismiss`, payload: { reason: 'spam' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, 'dismissed');
    assert.equal(res.json().outcome, 'Dismissed by admin@vendor.example: spam. Before: Held for review: offers@spam.example is not a contact of any organization');
    assert.equal((await h.as(h.admin.token, { method: 'POST', url: `/api/v1/email/inbound/${id}/dismiss`, payload: {} })).statusCode, 409);
    assert.equal((await h.as(h.manager.token, { method: 'POST', url: `/api/v1/email/inbound/${id}/dismiss`, payload: {} })).statusCode, 403);
    const listed = await h.as(h.admin.token, { method: 'GET', url: '/api/v1/email/inbound?status=dismissed' });
    assert.deepEqual(listed.json().items.map((m: { id: string }) => m.id), [id]);
    const again = await h.as(h.admin.token, { method: 'POST', url: `/api/v1/email/inbound/${id}/retry` });
    assert.equal(again.json().status, 'held', 'still a stranger: held again');
  });

  it('the email page says the mail-loop limit in force (the default, 20 an hour)', async () => {
    const a = await h.session(h.admin, 'agent');
    const page = main((await a.get('/admin/email')).body);
    assert.match(page, /<dt>Mail loops<\/dt><dd id="mail-loop-limit">More than 20 messages from one address within an hour: those past it are held as a mail loop suspected/);
    // Forged mail (its From failed DMARC: held as forged) is not counted toward the sender's hour (email/mail-loop.ts).
    assert.match(page, /<dd id="mail-loop-limit">[^<]*Mail whose sender failed DMARC \(held as forged\) does not count toward that address's limit/);
  });

  it('the email page adds a held message\'s sender to an organization and processes it: a ticket opens for them', async () => {
    const id = await held('nora@customer.example', 'Cannot export');
    const a = await h.session(h.admin, 'agent');
    const page = main((await a.get('/admin/email')).body);
    assert.match(page, new RegExp(`<form method="post" action="/admin/email/inbound/${id}/add-sender" class="inline">`));
    assert.match(page, new RegExp(`<form method="post" action="/admin/email/inbound/${id}/dismiss" class="inline">`));
    // The organization by its name, as the field takes it.
    const orgName = (await h.desk.t.db.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [h.contactA.organizationId])).rows[0].name;
    const done = await a.post(`/admin/email/inbound/${id}/add-sender`, { organization: orgName, name: 'Nora Newcomer', named: 'on' });
    assert.equal(done.statusCode, 303);
    const { rows } = await h.desk.t.db.query<{ status: string; ticket_id: string; name: string; named_contact: boolean }>(
      `SELECT m.status, m.ticket_id, c.name, c.named_contact FROM inbound_messages m JOIN contacts c ON c.email = 'nora@customer.example' WHERE m.id = $1`, [id],
    );
    assert.deepEqual([rows[0].status, rows[0].name, rows[0].named_contact], ['created', 'Nora Newcomer', true]);
    const ticket = await h.as(h.admin.token, { method: 'GET', url: `/api/v1/tickets/${rows[0].ticket_id}` });
    assert.equal(ticket.json().subject, 'Cannot export');
    // Without an organization: refused beside the form, naming the field; the message stays held.
    const other = await held('otto@customer.example', 'Hello there');
    const refused = await a.post(`/admin/email/inbound/${other}/add-sender`, { organization: '' });
    assert.equal(refused.statusCode, 400);
    assert.match(main(refused.body), /<li><strong>Organization<\/strong> is required: the organization(&#39;|')s name<\/li>/);
    assert.equal((await h.desk.t.db.query<{ status: string }>('SELECT status FROM inbound_messages WHERE id = $1', [other])).rows[0].status, 'held');
  });

  it("a stranger's mail a spam filter marked on the way in arrives dismissed, kept, and can be processed once its sender is added; a contact's is processed, the mark noted", async () => {
    const arrive = async (from: string, subject: string, spamHeader: string) => {
      const raw = Buffer.from(`From: ${from}\r\nTo: support@accord.localhost\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@x.example>\r\n${spamHeader}\r\n\r\nHello.\r\n`);
      const id = (await storeInbound(h.desk.t.db, h.desk.clock, raw, { source: 'smtp', envelopeFrom: from, envelopeTo: ['support@accord.localhost'] }))!;
      return { id, result: (await processInbound({ ctx: h.desk.system, settings, inboundId: id }))! };
    };
    const stranger = await arrive('win@prizes.example', 'You won', 'X-Spam-Flag: YES');
    assert.deepEqual([stranger.result.status, stranger.result.outcome], [
      'dismissed', 'Dismissed as spam: x-spam-flag: YES (set where it came in), from win@prizes.example, not a contact; kept: add the sender to process it',
    ]);
    const a = await h.session(h.admin, 'agent');
    assert.match(main((await a.get('/admin/email')).body), new RegExp(`<form method="post" action="/admin/email/inbound/${stranger.id}/add-sender" class="inline">`));
    // The filter was wrong: the sender is added and the message processed; from a contact now, it opens a ticket.
    assert.equal((await a.post(`/admin/email/inbound/${stranger.id}/add-sender`, { organization: h.contactB.organizationId, name: 'Winnie Prize', named: 'on' })).statusCode, 303);
    const { rows } = await h.desk.t.db.query<{ status: string; outcome: string }>('SELECT status, outcome FROM inbound_messages WHERE id = $1', [stranger.id]);
    assert.equal(rows[0].status, 'created');
    assert.match(rows[0].outcome, /^New request from win@prizes\.example: opened ticket #\d+ \(marked as spam where it came in, x-spam-flag: YES; from a contact, so processed\)$/);
    // A contact's mail marked by rspamd: a ticket, the mark in the outcome.
    const email = (await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactA.id])).rows[0].email;
    const known = await arrive(email, 'Login fails', 'X-Spam: Yes');
    assert.equal(known.result.status, 'created');
    assert.match(known.result.outcome, /\(marked as spam where it came in, x-spam: Yes; from a contact, so processed\)$/);
  });

  it("offers the organization a stranger's colleagues are at (their mail domain), not one when colleagues are at several", async () => {
    const admin = h.desk.ctx(h.desk.admin);
    const initrode = await createOrganization({ ctx: admin, input: { name: 'Initrode', planId: 'pro', onboardingState: 'complete' } });
    await createContact({ ctx: admin, input: { organizationId: initrode.id, email: 'bill@initrode.example', name: 'Bill' } });
    await createContact({ ctx: admin, input: { organizationId: initrode.id, email: 'ann@initrode.example', name: 'Ann' } });
    // A shared provider: people of two organizations write from it.
    const other = await createOrganization({ ctx: admin, input: { name: 'Chotchkie', planId: 'pro', onboardingState: 'complete' } });
    await createContact({ ctx: admin, input: { organizationId: initrode.id, email: 'pat@mail.example', name: 'Pat' } });
    await createContact({ ctx: admin, input: { organizationId: other.id, email: 'joanna@mail.example', name: 'Joanna' } });
    // And one whose domain only looks alike (initrode.example.org is another domain).
    const colleague = await held('milton@INITRODE.example', 'Stapler');
    const shared = await held('lumbergh@mail.example', 'TPS reports');
    const alike = await held('nina@initrode.example.org', 'Hello');
    const a = await h.session(h.admin, 'agent');
    const field = (page: string, id: string) => new RegExp(`<input id="org-${id}" name="organization" [^>]*value="([^"]*)">`).exec(page)?.[1];
    const page = main((await a.get('/admin/email')).body);
    assert.equal(field(page, colleague), 'Initrode');
    assert.equal(field(page, shared), '');
    assert.equal(field(page, alike), '');
    assert.equal(field(main((await a.get(`/admin/email/inbound/${colleague}`)).body), colleague), 'Initrode', 'on the message page too');
    // Taken as offered: Milton joins Initrode and the message opens a ticket.
    assert.equal((await a.post(`/admin/email/inbound/${colleague}/add-sender`, { organization: 'Initrode', name: 'Milton' })).statusCode, 303);
    const joined = (await h.desk.t.db.query<{ organization_id: string }>("SELECT organization_id FROM contacts WHERE email = 'milton@initrode.example'")).rows[0];
    assert.equal(joined.organization_id, initrode.id);
    // A part of a name several organizations hold is refused beside the form, naming them.
    const refused = await a.post(`/admin/email/inbound/${shared}/add-sender`, { organization: 'i' });
    assert.equal(refused.statusCode, 400);
    assert.match(main(refused.body), /<li><strong>Organization<\/strong> “i” could be [^<]*Chotchkie, [^<]*Initrode[^<]*: type one whole name<\/li>/);
  });

  it("takes a supplier's colleague who answered a side conversation into it from the email page: their answer goes on the ticket", async () => {
    const t = (await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'Encoder keys', description: 'Fail.', severity: 3 } })).json();
    const sent = await sendSideMessage({ ctx: h.desk.ctx({ kind: 'agent', id: h.agent.id, role: 'front_line' }), input: { ticketId: t.id, to: 'sam@partner.example', body: 'Seen this?' } });
    const raw = Buffer.from(`From: boss@partner.example\r\nTo: support@accord.localhost\r\nSubject: Re: Encoder keys\r\nIn-Reply-To: <outbox.${String(sent.data.outbox_id)}@accord.localhost>\r\nMessage-ID: <boss1@partner.example>\r\n\r\nWe see it on 2.1 too.\r\n`);
    const id = (await storeInbound(h.desk.t.db, h.desk.clock, raw, { source: 'smtp', envelopeFrom: 'boss@partner.example', envelopeTo: ['support@accord.localhost'] }))!;
    assert.equal((await processInbound({ ctx: h.desk.system, settings, inboundId: id }))!.status, 'held');
    const a = await h.session(h.admin, 'agent');
    const page = main((await a.get(`/admin/email/inbound/${id}`)).body);
    assert.match(page, /Held for review: boss@partner\.example answered the side conversation &quot;Encoder keys&quot; on ticket #\d+, written to sam@partner\.example/);
    assert.match(page, new RegExp(`<form method="post" action="/admin/email/inbound/${id}/take-into-side-conversation" class="inline">[\\s\\S]*?<button type="submit">Take boss@partner\\.example into the side conversation and add their answer</button></form>`));
    assert.equal((await a.post(`/admin/email/inbound/${id}/take-into-side-conversation`, { back: 'message' })).statusCode, 303);
    const ticket = main((await (await h.session(h.agent, 'agent')).get(`/agent/tickets/${t.id}`)).body);
    assert.match(ticket, /sam@partner\.example<\/a> and boss@partner\.example: 1 sent, 1 answer/);
    assert.match(ticket, /We see it on 2\.1 too\./);
  });

  it("corrects the address of a contact who wrote from a new one, and processes their held message: their ticket, not a second contact", async () => {
    const id = await held('pat.new@customer.example', 'Wrote from my new address');
    const { rows: [old] } = await h.desk.t.db.query<{ id: string; email: string }>('SELECT id, email FROM contacts WHERE id = $1', [h.contactB.id]);
    const a = await h.session(h.admin, 'agent');
    const page = main((await a.get(`/admin/email/inbound/${id}`)).body);
    assert.match(page, /<button type="submit">Correct to pat\.new@customer\.example and process<\/button>/);
    const wrong = await a.post(`/admin/email/inbound/${id}/correct-sender`, { current: 'nobody@customer.example', back: 'message' });
    assert.equal(wrong.statusCode, 400);
    assert.match(main(wrong.body), /<li><strong>Their old email<\/strong> is not a contact&#39;s email: type the address they had<\/li>/);
    assert.equal((await a.post(`/admin/email/inbound/${id}/correct-sender`, { current: old.email, back: 'message' })).statusCode, 303);
    const { rows: [now] } = await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [old.id]);
    assert.equal(now.email, 'pat.new@customer.example');
    const { rows: [m] } = await h.desk.t.db.query<{ status: string; ticket_id: string }>('SELECT status, ticket_id FROM inbound_messages WHERE id = $1', [id]);
    assert.equal(m.status, 'created');
    const { rows: [t] } = await h.desk.t.db.query<{ requester_id: string }>('SELECT requester_id FROM tickets WHERE id = $1', [m.ticket_id]);
    assert.equal(t.requester_id, old.id, 'their ticket');
    const { rows: dup } = await h.desk.t.db.query("SELECT 1 FROM contacts WHERE email = 'pat.new@customer.example'");
    assert.equal(dup.length, 1, 'no second contact');
  });

  it('blocks a held message\'s sender or their whole domain from the email page: the message dismissed, their next mail too; the list counts it, refuses beside its form, unblocks', async () => {
    const a = await h.session(h.admin, 'agent');
    const id = await held('pest@nag.example', 'Buy now');
    const list = main((await a.get('/admin/email')).body);
    assert.match(list, new RegExp(`<label for="block-${id}">Block</label><select id="block-${id}" name="whole"><option value="address">pest@nag\\.example</option><option value="domain">everyone at nag\\.example</option></select><button type="submit">Block and dismiss</button>`));
    assert.match(list, /<p id="no-blocks">No sender is blocked\.<\/p>/);
    const blocked = await a.post(`/admin/email/inbound/${id}/block-sender`, { whole: 'domain', reason: 'cold sales' });
    assert.deepEqual([blocked.statusCode, blocked.headers.location], [303, '/admin/email?done=1']);
    const { rows: [m] } = await h.desk.t.db.query<{ status: string; outcome: string }>('SELECT status, outcome FROM inbound_messages WHERE id = $1', [id]);
    assert.equal(m.status, 'dismissed');
    assert.match(m.outcome, /^Dismissed by admin@vendor\.example: sender blocked \(nag\.example\), cold sales\. Before: Held for review/);
    // Their colleague's mail arrives dismissed, the block named; the list counts it.
    const raw = Buffer.from('From: other@nag.example\r\nTo: support@accord.localhost\r\nSubject: Follow-up\r\n\r\nHello again.\r\n');
    const next = (await storeInbound(h.desk.t.db, h.desk.clock, raw, { source: 'smtp', envelopeFrom: 'other@nag.example', envelopeTo: ['support@accord.localhost'] }))!;
    assert.equal((await processInbound({ ctx: h.desk.system, settings, inboundId: next }))!.status, 'dismissed');
    const page = main((await a.get('/admin/email')).body);
    const row = /<tr id="block-[^"]+">[\s\S]*?<\/tr>/.exec(page)?.[0] ?? '';
    assert.match(row, /<td>everyone at nag\.example<\/td>\s*<td>cold sales<\/td><td>2026-12-02 10:00 UTC, by admin@vendor\.example<\/td>\s*<td>1 message, the latest 2026-12-02 10:00 UTC<\/td>/);
    assert.match(row, /<button type="submit">Unblock nag\.example<\/button>/);
    // A contact's address is refused beside the add form, what was typed kept.
    const refused = await a.post('/admin/email/blocked-senders', { sender: 'agent@vendor.example', reason: 'oops' });
    assert.equal(refused.statusCode, 400);
    assert.match(main(refused.body), /<li><strong>Address or domain<\/strong> is an agent&#39;s address: their mail is never blocked; deactivate the agent instead<\/li>/);
    assert.match(main(refused.body), /<input id="block-sender" name="sender" required maxlength="254" size="24" placeholder="someone@example\.com or example\.com" value="agent@vendor\.example">/);
    // The API lists it as the page does.
    const api = await h.as(h.admin.token, { method: 'GET', url: '/api/v1/email/blocked-senders' });
    assert.deepEqual(api.json().items.map((b: Record<string, unknown>) => [b.pattern, b.kind, b.reason, b.dismissed, b.contacts_there]), [['nag.example', 'domain', 'cold sales', 1, 0]]);
    const bad = await h.as(h.admin.token, { method: 'POST', url: '/api/v1/email/blocked-senders', payload: { sender: 'com' } });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().details.map((d: { path: string }) => d.path), ['sender']);
    // Unblocked from its row: the list is empty again, the flash says what happens to what was dismissed.
    const blockId = api.json().items[0].id;
    const gone = await a.post(`/admin/email/blocked-senders/${blockId}/delete`, {});
    assert.deepEqual([gone.statusCode, gone.headers.location], [303, '/admin/email?done=unblocked']);
    const after = main((await a.get('/admin/email?done=unblocked')).body);
    assert.match(after, /Unblocked: their next mail is taken as anyone&#39;s; what was dismissed stays so until you process it again\./);
    assert.match(after, /<p id="no-blocks">No sender is blocked\.<\/p>/);
  });

  it('shows an IMAP message\'s own mailbox date where the desk counts it from a later time (a copied archive keeps its old date)', async () => {
    const raw = Buffer.from('From: contact@customer.example\r\nTo: support@accord.localhost\r\nSubject: Archived\r\nMessage-ID: <archived@x.example>\r\n\r\nOld.\r\n');
    const now = h.desk.clock.now();
    const id = (await storeInbound(h.desk.t.db, h.desk.clock, raw, {
      source: 'imap', sourceKey: 'imap:INBOX:1:77', envelopeFrom: null, envelopeTo: ['support@accord.localhost'],
      deliveredAt: Temporal.Instant.from('2024-12-02T08:00:00Z'), notBefore: now,
    }))!;
    const a = await h.session(h.admin, 'agent');
    const page = main((await a.get(`/admin/email/inbound/${id}`)).body);
    assert.match(page, /<dt>Mailbox date<\/dt><dd>2024-12-02 08:00 UTC\. It counts from when it was received instead/);
  });
});
