// The agent's desk pages on OpenBack (seed 001): opening a ticket for a customer who called
// (/agent/tickets/new), reviewing what the policy held back (/agent/held), and finding any
// ticket (/agent/search). The desk's clock: Wednesday 2 December 2026, 10:00 in London (GMT,
// so UTC), inside OpenBack's 9am-6pm support hours. Working a ticket: desk-ticket-actions.test.ts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createContact, updateContact } from '../../src/customers/index.ts';
import { updateTicket } from '../../src/tickets/index.ts';
import { openDeskApp, ticketIdOf, ticketRowOf } from './desk-kit.ts';
import type { WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('agent desk pages, OpenBack', () => {
  let h: WebApp;
  let emailA: string;
  before(async () => ({ h, emailA } = await openDeskApp()));
  after(() => h.close());

  const ticketRow = (id: string) => ticketRowOf(h, id);

  it('opens a phone ticket for a customer, with the clocks the policy gives it', async () => {
    const a = await h.session(h.agent, 'agent');
    const form = await a.get('/agent/tickets/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<a href="\/agent\/tickets\/new">New ticket<\/a>/);
    assert.match(main(form.body), new RegExp(`<option value="${emailA.replace('.', '\\.')}">`), 'the contacts are offered as the email is typed');
    const res = await a.post('/agent/tickets/new', {
      requester: emailA.toUpperCase(), channel: 'phone', subject: 'Push campaign stuck in sending', description: 'Called at 10:00: campaigns since 9am are stuck.', severity: '2',
    });
    assert.equal(res.statusCode, 303);
    const id = ticketIdOf(res.headers.location);
    assert.match(String(res.headers.location), /\?done=created$/);
    const row = await ticketRow(id);
    assert.equal(row.channel, 'phone');
    assert.equal(row.requester_id, h.contactA.id);
    assert.equal(row.severity, 2);
    const page = main((await a.get(`/agent/tickets/${id}?done=created`)).body);
    assert.match(page, /Ticket opened; its clocks are below\./);
    assert.match(page, /<dt>Channel<\/dt><dd>Phone<\/dd>/);
    assert.match(page, /<dt>Plan<\/dt><dd>Enterprise<\/dd>/);
    // Enterprise, Major: 12 business hours. Wed 10:00-18:00 is 8 h, Thu 09:00-13:00 the other 4.
    const clocks = (await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${id}` })).json() as { clocks: Array<{ metric: string; due: string }> };
    assert.equal(clocks.clocks.find((c) => c.metric === 'first_response')?.due, '2026-12-03T13:00:00Z');
  });

  it('a call answered as it is logged (the box ticked, as the form offers it) has had its first response', async () => {
    const a = await h.session(h.agent, 'agent');
    assert.match(main((await a.get('/agent/tickets/new')).body), /<input type="checkbox" name="answered_live" value="yes" checked> Answered on the call or chat as I open it/);
    // Contact B's (another organization): contact A's recent tickets are what later tests list.
    const emailB = (await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactB.id])).rows[0].email;
    const res = await a.post('/agent/tickets/new', {
      requester: emailB, channel: 'phone', subject: 'Segments empty', description: 'Talked them through it on the call.', severity: '2', answered_live: 'yes',
    });
    assert.equal(res.statusCode, 303);
    const id = ticketIdOf(res.headers.location);
    const t = (await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${id}` })).json() as { clocks: Array<{ metric: string; state: string; met_at: string | null }> };
    assert.deepEqual(t.clocks.filter((c) => c.metric === 'first_response').map((c) => [c.state, c.met_at]), [['met', '2026-12-02T10:00:00Z']]);
    assert.match(main((await a.get(`/agent/tickets/${id}`)).body), /<span>Answered: on the call, as it was opened \(its first response\)<\/span>/);
  });

  it('opens a ticket with the files the customer sent by chat; a file too large opens nothing', async () => {
    const a = await h.session(h.agent, 'agent');
    assert.match(main((await a.get('/agent/tickets/new')).body), /<form method="post" action="\/agent\/tickets\/new" class="stack" enctype="multipart\/form-data">/);
    const shot = new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 11) % 256));
    const res = await a.upload('/agent/tickets/new', { requester: emailA, channel: 'chat', subject: 'Dashboard blank', description: 'Sent a screenshot in the chat.', severity: '3' }, [
      { name: 'dashboard.png', content: shot, type: 'image/png' },
    ]);
    assert.equal(res.statusCode, 303);
    const id = ticketIdOf(res.headers.location);
    const { rows } = await h.desk.t.db.query<{ filename: string; size: number; content: Uint8Array }>('SELECT filename, size, content FROM ticket_files WHERE ticket_id = $1', [id]);
    assert.deepEqual(rows.map((r) => [r.filename, r.size]), [['dashboard.png', 3000]]);
    assert.deepEqual(new Uint8Array(rows[0].content), shot);
    // The customer sees it on their case.
    const c = await h.session(h.contactA, 'contact');
    assert.match(main((await c.get(`/portal/cases/${id}`)).body), />dashboard\.png<\/a> \(PNG image, 3 KB\)/);

    const big = await a.upload('/agent/tickets/new', { requester: emailA, channel: 'chat', subject: 'Huge dump', description: 'A core dump.', severity: '3' }, [
      { name: 'core.dump', content: new Uint8Array(10 * 1024 * 1024 + 1) },
    ]);
    assert.equal(big.statusCode, 400);
    assert.match(main(big.body), /<strong>Files<\/strong> core\.dump is too large/);
    assert.match(main(big.body), /value="Huge dump"/);
    const none = await h.desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM tickets WHERE subject = 'Huge dump'");
    assert.equal(none.rows[0].n, 0);
  });

  it('refuses an email no contact has, keeping what was typed', async () => {
    const a = await h.session(h.agent, 'agent');
    const res = await a.post('/agent/tickets/new', { requester: 'stranger@nowhere.example', channel: 'phone', subject: 'Who am I', description: 'Unknown caller' });
    assert.equal(res.statusCode, 400);
    const body = main(res.body);
    assert.match(body, /No contact has the email stranger@nowhere\.example/);
    assert.match(body, /<strong>Requester<\/strong> is not a contact/);
    assert.match(body, /value="Who am I"/);
    const { rows } = await h.desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM tickets WHERE subject = 'Who am I'");
    assert.equal(rows[0].n, 0);
  });

  it('holds a phone call from a Growth customer (phone is for Pro and Enterprise); an agent accepts it by email', async () => {
    const growth = await h.newContact('growth');
    const email = (await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [growth.id])).rows[0].email;
    const a = await h.session(h.agent, 'agent');
    // No channel field: an agent's ticket is a phone call unless it says otherwise.
    const res = await a.post('/agent/tickets/new', { requester: email, subject: 'Call me back', description: 'Rang the office line.', q_production: 'yes', q_degraded: 'no' });
    assert.equal(res.statusCode, 403);
    const body = main(res.body);
    // Said for the desk: which plans have phone, not the channels a customer is sent to.
    assert.match(body, /<p>The Growth plan does not include Phone \(the policy offers it to Pro and Enterprise\)<\/p>/);
    assert.doesNotMatch(body, /use Email|Your request is kept/);
    const held = (await h.desk.t.db.query<{ id: string; channel: string; reason_code: string }>('SELECT id, channel, reason_code FROM held_requests WHERE requester_id = $1', [growth.id])).rows;
    assert.deepEqual(held.map((r) => [r.channel, r.reason_code]), [['phone', 'channel_not_in_plan']], 'held as the phone call it was');
    assert.match(body, new RegExp(`<a href="/agent/held/${held[0].id}">review it under Held requests</a>`));

    const list = main((await a.get('/agent/held')).body);
    assert.match(list, /<h2 id="held-([^"]+)"><a href="\/agent\/held\/\1">Call me back<\/a><\/h2>/);
    assert.match(list, /<strong>Channel not in the plan<\/strong>: The Growth plan did not include Phone when this arrived/);
    assert.match(list, new RegExp(`&lt;${email.replace('.', '\\.')}&gt;`));
    // Their organization by name (read for the requests shown).
    const orgName = (await h.desk.t.db.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [growth.organizationId])).rows[0].name;
    assert.match(list, new RegExp(`&lt;${email.replace('.', '\\.')}&gt;, ${orgName}</dd>`));
    assert.match(list, /Rang the office line\./);
    assert.match(list, /<\/time> by Phone<\/dd>/);
    assert.match(list, /<option value="email">Email<\/option>/);
    // The answers in words, by the questions' own labels.
    assert.match(list, /<dt>Is this a production issue\?<\/dt><dd>Yes<\/dd>/);
    assert.match(list, /<dt>Is functionality lost or performance significantly degraded\?<\/dt><dd>No<\/dd>/);

    const accepted = await a.post(`/agent/held/${held[0].id}/accept`, { channel: 'email', note: 'Customer agreed to email' });
    assert.equal(accepted.statusCode, 303);
    assert.match(String(accepted.headers.location), /\?done=accepted$/);
    const row = await ticketRow(ticketIdOf(accepted.headers.location));
    assert.equal(row.channel, 'email');
    assert.equal(row.requester_id, growth.id);
    assert.equal(row.subject, 'Call me back');
    assert.doesNotMatch(main((await a.get('/agent/held')).body), /Call me back/);
    const done = main((await a.get('/agent/held?status=accepted')).body);
    assert.match(done, /Customer agreed to email/);
    assert.match(done, new RegExp(`<a href="/agent/tickets/${ticketIdOf(accepted.headers.location)}">the ticket</a>`));

    // Reviewed already: a second decision is refused and shown, nothing changes.
    const again = await a.post(`/agent/held/${held[0].id}/dismiss`, { note: 'Duplicate' });
    assert.equal(again.statusCode, 409);
    assert.match(main(again.body), /this request was already accepted/);
  });

  it('keeps the files chosen with a call the policy holds; they download for agents and go onto the ticket accepted', async () => {
    const growth = await h.newContact('growth');
    const email = (await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [growth.id])).rows[0].email;
    const a = await h.session(h.agent, 'agent');
    const shot = new Uint8Array(Array.from({ length: 2048 }, (_, i) => (i * 7) % 256));
    const res = await a.upload('/agent/tickets/new', { requester: email, subject: 'Screenshot by phone', description: 'Read out an error, sent a picture.' }, [
      { name: 'error.png', content: shot, type: 'image/png' },
    ]);
    assert.equal(res.statusCode, 403);
    assert.match(main(res.body), /The request is kept, with any files chosen/);
    const { rows: [held] } = await h.desk.t.db.query<{ id: string }>('SELECT id FROM held_requests WHERE requester_id = $1', [growth.id]);
    const list = main((await a.get('/agent/held')).body);
    const link = new RegExp(`<a href="(/agent/held/${held.id}/files/[0-9a-f-]{36})" download>error\\.png</a> \\(2 KB\\)`).exec(list);
    assert.ok(link, 'the held request lists its file');
    const download = await a.get(link[1]);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/octet-stream');
    assert.deepEqual(new Uint8Array(download.rawPayload), shot);
    // A contact cannot reach it.
    assert.equal((await (await h.session(h.contactA, 'contact')).get(link[1])).statusCode, 403);

    const accepted = await a.post(`/agent/held/${held.id}/accept`, { channel: 'email', note: 'Customer agreed to email' });
    assert.equal(accepted.statusCode, 303);
    const ticketId = ticketIdOf(accepted.headers.location);
    const { rows: files } = await h.desk.t.db.query<{ filename: string; content: Uint8Array; visibility: string; type: string; actor_id: string }>(
      'SELECT f.filename, f.content, e.visibility, e.type, e.actor_id FROM ticket_files f JOIN ticket_events e ON e.id = f.event_id WHERE f.ticket_id = $1',
      [ticketId],
    );
    assert.deepEqual(files.map((f) => [f.filename, f.visibility, f.type, f.actor_id]), [['error.png', 'public', 'files_added', h.agent.id]]);
    assert.deepEqual(new Uint8Array(files[0].content), shot);
  });

  it('dismisses a held request with a note', async () => {
    const growth = await h.newContact('growth');
    const email = (await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [growth.id])).rows[0].email;
    const a = await h.session(h.agent, 'agent');
    assert.equal((await a.post('/agent/tickets/new', { requester: email, channel: 'phone', subject: 'Wrong number', description: 'Not for us.' })).statusCode, 403);
    const id = (await h.desk.t.db.query<{ id: string }>('SELECT id FROM held_requests WHERE requester_id = $1', [growth.id])).rows[0].id;
    const res = await a.post(`/agent/held/${id}/dismiss`, { note: 'Meant for their reseller' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/agent/held?done=dismissed');
    assert.match(main((await a.get('/agent/held?done=dismissed')).body), /Request dismissed\./);
    assert.match(main((await a.get('/agent/held?status=dismissed')).body), /Wrong number[\s\S]*Meant for their reseller/);
    const { rows } = await h.desk.t.db.query<{ status: string; ticket_id: string | null }>('SELECT status, ticket_id FROM held_requests WHERE id = $1', [id]);
    assert.deepEqual(rows[0], { status: 'dismissed', ticket_id: null });
  });

  it('finds tickets by number, requester email and subject words, whatever their status', async () => {
    const a = await h.session(h.agent, 'agent');
    const open = async (subject: string) => ticketIdOf((await a.post('/agent/tickets/new', { requester: emailA, channel: 'email', subject, description: 'Found by search.' })).headers.location);
    const vpn = await open('VPN timeout after upgrade');
    const sdk = await open('SDK crash on start-up');
    await updateTicket({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: vpn, status: 'solved' } });
    const vpnNumber = (await ticketRow(vpn)).number;

    const find = async (query: string) => {
      const res = await a.get(`/agent/search?${query}`);
      assert.equal(res.statusCode, 200);
      return main(res.body);
    };
    const linked = (page: string, id: string) => page.includes(`<a href="/agent/tickets/${id}">`);
    let page = await find(`q=${encodeURIComponent(`#${vpnNumber}`)}`);
    assert.ok(linked(page, vpn) && !linked(page, sdk), 'the number finds that ticket, solved as it is');
    assert.match(page, /<td>Solved<\/td>/);
    page = await find('q=vpn+time');
    assert.ok(linked(page, vpn) && !linked(page, sdk), 'both words begin words of its subject');
    page = await find('q=start');
    assert.ok(linked(page, sdk) && !linked(page, vpn), '"start-up" holds the word "start"');
    page = await find(`q=${encodeURIComponent(emailA.slice(0, emailA.indexOf('@') + 1))}`);
    assert.ok(linked(page, vpn) && linked(page, sdk), "the requester's email");
    page = await find('q=vpn&status=open');
    assert.ok(!linked(page, vpn), 'the status narrows it');
    page = await find('q=%25%40');
    assert.match(page, /No ticket matches\./, 'a % is a character to find, not a wildcard');
    page = await find('q=%3Cscript%3E');
    assert.match(page, /value="&lt;script&gt;"/);
    assert.match(page, /No ticket matches\./);
    page = await find('');
    assert.doesNotMatch(page, /No ticket matches/, 'nothing asked, nothing listed');

    // The ticket page names its requester and lists their other tickets, newest first, solved ones too.
    const ticketPage = main((await a.get(`/agent/tickets/${sdk}`)).body);
    assert.match(ticketPage, new RegExp(`<dt>Requester</dt><dd>Contact \\d+ &lt;<a href="mailto:${emailA.replace('.', '\\.')}">`));
    assert.match(ticketPage, new RegExp(`<h2 id="others-h">Other tickets from Contact \\d+</h2>[\\s\\S]*<a href="/agent/tickets/${vpn}">#${vpnNumber} VPN timeout after upgrade</a>: Solved`));
    assert.doesNotMatch(ticketPage.slice(ticketPage.indexOf('others-h')), new RegExp(`/agent/tickets/${sdk}"`), 'not itself');
  });

  it('finds a customer among many as the agent types, by name or email, with their organization; not someone who left', async () => {
    const org = h.contactA.organizationId;
    const orgName = (await h.desk.t.db.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [org])).rows[0].name;
    for (let i = 1; i <= 12; i++) await createContact({ ctx: h.desk.system, input: { organizationId: org, email: `caller${i}@finder.example`, name: `Caller ${i}` } });
    const zoe = await createContact({ ctx: h.desk.system, input: { organizationId: org, email: 'z.lindqvist@finder.example', name: 'Zoë Lindqvist' } });
    const gone = await createContact({ ctx: h.desk.system, input: { organizationId: org, email: 'left.lindqvist@finder.example', name: 'Olle Lindqvist' } });
    await updateContact({ ctx: h.desk.system, input: { contactId: gone.id, active: false } });
    const a = await h.session(h.agent, 'agent');
    const suggest = async (q: string, organization?: string) => {
      const res = await a.get(`/agent/contacts/suggest?q=${encodeURIComponent(q)}${organization ? `&organization=${organization}` : ''}`, { accept: 'application/json' });
      assert.equal(res.statusCode, 200, q);
      assert.equal(res.headers['cache-control'], 'no-store');
      return (res.json() as { contacts: Array<{ email: string; name: string; organization: string }> }).contacts;
    };
    // By a part of the name, any case; the one deactivated is not offered.
    assert.deepEqual(await suggest('LINDQ'), [{ email: 'z.lindqvist@finder.example', name: 'Zoë Lindqvist', organization: orgName }]);
    // By a part of the email.
    assert.deepEqual((await suggest('z.lind')).map((c) => c.email), ['z.lindqvist@finder.example']);
    // Twelve callers match: ten are suggested (type more to narrow), in the order of their names.
    const ten = (await suggest('caller')).map((c) => c.name);
    assert.equal(ten.length, 10);
    assert.equal(new Set(ten).size, 10);
    for (const name of ten) assert.match(name, /^Caller (1[0-2]|[1-9])$/);
    assert.deepEqual(ten, [...ten].sort((x, y) => x.localeCompare(y, 'en', { numeric: true })));
    assert.deepEqual((await suggest('caller12')).map((c) => c.name), ['Caller 12']);
    assert.deepEqual(await suggest('nobody-by-this-name'), []);
    // Of one organization only (someone else there asks now, on a ticket's page): not another's people.
    const otherOrg = h.contactB.organizationId;
    const sven = await createContact({ ctx: h.desk.system, input: { organizationId: otherOrg, email: 'sven.lindqvist@elsewhere.example', name: 'Sven Lindqvist' } });
    assert.deepEqual((await suggest('lindqvist')).map((c) => c.name).sort(), ['Sven Lindqvist', 'Zoë Lindqvist']);
    assert.deepEqual((await suggest('lindqvist', org)).map((c) => c.name), ['Zoë Lindqvist']);
    assert.deepEqual((await suggest('lindqvist', otherOrg)).map((c) => c.name), ['Sven Lindqvist']);
    assert.equal((await a.get('/agent/contacts/suggest?q=x&organization=nope')).statusCode, 400);
    // Nothing or too much to find: refused, not everyone.
    assert.equal((await a.get('/agent/contacts/suggest?q=')).statusCode, 400);
    assert.equal((await a.get('/agent/contacts/suggest')).statusCode, 400);
    assert.equal((await a.get(`/agent/contacts/suggest?q=${'x'.repeat(201)}`)).statusCode, 400);
    // The field that uses it, and the API's own finding: an agent finds anyone, a contact only its own people.
    assert.match(main((await a.get('/agent/tickets/new')).body), /list="contact-emails" data-find="\/agent\/contacts\/suggest"/);
    const api = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/contacts?q=Lindqvist' });
    assert.deepEqual((api.json() as { items: Array<{ id: string }> }).items.map((c) => c.id).sort(), [zoe.id, gone.id, sven.id].sort(), 'the API lists the deactivated too: it says so on each');
    assert.equal((await h.as(h.contactA.token, { method: 'GET', url: '/api/v1/contacts?q=Lindqvist' })).json().items.length, 2);
    assert.deepEqual((await h.as(h.contactB.token, { method: 'GET', url: '/api/v1/contacts?q=Lindqvist' })).json().items.map((c: { id: string }) => c.id), [sven.id]);
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: `/api/v1/contacts?q=${'x'.repeat(201)}` })).statusCode, 400);
  });

  it('refuses contacts on every desk page, and sends visitors to sign in', async () => {
    const c = await h.session(h.contactA, 'contact');
    for (const url of ['/agent/search?q=1', '/agent/tickets/new', '/agent/held']) assert.equal((await c.get(url)).statusCode, 403, url);
    assert.equal((await c.post('/agent/tickets/new', { requester: emailA, subject: 'x', description: 'y' })).statusCode, 403);
    const v = await h.visitor();
    assert.equal((await v.get('/agent/held')).statusCode, 303);
  });
});
