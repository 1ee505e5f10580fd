// In Chromium, on OpenBack: a manager chooses a customer list (CSV) on the import page, checks it
// (what each line would do; the text stays in the box), then imports it. axe-core finds no serious
// or critical violation on the page, with the report or with problems.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, screenshot, seriousViolations, signedInPage, type Site } from './browser-kit.ts';

describe('the customer import page in the browser', () => {
  let site: Site;
  before(async () => {
    site = await openSite('openback', 'enterprise');
  });
  after(() => site.close());

  it('checks a file, then imports it; a file with a problem is shown by line', async () => {
    const { page } = await signedInPage(site, 'manager@vendor.example');
    await page.goto(`${site.url}/admin/organizations/import`);
    assert.deepEqual(await seriousViolations(page), []);
    const csv = 'organization,plan,name,email,named_contact\nBrowser Org,Pro,Bea Browser,bea@browser.example,yes\n';
    await page.setInputFiles('#import-file', { name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await Promise.all([page.waitForURL(/\/admin\/organizations\/import$/), page.getByRole('button', { name: 'Check' }).click()]);
    assert.match(await page.locator('#import-report').textContent() ?? '', /Importing would create 1 organization and 1 contact/);
    assert.equal(await page.inputValue('#import-csv'), csv);
    assert.deepEqual(await seriousViolations(page), []);
    await Promise.all([page.waitForURL(/\/admin\/organizations\/import$/), page.getByRole('button', { name: 'Import' }).click()]);
    assert.match(await page.locator('#import-report').textContent() ?? '', /Imported: 1 organization and 1 contact created/);
    const { rows } = await site.h.desk.t.db.query("SELECT plan_id FROM organizations WHERE name = 'Browser Org'");
    assert.deepEqual(rows, [{ plan_id: 'pro' }]);

    await page.fill('#import-csv', 'organization,plan\nBrowser Two,Platinum\n');
    await Promise.all([page.waitForURL(/\/admin\/organizations\/import$/), page.getByRole('button', { name: 'Check' }).click()]);
    assert.match(await page.locator('#import-problems').textContent() ?? '', /2\s*plan\s*"Platinum" is not a plan of the policy/);
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'customer-import-problems');
  });
});
