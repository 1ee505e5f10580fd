// The status page console (/agent/status) on OpenMethods refuses, beside the form it came from and
// keeping what was typed: an incident without a title, maintenance that ends before it starts, in a
// zone that is none or begun already, a hotfix without its postmortem or its promised notice, an
// unknown component. Nothing refused is published (Atlassian's /api/v2 JSON says so).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';
import { incidentsNamed as publishedIncidentsNamed } from './status-json.ts';
import { main } from './page-parts.ts';

describe('status page console refusals, OpenMethods', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openmethods', 'premium');
  });
  after(() => h.close());

  const incidentsNamed = (name: string) => publishedIncidentsNamed(h, name);

  it('refuses maintenance times in a zone that is none, instead of reading them as UTC', async () => {
    const a = await h.session(h.agent, 'agent');
    const refused = await a.post('/agent/status/maintenances', {
      name: 'Moon patch', body: 'A restart.', zone: 'Mars/Olympus', scheduled_for: '2027-01-16T21:00', scheduled_until: '2027-01-16T21:30',
    });
    assert.equal(refused.statusCode, 400);
    const body = main(refused.body);
    assert.match(body, /<div class="flash error" role="alert" id="maintenance-error">\s*<p>The time zone is not known<\/p>\s*<ul><li><strong>Time zone<\/strong> &quot;Mars\/Olympus&quot; is not a time zone: choose one from the list<\/li><\/ul>/);
    assert.match(body, /<input id="m-name" name="name" maxlength="200" required value="Moon patch">/);
    assert.match(body, /<input id="m-from" name="scheduled_for" type="datetime-local" required value="2027-01-16T21:00">/);
    // Nothing was scheduled.
    const upcoming = (await h.app.inject({ method: 'GET', url: '/api/v2/scheduled-maintenances/upcoming.json' })).json() as { scheduled_maintenances: Array<{ name: string }> };
    assert.ok(!upcoming.scheduled_maintenances.some((x) => x.name === 'Moon patch'));
  });

  it('shows a refusal beside the forms, keeping what was typed', async () => {
    const a = await h.session(h.agent, 'agent');
    const refused = await a.post('/agent/status/incidents', {
      name: '', status: 'identified', impact: 'major', body: 'Something is off.', 'component_chat-routing': 'major_outage',
    });
    assert.equal(refused.statusCode, 400);
    const body = main(refused.body);
    // Beside the form it came from, the field named as the form labels it, in words.
    assert.match(body, /<div class="flash error" role="alert" id="incident-error">\s*<p>The input is not valid<\/p>\s*<ul><li><strong>Title<\/strong> must not be empty<\/li><\/ul>/);
    assert.doesNotMatch(body, /Too small|<strong>name<\/strong>/);
    assert.match(body, /<textarea id="i-body" name="body" rows="3" required>Something is off\.<\/textarea>/);
    assert.match(body, /<select id="i-status" name="status">[^]*?<option value="identified" selected>Identified<\/option>/);
    assert.match(body, /<select id="i-impact" name="impact">[^]*?<option value="major" selected>Major<\/option>/);
    assert.match(body, /<select id="i-chat-routing" name="component_chat-routing">[^]*?<option value="major_outage" selected>Major outage<\/option>/);
    // "Notify subscribers" was not ticked: it stays unticked.
    assert.match(body, /<input type="checkbox" name="notify"> Notify subscribers<\/label>\s*<button type="submit">Open incident<\/button>/);
    // What was typed for the incident is not put in the maintenance form.
    assert.match(body, /<textarea id="m-body" name="body" rows="3" required><\/textarea>/);

    const backwards = await a.post('/agent/status/maintenances', {
      name: 'Backwards', body: 'The database restarts.', zone: 'UTC', scheduled_for: '2027-01-09T03:00', scheduled_until: '2027-01-09T02:00',
      'affects_email-routing': 'on', notify: 'on',
    });
    assert.equal(backwards.statusCode, 400);
    const b = main(backwards.body);
    assert.match(b, /<div class="flash error" role="alert" id="maintenance-error">[^]*?<li><strong>Ends<\/strong> must be after the start<\/li>/);
    assert.doesNotMatch(b, /scheduledUntil|scheduled_for<|id="incident-error"/);
    assert.match(b, /<input id="m-name" name="name" maxlength="200" required value="Backwards">/);
    assert.match(b, /<textarea id="m-body" name="body" rows="3" required>The database restarts\.<\/textarea>/);
    assert.match(b, /<option value="UTC" selected>UTC<\/option>/);
    assert.match(b, /<input id="m-from" name="scheduled_for" type="datetime-local" required value="2027-01-09T03:00">/);
    assert.match(b, /<input id="m-until" name="scheduled_until" type="datetime-local" required value="2027-01-09T02:00">/);
    assert.match(b, /<input type="checkbox" name="affects_email-routing" checked> Email routing/);
    assert.match(b, /<input type="checkbox" name="affects_chat-routing"> Chat routing/);
    // The incident form shows as it always does.
    assert.match(b, /<input id="i-name" name="name" maxlength="200" required value="">/);

    const unknown = await a.post('/agent/status/components/no-such-component', { status: 'major_outage' });
    assert.equal(unknown.statusCode, 400);
    assert.match(main(unknown.body), /id="console-error">[^]*?is not a component of the status page: no-such-component/);

    // An open incident's update, refused, keeps its words beside that incident's form.
    assert.equal((await a.post('/agent/status/incidents', { name: 'Slow media bar', impact: 'minor', body: 'Looking into it.', notify: 'on' })).statusCode, 303);
    const [slow] = await incidentsNamed('Slow media bar');
    const empty = await a.post(`/agent/status/incidents/${slow.id}/updates`, { status: 'monitoring', body: '  ', notify: 'on' });
    assert.equal(empty.statusCode, 400);
    const u = main(empty.body);
    assert.match(u, new RegExp(`id="update-${slow.id}-error">[^]*?<strong>Update</strong> must not be empty`));
    assert.match(u, new RegExp(`<select id="u-status-${slow.id}" name="status">[^]*?<option value="monitoring" selected>Monitoring</option>`));
    assert.match(u, new RegExp(`<textarea id="u-body-${slow.id}" name="body" rows="3" required>  </textarea>`));
    assert.equal((await a.post(`/agent/status/incidents/${slow.id}/updates`, { status: 'resolved', body: 'Fine again.', notify: 'on' })).statusCode, 303);
  });

  it('refuses a hotfix beside its form, with the reason at the field and what was typed kept', async () => {
    const a = await h.session(h.agent, 'agent');
    const empty = await a.post('/agent/status/hotfixes', {
      name: 'Chat routing fix', body: 'Applied without downtime.', postmortem: '   ', 'fixed_chat-routing': 'on', notify: 'on',
    });
    assert.equal(empty.statusCode, 400);
    const e = main(empty.body);
    assert.match(e, /<div class="flash error" role="alert" id="hotfix-error">\s*<p>The input is not valid<\/p>\s*<ul><li><strong>Postmortem<\/strong> must not be empty<\/li><\/ul>/);
    assert.match(e, /<input id="h-name" name="name" maxlength="200" required value="Chat routing fix">/);
    assert.match(e, /<textarea id="h-body" name="body" rows="3" required>Applied without downtime\.<\/textarea>/);
    assert.match(e, /<textarea id="h-postmortem" name="postmortem" rows="4" required>   <\/textarea>/);
    assert.match(e, /<input type="checkbox" name="fixed_chat-routing" checked> Chat routing/);
    assert.match(e, /<input type="checkbox" name="fixed_media-bar"> Media bar/);
    assert.doesNotMatch(e, /id="incident-error"|id="maintenance-error"|id="console-error"/);
    // The incident form is not filled with what was typed for the hotfix.
    assert.match(e, /<input id="i-name" name="name" maxlength="200" required value="">/);

    // OpenMethods promises hotfix notices ("Subscribed users will be notified"): notify cannot be off.
    const quiet = await a.post('/agent/status/hotfixes', { name: 'Quiet fix', body: 'Applied.', postmortem: 'A typo.' });
    assert.equal(quiet.statusCode, 400);
    const q = main(quiet.body);
    assert.match(q, /id="hotfix-error">\s*<p>The support policy promises this notice to subscribers<\/p>\s*<ul><li><strong>Notify subscribers<\/strong> must be true: the policy&#39;s status_page\.notify promises hotfix_postmortem<\/li><\/ul>/);
    assert.match(q, /<input type="checkbox" name="notify"> Notify subscribers<\/label>\s*<button type="submit">Record hotfix<\/button>/);
    assert.match(q, /<textarea id="h-postmortem" name="postmortem" rows="4" required>A typo\.<\/textarea>/);

    const unknown = await a.post('/agent/status/hotfixes', { name: 'Odd fix', body: 'Applied.', postmortem: 'A typo.', 'fixed_no-such-component': 'on', notify: 'on' });
    assert.equal(unknown.statusCode, 400);
    assert.match(main(unknown.body), /id="hotfix-error">[^]*?is not a component of the status page: no-such-component/);
    // None of them was recorded.
    for (const name of ['Chat routing fix', 'Quiet fix', 'Odd fix']) assert.deepEqual(await incidentsNamed(name), []);
  });

  it('refuses maintenance that would begin in the past, beside its form, naming Starts', async () => {
    const a = await h.session(h.agent, 'agent');
    // Now is 2026-12-02 10:00 UTC: 09:00 has passed.
    const late = await a.post('/agent/status/maintenances', {
      name: 'Late window', body: 'A restart.', zone: 'UTC', scheduled_for: '2026-12-02T09:00', scheduled_until: '2026-12-02T11:00', notify: 'on',
    });
    assert.equal(late.statusCode, 400);
    const body = main(late.body);
    assert.match(body, /id="maintenance-error">\s*<p>Maintenance is scheduled ahead of time, not after it began<\/p>\s*<ul><li><strong>Starts<\/strong> is in the past \(2026-12-02T09:00:00Z, now 2026-12-02T10:00:00Z\): give a start from now on<\/li><\/ul>/);
    assert.match(body, /<input id="m-from" name="scheduled_for" type="datetime-local" required value="2026-12-02T09:00">/);
    const upcoming = (await h.app.inject({ method: 'GET', url: '/api/v2/scheduled-maintenances.json' })).json() as { scheduled_maintenances: Array<{ name: string }> };
    assert.ok(!upcoming.scheduled_maintenances.some((x) => x.name === 'Late window'));
  });

});
