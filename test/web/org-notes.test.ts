// What the team knows about a customer, OpenBack: notes on an organization (internal: agents read
// them on its tickets, its contacts never do), set by managers over the API or on the admin
// page; and the requester's own time, shown on the ticket when they gave their time zone (the
// desk's clock: Wednesday 2 December 2026 10:00 UTC, 05:00 in New York).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('what the team knows about a customer, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('notes on an organization: managers set them, agents read them on its tickets, its contacts never do', async () => {
    const org = h.contactA.organizationId;
    assert.equal((await h.as(h.agent.token, { method: 'PATCH', url: `/api/v1/organizations/${org}`, payload: { notes: 'x' } })).statusCode, 403);
    const set = await h.as(h.manager.token, { method: 'PATCH', url: `/api/v1/organizations/${org}`, payload: { notes: 'On-prem install <v4>.\r\nCall Dana before any restart.' } });
    assert.equal(set.statusCode, 200);
    assert.equal(set.json().notes, 'On-prem install <v4>.\nCall Dana before any restart.');
    const asAgent = (await h.as(h.agent.token, { method: 'GET', url: '/api/v1/organizations?limit=200' })).json().items.find((o: { id: string }) => o.id === org);
    assert.equal(asAgent.notes, 'On-prem install <v4>.\nCall Dana before any restart.');
    assert.equal((await h.as(h.contactA.token, { method: 'GET', url: '/api/v1/organizations' })).json().items[0].notes, null, 'never to its contacts');

    const t = await openTicket(h, h.contactA, { subject: 'Restart needed', severity: 3 });
    const a = await h.session(h.agent, 'agent');
    assert.match(main((await a.get(`/agent/tickets/${t.id}`)).body), /<dt>About them <small>\(internal\)<\/small><\/dt><dd class="org-notes" id="org-notes">On-prem install &lt;v4&gt;\.\nCall Dana before any restart\.<\/dd>/);
    const c = await h.session(h.contactA, 'contact');
    assert.doesNotMatch((await c.get(`/portal/cases/${t.id}`)).body, /On-prem|Call Dana/);
    assert.doesNotMatch((await c.get('/portal')).body, /On-prem|Call Dana/);

    // The admin page: emptied, none.
    const admin = await h.session(h.admin, 'agent');
    assert.match(main((await admin.get('/admin/organizations')).body), new RegExp(`<textarea id="notes-${org}" name="notes" rows="2" maxlength="5000">On-prem install &lt;v4&gt;\\.`));
    assert.equal((await admin.post(`/admin/organizations/${org}/notes`, { notes: '  ' })).statusCode, 303);
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: '/api/v1/organizations?limit=200' })).json().items.find((o: { id: string }) => o.id === org).notes, null);
    assert.doesNotMatch(main((await a.get(`/agent/tickets/${t.id}`)).body), /id="org-notes"/);
  });

  it("shows the requester's own time on the ticket when they gave their time zone", async () => {
    const t = await openTicket(h, h.contactA, { subject: 'When can we call?', severity: 3 });
    const a = await h.session(h.agent, 'agent');
    assert.doesNotMatch(main((await a.get(`/agent/tickets/${t.id}`)).body), /id="requester-time"/);
    await h.as(h.contactA.token, { method: 'PATCH', url: '/api/v1/me', payload: { time_zone: 'America/New_York' } });
    assert.match(main((await a.get(`/agent/tickets/${t.id}`)).body), /<dt>Requester's time<\/dt><dd id="requester-time">Wed Dec 2 2026 05:00 AM EST<\/dd>/);
    const email = (await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactA.id])).rows[0].email;
    const listed = (await h.as(h.agent.token, { method: 'GET', url: `/api/v1/contacts?email=${encodeURIComponent(email)}` })).json().items;
    assert.deepEqual(listed.map((c: { id: string; time_zone: string }) => [c.id, c.time_zone]), [[h.contactA.id, 'America/New_York']]);
  });

  it('a customer at a glance: plan, notes, designated people, contacts with their own time, and tickets; another organization\'s contact is refused', async () => {
    const org = h.contactA.organizationId;
    await h.as(h.manager.token, { method: 'PATCH', url: `/api/v1/organizations/${org}`, payload: { notes: 'Key account.' } });
    const t = await openTicket(h, h.contactA, { subject: 'Glance at me', severity: 2 });
    const a = await h.session(h.agent, 'agent');
    assert.match(main((await a.get(`/agent/tickets/${t.id}`)).body), new RegExp(`<dt>Organization</dt><dd><a href="/agent/organizations/${org}">`));
    const page = main((await a.get(`/agent/organizations/${org}`)).body);
    assert.match(page, /<dt>Plan<\/dt><dd>Enterprise <small>/);
    assert.match(page, /<p class="org-notes" id="org-notes">Key account\.<\/p>/);
    assert.match(page, /<dt>Designated Customer Success Manager<\/dt><dd>None designated \(the plan includes one\)<\/dd>/);
    // contact A chose New York in the test above: their own time is beside them.
    assert.match(page, /\(named contact\)<\/small> <small>\(America\/New_York: Wed Dec 2 2026 05:00 AM EST\)<\/small>/);
    assert.match(page, new RegExp(`<a href="/agent/tickets/${t.id}">#\\d+ Glance at me</a>`));
    // Their open tickets one click away, in the queue filtered to them (and there, it is listed).
    assert.match(page, new RegExp(`<p id="org-queue"><a href="/agent\\?organization=${org}">Their open tickets in the queue</a>, most urgent first · <a href="/agent/search\\?organization=${org}">find among theirs</a></p>`));
    assert.match(main((await a.get(`/agent?organization=${org}`)).body), new RegExp(`<a href="/agent/tickets/${t.id}">#\\d+ Glance at me</a>`));
    assert.equal((await a.get('/agent/organizations/00000000-0000-4000-8000-000000000000')).statusCode, 404);
    // The API: agents read it with its notes; its own contact without; another organization's contact not at all.
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: `/api/v1/organizations/${org}` })).json().notes, 'Key account.');
    assert.equal((await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/organizations/${org}` })).json().notes, null);
    assert.equal((await h.as(h.contactB.token, { method: 'GET', url: `/api/v1/organizations/${org}` })).statusCode, 404);
  });

  it("the organization's page says in words what its new tickets get: onboarding, the plan served on and why, and unmet requirements in the policy's words", async () => {
    const org = h.contactA.organizationId;
    const a = await h.session(h.agent, 'agent');
    const page = async () => main((await a.get(`/agent/organizations/${org}`)).body);
    assert.match(await page(), /<dt>Onboarding<\/dt><dd>Complete<\/dd>/);
    assert.doesNotMatch(await page(), /served-on|unmet-requirements/);
    // A new Enterprise customer not yet onboarded, without the SDK (OpenBack's two additional terms).
    await h.desk.t.db.query(`UPDATE organizations SET onboarding_state = 'incomplete', existing_customer = false, unmet_requirements = '["sdk-included"]' WHERE id = $1`, [org]);
    const shown = await page();
    assert.match(shown, /<dt>Onboarding<\/dt><dd>Not complete<\/dd>/);
    assert.match(shown, /<dt>New tickets served on<\/dt><dd id="served-on">Growth <small>\(onboarding not complete\)<\/small><\/dd>/);
    assert.match(shown, /<ul id="unmet-requirements"><li>“Notwithstanding the support package level specified in an OpenBack Platform Agreement and purchased by a customer, OpenBack will not provide any technical support to customers who do not include the OpenBack provided SDK within their mobile applications for use in connection with the OpenBack SaaS product\.” <small>\(so: no technical support\)<\/small><\/li><\/ul>/);
    assert.doesNotMatch(shown, /sdk-included|incomplete/);
    await h.desk.t.db.query(`UPDATE organizations SET onboarding_state = 'complete', unmet_requirements = '[]' WHERE id = $1`, [org]);
  });
});
