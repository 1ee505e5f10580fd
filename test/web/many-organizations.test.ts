// A desk with more customers than one page of 200 (OpenBack): the admins' organizations page is
// found by name and paged, with each organization's people; the queue names and filters by any
// organization; the API finds organizations by name. (Before: the pages read the first 200
// organizations and 200 contacts, and the rest went unnamed or unlisted.)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createContact, createOrganization, updateOrganization } from '../../src/customers/index.ts';
import { createTicket } from '../../src/tickets/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

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
    // The new contact may join any organization: named as typed, not chosen from a list of them all.
    assert.match(main(one), /<input id="c-org" name="organization" required maxlength="200" list="c-org-names" data-find="\/agent\/organizations\/suggest"/);
    assert.doesNotMatch(main(one), new RegExp(`<option value="${ids[299]}">`));
    assert.equal((await admin.post('/admin/contacts', { organization: name(300), name: 'Cy Threehundred', email: 'cy@customer300.example', invite: '' })).statusCode, 303);
    assert.equal((await h.desk.t.db.query<{ organization_id: string }>("SELECT organization_id FROM contacts WHERE email = 'cy@customer300.example'")).rows[0].organization_id, ids[299]);
    const nowhere = await admin.post('/admin/contacts', { organization: 'Customer 3000', name: 'Dee', email: 'dee@nowhere.example' });
    assert.equal(nowhere.statusCode, 400);
    assert.match(main(nowhere.body), /<li><strong>Organization<\/strong> “Customer 3000” is no organization(&#39;|')s name, nor part of one<\/li>/);
    assert.match(main((await admin.post('/admin/contacts', { organization: ' ', name: 'Dee', email: 'dee@nowhere.example' })).body), /<li><strong>Organization<\/strong> is required: the organization(&#39;|')s name<\/li>/);

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

  it('the queue names the 260th organization and filters by it: by its name, a part only it has, or its id; no list of every organization', async () => {
    const a = await h.session(h.agent, 'agent');
    const queue = main((await a.get('/agent')).body);
    assert.match(queue, new RegExp(`<td><a href="/agent/organizations/${late.orgId}">${name(260)}</a></td>`), "each row links to its organization's page");
    // Not a list of every organization of the desk: a field that suggests names as they are typed.
    assert.doesNotMatch(queue, new RegExp(`<option value="${late.orgId}">`));
    assert.match(queue, /<input id="f-org" name="organization" type="search" maxlength="200" size="16" list="org-names" data-find="\/agent\/organizations\/suggest" autocomplete="off" aria-describedby="f-org-hint" value="">/);
    const filtered = async (organization: string) => {
      const res = await a.get(`/agent?organization=${encodeURIComponent(organization)}`);
      assert.equal(res.statusCode, 200, `${organization}: ${res.body.slice(0, 200)}`);
      const page = main(res.body);
      assert.match(page, /Printing fails/, organization);
      // The field shows the organization's name; the page's links carry its id.
      assert.match(page, new RegExp(`id="f-org" [^>]*value="${name(260)}">`), organization);
      assert.match(page, new RegExp(`<input type="hidden" name="back" value="/agent\\?organization=${late.orgId}">`), organization);
      return page;
    };
    await filtered(late.orgId);
    await filtered(name(260));
    await filtered(name(260).toUpperCase());
    await filtered('  customer 260 ');
    // "r 26" is part of Customer 260 to 269: a part several names hold is refused, naming them.
    const several = await a.get('/agent?organization=r%2026');
    assert.equal(several.statusCode, 400);
    assert.match(main(several.body), /<li><strong>Organization<\/strong> “r 26” could be Customer 260, Customer 261, Customer 262, Customer 263, Customer 264, Customer 265, Customer 266, Customer 267, Customer 268, Customer 269: type one whole name<\/li>/);
    // "r 2" is part of a hundred (200 to 299): the first ten added are named, and there are more.
    assert.match(main((await a.get('/agent?organization=r%202')).body), /<li><strong>Organization<\/strong> “r 2” could be Customer 200, Customer 201, Customer 202, Customer 203, Customer 204, Customer 205, Customer 206, Customer 207, Customer 208, Customer 209 or more: type one whole name<\/li>/);
    const none = await a.get('/agent?organization=Umbrella&severity=9');
    assert.equal(none.statusCode, 400);
    assert.deepEqual([...main(none.body).matchAll(/<li><strong>([^<]+)<\/strong> ([^<]+)<\/li>/g)].map((m) => [m[1], m[2]]), [
      ['Severity', 'is not one of this policy&#39;s severities (1: Critical, 2: Major, 3: Minor, 4: Enhancement)'],
      ['Organization', '“Umbrella” is no organization&#39;s name, nor part of one'],
    ]);
    // Two organizations called the same: the name alone cannot say which.
    await createOrganization({ ctx: h.desk.ctx(h.desk.admin), input: { name: 'Twin Peaks', planId: 'pro' } });
    await createOrganization({ ctx: h.desk.ctx(h.desk.admin), input: { name: 'twin peaks', planId: 'growth' } });
    assert.match(main((await a.get('/agent?organization=Twin%20Peaks')).body), /<li><strong>Organization<\/strong> “Twin Peaks” is the name of more than one organization: open the one you mean from its page \(a ticket of theirs links to it\)<\/li>/);
    assert.equal((await a.get(`/agent?organization=${'x'.repeat(201)}`)).statusCode, 400);

    // The finder: names holding what is typed, any case, in order, with their plan; ten at most.
    const suggest = async (q: string) => (await a.get(`/agent/organizations/suggest?q=${encodeURIComponent(q)}`)).json() as { organizations: Array<{ name: string; plan: string }> };
    assert.deepEqual(await suggest('CUSTOMER 26'), { organizations: Array.from({ length: 10 }, (_, i) => ({ name: name(260 + i), plan: 'Enterprise' })) });
    assert.deepEqual(await suggest('twin'), { organizations: [{ name: 'Twin Peaks', plan: 'Pro' }, { name: 'twin peaks', plan: 'Growth' }].sort((x, y) => x.name.localeCompare(y.name, 'en', { numeric: true })) });
    assert.deepEqual(await suggest('nobody'), { organizations: [] });
    assert.equal((await a.get('/agent/organizations/suggest?q=')).statusCode, 400);
    const c = await h.session(h.contactA, 'contact');
    assert.equal((await c.get('/agent/organizations/suggest?q=customer')).statusCode, 403);

    // Its ticket page names it, with the team's notes about it.
    const page = main((await a.get(`/agent/tickets/${late.ticketId}`)).body);
    assert.match(page, new RegExp(`<dt>Organization</dt><dd><a href="/agent/organizations/${late.orgId}">${name(260)}</a></dd>`));
    assert.match(page, /<dd class="org-notes" id="org-notes">Call before restarts\.<\/dd>/);
  });

  it('finding tickets takes the organization by name too; the export the same', async () => {
    const a = await h.session(h.agent, 'agent');
    const found = main((await a.get('/agent/search?organization=customer%20260')).body);
    assert.match(found, /Printing fails/);
    assert.match(found, new RegExp(`id="s-org" [^>]*value="${name(260)}">`));
    assert.match(found, new RegExp(`href="/agent/search.csv\\?organization=${late.orgId}"`));
    const csv = await a.get(`/agent/search.csv?organization=${encodeURIComponent(name(260))}`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.body, new RegExp(`Printing fails,${name(260)},bo@customer260\\.example`));
    const refused = await a.get('/agent/search?organization=Umbrella');
    assert.equal(refused.statusCode, 400);
    assert.match(main(refused.body), /<li><strong>Organization<\/strong> “Umbrella” is no organization&#39;s name, nor part of one<\/li>/);
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
