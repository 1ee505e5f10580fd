// In Chromium, a viewer in London (en-GB) reads OpenMethods' status page, whose times the server
// writes in America/New_York: the small script (assets/local-time.js) rewrites every time in the
// viewer's zone, and each maintenance window as the server writes it, the date and the zone once
// where they can be: on one day, across midnight, and across the start of British Summer Time.
// Every expected string is worked by hand from UTC (GMT = UTC, BST = UTC+1).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scheduleMaintenance } from '../../src/status/index.ts';
import { openSite, screenshot, type Site } from './browser-kit.ts';

describe('status page times in the viewer\'s zone, in the browser', () => {
  let site: Site;
  const ids = new Map<string, string>();
  before(async () => {
    site = await openSite('openmethods', 'premium', { timeZone: 'Europe/London', locale: 'en-GB' });
    const d = site.h.desk;
    const windows: Array<[string, string, string]> = [
      ['One day', '2026-12-12T04:00:00Z', '2026-12-12T06:00:00Z'],
      ['Over midnight', '2026-12-19T23:00:00Z', '2026-12-20T01:00:00Z'],
      ['Clocks forward', '2027-03-28T00:30:00Z', '2027-03-28T02:30:00Z'],
    ];
    for (const [name, from, until] of windows) {
      const m = await scheduleMaintenance({ ctx: d.ctx(d.agent), input: { name, body: 'Email routing pauses.', scheduledFor: from, scheduledUntil: until, components: ['email-routing'] } });
      ids.set(name, m.id);
    }
  });
  after(() => site.close());

  it('rewrites each window compactly and each single time in full, in the viewer\'s zone', async () => {
    const page = await site.context.newPage();
    await page.goto(`${site.url}/status`);
    await page.waitForFunction(() => /your time zone/.test((globalThis as any).document.querySelector('.zone-note')?.textContent ?? ''));
    const windowOf = async (name: string) => (await page.locator('article', { hasText: name }).locator('.window').textContent())?.trim();
    // 04:00-06:00 UTC on Saturday 12 December: 04:00 to 06:00 GMT (the page: Fri 11 PM to Sat 1 AM EST).
    assert.equal(await windowOf('One day'), 'Sat 12 Dec 2026, 04:00 to 06:00 GMT');
    // 23:00 UTC Saturday 19 to 01:00 UTC Sunday 20 December: across London's midnight.
    assert.equal(await windowOf('Over midnight'), 'Sat 19 Dec 2026, 23:00 to Sun 20 Dec 2026, 01:00 GMT');
    // Sunday 28 March 2027, 01:00 GMT the clocks go forward to 02:00 BST: 00:30 UTC is 00:30 GMT,
    // 02:30 UTC is 03:30 BST.
    assert.equal(await windowOf('Clocks forward'), 'Sun 28 Mar 2027, 00:30 GMT to 03:30 BST');
    // The update's time alone, posted Wednesday 2 December 2026 10:00 UTC: 10:00 GMT in London.
    assert.equal((await page.locator('article', { hasText: 'One day' }).locator('.when time').textContent())?.trim(), 'Wed 2 Dec 2026 10:00 GMT');
    assert.equal(await page.locator('.zone-note').textContent(), 'Times are shown in your time zone (Europe/London).');
    await screenshot(page, 'status-page-times');
    // The entry's own page: the same window, the same way.
    await page.goto(`${site.url}/status/incidents/${ids.get('Over midnight')}`);
    await page.waitForFunction(() => /your time zone/.test((globalThis as any).document.querySelector('.zone-note')?.textContent ?? ''));
    assert.equal((await page.locator('.meta .window').textContent())?.trim(), 'Sat 19 Dec 2026, 23:00 to Sun 20 Dec 2026, 01:00 GMT');
    await page.close();
  });
});
