// In Chromium: the chat button on the vendor's own site (assets/chat-widget.js), loaded by a page
// of another origin, as OpenBack's "Chat widget on our website, docs and dashboard" would be. The
// button appears at the bottom right; it opens the desk's chat in a small window, where a customer
// who is not signed in signs in and lands on the chat.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PASSWORD } from '../web/web-app.ts';
import { openSite, type Site } from './browser-kit.ts';

describe('the chat button on another site', () => {
  let site: Site;
  let vendor: Server;
  let vendorUrl: string;
  let email: string;
  before(async () => {
    site = await openSite('openback', 'enterprise');
    email = (await site.h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [site.h.contactA.id])).rows[0].email;
    // The vendor's page: another origin (localhost, not 127.0.0.1), with a strict policy of its own.
    const html = `<!doctype html><html lang="en"><head><title>OpenBack dashboard</title></head><body><h1>Dashboard</h1><script src="${site.url}/assets/chat-widget.js" async></script></body></html>`;
    vendor = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
    await new Promise<void>((resolve) => vendor.listen(0, '127.0.0.1', resolve));
    vendorUrl = `http://localhost:${(vendor.address() as AddressInfo).port}/`;
  });
  after(async () => {
    await new Promise((resolve) => vendor.close(resolve));
    await site.close();
  });

  it('appears at the bottom right and opens the chat in a small window, after signing in', async () => {
    const page = await site.context.newPage();
    await page.context().clearCookies();
    await page.goto(vendorUrl);
    const button = page.locator('#accord-chat-button');
    await button.waitFor({ timeout: 10_000 });
    assert.equal(await button.textContent(), 'Chat with us');
    assert.equal(await button.getAttribute('href'), `${site.url}/portal/chat`);
    const box = (await button.boundingBox())!;
    const view = page.viewportSize()!;
    assert.ok(box.x + box.width > view.width - 60 && box.y + box.height > view.height - 60, `at the bottom right: ${JSON.stringify(box)}`);

    const [popup] = await Promise.all([page.waitForEvent('popup'), button.click()]);
    await popup.waitForURL((u) => u.pathname === '/login');
    assert.equal(new URL(popup.url()).searchParams.get('next'), '/portal/chat');
    assert.equal(page.url(), vendorUrl, 'the vendor page stays where it was');
    await popup.fill('#email', email);
    await popup.fill('#password', PASSWORD);
    await Promise.all([popup.waitForURL((u) => u.pathname === '/portal/chat'), popup.click('button[type=submit]:has-text("Sign in")')]);
    assert.match(await popup.locator('main').textContent() ?? '', /Chat is open now/);
    await popup.close();
    await page.close();
  });
});
