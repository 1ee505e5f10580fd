// The customer's list of their organization's cases, OpenBack: found by number or words, by
// status, or only one's own (asked, or copied on); a filter that matches nothing says so.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken } from '../../src/customers/index.ts';
import { addReply, createTicket, updateTicket } from '../../src/tickets/index.ts';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const listed = (html: string) => [...main(html).matchAll(/<a href="\/portal\/cases\/[0-9a-f-]+">#\d+ ([^<]+)<\/a>/g)].map((m) => m[1]);

describe("the customer's cases, found, OpenBack", () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
    const colleague = randomUUID();
    await h.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, true, $5)', [
      colleague, h.contactA.organizationId, `coll-${colleague.slice(0, 8)}@customer.example`, 'Colleague', h.desk.clock.now(),
    ]);
    await openTicket(h, h.contactA, { subject: 'Export stuck at 99%', severity: 3 });
    h.desk.clock.advance({ minutes: 1 });
    const solved = await openTicket(h, h.contactA, { subject: 'Login loop after upgrade', severity: 3 });
    await updateTicket({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: solved.id, status: 'solved' } });
    h.desk.clock.advance({ minutes: 1 });
    await createTicket({ ctx: h.desk.ctx({ kind: 'contact', id: colleague, organizationId: h.contactA.organizationId }), input: { subject: 'Export of invoices', description: 'x', severity: 3 } });
    await openTicket(h, h.contactB, { subject: 'Export elsewhere', severity: 3 });
  });
  after(() => h.close());

  it('lists the organization\'s cases, and finds them by words, status and one\'s own', async () => {
    const c = await h.session(h.contactA, 'contact');
    assert.deepEqual(listed((await c.get('/portal')).body), ['Export of invoices', 'Login loop after upgrade', 'Export stuck at 99%'], 'newest first, never another organization\'s');
    assert.deepEqual(listed((await c.get('/portal?q=export')).body), ['Export of invoices', 'Export stuck at 99%']);
    assert.deepEqual(listed((await c.get('/portal?q=export&mine=1')).body), ['Export stuck at 99%']);
    assert.deepEqual(listed((await c.get('/portal?status=solved')).body), ['Login loop after upgrade']);
    assert.deepEqual(listed((await c.get('/portal?status=&q=')).body).length, 3, 'empty fields filter nothing');
    const page = main((await c.get('/portal?status=solved&mine=1')).body);
    assert.match(page, /<option value="solved" selected>Solved<\/option>/);
    assert.match(page, /<input type="checkbox" name="mine" value="1" checked>/);
    assert.match(page, /<a href="\/portal">All cases<\/a>/);
    const none = main((await c.get('/portal?q=nothing-like-this')).body);
    assert.match(none, /<p id="no-cases">No case matches\.<\/p>/);
    assert.equal((await c.get('/portal?status=lost')).statusCode, 400);
  });

  it('a case solved after an ETA was given says when it was resolved, not the ETA, on the list and on its page', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Reports slow after the ETA', severity: 3 });
    const agent = h.desk.ctx(h.desk.agent);
    await addReply({ ctx: agent, input: { ticketId: t.id, body: 'A fix is on its way.', eta: '2026-12-04T12:00:00Z' } });
    const c = await h.session(h.contactA, 'contact');
    const row = (html: string) => new RegExp(`<tr><td><a href="/portal/cases/${t.id}">[\\s\\S]*?</tr>`).exec(main(html))?.[0] ?? '';
    // In the plan's zone, London, on GMT in December.
    assert.match(row((await c.get('/portal')).body), /<td>Fri 4 Dec 2026 12:00 GMT<\/td><\/tr>$/);
    assert.match(main((await c.get(`/portal/cases/${t.id}`)).body), /<dt>Estimated resolution<\/dt><dd>Fri 4 Dec 2026 12:00 GMT/);
    h.desk.clock.advance({ hours: 2 });
    await updateTicket({ ctx: agent, input: { ticketId: t.id, status: 'solved' } });
    // London is on GMT in December: the UTC wall time, named GMT.
    const solvedAt = h.desk.clock.now().toString().slice(11, 16);
    assert.match(row((await c.get('/portal')).body), /<td>Solved<\/td><td>[^<]+<\/td><td>—<\/td><\/tr>$/);
    const page = main((await c.get(`/portal/cases/${t.id}`)).body);
    assert.match(page, new RegExp(`<dt>Resolved</dt><dd>[A-Z][a-z]{2} \\d{1,2} Dec 2026 ${solvedAt} GMT</dd>`));
    // The facts no longer give the ETA (the conversation still says it was given).
    assert.doesNotMatch(/<dl class="facts">[\s\S]*?<\/dl>/.exec(page)?.[0] ?? '', /Estimated resolution|4 Dec 2026 12:00/);
  });

  it('a refusal whose form is gone (solved meanwhile) is shown at the top of the case, not lost', async () => {
    // QA 2026-12-04: "It is solved" pressed on a case the team had solved since answered 409 and said nothing.
    const t = await openTicket(h, h.contactA, { subject: 'Solved in another tab', severity: 3 });
    const c = await h.session(h.contactA, 'contact');
    await updateTicket({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: t.id, status: 'solved' } });
    const res = await c.post(`/portal/cases/${t.id}/solve`, {});
    assert.equal(res.statusCode, 409);
    assert.match(main(res.body), /<h1>Case #\d+: Solved in another tab<\/h1>\s*<div class="flash error" role="alert" id="page-error">\s*<p>this ticket is solved already<\/p>/);
  });

  it('the requester copies a colleague on their case by email; a colleague copied may not change who is; an unknown email is refused naming it', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Copy my colleague', severity: 3 });
    const c = await h.session(h.contactA, 'contact');
    assert.match(main((await c.get(`/portal/cases/${t.id}`)).body), /<label for="cc-emails">Colleagues copied on this case/);
    const colleague = (await h.desk.t.db.query<{ id: string; email: string }>("SELECT id, email FROM contacts WHERE name = 'Colleague'")).rows[0];
    const refused = await c.post(`/portal/cases/${t.id}/ccs`, { emails: `${colleague.email}, stranger@elsewhere.example` });
    assert.equal(refused.statusCode, 400);
    assert.match(main(refused.body), /id="ccs-error"[\s\S]*stranger@elsewhere\.example is not a contact of your organization/);
    assert.match(main(refused.body), /<input id="cc-emails" name="emails" value="[^"]*stranger@elsewhere\.example">/, 'what was typed is kept');
    assert.equal((await c.post(`/portal/cases/${t.id}/ccs`, { emails: colleague.email })).headers.location, `/portal/cases/${t.id}?done=ccs`);
    assert.match(main((await c.get(`/portal/cases/${t.id}?done=ccs`)).body), /<dt>Copied<\/dt><dd>Colleague<\/dd>/);
    // The API: the colleague copied may not change who is; another organization's contact does not see the case.
    const cToken = (await createApiToken({ ctx: h.desk.ctx(h.desk.admin), input: { contactId: colleague.id } })).token;
    assert.equal((await h.as(cToken, { method: 'PUT', url: `/api/v1/tickets/${t.id}/ccs`, payload: { contact_ids: [] } })).statusCode, 403);
    assert.equal((await h.as(h.contactB.token, { method: 'PUT', url: `/api/v1/tickets/${t.id}/ccs`, payload: { contact_ids: [] } })).statusCode, 404);
    const cleared = await h.as(h.contactA.token, { method: 'PUT', url: `/api/v1/tickets/${t.id}/ccs`, payload: { contact_ids: [] } });
    assert.equal(cleared.statusCode, 200);
    assert.deepEqual(cleared.json().ccs, []);
  });

  it("'mine' is the cases one asks and the cases one is copied on; the API's involving says the same", async () => {
    const colleague = (await h.desk.t.db.query<{ id: string }>("SELECT id FROM contacts WHERE name = 'Colleague'")).rows[0];
    const stuck = (await h.desk.t.db.query<{ id: string }>("SELECT id FROM tickets WHERE subject = 'Export stuck at 99%'")).rows[0];
    await h.as(h.contactA.token, { method: 'PUT', url: `/api/v1/tickets/${stuck.id}/ccs`, payload: { contact_ids: [colleague.id] } });
    const c = await h.session({ id: colleague.id, token: '', organizationId: h.contactA.organizationId }, 'contact');
    assert.deepEqual(listed((await c.get('/portal?q=export&mine=1')).body), ['Export of invoices', 'Export stuck at 99%']);
    assert.match(main((await c.get('/portal?mine=1')).body), /<input type="checkbox" name="mine" value="1" checked> Only mine \(I asked, or I am copied\)<\/label>/);
    const api = await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets?involving=${colleague.id}` });
    assert.deepEqual(api.json().items.map((t: { subject: string }) => t.subject), ['Export of invoices', 'Export stuck at 99%']);
  });

  it('a contact downloads a copy of what the desk holds about them from their settings page, without internal notes', async () => {
    const c = await h.session(h.contactA, 'contact');
    assert.match(main((await c.get('/portal/settings')).body), /<a href="\/portal\/settings\/personal-data" download>Download it \(JSON\)<\/a>/);
    const copy = await c.get('/portal/settings/personal-data');
    assert.equal(copy.statusCode, 200);
    assert.match(String(copy.headers['content-disposition']), /^attachment; filename="my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = JSON.parse(copy.body);
    const email = (await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactA.id])).rows[0].email;
    assert.deepEqual([data.contact.email, data.internal_included], [email, false]);
    assert.ok(data.tickets_opened.some((t: { subject: string }) => t.subject === 'Export stuck at 99%'));
    const api = await h.as(h.contactA.token, { method: 'GET', url: '/api/v1/me/personal-data' });
    assert.deepEqual([api.statusCode, api.json().contact.id], [200, h.contactA.id]);
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: '/api/v1/me/personal-data' })).statusCode, 403);
  });
});
