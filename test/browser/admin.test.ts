// In Chromium: an admin uploads a policy with an error, sees it at its line, fixes it, previews
// the published page and the diff against the active version, and activates it. The simulator
// runs on an edited draft, which stays in the editor.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { examplePolicySource } from '../support/desk.ts';
import { openSite, screenshot, seriousViolations, signIn, type Site } from './browser-kit.ts';

describe('policy editor in the browser', () => {
  let site: Site;
  let dir: string;
  before(async () => {
    site = await openSite('openback', 'enterprise');
    dir = mkdtempSync(join(tmpdir(), 'accord-policy-'));
  });
  after(async () => {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads a policy with an error, shows it at its line, then previews and activates the fix', async () => {
    const source = examplePolicySource('openback');
    const lines = source.split('\n');
    const line = lines.findIndex((l) => l.startsWith('vendor:')) + 1;
    const broken = source.replace(/^vendor:/m, 'vendorr:');
    const file = join(dir, 'openback.yaml');
    writeFileSync(file, broken);

    const page = await site.context.newPage();
    await signIn(page, site.url, 'admin@vendor.example');
    await page.goto(`${site.url}/admin/policy`);
    assert.deepEqual(await seriousViolations(page), []);
    await page.setInputFiles('#policy-file', file);
    await page.waitForFunction(() => ((globalThis as unknown as { document: { querySelector: (s: string) => { value: string } } }).document.querySelector('#policy-source').value.includes('vendorr:')));
    await Promise.all([page.waitForLoadState('load'), page.click('#policy-form button[type=submit]')]);
    await page.locator('#problems').waitFor();
    assert.match(await page.locator('#problems').textContent() ?? '', new RegExp(`line ${line}, column 1: vendorr: unknown key`));
    assert.match(await page.locator(`#line-${line}`).textContent() ?? '', /vendorr:[\s\S]*unknown key/);
    assert.equal(await page.locator('#activate').count(), 0, 'nothing to activate while the file has problems');
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'admin-policy-error-at-line');

    // The fix, in the editor: the key spelled right, and the title revised.
    const current = await page.inputValue('#policy-source');
    await page.fill('#policy-source', current.replace(/^vendorr:/m, 'vendor:').replace('title: OpenBack', 'title: OpenBack (2027)'));
    await Promise.all([page.waitForLoadState('load'), page.click('#policy-form button[type=submit]')]);
    await page.locator('#preview-h').waitFor();
    assert.equal(await page.locator('#problems').count(), 0);
    assert.match(await page.locator('pre.diff .add').first().textContent() ?? '', /OpenBack \(2027\)/);
    assert.match(await page.locator('.preview h1').first().textContent() ?? '', /OpenBack \(2027\)/);
    await screenshot(page, 'admin-policy-preview');
    await Promise.all([page.waitForURL(/done=activated/), page.click('#activate')]);
    assert.match(await page.locator('.flash.ok').textContent() ?? '', /Version 2 is active/);
    await page.goto(`${site.url}/policy`);
    assert.match(await page.locator('main h1').first().textContent() ?? '', /OpenBack \(2027\)/);
    await screenshot(page, 'admin-policy-activated');
    await page.close();
  });

  it('simulates on the draft typed in the editor and keeps it there', async () => {
    const page = await site.context.newPage();
    await signIn(page, site.url, 'admin@vendor.example');
    await page.goto(`${site.url}/admin/policy`);
    const current = await page.inputValue('#policy-source');
    const draft = current.replace('enterprise: { within: 1 hour, clock: 24x7 }', 'enterprise: { within: 2 hours, clock: 24x7 }');
    assert.notEqual(draft, current);
    await page.fill('#policy-source', draft);
    await page.selectOption('#sim-plan', 'enterprise');
    await page.selectOption('#sim-severity', '1');
    await page.fill('#sim-opened', '2026-12-02T10:00');
    await page.selectOption('#sim-zone', 'UTC');
    await Promise.all([page.waitForLoadState('load'), page.click('#simulate')]);
    await page.locator('#simulated-on').waitFor();
    assert.match(await page.locator('#simulated-on').textContent() ?? '', /Simulated on the draft in the editor, not yet active/);
    // Enterprise's critical first response under the draft: 2 hours round the clock from 10:00 UTC.
    assert.match(await page.locator('#sim-h ~ .table-scroll table tbody').textContent() ?? '', /First response\s*2026-12-02 12:00 UTC/);
    assert.equal(await page.inputValue('#policy-source'), draft);
    assert.deepEqual(await seriousViolations(page), []);
    // Enter in the simulator's time simulates (not the editor's "Check and preview").
    await page.fill('#sim-opened', '2026-12-02T11:00');
    await page.press('#sim-opened', 'Enter');
    // The result of the new run (an hour later), on the page the simulation answers.
    await page.locator('#sim-h ~ .table-scroll table tbody', { hasText: '2026-12-02 13:00 UTC' }).waitFor();
    assert.match(new URL(page.url()).pathname, /^\/admin\/policy\/simulate$/);
    assert.equal(await page.inputValue('#sim-opened'), '2026-12-02T11:00');
    await page.close();
  });
});
