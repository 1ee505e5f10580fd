// OfficeSpace: "customers are usually notified via email and/or at support.officespacesoftware.com". Each
// contact is mailed scheduled outages whether they asked or not, so their settings page says so and lets
// them stop that mail, or start it again, as the link in each notice does (customer-notice-stop.test.ts):
// the fan-out then passes them over. OpenBack mails its customers no outages: no such section.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fanOutPending, scheduleMaintenance } from '../../src/status/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const LINKS = { baseUrl: 'https://desk.example', batchSize: 500 };

describe('a contact\'s scheduled-outage mail in their settings (OfficeSpace)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('officespace', 'standard'); // Wed 2 Dec 2026 10:00 UTC
  });
  after(() => h.close());

  const emailOf = async (id: string) => (await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [id])).rows[0].email;
  /** Schedules an outage (Saturday 12 December) and fans it out; who was mailed it. */
  const mailedFor = async (name: string) => {
    await scheduleMaintenance({ ctx: h.desk.ctx(h.desk.agent), input: { name, body: 'Down for an upgrade.', scheduledFor: '2026-12-12T14:00:00Z', scheduledUntil: '2026-12-12T16:00:00Z' } });
    await fanOutPending(h.desk.system, LINKS);
    return (await h.desk.t.db.query<{ recipient: string }>("SELECT recipient FROM outbox WHERE kind = 'status_notice' AND subject LIKE $1 ORDER BY recipient", [`%${name}`])).rows.map((r) => r.recipient);
  };

  it('says the mail is sent and stops it with one button; the next outage passes the contact over; started again, they are mailed', async () => {
    const c = await h.session(h.contactA, 'contact');
    const a = await emailOf(h.contactA.id);
    const b = await emailOf(h.contactB.id);
    let body = main((await c.get('/portal/settings')).body);
    assert.match(body, /<h2 id="outage-mail-h">Mail about Scheduled Outages<\/h2>/);
    // The promise in the seed's own words and hedges, quoted; then what this desk does, as fact, not as OfficeSpace's promise.
    assert.match(body, /<p id="outage-mail-policy">Our support policy: “Scheduled Outages: are usually scheduled during weekends and customers are usually notified via email and\/or at support\.officespacesoftware\.com”<\/p>/);
    assert.match(body, /<p id="outage-mail-state">You are among the contacts of our customers mailed notices of Scheduled Outages\. They are also posted on the <a href="\/status">status page<\/a>\.<\/p>/);
    assert.doesNotMatch(body, /as to every contact/, 'no promise beyond the seed\'s "usually notified"');
    assert.match(body, /<input type="hidden" name="stop" value="yes">\s*<button type="submit">Stop mailing them to me<\/button>/);

    const stopped = await c.post('/portal/settings/outage-mail', { stop: 'yes' });
    assert.equal(stopped.statusCode, 303);
    body = main((await c.get('/portal/settings')).body);
    assert.match(body, /<p id="outage-mail-state">You stopped the mail about Scheduled Outages\. They are still posted on the <a href="\/status">status page<\/a>\.<\/p>/);
    assert.match(body, /<input type="hidden" name="stop" value="no">\s*<button type="submit">Mail them to me again<\/button>/);
    const { rows } = await h.desk.t.db.query<{ actor_kind: string; actor_id: string }>("SELECT actor_kind, actor_id FROM audit_events WHERE type = 'contact.outage_mail_stopped'");
    assert.deepEqual(rows, [{ actor_kind: 'contact', actor_id: h.contactA.id }]);
    assert.deepEqual(await mailedFor('First upgrade'), [b]);
    // The team, asked why no notice came, reads it on the organization's page (the desk's clock: Wed 2 Dec 2026 10:00 UTC).
    const agent = await h.session(h.agent, 'agent');
    const org = main((await agent.get(`/agent/organizations/${h.contactA.organizationId}`)).body);
    assert.match(org, /<small class="outage-mail">\(stopped the mail about Scheduled Outages 2026-12-02 10:00 UTC\)<\/small>/);

    assert.equal((await c.post('/portal/settings/outage-mail', { stop: 'no' })).statusCode, 303);
    assert.deepEqual(await mailedFor('Second upgrade'), [a, b].sort());
    assert.doesNotMatch(main((await agent.get(`/agent/organizations/${h.contactA.organizationId}`)).body), /outage-mail/);
  });
});

describe('no scheduled-outage mail to stop (OpenBack)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('shows no such section, and the form is not found', async () => {
    const c = await h.session(h.contactA, 'contact');
    assert.doesNotMatch(main((await c.get('/portal/settings')).body), /outage-mail/);
    assert.equal((await c.post('/portal/settings/outage-mail', { stop: 'yes' })).statusCode, 404);
  });
});
