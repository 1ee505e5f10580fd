// OfficeSpace's page publishes scheduled maintenance only ("Scheduled Outages"): the vendor reports
// no incidents there, so neither /status nor /api/v2 says "All Systems Operational". While a
// maintenance is in progress both say "Service Under Maintenance". OpenMethods, which publishes
// incidents, keeps Statuspage's indicator. Both pages use OpenMethods' published words for the
// subscription steps: "Click Subscribe to updates", then "Click Subscribe via email". OfficeSpace's
// page names what it announces as the seed does ("Scheduled Outages: are usually scheduled during
// weekends"); OpenMethods' keeps "maintenance", its own word, under its own MAINTENANCE section
// (maintenance-section.test.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runStatusSweep } from '../../src/status/index.ts';
import { openTicketApp, type TicketApp } from '../http/ticket-app.ts';
import { LINKS } from './helpers.ts';

const overall = (html: string) => /<section class="overall[^"]*" aria-labelledby="overall">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

describe('a maintenance-only status page (OfficeSpace)', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('officespace', 'standard');
  });
  after(() => h.close());

  const page = async () => (await h.app.inject({ method: 'GET', url: '/status' })).body;
  const v2 = async (path: string) => (await h.app.inject({ method: 'GET', url: `/api/v2/${path}` })).json();

  it('claims no overall status while nothing is under maintenance: a neutral heading in the seed\'s words, and never operational in the JSON', async () => {
    const html = await page();
    assert.doesNotMatch(html, /All Systems Operational/);
    assert.match(overall(html), /^<section class="overall overall-neutral" aria-labelledby="overall">\s*<h1 id="overall">Scheduled Outages<\/h1>\s*<p>This page announces Scheduled Outages\. It does not report incidents or the current state of the service\.<\/p>/);
    assert.doesNotMatch(html, /indicator-none/);
    assert.match(html, /<li><a href="\/status\/maintenance\.ics">Scheduled Outages calendar<\/a><\/li>/);
    assert.doesNotMatch(html, /Scheduled maintenance|Maintenance calendar/);
    // Statuspage's shape kept (indicator "none": no indicator raised), its words claiming nothing.
    assert.deepEqual((await v2('status.json')).status, { indicator: 'none', description: 'No maintenance in progress' });
    assert.deepEqual((await v2('summary.json')).status, { indicator: 'none', description: 'No maintenance in progress' });
  });

  it('says "Service Under Maintenance" while a maintenance is in progress, and claims nothing again once it completes', async () => {
    const created = await h.as(h.agent.token, {
      method: 'POST', url: '/api/v1/status/maintenances',
      payload: { name: 'Weekend upgrade', body: 'The service is down for an upgrade.', scheduled_for: '2026-12-05T14:00:00Z', scheduled_until: '2026-12-05T16:00:00Z' },
    });
    assert.equal(created.statusCode, 201, created.body);
    // Upcoming only: nothing under way yet.
    assert.deepEqual((await v2('status.json')).status, { indicator: 'none', description: 'No maintenance in progress' });
    assert.match(await page(), /<h2 id="upcoming">Upcoming<\/h2>[\s\S]*Weekend upgrade/);

    h.desk.clock.set('2026-12-05T14:00:00Z');
    assert.equal((await runStatusSweep(h.desk.system, LINKS)).started, 1);
    assert.deepEqual((await v2('status.json')).status, { indicator: 'maintenance', description: 'Service Under Maintenance' });
    assert.deepEqual((await v2('summary.json')).status, { indicator: 'maintenance', description: 'Service Under Maintenance' });
    const during = await page();
    assert.match(overall(during), /^<section class="overall indicator-maintenance" aria-labelledby="overall">\s*<h1 id="overall">Service Under Maintenance<\/h1>/);
    assert.match(during, /<h2 id="active-maintenance">Scheduled Outages: in progress<\/h2>[\s\S]*Weekend upgrade/);

    h.desk.clock.set('2026-12-05T16:00:01Z');
    assert.equal((await runStatusSweep(h.desk.system, LINKS)).completed, 1);
    assert.deepEqual((await v2('status.json')).status, { indicator: 'none', description: 'No maintenance in progress' });
    const html = await page();
    assert.match(overall(html), /<h1 id="overall">Scheduled Outages<\/h1>/);
    assert.doesNotMatch(html, /All Systems Operational/);
    // The updates the sweep wrote use the page's word, never "maintenance"; the feed and the calendar name the outage itself.
    const entry = (await h.app.inject({ method: 'GET', url: `/status/incidents/${created.json().id}` })).body;
    assert.match(entry, /Started at its scheduled time\./);
    assert.match(entry, /Completed at its scheduled end\./);
    assert.doesNotMatch(entry, /[Mm]aintenance (is in progress|has been completed)/);
    const feed = (await h.app.inject({ method: 'GET', url: '/status/feed.atom' })).body;
    // One outage is not named by the plural heading: its own name and status.
    assert.match(feed, /<title>Weekend upgrade \(Completed\)<\/title>/);
    assert.doesNotMatch(feed, /<title>Scheduled Outages/);
    const ics = (await h.app.inject({ method: 'GET', url: '/status/maintenance.ics' })).body;
    assert.match(ics, /\r?\nX-WR-CALNAME:[^\r\n]*: Scheduled Outages\r?\n/);
    assert.match(ics, /SUMMARY:Weekend upgrade\r\n/);
    // An empty month names only what the page publishes: no incidents are reported here.
    const empty = (await h.app.inject({ method: 'GET', url: '/status/history?month=2026-11' })).body;
    assert.match(empty, /<p>No Scheduled Outages this month\.<\/p>/);
  });

  // "Monday through Friday, from 5:00 AM to 10:00 PM Central Standard Time (GMT-6)": the zone the
  // vendor states. 14:00-16:00 UTC on Saturday 12 December 2026 is 08:00-10:00 at GMT-6.
  it('shows a scheduled outage in the vendor\'s zone, GMT-6, with that label, not in UTC (without the script)', async () => {
    const created = await h.as(h.agent.token, {
      method: 'POST', url: '/api/v1/status/maintenances',
      payload: { name: 'Floor plan upgrade', body: 'The service is down for an upgrade.', scheduled_for: '2026-12-12T14:00:00Z', scheduled_until: '2026-12-12T16:00:00Z' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const html = await page();
    assert.match(html, /Scheduled for <span class="window"><time datetime="2026-12-12T14:00:00Z">Sat 12 Dec 2026, 08:00<\/time> to <time datetime="2026-12-12T16:00:00Z">10:00 GMT-6<\/time><\/span>/);
    assert.match(html, /<span class="zone-note">Times are shown in GMT-6\.<\/span>/);
    assert.doesNotMatch(html, /\d\d:\d\d UTC|shown in UTC/);
    // The feed's text and the calendar's description in the same zone, under the same label.
    const feed = (await h.app.inject({ method: 'GET', url: '/status/feed.atom' })).body;
    assert.match(feed, /<content type="text">Scheduled for Sat 12 Dec 2026, 08:00 to 10:00 GMT-6\n/);
    // GMT-6 all year is IANA's Etc/GMT+6 (POSIX's sign), not America/Chicago, which keeps summer time.
    assert.equal((await v2('summary.json')).page.time_zone, 'Etc/GMT+6');
  });

  it('words the subscription as OpenMethods publishes it', async () => {
    const html = await page();
    assert.match(html, /<li><a href="\/status#subscribe">Subscribe to updates<\/a><\/li>/);
    assert.match(html, /<button type="submit">Subscribe via email<\/button>/);
  });
});

describe('a page that publishes incidents (OpenMethods) keeps its indicator', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('openmethods', 'premium');
  });
  after(() => h.close());

  it('"All Systems Operational" with nothing wrong, and the subscription in the published words', async () => {
    const html = (await h.app.inject({ method: 'GET', url: '/status' })).body;
    assert.match(overall(html), /^<section class="overall indicator-none" aria-labelledby="overall">\s*<h1 id="overall">All Systems Operational<\/h1>/);
    assert.deepEqual((await h.app.inject({ method: 'GET', url: '/api/v2/status.json' })).json().status, { indicator: 'none', description: 'All Systems Operational' });
    // "2. Click Subscribe to updates." ... "4. Click Subscribe via email."
    assert.match(html, /<li><a href="\/status#subscribe">Subscribe to updates<\/a><\/li>/);
    assert.match(html, /<form method="post" action="\/status\/subscribe">[\s\S]*?<button type="submit">Subscribe via email<\/button>/);
    assert.doesNotMatch(html, />Subscribe<\//);
  });
});
