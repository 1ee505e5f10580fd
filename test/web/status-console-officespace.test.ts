// The status console on OfficeSpace's scheduled outages.
// "Scheduled Outages: are usually scheduled during weekends" (status_page.maintenance
// usual_window: weekends, usual_days: [sat, sun]). "usually" is a hedge: the console refuses no day,
// but an outage that falls on a weekday, as days go at the page's GMT-6, is flagged beside it, naming
// those days, so the team moves it or keeps it knowingly.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { activatePolicy } from '../../src/policy-versions/index.ts';
import { examplePolicySource } from '../support/desk.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('status console: the usual window of scheduled outages (OfficeSpace)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('officespace', 'standard'); // the desk's clock: Wed 2 Dec 2026 10:00 UTC
  });
  after(() => h.close());

  /** The console's row of the outage named `name`, once scheduled from the form at GMT-6. */
  const scheduled = async (name: string, from: string, until: string): Promise<string> => {
    const a = await h.session(h.agent, 'agent');
    const res = await a.post('/agent/status/maintenances', { name, body: 'Down for an upgrade.', zone: '-06:00', scheduled_for: from, scheduled_until: until, notify: 'on' });
    assert.equal(res.statusCode, 303, `${name}: scheduled, whatever the day`);
    const body = main((await a.get('/agent/status')).body);
    const row = new RegExp(`<article class="entry">\\s*<h3><a href="/status/incidents/[0-9a-f-]+">${name}</a></h3>[\\s\\S]*?</article>`).exec(body);
    assert.ok(row, name);
    return row[0];
  };
  const flag = /<p class="warning" role="note" id="usual-[0-9a-f-]+">([^<]*)<\/p>/;

  it('flags a weekday outage, naming its day at GMT-6; never refuses it', async () => {
    const row = await scheduled('Weekday fix', '2026-12-09T08:00', '2026-12-09T10:00');
    assert.equal(flag.exec(row)?.[1], 'Outside the usual window: the support policy says scheduled outages are usually scheduled during weekends; this one falls on Wed 9 Dec 2026 (GMT-6).');
  });

  it('reads the days at GMT-6: Friday 23:00 there is already Saturday 05:00 UTC, and still a weekday', async () => {
    // Fri 11 Dec 23:00 to Sat 12 Dec 02:00 at GMT-6 is Sat 12 Dec 05:00-08:00 UTC: all Saturday in UTC.
    const row = await scheduled('Friday night', '2026-12-11T23:00', '2026-12-12T02:00');
    assert.match(flag.exec(row)?.[1] ?? '', /this one falls on Fri 11 Dec 2026 \(GMT-6\)\.$/);
  });

  it('flags only the weekday a weekend outage runs into; none for one within the weekend or ending at Monday 00:00', async () => {
    assert.doesNotMatch(await scheduled('Saturday upgrade', '2026-12-12T08:00', '2026-12-12T10:00'), flag);
    // Sat 19 Dec 22:00 to Mon 21 Dec 02:00: Saturday, Sunday, then two hours of Monday.
    assert.match(flag.exec(await scheduled('Long weekend', '2026-12-19T22:00', '2026-12-21T02:00'))?.[1] ?? '', /this one falls on Mon 21 Dec 2026 \(GMT-6\)\.$/);
    // Ending at Monday 00:00 takes none of Monday.
    assert.doesNotMatch(await scheduled('Whole weekend', '2026-12-26T00:00', '2026-12-28T00:00'), flag);
  });
});

describe('status console: whom scheduling an outage notifies (OfficeSpace)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('officespace', 'standard');
  });
  after(() => h.close());

  // "customers are usually notified via email" (status_page.maintenance.email_customers): the box mails
  // every customer contact too, not only the page's subscribers, and says so; left unticked, the
  // refusal names it by those words.
  it('labels the box by whom it mails, and names it so when it is left unticked', async () => {
    const a = await h.session(h.agent, 'agent');
    const body = main((await a.get('/agent/status')).body);
    assert.match(body, /confirmed subscribers get it by email, and notice of scheduled outages still to come is mailed to every contact of every customer too \(except those who stopped that mail\)\.<\/p>/);
    assert.match(body, /<label><input type="checkbox" name="notify" checked> Notify subscribers and the customers&#39; contacts<\/label>\s*<button type="submit">Schedule<\/button>/);
    const refused = await a.post('/agent/status/maintenances', { name: 'Quiet change', body: 'Down.', zone: '-06:00', scheduled_for: '2026-12-12T08:00', scheduled_until: '2026-12-12T10:00' });
    assert.equal(refused.statusCode, 400);
    assert.match(main(refused.body), /<li><strong>Notify subscribers and the customers&#39; contacts<\/strong> must be true/);
  });
});

describe('status console: the usual window said in the policy\'s own term', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('officespace', 'standard');
  });
  after(() => h.close());

  const hint = /<p class="hint" id="maint-usual">([^<]*)<\/p>/;
  const withTerm = async (term: string | null) => {
    const source = examplePolicySource('officespace');
    const changed = term === null ? source.replace('    term: Scheduled Outages\n', '') : source.replace('term: Scheduled Outages', `term: ${term}`);
    assert.notEqual(changed, source);
    await activatePolicy({ ctx: h.desk.system, input: { source: changed } });
    const a = await h.session(h.agent, 'agent');
    return main((await a.get('/agent/status')).body);
  };

  it('says "scheduled outages" for OfficeSpace, whose term that is', async () => {
    const a = await h.session(h.agent, 'agent');
    assert.equal(hint.exec(main((await a.get('/agent/status')).body))?.[1], 'The support policy: scheduled outages are usually scheduled during weekends.');
  });

  it('says a policy\'s other term ("Maintenance Windows"), and "maintenance" where it names none', async () => {
    const planned = await withTerm('Maintenance Windows');
    assert.equal(hint.exec(planned)?.[1], 'The support policy: maintenance windows are usually scheduled during weekends.');
    assert.doesNotMatch(planned, /scheduled outages/i);
    // The console's section and form are headed by the term too, and by plain words without one.
    assert.match(planned, /<h2 id="maint-h">Maintenance Windows<\/h2>[\s\S]*<h3 id="new-maint-h">Maintenance Windows: schedule one<\/h3>/);
    assert.match(planned, /and notice of maintenance windows still to come is mailed to every contact/);
    const plain = await withTerm(null);
    assert.equal(hint.exec(plain)?.[1], 'The support policy: maintenance is usually scheduled during weekends.');
    assert.match(plain, /<h2 id="maint-h">Maintenance<\/h2>[\s\S]*<h3 id="new-maint-h">Schedule maintenance<\/h3>/);
    assert.match(plain, /and a maintenance still to come is mailed to every contact/);
  });
});
