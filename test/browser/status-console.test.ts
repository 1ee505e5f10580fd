// In Chromium, on OpenMethods (a status page with four components): an agent opens an incident
// from the status page console, naming a component's status, and the public page shows both. The
// title carries a script; no dialog opens. axe-core finds no serious or critical violation.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, screenshot, seriousViolations, signedInPage, type Site } from './browser-kit.ts';

describe('status page console in the browser', () => {
  let site: Site;
  before(async () => {
    site = await openSite('openmethods', 'premium');
  });
  after(() => site.close());

  it('opens an incident with a component status, shown on the public page', async () => {
    const { page, dialogs } = await signedInPage(site, 'agent@vendor.example');
    await page.click('a[href="/agent/status"]');
    await page.waitForURL(/\/agent\/status$/);
    assert.deepEqual(await seriousViolations(page), []);
    await page.fill('#i-name', 'Chat routing delays <img src=x onerror=alert(1)>');
    await page.selectOption('#i-impact', 'major');
    await page.fill('#i-body', 'Chats wait longer than usual to be routed.');
    await page.selectOption('#i-chat-routing', 'partial_outage');
    await Promise.all([page.waitForURL(/\/agent\/status\?done=1$/), page.click('section[aria-labelledby="new-incident-h"] button[type=submit]')]);
    assert.match(await page.locator('[role=status]').textContent() ?? '', /Saved\./);
    assert.match(await page.locator('section[aria-labelledby="open-h"]').textContent() ?? '', /Chat routing delays <img src=x onerror=alert\(1\)>/);
    await screenshot(page, 'status-console');

    await page.goto(`${site.url}/status`);
    const text = await page.locator('body').textContent() ?? '';
    assert.match(text, /Chat routing delays <img src=x onerror=alert\(1\)>/);
    assert.match(text, /Chat routing[\s\S]*Partial outage/i);
    assert.deepEqual(dialogs, []);
    await page.close();
  });
});
