// The status console's scheduled outages, on OfficeSpace (its page at GMT-6): listed as a status team
// reads them, and the zone the form's times are typed in named as the vendor names it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('status console: the order of maintenance, and its zone by name (OfficeSpace)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('officespace', 'standard'); // the desk's clock: Wed 2 Dec 2026 10:00 UTC
  });
  after(() => h.close());

  const schedule = async (name: string, from: string, until: string) => {
    const a = await h.session(h.agent, 'agent');
    const res = await a.post('/agent/status/maintenances', { name, body: 'Down for an upgrade.', zone: '-06:00', scheduled_for: from, scheduled_until: until, notify: 'on' });
    assert.equal(res.statusCode, 303, name);
  };

  it('lists what is still to come soonest first, then what has started, the most recent first', async () => {
    // Created in this order on Tue 1 Dec 00:00 UTC (Mon 30 Nov 18:00 GMT-6): the later weekend first, then the nearer one.
    h.desk.clock.set('2026-12-01T00:00:00Z');
    await schedule('Second weekend', '2026-12-12T08:00', '2026-12-12T10:00');
    await schedule('First weekend', '2026-12-05T08:00', '2026-12-05T10:00');
    await schedule('Third weekend', '2026-12-19T08:00', '2026-12-19T10:00');
    // Started earlier, and not yet marked completed: one at 01:00-03:00 GMT-6 (ended), one 02:00-06:00 (still under way).
    await schedule('Night job', '2026-12-02T01:00', '2026-12-02T03:00');
    await schedule('Early job', '2026-12-02T02:00', '2026-12-02T06:00');
    h.desk.clock.set('2026-12-02T10:30:00Z'); // 04:30 GMT-6: both have started
    const a = await h.session(h.agent, 'agent');
    const body = main((await a.get('/agent/status')).body);
    const names = [...body.matchAll(/<article class="entry">\s*<h3><a href="\/status\/incidents\/[0-9a-f-]+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]);
    // Under way or to come: by start, soonest first (the one under way started first of them); then ended, most recent first.
    assert.deepEqual(names, ['Early job', 'First weekend', 'Second weekend', 'Third weekend', 'Night job']);
  });

  it('names the zone times are typed in as the policy does ("GMT-6"), not by its offset', async () => {
    // "5:00 AM to 10:00 PM Central Standard Time (GMT-6)": time_zone "-06:00", time_zone_label GMT-6.
    const a = await h.session(h.agent, 'agent');
    const body = main((await a.get('/agent/status')).body);
    const select = /<select id="m-zone" name="zone">([\s\S]*?)<\/select>/.exec(body)?.[1] ?? '';
    assert.match(select, /<option value="-06:00">GMT-6<\/option>/);
    assert.match(select, /<option value="UTC">UTC<\/option>/);
    assert.doesNotMatch(select, />-06:00</);
  });
});
