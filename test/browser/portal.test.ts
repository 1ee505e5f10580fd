// In Chromium: a contact opens a case through OpenBack's intake questions, is offered matching
// knowledge-base articles while typing, and sees the severity its answers gave, what that
// severity means, the promised times and its clocks; then replies with a file and downloads it. The pages read without JavaScript too.
// axe-core finds no serious or critical violation on the portal, help centre and policy pages.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createArticle } from '../../src/kb/index.ts';
import { openTicket } from '../http/ticket-app.ts';
import { openSite, screenshot, seriousViolations, signIn, type Site } from './browser-kit.ts';

describe('customer portal in the browser', () => {
  let site: Site;
  let email: string;
  before(async () => {
    site = await openSite('openback', 'enterprise');
    await createArticle({
      ctx: site.h.desk.system,
      input: { title: 'Checkout declines every card', bodyMarkdown: 'When **checkout declines** every card, check the payment gateway keys.', visibility: 'public' },
    });
    email = (await site.h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [site.h.contactA.id])).rows[0].email;
  });
  after(() => site.close());

  it('opens a case through intake with suggestions, and shows its severity, definition, promised times and clocks', async () => {
    const page = await site.context.newPage();
    await signIn(page, site.url, email);
    assert.equal(new URL(page.url()).pathname, '/portal');
    assert.deepEqual(await seriousViolations(page), []);
    await page.goto(`${site.url}/portal/cases/new`);
    assert.deepEqual(await seriousViolations(page), []);
    await page.locator('#subject').pressSequentially('Checkout declines cards', { delay: 20 });
    const suggestion = page.locator('#suggestions a', { hasText: 'Checkout declines every card' });
    await suggestion.waitFor({ timeout: 10_000 });
    assert.equal(await suggestion.getAttribute('href'), '/help/articles/checkout-declines-every-card');
    await screenshot(page, 'portal-intake-suggestions');

    await page.fill('#description', 'Every card payment fails since this morning.');
    // Production, all users, no workaround: OpenBack's rules make this severity 1.
    await page.check('input[name=q_production][value=yes]');
    await page.check('input[name=q_all_customers_affected][value=yes]');
    await page.selectOption('#q_workaround', 'none');
    await Promise.all([page.waitForURL(/\/portal\/cases\/.*done=created/), page.click('button:has-text("Open the case")')]);
    const facts = await page.locator('.facts').textContent() ?? '';
    assert.match(facts, /Severity\s*1/);
    assert.match(await page.locator('#sev-h').textContent() ?? '', /What severity 1 means/);
    assert.ok((await page.locator('.promised li').count()) > 0, 'promised times are listed');
    assert.ok((await page.locator('tr.clock').count()) > 0, 'the clocks are shown');
    assert.match(await page.locator('tr.clock').first().textContent() ?? '', /Running/);
    // Enterprise severity 1: first response within 1 hour, 24x7; the countdown keeps to the server's clock.
    assert.match(await page.locator('tr.clock .countdown').first().textContent() ?? '', /^in (59 min \d+ s|1 h)$/);
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'portal-case-targets');
    await page.close();
  });

  it('replies on the case with a file chosen in the file field, and downloads it back', async () => {
    const page = await site.context.newPage();
    await signIn(page, site.url, email);
    await page.goto(`${site.url}/portal`);
    // The case page's script calls nothing of the agents' (their presence heartbeat is theirs alone).
    const agentCalls: string[] = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/agent/')) agentCalls.push(r.url()); });
    await Promise.all([page.waitForURL(/\/portal\/cases\/[0-9a-f-]{36}$/), page.locator('a', { hasText: 'Checkout declines cards' }).first().click()]);
    await page.fill('#reply-body', 'The gateway log is attached.');
    await page.setInputFiles('#reply-files', { name: 'gateway.log', mimeType: 'text/plain', buffer: Buffer.from('502 from gateway at 09:12\n') });
    await Promise.all([page.waitForURL(/done=reply$/), page.click('#reply-form button[type=submit]')]);
    const link = page.locator('.event-files a', { hasText: 'gateway.log' });
    assert.equal(await link.count(), 1);
    assert.deepEqual(await seriousViolations(page), []);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'gateway.log');
    assert.equal(await readFile(await download.path()!, 'utf8'), '502 from gateway at 09:12\n');
    await screenshot(page, 'portal-case-file');
    assert.deepEqual(agentCalls, []);
    await page.close();
  });

  it('has no serious accessibility violation on the published pages', async () => {
    const page = await site.context.newPage();
    for (const path of ['/login', '/help', '/help/articles/checkout-declines-every-card', '/help/faq', '/help/releases', '/policy', '/forgot']) {
      await page.goto(`${site.url}${path}`);
      assert.deepEqual(await seriousViolations(page), [], path);
    }
    await screenshot(page, 'published-forgot');
    await page.close();
  });

  it('reads without JavaScript: the pages are rendered on the server', async () => {
    const plain = await openSite('openback', 'enterprise', { javaScript: false });
    try {
      const page = await plain.context.newPage();
      await page.goto(`${plain.url}/policy`);
      assert.ok((await page.locator('main table').count()) > 0);
      await page.goto(`${plain.url}/login`);
      await page.fill('#email', 'agent@vendor.example');
      await page.fill('#password', 'correct horse battery');
      await Promise.all([page.waitForURL(/\/agent$/), page.click('button[type=submit]:has-text("Sign in")')]);
      assert.equal(await page.locator('h1').textContent(), 'Queues');
      await screenshot(page, 'no-javascript-queue');
      await page.close();
    } finally {
      await plain.close();
    }
  });

  it("on a phone's width, a wide table scrolls in its own box and the page does not: cases, the published policy, the agent's queue", async () => {
    // An error code in the subject does not wrap: its row is wider than a phone, as real ones are.
    await openTicket(site.h, site.h.contactA, { subject: 'Push fails with ERR_APNS_CERTIFICATE_EXPIRED_FOR_BUNDLE_com.example.hotel.keys.app on every device', severity: 3 });
    const page = await site.context.newPage();
    await page.setViewportSize({ width: 390, height: 800 });
    const fits = async (path: string) => {
      await page.goto(`${site.url}${path}`);
      // Each table's box: as wide as the screen allows, the table inside it wider.
      const widths = (await page.evaluate(`({
        page: document.documentElement.scrollWidth,
        boxes: [...document.querySelectorAll('main .table-scroll')].map((b) => ({ box: b.getBoundingClientRect().right, table: b.firstElementChild.scrollWidth })),
      })`)) as { page: number; boxes: Array<{ box: number; table: number }> };
      assert.equal(widths.page, 390, `${path}: the page is as wide as the screen`);
      assert.ok(widths.boxes.length > 0, `${path}: has its tables in boxes`);
      for (const b of widths.boxes) assert.ok(b.box <= 390, `${path}: a table's box ends on the screen`);
      assert.ok(widths.boxes.some((b) => b.table > 390), `${path}: a table wider than the screen (what the box is for)`);
    };
    await signIn(page, site.url, email);
    await fits('/portal');
    await fits('/policy');
    await signIn(page, site.url, 'agent@vendor.example');
    await fits('/agent');
    await page.close();
  });
});
