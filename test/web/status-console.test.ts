// The agents' status page console (/agent/status) over the status verbs, on OpenMethods (its
// policy publishes a status page with four components) and on OpenBack (none). What is posted
// is checked where the public sees it: /status and Atlassian's /api/v2 JSON. What the console
// refuses, and how: status-console-refusals.test.ts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';
import { incidentsNamed as publishedIncidentsNamed } from './status-json.ts';
import { main } from './page-parts.ts';

describe('status page console, OpenMethods', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openmethods', 'premium');
  });
  after(() => h.close());

  const components = async () =>
    Object.fromEntries(((await h.app.inject({ method: 'GET', url: '/api/v2/components.json' })).json() as { components: Array<{ id: string; status: string }> }).components.map((c) => [c.id, c.status]));
  const incidentsNamed = (name: string) => publishedIncidentsNamed(h, name);

  it("heads its maintenance by the policy's own section: MAINTENANCE", async () => {
    // "the maintenance window will be documented in the MAINTENANCE section of the OpenMethods status page"
    // (status_page.maintenance.section): the console's section is headed so too; the seed calls what is
    // scheduled there "maintenance", so its form stays "Schedule maintenance".
    const a = await h.session(h.agent, 'agent');
    const body = main((await a.get('/agent/status')).body);
    assert.match(body, /<h2 id="maint-h">MAINTENANCE<\/h2>/);
    assert.match(body, /<h3 id="new-maint-h">Schedule maintenance<\/h3>/);
  });

  it('shows the components and links the console from the agent layout', async () => {
    const a = await h.session(h.agent, 'agent');
    const page = await a.get('/agent/status');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<a href="\/agent\/status">Status page<\/a>/);
    const body = main(page.body);
    for (const name of ['Media bar', 'Interaction flows and screen pops', 'Chat routing', 'Email routing']) assert.match(body, new RegExp(`<td>${name}</td><td>Operational</td>`));
    assert.match(body, /No open incident\./);
  });

  it('opens an incident with a component status, updates it, resolves it and publishes its postmortem', async () => {
    const a = await h.session(h.agent, 'agent');
    const opened = await a.post('/agent/status/incidents', {
      name: 'Chat routing delays', status: 'investigating', impact: 'major', body: 'Chats wait longer than usual to be routed.',
      'component_chat-routing': 'partial_outage', 'component_media-bar': '', notify: 'on',
    });
    assert.equal(opened.statusCode, 303);
    assert.equal(opened.headers.location, '/agent/status?done=1');
    let [incident] = await incidentsNamed('Chat routing delays');
    assert.equal(incident.status, 'investigating');
    assert.equal(incident.impact, 'major');
    assert.deepEqual(await components(), { 'media-bar': 'operational', 'interaction-flows': 'operational', 'chat-routing': 'partial_outage', 'email-routing': 'operational' });
    const console1 = main((await a.get('/agent/status?done=1')).body);
    assert.match(console1, /Saved\./);
    assert.match(console1, new RegExp(`<a href="/status/incidents/${incident.id}">Chat routing delays</a>`));
    assert.match(console1, /<strong>Investigating<\/strong>, impact: major/);

    assert.equal((await a.post(`/agent/status/incidents/${incident.id}/updates`, { status: 'identified', body: 'A routing node is overloaded.', notify: 'on' })).statusCode, 303);
    assert.equal((await a.post(`/agent/status/incidents/${incident.id}/updates`, { status: 'resolved', body: 'Routing is back to normal.', notify: 'on' })).statusCode, 303);
    [incident] = await incidentsNamed('Chat routing delays');
    assert.equal(incident.status, 'resolved');
    // Newest first, as Statuspage lists them.
    assert.deepEqual(incident.incident_updates.map((u) => [u.status, u.body]), [
      ['resolved', 'Routing is back to normal.'], ['identified', 'A routing node is overloaded.'], ['investigating', 'Chats wait longer than usual to be routed.'],
    ]);
    // Resolving returned the component the update did not name to operational.
    assert.equal((await components())['chat-routing'], 'operational');
    const console2 = main((await a.get('/agent/status')).body);
    assert.match(console2, /No open incident\./);
    assert.match(console2, /<h2 id="resolved-h">Recently resolved<\/h2>[\s\S]*Chat routing delays[\s\S]*Publish postmortem/);

    assert.equal((await a.post(`/agent/status/incidents/${incident.id}/postmortem`, { body: 'A node ran out of memory; it now has twice as much.', notify: 'on' })).statusCode, 303);
    [incident] = await incidentsNamed('Chat routing delays');
    assert.equal(incident.status, 'postmortem');
    const publicPage = await h.app.inject({ method: 'GET', url: `/status/incidents/${incident.id}`, headers: { accept: 'text/html' } });
    assert.match(publicPage.body, /A node ran out of memory; it now has twice as much\./);
    const console3 = main((await a.get('/agent/status')).body);
    assert.doesNotMatch(console3, /Publish postmortem/);
    // Its status in the public page's words, not its code.
    assert.match(console3, /Chat routing delays<\/a><\/h3>\s*<p><strong>Postmortem<\/strong>, resolved /);
  });

  it('sets a component\'s status and schedules maintenance in UTC (a form without a zone)', async () => {
    const a = await h.session(h.agent, 'agent');
    assert.equal((await a.post('/agent/status/components/email-routing', { status: 'degraded_performance' })).statusCode, 303);
    assert.equal((await components())['email-routing'], 'degraded_performance');
    const scheduled = await a.post('/agent/status/maintenances', {
      name: 'Database upgrade', body: 'Email routing pauses for up to an hour.', scheduled_for: '2027-01-09T02:00', scheduled_until: '2027-01-09T03:00',
      'affects_email-routing': 'on', notify: 'on',
    });
    assert.equal(scheduled.statusCode, 303);
    const upcoming = (await h.app.inject({ method: 'GET', url: '/api/v2/scheduled-maintenances/upcoming.json' })).json() as {
      scheduled_maintenances: Array<{ name: string; scheduled_for: string; scheduled_until: string; components: Array<{ id: string }> }>;
    };
    const m = upcoming.scheduled_maintenances.find((x) => x.name === 'Database upgrade')!;
    assert.equal(Temporal.Instant.from(m.scheduled_for).toString(), '2027-01-09T02:00:00Z');
    assert.equal(Temporal.Instant.from(m.scheduled_until).toString(), '2027-01-09T03:00:00Z');
    assert.deepEqual(m.components.map((c) => c.id), ['email-routing']);
    // Shown in UTC and in the support hours' zone (OpenMethods: New York, EST in January, UTC-5).
    assert.match(main((await a.get('/agent/status')).body),
      /<strong>Scheduled<\/strong>, 2027-01-09 02:00 UTC to 2027-01-09 03:00 UTC <small class="local">\(Fri Jan 8 2027 09:00 PM EST to Fri Jan 8 2027 10:00 PM EST\)<\/small>; Email routing/);
  });

  it('takes maintenance times in the zone chosen: New York by default, 21:00 EST being 02:00 UTC the next day', async () => {
    const a = await h.session(h.agent, 'agent');
    assert.match(main((await a.get('/agent/status')).body), /<select id="m-zone" name="zone"><option value="America\/New_York">U\.S\. Eastern Standard Time \(America\/New_York, EDT in summer\)<\/option>[\s\S]*?<option value="UTC">UTC<\/option><\/select>/);
    const posted = await a.post('/agent/status/maintenances', {
      name: 'Evening patch', body: 'A short restart.', zone: 'America/New_York', scheduled_for: '2027-01-16T21:00', scheduled_until: '2027-01-16T21:30', notify: 'on',
    });
    assert.equal(posted.statusCode, 303, main(posted.body).slice(0, 2000));
    const upcoming = (await h.app.inject({ method: 'GET', url: '/api/v2/scheduled-maintenances/upcoming.json' })).json() as { scheduled_maintenances: Array<{ name: string; scheduled_for: string }> };
    assert.equal(Temporal.Instant.from(upcoming.scheduled_maintenances.find((x) => x.name === 'Evening patch')!.scheduled_for).toString(), '2027-01-17T02:00:00Z');
  });

  it("mails a component's subscribers when its status is set, and nobody when it is set to what it is", async () => {
    const a = await h.session(h.agent, 'agent');
    assert.match(main((await a.get('/agent/status')).body), /Setting a component's status publishes it at once and mails the subscribers of that component\./);
    const notices = async () => (await h.desk.t.db.query<{ subject: string; body: string; component_ids: string[]; incident_id: string | null }>(
      "SELECT subject, body, component_ids, incident_id FROM status_notifications WHERE event = 'component_status_changed' AND component_ids = '[\"interaction-flows\"]'::jsonb ORDER BY created_at, id",
    )).rows;
    assert.equal((await a.post('/agent/status/components/interaction-flows', { status: 'major_outage' })).statusCode, 303);
    assert.deepEqual(await notices(), [{
      subject: '[OpenMethods Status Page] Interaction flows and screen pops: Major outage',
      body: 'Interaction flows and screen pops: Major outage\n\nThe status of Interaction flows and screen pops changed from operational to major outage.\n\nOpenMethods Status Page',
      component_ids: ['interaction-flows'],
      incident_id: null,
    }]);
    // The same status again: nothing changes, nobody is told.
    assert.equal((await a.post('/agent/status/components/interaction-flows', { status: 'major_outage' })).statusCode, 303);
    assert.equal((await notices()).length, 1);
    assert.equal((await a.post('/agent/status/components/interaction-flows', { status: 'operational' })).statusCode, 303);
    // Both at the same instant here (the clock stands still): compared in order of their words.
    assert.deepEqual((await notices()).map((n) => n.subject).sort(), [
      '[OpenMethods Status Page] Interaction flows and screen pops: Major outage',
      '[OpenMethods Status Page] Interaction flows and screen pops: Operational',
    ]);
  });

  it('records a hotfix from the console: a resolved incident with impact none and its postmortem, told to subscribers', async () => {
    const a = await h.session(h.agent, 'agent');
    const shown = main((await a.get('/agent/status')).body);
    assert.match(shown, /<h2 id="hotfix-h">Record a hotfix<\/h2>/);
    assert.match(shown, /<form method="post" action="\/agent\/status\/hotfixes" class="stack" aria-labelledby="hotfix-h">\s*<input type="hidden" name="_csrf" value="[^"]+">/);
    assert.match(shown, /<input type="checkbox" name="fixed_media-bar"> Media bar/);
    const recorded = await a.post('/agent/status/hotfixes', {
      name: 'Media bar timer fix', body: 'Applied without downtime.', postmortem: 'A rounding bug in the call timer.', 'fixed_media-bar': 'on', notify: 'on',
    });
    assert.equal(recorded.statusCode, 303);
    assert.equal(recorded.headers.location, '/agent/status?done=1');
    const [fix] = await incidentsNamed('Media bar timer fix');
    assert.deepEqual([fix.status, fix.impact], ['postmortem', 'none']);
    const v2 = ((await h.app.inject({ method: 'GET', url: '/api/v2/incidents.json' })).json() as { incidents: Array<{ id: string; postmortem_body: string; components: Array<{ id: string }> }> }).incidents.find((i) => i.id === fix.id)!;
    assert.equal(v2.postmortem_body, 'A rounding bug in the call timer.');
    assert.deepEqual(v2.components.map((c) => c.id), ['media-bar']);
    // No downtime: the component stays as it was.
    assert.equal((await components())['media-bar'], 'operational');
    const { rows: [told] } = await h.desk.t.db.query<{ event: string; subject: string; body: string }>('SELECT event, subject, body FROM status_notifications WHERE incident_id = $1', [fix.id]);
    assert.deepEqual({ event: told.event, subject: told.subject }, { event: 'hotfix_postmortem', subject: '[OpenMethods Status Page] Postmortem: Media bar timer fix' });
    // What was fixed is said as the hotfix it is, not as a second "Postmortem:"; then the postmortem and the component fixed.
    assert.equal(told.body, 'Media bar timer fix\nHotfix: Applied without downtime.\n\nPostmortem:\nA rounding bug in the call timer.\n\nComponents fixed: Media bar.\n\nPosted: Wed Dec 2 2026 05:00 AM EST\n\nOpenMethods Status Page'); // posted at the desk's clock, 10:00 UTC
    assert.match(main((await a.get('/agent/status?done=1')).body), /Saved\./);
  });

  it('is for agents only: a contact is refused, a visitor sent to sign in', async () => {
    const c = await h.session(h.contactA, 'contact');
    assert.equal((await c.get('/agent/status')).statusCode, 403);
    assert.equal((await c.post('/agent/status/incidents', { name: 'Not mine', body: 'x' })).statusCode, 403);
    assert.equal((await c.post('/agent/status/hotfixes', { name: 'Not mine', body: 'x', postmortem: 'y', notify: 'on' })).statusCode, 403);
    const v = await h.visitor();
    const get = await v.get('/agent/status');
    assert.equal(get.statusCode, 303);
    assert.equal(get.headers.location, '/login?next=%2Fagent%2Fstatus');
    assert.equal((await incidentsNamed('Not mine')).length, 0);
  });
});

describe('status page console, OpenBack (no status page)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('says there is no status page, offers no forms, and refuses posts as not found', async () => {
    const a = await h.session(h.agent, 'agent');
    const page = await a.get('/agent/status');
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /href="\/agent\/status"/);
    const body = main(page.body);
    assert.match(body, /The active support policy publishes no status page/);
    assert.doesNotMatch(body, /<form/);
    const posted = await a.post('/agent/status/incidents', { name: 'Outage', body: 'Down.', notify: 'on' });
    assert.equal(posted.statusCode, 404);
    assert.match(main(posted.body), /This support policy has no status page/);
  });
});

describe('status page console, OfficeSpace (maintenance only, no components)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('officespace', 'standard');
  });
  after(() => h.close());

  it('offers maintenance only, without component choices, and schedules it', async () => {
    const a = await h.session(h.agent, 'agent');
    const body = main((await a.get('/agent/status')).body);
    assert.doesNotMatch(body, /Components|Open an incident|Open incidents|Record a hotfix/);
    // Headed by the seed's own name for them ("Scheduled Outages are usually scheduled during weekends"), not "Maintenance".
    assert.match(body, /<h2 id="maint-h">Scheduled Outages<\/h2>/);
    assert.match(body, /<h3 id="new-maint-h">Scheduled Outages: schedule one<\/h3>/);
    assert.doesNotMatch(body, /Schedule maintenance|>Maintenance</);
    // "Scheduled Outages: are usually scheduled during weekends" (status_page.maintenance.usual_window):
    // told to whoever schedules one, as a hint beside the form, refusing no other day (usually).
    assert.match(body, /<p class="hint" id="maint-usual">The support policy: scheduled outages are usually scheduled during weekends\.<\/p>/);
    const scheduled = await a.post('/agent/status/maintenances', {
      name: 'Weekend upgrade', body: 'The service is down for an upgrade.', scheduled_for: '2026-12-05T14:00', scheduled_until: '2026-12-05T16:00', notify: 'on',
    });
    assert.equal(scheduled.statusCode, 303);
    assert.match(main((await a.get('/agent/status')).body), /Weekend upgrade<\/a><\/h3>\s*<p><strong>Scheduled<\/strong>, 2026-12-05 14:00 UTC to 2026-12-05 16:00 UTC <small class="local">\(Sat 5 Dec 2026 08:00 GMT-6 to Sat 5 Dec 2026 10:00 GMT-6\)<\/small><\/p>/);
  });

  it('refuses a hotfix (the page publishes no incidents) at the top of the console, keeping nothing half-done', async () => {
    const a = await h.session(h.agent, 'agent');
    const refused = await a.post('/agent/status/hotfixes', { name: 'Quick fix', body: 'Applied.', postmortem: 'A typo.', notify: 'on' });
    assert.equal(refused.statusCode, 409);
    assert.match(main(refused.body), /id="console-error">\s*<p>This status page publishes maintenance only \(the policy promises no incident notices\)<\/p>/);
    const { rows } = await h.desk.t.db.query("SELECT 1 FROM status_incidents WHERE kind = 'incident'");
    assert.equal(rows.length, 0);
  });
});
