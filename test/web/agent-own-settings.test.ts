// What an agent sets for themselves on the desk, OpenBack: the kinds of mail they get and a manager's
// morning mail hour (the API reads the same), being away and back, and a reminder on a ticket in
// their own zone.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('what an agent sets for themselves, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('an agent turns kinds of mail off and on on their settings page; the API shows the same', async () => {
    const a = await h.session(h.agent, 'agent');
    const page = main((await a.get('/agent/settings')).body);
    assert.match(page, /<input type="checkbox" name="assigned" checked> someone else assigns a ticket to me/);
    // Only the box for new tickets of designated organizations left ticked.
    const saved = await a.post('/agent/settings', { designated_new_ticket: 'on' });
    assert.equal(saved.headers.location, '/agent/settings?done=saved');
    const after = main((await a.get('/agent/settings?done=saved')).body);
    assert.match(after, /<input type="checkbox" name="assigned"> someone else assigns a ticket to me/);
    assert.match(after, /<input type="checkbox" name="designated_new_ticket" checked>/);
    const api = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/agents/me/mail-preferences' });
    assert.deepEqual(api.json(), { assigned: false, customer_replied: false, designated_new_ticket: true, note_notify: false, side_reply: false, held_request: false, daily_digest: false, digest_hour: 7 });
  });

  it('a manager chooses the hour of their morning mail on the settings page; the API reads and sets the same; a front-line agent is offered none', async () => {
    const m = await h.session(h.manager, 'agent');
    const page = main((await m.get('/agent/settings')).body);
    assert.match(page, /<label for="digest-hour">The morning mail comes at<\/label>\s*<select id="digest-hour" name="digest_hour">/);
    assert.match(page, /<option value="7" selected>07:00<\/option>/);
    assert.equal([...page.matchAll(/<option value="\d+"( selected)?>\d\d:00<\/option>/g)].length, 24);
    // Every box left ticked (the other tests here mail the manager), the hour changed.
    const ticked = { assigned: 'on', customer_replied: 'on', designated_new_ticket: 'on', note_notify: 'on', side_reply: 'on', held_request: 'on', daily_digest: 'on' };
    assert.equal((await m.post('/agent/settings', { ...ticked, digest_hour: '18' })).statusCode, 303);
    assert.match(main((await m.get('/agent/settings')).body), /<option value="18" selected>18:00<\/option>/);
    const api = await h.as(h.manager.token, { method: 'GET', url: '/api/v1/agents/me/mail-preferences' });
    assert.equal(api.json().digest_hour, 18);
    const put = await h.as(h.manager.token, { method: 'PUT', url: '/api/v1/agents/me/mail-preferences', payload: { digest_hour: 6 } });
    assert.equal(put.json().digest_hour, 6);
    for (const bad of [24, -1, 6.5, '7']) {
      const res = await h.as(h.manager.token, { method: 'PUT', url: '/api/v1/agents/me/mail-preferences', payload: { digest_hour: bad } });
      assert.equal(res.statusCode, 400, String(bad));
      assert.match(res.body, /digest_hour/);
    }
    const refused = await m.post('/agent/settings', { ...ticked, digest_hour: 'noon' });
    assert.equal(refused.statusCode, 400);
    assert.match(main(refused.body), /<strong>Digest hour<\/strong>/);
    assert.equal((await h.as(h.manager.token, { method: 'GET', url: '/api/v1/agents/me/mail-preferences' })).json().digest_hour, 6, 'unchanged by the refused form');
    const a = await h.session(h.agent, 'agent');
    assert.doesNotMatch(main((await a.get('/agent/settings')).body), /digest-hour/);
  });

  it("an agent says they are away on their settings page, and is back; the admin agents page and the API show it", async () => {
    const a = await h.session(h.agent, 'agent');
    assert.match(main((await a.get('/agent/settings')).body), /<p id="away-off">Here\. Away \(on leave, off shift\), you are given none\.<\/p>/);
    assert.equal((await a.post('/agent/settings/away', { away: 'yes' })).headers.location, '/agent/settings?done=saved');
    assert.match(main((await a.get('/agent/settings')).body), /<p id="away-on">Away since 2026-12-02 10:00 UTC: no new ticket is given to you in turn; what you hold stays yours\.<\/p>/);
    const admin = await h.session(h.admin, 'agent');
    assert.match(main((await admin.get('/admin/agents')).body), /<small>\(away since 2026-12-02 10:00 UTC\)<\/small>/);
    // Offered still (what they hold stays theirs), marked away.
    const t = await openTicket(h, h.contactA, { subject: 'While away', severity: 3 });
    assert.match(main((await admin.get(`/agent/tickets/${t.id}`)).body), new RegExp(`<option value="${h.agent.id}">agent@vendor\\.example \\(away\\)</option>`));
    const listed = await h.as(h.admin.token, { method: 'GET', url: `/api/v1/agents` });
    assert.equal(listed.json().items.find((x: { id: string }) => x.id === h.agent.id).away_since, '2026-12-02T10:00:00Z');
    const me = await h.as(h.contactA.token, { method: 'PATCH', url: '/api/v1/me', payload: { away: true } });
    assert.deepEqual([me.statusCode, me.json().details.map((d: { path: string }) => d.path)], [400, ['away']]);
    await a.post('/agent/settings/away', { away: 'no' });
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: '/api/v1/me' })).json().away_since, null);
  });

  it('an agent sets a reminder on a ticket page, at a time in their own zone, and clears it', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Remind me', severity: 3 });
    await h.as(h.manager.token, { method: 'PATCH', url: '/api/v1/me', payload: { time_zone: 'Europe/Berlin' } });
    const m = await h.session(h.manager, 'agent');
    assert.match(main((await m.get(`/agent/tickets/${t.id}`)).body), /<label for="remind-at">Remind me at \(Europe\/Berlin\)<\/label>/);
    // 18:00 in Berlin on 2 December is 17:00 UTC.
    assert.equal((await m.post(`/agent/tickets/${t.id}/reminder`, { at: '2026-12-02T18:00', at_zone: 'Europe/Berlin', note: 'Call them back' })).headers.location, `/agent/tickets/${t.id}?done=reminder`);
    const { rows } = await h.desk.t.db.query<{ remind_at: Temporal.Instant; note: string }>('SELECT remind_at, note FROM ticket_reminders WHERE ticket_id = $1', [t.id]);
    assert.deepEqual([rows[0].remind_at.toString(), rows[0].note], ['2026-12-02T17:00:00Z', 'Call them back']);
    assert.match(main((await m.get(`/agent/tickets/${t.id}`)).body), /<dd id="reminder">Wed 2 Dec 2026 18:00 CET: Call them back/);
    const past = await m.post(`/agent/tickets/${t.id}/reminder`, { at: '2026-12-01T08:00', at_zone: 'Europe/Berlin' });
    assert.equal(past.statusCode, 400);
    assert.match(main(past.body), /must be in the future/);
    assert.equal((await m.post(`/agent/tickets/${t.id}/reminder`, { clear: 'yes' })).statusCode, 303);
    assert.equal((await h.desk.t.db.query('SELECT 1 FROM ticket_reminders WHERE ticket_id = $1', [t.id])).rows.length, 0);
    // The API: the same, for one's own.
    const api = await h.as(h.agent.token, { method: 'PUT', url: `/api/v1/tickets/${t.id}/reminder`, payload: { at: '2026-12-03T09:00:00Z', note: 'API' } });
    assert.deepEqual([api.statusCode, api.json().reminder.remind_at, api.json().reminder.note], [200, '2026-12-03T09:00:00Z', 'API']);
    // Listed for them through the API, and only for them.
    const mine = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/me/reminders' });
    assert.deepEqual(mine.json().items, [{ ticket_id: t.id, number: t.number, subject: 'Remind me', remind_at: '2026-12-03T09:00:00Z', note: 'API', created_at: '2026-12-02T10:00:00Z' }]);
    assert.deepEqual((await h.as(h.manager.token, { method: 'GET', url: '/api/v1/me/reminders' })).json().items, []);
    const bad = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/me/reminders?limit=0' });
    assert.deepEqual([bad.statusCode, bad.json().details[0].path], [400, 'querystring.limit']);
    // Listed on the agent's queue page, soonest first, linking the ticket.
    const queue = main((await (await h.session(h.agent, 'agent')).get('/agent')).body);
    assert.match(queue, new RegExp(`<h2 id="reminders-h">My reminders</h2><ul>\\s*<li>2026-12-03 09:00 UTC: <a href="/agent/tickets/${t.id}">#${t.number} Remind me</a> \\(API\\)</li>`));
    assert.equal((await h.as(h.contactA.token, { method: 'PUT', url: `/api/v1/tickets/${t.id}/reminder`, payload: { at: null } })).statusCode, 403);
  });
});
