// Hostile text through every input reaches the pages as text, never as markup: ticket subjects
// and descriptions, replies, internal notes, organization names and article titles and bodies,
// for each of the script-injection payloads in xss-payloads.ts. And every page carries the
// security headers: a CSP without inline script, nosniff, frame denial; exports download.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createArticle } from '../../src/kb/index.ts';
import { createTicket, addNote, addReply } from '../../src/tickets/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { XSS_PAYLOADS } from './xss-payloads.ts';

/**
 * Markup a payload could have smuggled into a page: a script element, an event handler, a script
 * URL, or an element that runs or loads content. Escaped text holds no "<", so every tag matched
 * here is real markup.
 */
// The layout's own elements of those kinds (the CSRF token's value is random).
const LAYOUT_TAGS = /^(?:<meta charset="utf-8">|<meta name="viewport" content="width=device-width, initial-scale=1">|<meta name="csrf-token" content="[A-Za-z0-9_-]*">|<link rel="stylesheet" href="\/assets\/app.css">|<link rel="icon" href="\/assets\/favicon.svg" type="image\/svg\+xml">|<body(?: data-now="[0-9TZ:.-]+")?>|<svg class="chart" [^>]*>|<details>)$/;

const OWN_SCRIPTS = new Set(['<script src="/assets/app.js" defer>', '<script src="/assets/forms.js" defer>']);

function injected(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.match(/<[a-zA-Z][^>]*>/g) ?? []) {
    if (tag.slice(1).includes('<')) found.push(tag);
    // The only scripts a page loads are Accord's own files.
    if (/^<script\b/i.test(tag) && !OWN_SCRIPTS.has(tag)) found.push(tag);
    for (const [, name, raw = ''] of tag.matchAll(/\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      // As a browser reads it: character references decoded, tabs and newlines inside a URL ignored.
      const value = raw
        .replace(/^["']|["']$/g, '')
        .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
        .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
        .replace(/[\s\u0000-\u001f]/g, '');
      if (/^on/i.test(name) || /^style$/i.test(name)) found.push(tag);
      if (/^(?:href|src|action|data|formaction|srcdoc)$/i.test(name) && /^(?:javascript|data|vbscript):/i.test(value)) found.push(tag);
    }
    const risky = /^<(?:iframe|object|embed|math|base|meta|style|template|noscript|img|video|audio|body|marquee|details|isindex|svg|link)\b/i;
    if (risky.test(tag) && !LAYOUT_TAGS.test(tag)) found.push(tag);
  }
  return found;
}

describe('hostile text on the pages', () => {
  let h: WebApp;
  const tickets: string[] = [];
  before(async () => {
    h = await openWebApp();
    const contact = h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId });
    const agent = h.desk.ctx(h.desk.agent);
    await h.desk.t.db.query('UPDATE organizations SET name = $1 WHERE id = $2', [XSS_PAYLOADS[8], h.contactA.organizationId]);
    for (const [i, payload] of XSS_PAYLOADS.entries()) {
      const t = await createTicket({ ctx: contact, input: { subject: payload.slice(0, 300), description: `${payload}\n${i}`, severity: 3 } });
      await addNote({ ctx: agent, input: { ticketId: t.id, body: payload } });
      await addReply({ ctx: agent, input: { ticketId: t.id, body: payload } });
      tickets.push(t.id);
      if (i % 6 === 0) await createArticle({ ctx: h.desk.system, input: { title: payload.slice(0, 200), bodyMarkdown: `${payload}\n\n[link](javascript:alert(1)) <a href="javascript:alert(1)">x</a>`, visibility: 'public', tags: ['hostile'] } });
    }
  });
  after(() => h.close());

  it(`uses at least 50 payloads (${XSS_PAYLOADS.length}), and the check finds each one left unescaped`, () => {
    assert.ok(XSS_PAYLOADS.length >= 50);
    const markup = XSS_PAYLOADS.filter((p) => /<[a-zA-Z]/.test(p) && !/^&|^\\u|^%/.test(p));
    assert.deepEqual(markup.filter((p) => injected(`<p>${p}</p>`).length === 0), []);
    assert.deepEqual(injected('<p>&lt;img src=x onerror=alert(1)&gt;</p><input value="&quot; onfocus=alert(1)">'), []);
  });

  it('escapes them on the agent queue and every ticket page', async () => {
    const a = await h.session(h.agent, 'agent');
    const problems: string[] = [];
    for (const view of ['all', 'unassigned']) {
      const page = await a.get(`/agent?view=${view}`);
      problems.push(...injected(page.body).map((m) => `queue ${view}: ${m}`));
    }
    for (const [i, id] of tickets.entries()) {
      const page = await a.get(`/agent/tickets/${id}`);
      assert.equal(page.statusCode, 200);
      problems.push(...injected(page.body).map((m) => `ticket ${i}: ${m}`));
      if (XSS_PAYLOADS[i].includes('<')) assert.ok(!page.body.includes(XSS_PAYLOADS[i]), `payload ${i} verbatim on the agent page`);
    }
    assert.deepEqual(problems, []);
  });

  it('escapes them on the portal', async () => {
    const c = await h.session(h.contactA, 'contact');
    const problems = injected((await c.get('/portal')).body).map((m) => `portal: ${m}`);
    for (const [i, id] of tickets.entries()) {
      const page = await c.get(`/portal/cases/${id}`);
      problems.push(...injected(page.body).map((m) => `case ${i}: ${m}`));
      if (XSS_PAYLOADS[i].includes('<')) assert.ok(!page.body.includes(XSS_PAYLOADS[i]), `payload ${i} verbatim on the portal`);
    }
    assert.deepEqual(problems, []);
  });

  it('sanitises article Markdown and escapes titles and search snippets', async () => {
    const problems: string[] = [];
    const index = await h.app.inject({ method: 'GET', url: '/help' });
    problems.push(...injected(index.body));
    const search = await h.app.inject({ method: 'GET', url: `/help?q=${encodeURIComponent('alert script img')}` });
    problems.push(...injected(search.body));
    for (const slug of index.body.match(/\/help\/articles\/[a-z0-9-]+/g) ?? []) {
      const page = await h.app.inject({ method: 'GET', url: slug });
      assert.equal(page.statusCode, 200, slug);
      problems.push(...injected(page.body).map((m) => `${slug}: ${m}`));
    }
    assert.ok((index.body.match(/\/help\/articles\//g) ?? []).length >= 9);
    assert.deepEqual(problems, []);
  });

  it('escapes hostile search text and form values echoed back', async () => {
    for (const payload of XSS_PAYLOADS.slice(0, 12)) {
      const res = await h.app.inject({ method: 'GET', url: `/help?q=${encodeURIComponent(payload.slice(0, 200))}` });
      assert.deepEqual(injected(res.body), [], payload);
      const login = await h.app.inject({ method: 'GET', url: `/login?next=${encodeURIComponent(payload)}` });
      assert.deepEqual(injected(login.body), [], payload);
    }
    const c = await h.session(h.contactA, 'contact');
    const refused = await c.post('/portal/cases', { subject: '', description: XSS_PAYLOADS[0] });
    assert.equal(refused.statusCode, 400);
    assert.deepEqual(injected(refused.body), []);
    assert.ok(refused.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;</textarea>'));
  });
});

describe('security headers on pages', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp();
  });
  after(() => h.close());

  it('sends a CSP without inline script, nosniff and frame denial on pages, errors and redirects', async () => {
    const m = await h.session(h.manager, 'agent');
    for (const res of [await h.app.inject({ method: 'GET', url: '/login' }), await h.app.inject({ method: 'GET', url: '/agent' }), await m.get('/admin'), await m.get('/reports'), await h.app.inject({ method: 'GET', url: '/help/articles/nothing-here' })]) {
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['x-frame-options'], 'DENY');
    }
    const page = await m.get('/reports');
    assert.equal(page.headers['cache-control'], 'no-store');
    // No inline script or style anywhere in the markup.
    assert.doesNotMatch(page.body, /<script>(?!<\/script>)|\sstyle="/);
  });

  it('serves exports as downloads', async () => {
    const m = await h.session(h.manager, 'agent');
    for (const url of ['/reports/attainment.csv', '/reports/breaches.csv']) {
      const res = await m.get(url);
      assert.match(String(res.headers['content-disposition']), /^attachment; filename="/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
    }
  });

  it('serves the pages\' icon, an SVG of its own', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/assets/favicon.svg' });
    assert.deepEqual([res.statusCode, res.headers['content-type']], [200, 'image/svg+xml']);
    assert.match(res.body, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.doesNotMatch(res.body, /<script|on[a-z]+=/i);
  });
});
