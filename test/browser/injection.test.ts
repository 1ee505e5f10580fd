// In Chromium: every script-injection payload of xss-payloads.ts, put through every input a
// person types into (ticket subject and description, replies, internal notes, organization
// name, article title and body, search), runs no script on any page that shows it: no dialog
// opens and window.__xss is never set. Escaping does the work; the CSP would refuse inline
// script anyway. axe-core also checks the admin pages and reports.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createArticle } from '../../src/kb/index.ts';
import { addNote, addReply, createTicket } from '../../src/tickets/index.ts';
import { XSS_PAYLOADS } from '../web/xss-payloads.ts';
import { openSite, screenshot, seriousViolations, signIn, type Site } from './browser-kit.ts';

describe('script injection in the browser', () => {
  let site: Site;
  const tickets: string[] = [];
  const slugs: string[] = [];
  let dialogs: string[] = [];
  let contactEmail: string;
  before(async () => {
    site = await openSite('openback', 'enterprise');
    const h = site.h;
    const contact = h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId });
    await h.desk.t.db.query('UPDATE organizations SET name = $1 WHERE id = $2', ['<img src=x onerror=alert("org")>', h.contactA.organizationId]);
    for (const [i, payload] of XSS_PAYLOADS.entries()) {
      const t = await createTicket({ ctx: contact, input: { subject: payload.slice(0, 300), description: payload, severity: 3 } });
      await addNote({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: t.id, body: payload } });
      await addReply({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: t.id, body: payload } });
      tickets.push(t.id);
      if (i % 4 === 0) {
        const a = await createArticle({ ctx: h.desk.system, input: { slug: `hostile-${i}`, title: payload.slice(0, 200), bodyMarkdown: `${payload}\n\n[x](javascript:alert(1))`, visibility: 'public' } });
        slugs.push(a.slug);
      }
    }
    contactEmail = (await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactA.id])).rows[0].email;
    site.context.on('page', (page) => page.on('dialog', async (d) => { dialogs.push(`${page.url()}: ${d.message()}`); await d.dismiss(); }));
  });
  after(() => site.close());

  async function visit(page: Page, path: string): Promise<void> {
    await page.goto(`${site.url}${path}`);
    // Give timers, autofocus and load handlers a moment, then ask the page itself.
    await page.waitForTimeout(30);
    const marked = await page.evaluate(() => (globalThis as unknown as { __xss?: unknown }).__xss);
    assert.equal(marked, undefined, `window.__xss set on ${path}`);
  }

  it(`runs none of the ${XSS_PAYLOADS.length} payloads on the agent pages`, async () => {
    dialogs = [];
    const page = await site.context.newPage();
    await signIn(page, site.url, 'agent@vendor.example');
    await visit(page, '/agent');
    for (const id of tickets) await visit(page, `/agent/tickets/${id}`);
    await visit(page, `/agent/kb?q=${encodeURIComponent('script alert')}`);
    await screenshot(page, 'injection-agent-ticket');
    assert.deepEqual(dialogs, []);
    await page.close();
  });

  it('runs none on the portal, the help centre and search', async () => {
    dialogs = [];
    const page = await site.context.newPage();
    await signIn(page, site.url, contactEmail);
    await visit(page, '/portal');
    for (const id of tickets) await visit(page, `/portal/cases/${id}`);
    for (const slug of slugs) await visit(page, `/help/articles/${slug}`);
    for (const payload of XSS_PAYLOADS.slice(0, 15)) await visit(page, `/help?q=${encodeURIComponent(payload.slice(0, 200))}`);
    // Typed into the intake form: suggestions are written as text, never as HTML.
    await page.goto(`${site.url}/portal/cases/new`);
    for (const payload of XSS_PAYLOADS.slice(0, 10)) {
      await page.fill('#subject', '');
      await page.locator('#subject').pressSequentially(payload.slice(0, 60), { delay: 1 });
    }
    await page.waitForTimeout(600);
    await screenshot(page, 'injection-portal');
    assert.deepEqual(dialogs, []);
    await page.close();
  });

  it('has no serious accessibility violation on the admin pages and reports', async () => {
    const page = await site.context.newPage();
    await signIn(page, site.url, 'admin@vendor.example');
    for (const path of ['/admin', '/admin/tokens', '/admin/organizations', '/admin/agents', '/admin/oncall', '/admin/webhooks', '/admin/policy', '/reports', '/agent/kb']) {
      await page.goto(`${site.url}${path}`);
      assert.deepEqual(await seriousViolations(page), [], path);
    }
    await screenshot(page, 'reports');
    assert.deepEqual(dialogs, []);
    await page.close();
  });
});
