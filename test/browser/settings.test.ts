// In Chromium, on OpenBack: a manager's settings page (axe-core finds no serious or critical
// violation) signs them out of another place, chooses the morning mail's hour, and changes their
// password, after which only the new one signs in; a contact's settings page reads clean too.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSession } from '../../src/web/auth/index.ts';
import { openSite, seriousViolations, signedInPage, signIn, type Site } from './browser-kit.ts';
import { PASSWORD } from '../web/web-app.ts';

describe('settings pages in the browser', () => {
  let site: Site;
  before(async () => {
    site = await openSite('openback', 'enterprise');
  });
  after(() => site.close());

  it('signs out elsewhere, sets the digest hour and changes the password from the form', async () => {
    const { page, dialogs } = await signedInPage(site, 'manager@vendor.example');
    // Signed in on another computer too.
    await createSession(site.h.desk.t.db, site.h.desk.clock, { kind: 'agent', id: site.h.manager.id });
    await page.goto(`${site.url}/agent/settings`);
    assert.deepEqual(await seriousViolations(page), []);
    assert.match(await page.locator('#other-sessions').textContent() ?? '', /also signed in in one other place/);
    await Promise.all([page.waitForURL(/done=signed-out$/), page.getByRole('button', { name: 'Sign out everywhere else' }).click()]);
    assert.equal(await page.locator('#other-sessions').textContent(), 'You are signed in here only.');

    await page.selectOption('#digest-hour', '9');
    await Promise.all([page.waitForURL(/done=saved$/), page.locator('form[action="/agent/settings"] button[type=submit]').click()]);
    assert.equal(await page.inputValue('#digest-hour'), '9');

    await page.fill('#current-password', 'not it at all');
    await page.fill('#new-password', 'a brand new passphrase');
    await page.getByRole('button', { name: 'Change my password' }).click();
    await page.locator('#password-error').waitFor();
    assert.match(await page.locator('#password-error').textContent() ?? '', /Current password is not the password you sign in with/);
    assert.deepEqual(await seriousViolations(page), []);
    await page.fill('#current-password', PASSWORD);
    await page.fill('#new-password', 'a brand new passphrase');
    await Promise.all([page.waitForURL(/done=password$/), page.getByRole('button', { name: 'Change my password' }).click()]);
    assert.match(await page.locator('.flash').first().textContent() ?? '', /Your password is changed/);

    await signIn(page, site.url, 'manager@vendor.example', 'a brand new passphrase');
    assert.equal(new URL(page.url()).pathname, '/agent');
    assert.deepEqual(dialogs, []);
    await page.close();
  });

  it("a contact's settings page reads clean", async () => {
    const email = (await site.h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [site.h.contactA.id])).rows[0].email;
    const page = await site.context.newPage();
    await signIn(page, site.url, email);
    await page.goto(`${site.url}/portal/settings`);
    assert.equal(await page.locator('#other-sessions').textContent(), 'You are signed in here only.');
    assert.deepEqual(await seriousViolations(page), []);
    await page.close();
  });
});
