// In Chromium, on OpenBack: an agent logs a phone call from a Growth customer (phone is for Pro
// and Enterprise, so the request is held), follows the link to the held requests, accepts it by
// email, and finds the ticket again by a word of its subject. The subject carries a script; no
// dialog opens. axe-core finds no serious or critical violation on the three pages.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createContact, createOrganization } from '../../src/customers/index.ts';
import { createTicket } from '../../src/tickets/index.ts';
import { openSite, screenshot, seriousViolations, signedInPage, type Site } from './browser-kit.ts';

describe('agent desk pages in the browser', () => {
  let site: Site;
  before(async () => {
    site = await openSite('openback', 'enterprise');
  });
  after(() => site.close());

  it('logs a call that is held, accepts it, and finds the ticket', async () => {
    const growth = await site.h.newContact('growth');
    const email = (await site.h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [growth.id])).rows[0].email;
    const { page, dialogs } = await signedInPage(site, 'agent@vendor.example');
    await page.click('a[href="/agent/tickets/new"]');
    await page.waitForURL(/\/agent\/tickets\/new$/);
    assert.deepEqual(await seriousViolations(page), []);
    await page.fill('#requester', email);
    await page.selectOption('#channel', 'phone');
    await page.fill('#subject', 'Quokka push stuck <img src=x onerror=alert(1)>');
    await page.fill('#description', 'Called the office line.');
    await page.click('form[action="/agent/tickets/new"] button[type=submit]');
    await page.waitForSelector('#new-ticket-held');
    assert.match(await page.locator('#new-ticket-held').textContent() ?? '', /The Growth plan does not include Phone/);
    // Held: no copy of the form to send again.
    assert.equal(await page.locator('form[action="/agent/tickets/new"]').count(), 0);
    assert.deepEqual(await seriousViolations(page), []);

    await page.click('#new-ticket-held a[href^="/agent/held/"]');
    await page.waitForURL(/\/agent\/held\/[0-9a-f-]+$/);
    assert.deepEqual(await seriousViolations(page), []);
    const held = page.locator('article.held', { hasText: 'Quokka push stuck' });
    await held.locator('select[name=channel]').selectOption('email');
    await held.locator('input[name=note]').first().fill('Customer agreed to email');
    await screenshot(page, 'held-requests');
    await Promise.all([page.waitForURL(/\/agent\/tickets\/[0-9a-f-]+\?done=accepted$/), held.getByRole('button', { name: 'Accept and open the ticket' }).click()]);
    assert.match(await page.locator('h1').textContent() ?? '', /Quokka push stuck <img src=x onerror=alert\(1\)>/);

    await page.click('a[href="/agent/search"]');
    await page.fill('#s-q', 'quok');
    await Promise.all([page.waitForURL(/\/agent\/search\?/), page.click('form[role=search] button[type=submit]')]);
    assert.deepEqual(await seriousViolations(page), []);
    assert.match(await page.locator('table.queue').textContent() ?? '', /Quokka push stuck <img src=x onerror=alert\(1\)>/);
    await screenshot(page, 'find-tickets');
    assert.deepEqual(dialogs, []);
    await page.close();
  });

  it('suggests the customer as the agent types part of their name, from beyond the first page of contacts', async () => {
    // 210 contacts added before: the page itself lists the first 200; the one sought is not among them.
    const org = site.h.contactA.organizationId;
    for (let i = 0; i < 210; i++) await createContact({ ctx: site.h.desk.system, input: { organizationId: org, email: `early${i}@finder.example`, name: `Early ${i}` } });
    const bolton = await createContact({ ctx: site.h.desk.system, input: { organizationId: org, email: 'm.bolton@finder.example', name: 'Michael <b>Bolton</b>' } });
    // Added a day later (the desk's clock stands still): last in the list.
    await site.h.desk.t.db.query("UPDATE contacts SET created_at = created_at + interval '1 day' WHERE id = $1", [bolton.id]);
    const { page, dialogs } = await signedInPage(site, 'agent@vendor.example');
    await page.goto(`${site.url}/agent/tickets/new`);
    assert.equal(await page.locator('#contact-emails option[value="m.bolton@finder.example"]').count(), 0);
    await page.locator('#requester').pressSequentially('bolt');
    await page.waitForSelector('#contact-emails option[value="m.bolton@finder.example"]', { state: 'attached' });
    const options = await page.locator('#contact-emails option').evaluateAll((os) => os.map((o) => [(o as unknown as { value: string }).value, o.textContent]));
    const orgName = (await site.h.desk.t.db.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [org])).rows[0].name;
    // Its name as text: the markup in it is shown, never made into elements.
    assert.deepEqual(options, [['m.bolton@finder.example', `Michael <b>Bolton</b>, ${orgName}`]]);
    assert.equal(await page.locator('#contact-emails b').count(), 0);
    assert.deepEqual(dialogs, []);
    await page.close();
  });

  it('filters the queue by an organization found as its name is typed', async () => {
    const admin = site.h.desk.ctx(site.h.desk.admin);
    const org = await createOrganization({ ctx: admin, input: { name: 'Vandelay Industries', planId: 'enterprise', onboardingState: 'complete' } });
    const art = await createContact({ ctx: admin, input: { organizationId: org.id, email: 'art@vandelay.example', name: 'Art Vandelay', namedContact: true } });
    await createTicket({ ctx: site.h.desk.ctx({ kind: 'contact', id: art.id, organizationId: org.id }), input: { subject: 'Latex import stuck', description: 'x', severity: 3 } });
    const { page, dialogs } = await signedInPage(site, 'agent@vendor.example');
    await page.goto(`${site.url}/agent`);
    await page.locator('#f-org').pressSequentially('vandel');
    await page.waitForSelector('#org-names option[value="Vandelay Industries"]', { state: 'attached' });
    assert.equal(await page.locator('#org-names option[value="Vandelay Industries"]').textContent(), 'Enterprise');
    await page.fill('#f-org', 'Vandelay Industries');
    await Promise.all([page.waitForURL(/organization=Vandelay\+Industries/), page.click('form.filters button:has-text("Filter")')]);
    assert.deepEqual(await page.locator('table.queue tbody a[href^="/agent/tickets/"]').allTextContents(), [`#${(await site.h.desk.t.db.query<{ number: string }>('SELECT number FROM tickets WHERE organization_id = $1', [org.id])).rows[0].number} Latex import stuck`]);
    assert.equal(await page.inputValue('#f-org'), 'Vandelay Industries');
    assert.deepEqual(await seriousViolations(page), []);
    assert.deepEqual(dialogs, []);
    await page.close();
  });
});
