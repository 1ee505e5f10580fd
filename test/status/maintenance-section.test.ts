// OpenMethods: "the maintenance window will be documented in the MAINTENANCE section of the
// OpenMethods status page", and "The OpenMethods Status Page provides an at-a-glance overview of
// planned and past maintenance". The page has that section, under the seed's own heading, always
// there, listing the windows in progress, planned and past (status_page.maintenance.section).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runStatusSweep } from '../../src/status/index.ts';
import { openTicketApp, type TicketApp } from '../http/ticket-app.ts';
import { LINKS } from './helpers.ts';

const section = (html: string) => /<section id="maintenance" aria-labelledby="maintenance-h">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
/** The part of the section under one of its headings: up to the next heading of its level, or the end. */
const part = (html: string, id: string) => new RegExp(`<h3 id="maintenance-${id}">[^<]*</h3>([\\s\\S]*?)(?=<h3 id=|</section>)`).exec(section(html))?.[1] ?? '';

describe('the MAINTENANCE section of the OpenMethods status page', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('openmethods', 'premium');
    h.desk.clock.set('2026-12-07T15:00:00Z');
  });
  after(() => h.close());

  const page = async () => (await h.app.inject({ method: 'GET', url: '/status' })).body;
  const schedule = async (name: string, from: string, until: string) => {
    const r = await h.as(h.agent.token, { method: 'POST', url: '/api/v1/status/maintenances', payload: { name, body: `${name}.`, scheduled_for: from, scheduled_until: until } });
    assert.equal(r.statusCode, 201, r.body);
  };

  it('is there before any maintenance, headed MAINTENANCE, saying nothing is planned and nothing past', async () => {
    const html = await page();
    assert.match(section(html), /^<section id="maintenance" aria-labelledby="maintenance-h">\s*<h2 id="maintenance-h">MAINTENANCE<\/h2>/);
    assert.match(part(html, 'planned'), /<p>No maintenance is planned\.<\/p>/);
    assert.match(part(html, 'past'), /<p>No past maintenance\.<\/p>/);
    // Nothing in progress: no empty heading for it.
    assert.doesNotMatch(html, /maintenance-active/);
    // Accord's own headings are not used beside the seed's.
    assert.doesNotMatch(html, /Scheduled maintenance|Maintenance in progress|<h2 id="upcoming">/);
  });

  it('lists a window as planned when scheduled, in progress when it starts, past once completed', async () => {
    // Two windows: a fix on Tuesday 8 December 14:00-15:00 UTC, a code elevation on Saturday 12 December.
    await schedule('Incident fix window', '2026-12-08T14:00:00Z', '2026-12-08T15:00:00Z');
    await schedule('Code elevation', '2026-12-12T14:00:00Z', '2026-12-12T16:00:00Z');
    let html = await page();
    assert.match(part(html, 'planned'), /Incident fix window[\s\S]*Code elevation|Code elevation[\s\S]*Incident fix window/);
    assert.match(part(html, 'planned'), /<h4><a href="\/status\/incidents\/[^"]+">Code elevation<\/a><\/h4>/);
    assert.doesNotMatch(part(html, 'planned'), /No maintenance is planned/);

    h.desk.clock.set('2026-12-08T14:00:00Z');
    assert.equal((await runStatusSweep(h.desk.system, LINKS)).started, 1);
    html = await page();
    assert.match(part(html, 'active'), /Incident fix window/);
    assert.doesNotMatch(part(html, 'planned'), /Incident fix window/);
    assert.match(part(html, 'planned'), /Code elevation/);
    // In progress comes first in the section, under its own heading.
    assert.match(section(html), /<h3 id="maintenance-active">In progress<\/h3>[\s\S]*<h3 id="maintenance-planned">Planned<\/h3>[\s\S]*<h3 id="maintenance-past">Past<\/h3>/);

    h.desk.clock.set('2026-12-08T15:00:01Z');
    assert.equal((await runStatusSweep(h.desk.system, LINKS)).completed, 1);
    html = await page();
    assert.doesNotMatch(html, /maintenance-active/);
    assert.match(part(html, 'past'), /<h4><a href="\/status\/incidents\/[^"]+">Incident fix window<\/a><\/h4>/);
    assert.match(part(html, 'past'), /<a href="\/status\/history">All history, by month<\/a>/);
    assert.doesNotMatch(part(html, 'past'), /No past maintenance/);
    assert.doesNotMatch(part(html, 'planned'), /Incident fix window/);
  });
});
