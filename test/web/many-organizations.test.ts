// A desk with more customers than one page of 200 (OpenBack): the admins' organizations page is
// found by name and paged, with each organization's people; the queue names and filters by any
// organization; the API finds organizations by name. (Before: the pages read the first 200
// organizations and 200 contacts, and the rest went unnamed or unlisted.)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createContact, createOrganization, updateOrganization } from '../../src/customers/index.ts';
import { createTicket } from '../../src/tickets/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';

const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
const sections = (html: string) => [...main(html).matchAll(/<h3 id="org-[0-9a-f-]+">([^<]+)<\/h3>/g)].map((m) => m[1]);
const nextLink = (html: string) => /<a href="([^"]+)" rel="next">/.exec(main(html))?.[1].replaceAll('&amp;', '&');
const name = (n: number) => `Customer ${String(n).padStart(3, '0')}`;

describe('a desk with 300 more organizations (OpenBack)', () => {
  let h: WebApp;
  let already = 0;
  const ids: string[] = [];
  let late: { contactId: string; orgId: string; ticketId: string };
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
    already = Number((await h.desk.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM organizations')).rows[0].n);
    const ctx = h.desk.ctx(h.desk.admin);
    for (let i = 1; i <= 300; i++) {
      h.desk.clock.advance({ seconds: 1 });
      ids.push((await createOrganization({ ctx, input: { name: name(i), planId: 'enterprise', onboardingState: 'complete' } })).id);
    }
    // A person at the 30th (on the second page) and at the 260th, who asks for help.
    await createContact({ ctx, input: { organizationId: ids[29], email: 'ada@customer030.example', name: 'Ada Thirty' } });
    const c = await createContact({ ctx, input: { organizationId: ids[259], email: 'bo@customer260.example', name: 'Bo Twosixty', namedContact: true } });
    const t = await createTicket({ ctx: h.desk.ctx({ kind: 'contact', id: c.id, organizationId: ids[259] }), input: { subject: 'Printing fails', description: 'x', severity: 3 } });
    late = { contactId: c.id, orgId: ids[259], ticketId: t.id };
    await updateOrganization({ ctx, input: { organizationId: ids[259], notes: 'Call before restarts.' } });
  });
  after(() => h.close());

  it('the admins page counts them all, shows 25 a page oldest first, and offers every one for a new contact', async () => {
    const admin = await h.session(h.admin, 'agent');
    const one = (await admin.get('/admin/organizations')).body;
    const total = already + 300;
    assert.match(main(one), new RegExp(`<p id="orgs-count">${total} organizations, oldest first, 25 on this page\\.</p>`));
    const first = sections(one);
    assert.equal(first.length, 25);
    assert.equal(first.at(-1), name(25 - already), 'oldest first: the desk\'s own, then ours in order');
    const choices = /<select id="c-org" name="organization">([\s\S]*?)<\/select>/.exec(main(one))![1];
    assert.equal([...choices.matchAll(/<option /g)].length, total, 'the new contact may join any organization');
    assert.match(choices, new RegExp(`<option value="${ids[299]}">${name(300)}</option>`));

    const two = (await admin.get(nextLink(one)!)).body;
    assert.deepEqual(sections(two), Array.from({ length: 25 }, (_, i) => name(26 - already + i)));
    assert.match(main(two), /Ada Thirty &lt;ada@customer030\.example&gt;/, 'each organization with its people');
    assert.match(main(two), /<a href="\/admin\/organizations" rel="prev">Previous page<\/a>/);
  });

  it('finds an organization by name, any case', async () => {
    const admin = await h.session(h.admin, 'agent');
    const found = main((await admin.get('/admin/organizations?q=customer%2027')).body);
    assert.deepEqual(sections(found), Array.from({ length: 10 }, (_, i) => name(270 + i)), 'not Customer 027: the words as typed');
    assert.match(found, /<p id="orgs-found">Organizations whose name holds “customer 27”\.<\/p>/);
    assert.match(main((await admin.get('/admin/organizations?q=nobody')).body), /<p id="orgs-found">No organization(&#39;|')s name holds “nobody”\.<\/p>/);
    assert.equal((await admin.get(`/admin/organizations?q=${'x'.repeat(201)}`)).statusCode, 400);
    const agent = await h.session(h.agent, 'agent');
    assert.equal((await agent.get('/admin/organizations?q=customer')).statusCode, 403);
  });

  it('the queue names the 260th organization and filters by it', async () => {
    const a = await h.session(h.agent, 'agent');
    const queue = main((await a.get('/agent')).body);
    assert.match(queue, new RegExp(`<option value="${late.orgId}">${name(260)}</option>`));
    assert.match(queue, new RegExp(`<td>${name(260)}</td>`));
    const only = main((await a.get(`/agent?organization=${late.orgId}`)).body);
    assert.match(only, /Printing fails/);
    // Its ticket page names it, with the team's notes about it.
    const page = main((await a.get(`/agent/tickets/${late.ticketId}`)).body);
    assert.match(page, new RegExp(`<dt>Organization</dt><dd><a href="/agent/organizations/${late.orgId}">${name(260)}</a></dd>`));
    assert.match(page, /<dd class="org-notes" id="org-notes">Call before restarts\.<\/dd>/);
  });

  it('the API finds organizations by name; a contact still sees only its own', async () => {
    const got = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/organizations?q=CUSTOMER%2029&limit=200' });
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.json().items.map((o: { name: string }) => o.name), Array.from({ length: 10 }, (_, i) => name(290 + i)));
    const own = await h.as(h.contactA.token, { method: 'GET', url: '/api/v1/organizations?q=customer' });
    assert.deepEqual(own.json().items, [], 'its own organization is not called "customer"');
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: `/api/v1/organizations?q=${'x'.repeat(201)}` })).statusCode, 400);
  });
});
