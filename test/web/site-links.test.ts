// The site's own links and its "not found": the layout links the status page only when the
// active policy publishes one (OpenBack does not, OpenMethods does), and a browser that asks for a
// page nothing serves gets an HTML page in the site's layout, while API clients keep the envelope.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const statusLinks = (html: string) => html.match(/href="\/status"/g)?.length ?? 0;

describe('site links and not-found pages, OpenBack (no status page)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('the FAQ and the release notes lead back to the help centre, as an article does (QA 2026-12-04: they had no way back but the menu)', async () => {
    for (const url of ['/help/faq', '/help/releases']) {
      const res = await h.app.inject({ method: 'GET', url, headers: HTML });
      assert.equal(res.statusCode, 200, url);
      assert.match(res.body, /<p><a href="\/help">Back to the help centre<\/a><\/p>\s*<\/main>/, url);
    }
  });

  it('a search of the help centre leads back to all articles, and a signed-in customer on to opening a case', async () => {
    const visitor = await h.app.inject({ method: 'GET', url: '/help?q=nothing-like-this', headers: HTML });
    assert.match(visitor.body, /<p>No article matches “nothing-like-this”\.<\/p>\s*<p><a href="\/help">All articles<\/a><\/p>/);
    const contact = await (await h.session(h.contactA, 'contact')).get('/help?q=nothing-like-this');
    assert.match(contact.body, /<p><a href="\/help">All articles<\/a> · <a href="\/portal\/cases\/new">Open a case<\/a><\/p>/);
  });

  it('links no status page from any layout: visitor, contact or agent', async () => {
    for (const url of ['/help', '/login', '/policy']) {
      const res = await h.app.inject({ method: 'GET', url, headers: HTML });
      assert.equal(res.statusCode, 200, url);
      assert.equal(statusLinks(res.body), 0, url);
      // A visitor is on the vendor's support site: its name, not the software's (QA: "Accord" everywhere).
      assert.match(res.body, /<footer class="foot"><p>OpenBack support · <a href="\/policy">Support policy<\/a> · <a href="\/help">Help centre<\/a><\/p><\/footer>/, url);
      assert.match(res.body, /<title>[^<]* · OpenBack support<\/title>/, url);
      assert.match(res.body, /<a class="brand" href="\/">OpenBack support<\/a>/, url);
    }
    const contact = await h.session(h.contactA, 'contact');
    const portal = await contact.get('/portal');
    assert.equal(portal.statusCode, 200);
    assert.equal(statusLinks(portal.body), 0);
    assert.doesNotMatch(portal.body, /Service status/);
    assert.match(portal.body, /<title>[^<]* · OpenBack support<\/title>/);
    const agent = await h.session(h.agent, 'agent');
    const desk = (await agent.get('/agent')).body;
    assert.equal(statusLinks(desk), 0);
    // The team's pages are the desk software's.
    assert.match(desk, /<title>[^<]* · Accord<\/title>/);
    assert.match(desk, /<footer class="foot"><p>Accord support desk · /);
  });

  it('shows a contact the training-hours section only once its organization has hours on the ledger', async () => {
    const contact = await h.session(h.contactA, 'contact');
    // OpenBack promises no training hours: no section, no "0 hours".
    const before = (await contact.get('/portal')).body;
    assert.doesNotMatch(before, /Training hours/);
    assert.doesNotMatch(before, /0 hours/);
    // A manager enters contract hours (the desk's clock: Wed 2 Dec 2026).
    const grant = await h.app.inject({
      method: 'POST', url: `/api/v1/organizations/${h.contactA.organizationId}/training/grants`,
      headers: { authorization: `Bearer ${h.manager.token}`, 'content-type': 'application/json' },
      payload: { source: 'contract', hours: 6, reason: 'Onboarding contract', valid_from: '2026-01-01', valid_until: '2026-12-31' },
    });
    assert.equal(grant.statusCode, 201, grant.body);
    const after = (await contact.get('/portal')).body;
    assert.match(after, /<h2 id="training-h">Training hours<\/h2>/);
    assert.match(after, /Balance on 2026-12-02: <strong>6 hours<\/strong>/);
    assert.match(after, /<td>Your contract<\/td><td>2026-01-01 to 2026-12-31<\/td><td>6<\/td><td>6<\/td>/);
  });

  it('answers a browser asking for /status with the site\'s "not found" page, and an API client with the envelope', async () => {
    const page = await h.app.inject({ method: 'GET', url: '/status', headers: HTML });
    assert.equal(page.statusCode, 404);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.body, /<h1>Not found<\/h1>\s*<p>This support policy has no status page<\/p>/);
    assert.match(page.body, /<footer class="foot">/);
    const api = await h.app.inject({ method: 'GET', url: '/status', headers: { accept: 'application/json' } });
    assert.equal(api.statusCode, 404);
    assert.deepEqual({ ...(api.json() as object), requestId: 'x' }, { code: 'not_found', message: 'This support policy has no status page', details: [], requestId: 'x' });
  });

  it('answers a browser\'s navigation to a path nothing serves with a page, everything else with the envelope', async () => {
    const page = await h.app.inject({ method: 'GET', url: '/agent/tickets?x=1', headers: HTML });
    assert.equal(page.statusCode, 404);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, /<h1>Not found<\/h1>\s*<p>There is no page at \/agent\/tickets\.<\/p>/);
    assert.equal(page.headers['x-request-id'] !== undefined, true);
    // Not navigations: no Accept for HTML, a POST, a path under /api/.
    const plain = await h.app.inject({ method: 'GET', url: '/agent/tickets' });
    assert.equal(plain.statusCode, 404);
    assert.equal(plain.json().message, 'No route for GET /agent/tickets');
    const posted = await h.app.inject({ method: 'POST', url: '/agent/tickets', headers: HTML, payload: 'a=1' });
    assert.equal(posted.statusCode, 404);
    assert.equal(posted.json().code, 'not_found');
    const api = await h.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: HTML });
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().message, 'No route for GET /api/v1/nothing-here');
  });

  it('shows the path it could not find as text, and the signed-in person in the header', async () => {
    // A client percent-encodes quotes and angle brackets; '&' and "'" it sends as they are.
    const res = await h.app.inject({ method: 'GET', url: "/a&b'c\"><script>", headers: HTML });
    assert.equal(res.statusCode, 404);
    assert.doesNotMatch(res.body, /<script>/);
    assert.match(res.body, /There is no page at \/a&amp;b&#39;c%22%3E%3Cscript%3E\./);
    assert.match(res.body, /Sign in<\/a>/);
    const agent = await h.session(h.agent, 'agent');
    const signedIn = await h.app.inject({ method: 'GET', url: '/agent/nothing', headers: { ...HTML, cookie: agent.cookie } });
    assert.equal(signedIn.statusCode, 404);
    assert.match(signedIn.body, /Sign out<\/button>/);
    assert.match(signedIn.body, /<a href="\/agent">Queues<\/a>/);
  });
});

describe('site links, OpenMethods (a status page)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openmethods', 'premium');
  });
  after(() => h.close());

  it('links the status page from the visitor\'s and the contact\'s layout, and from the portal', async () => {
    const help = await h.app.inject({ method: 'GET', url: '/help', headers: HTML });
    assert.equal(help.statusCode, 200);
    // The header's link and the footer's.
    assert.equal(statusLinks(help.body), 2);
    const contact = await h.session(h.contactA, 'contact');
    const portal = await contact.get('/portal');
    assert.equal(portal.statusCode, 200);
    // Header, the portal's own line ("Service status"), footer.
    assert.equal(statusLinks(portal.body), 3);
    assert.match(portal.body, /<a href="\/status">Service status<\/a>/);
    const status = await h.app.inject({ method: 'GET', url: '/status', headers: HTML });
    assert.equal(status.statusCode, 200);
  });
});
