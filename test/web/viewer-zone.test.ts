// Each person's own time zone (customers/profile.ts), OpenBack: an agent in Berlin and a customer
// in New York read every time on their pages in their own zone; with none set, an agent reads UTC
// as before, a customer the zone of their plan's hours, as their cases' promises are worded (QA 2026-12-06).
// Worked out by hand: the desk's clock stands at Wednesday 2 December 2026 10:00 UTC, which is
// 11:00 in Berlin (CET, UTC+1) and 05:00 in New York (EST, UTC-5); OpenBack's plan zone
// (Europe/London, GMT) stays beside promises as the policy words them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe("a person's own time zone, OpenBack", () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('the API reads and sets one\'s own zone, agent or contact; refuses what is no zone, naming the field', async () => {
    const me = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/me' });
    assert.equal(me.statusCode, 200);
    assert.deepEqual(me.json(), { kind: 'agent', id: h.agent.id, name: 'agent@vendor.example', email: 'agent@vendor.example', role: 'front_line', organization_id: null, time_zone: null, signature: null, away_since: null, mail_undelivered: null });
    const set = await h.as(h.agent.token, { method: 'PATCH', url: '/api/v1/me', payload: { time_zone: ' Europe/Berlin ' } });
    assert.equal(set.statusCode, 200);
    assert.equal(set.json().time_zone, 'Europe/Berlin');
    for (const bad of ['Mars/Olympus_Mons', 'CET+25']) {
      const refused = await h.as(h.agent.token, { method: 'PATCH', url: '/api/v1/me', payload: { time_zone: bad } });
      assert.equal(refused.statusCode, 400, bad);
      assert.deepEqual(refused.json().details, [{ path: 'time_zone', message: 'is not a time zone (an IANA name such as Europe/Berlin)' }]);
    }
    const wrongType = await h.as(h.agent.token, { method: 'PATCH', url: '/api/v1/me', payload: { time_zone: 5 } });
    assert.equal(wrongType.statusCode, 400);
    assert.equal(wrongType.json().details[0].path, 'time_zone');
    assert.equal((await h.as(h.agent.token, { method: 'PATCH', url: '/api/v1/me', payload: { role: 'admin' } })).statusCode, 400, 'nothing else is one\'s own to set');
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: '/api/v1/me' })).json().time_zone, 'Europe/Berlin', 'unchanged by the refusals');

    const contact = (await h.as(h.contactA.token, { method: 'GET', url: '/api/v1/me' })).json();
    assert.deepEqual([contact.kind, contact.id, contact.role, contact.organization_id, contact.time_zone], ['contact', h.contactA.id, null, h.contactA.organizationId, null]);
    assert.equal((await h.as(h.agent.token, { method: 'PATCH', url: '/api/v1/me', payload: { time_zone: null } })).json().time_zone, null, 'back to UTC');
  });

  it('the pages show every time in the reader\'s zone, set on their settings page; UTC without one', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Export stuck', severity: 3 });
    const a = await h.session(h.agent, 'agent');
    assert.match(main((await a.get(`/agent/tickets/${t.id}`)).body), /2026-12-02 10:00 UTC/, 'UTC until a zone is chosen');

    const settings = main((await a.get('/agent/settings')).body);
    assert.match(settings, /<option value="" selected>UTC<\/option>/);
    assert.match(settings, /<option value="Europe\/Berlin">Europe\/Berlin<\/option>/);
    assert.match(settings, /<option value="America\/New_York">America\/New York<\/option>/);
    const refused = await a.post('/agent/settings/time-zone', { time_zone: 'Mars/Olympus_Mons' });
    assert.equal(refused.statusCode, 400);
    assert.match(main(refused.body), /id="zone-error"[\s\S]*<strong>Time zone<\/strong> is not a time zone/);
    const saved = await a.post('/agent/settings/time-zone', { time_zone: 'Europe/Berlin' });
    assert.equal(saved.headers.location, '/agent/settings?done=saved');
    const after = main((await a.get('/agent/settings?done=saved')).body);
    assert.match(after, /<option value="Europe\/Berlin" selected>Europe\/Berlin<\/option>/);
    assert.match(after, /id="zone-now">Now: Wed 2 Dec 2026 11:00 CET\./);
    const page = main((await a.get(`/agent/tickets/${t.id}`)).body);
    assert.match(page, /Wed 2 Dec 2026 11:00 CET/);
    assert.doesNotMatch(page, /2026-12-02 10:00 UTC/, 'no time left in UTC');

    // The customer in New York, on the portal: with no zone of their own, the plan's ("9am – 6pm GMT").
    const c = await h.session(h.contactA, 'contact');
    assert.match(main((await c.get(`/portal/cases/${t.id}`)).body), /<dt>Opened<\/dt><dd>Wed 2 Dec 2026 10:00 GMT<\/dd>/);
    // Named as the published hours name it: "GMT" kept as UK time, which is BST in summer.
    assert.match(main((await c.get('/portal/settings')).body), /<option value="" selected>The time zone our support policy gives times in: GMT \(Europe\/London, BST in summer\)<\/option>/);
    assert.equal((await c.post('/portal/settings/time-zone', { time_zone: 'America/New_York' })).headers.location, '/portal/settings?done=saved');
    assert.match(main((await c.get(`/portal/cases/${t.id}`)).body), /<dt>Opened<\/dt><dd>Wed Dec 2 2026 05:00 AM EST<\/dd>/);
    // Back to the plan's zone: the empty choice.
    await c.post('/portal/settings/time-zone', { time_zone: '' });
    assert.match(main((await c.get(`/portal/cases/${t.id}`)).body), /<dt>Opened<\/dt><dd>Wed 2 Dec 2026 10:00 GMT<\/dd>/);
    // Another's zone is never one's own: the agent's stays Berlin.
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: '/api/v1/me' })).json().time_zone, 'Europe/Berlin');
  });

  it("an agent's signature goes under their replies in the customer's mail, not on the timeline; a contact has none", async () => {
    const a = await h.session(h.agent, 'agent');
    assert.equal((await a.post('/agent/settings/signature', { signature: 'Ann Agent\r\nOpenBack Support\r\n' })).headers.location, '/agent/settings?done=saved');
    assert.match((await a.get('/agent/settings')).body, /<textarea id="signature" name="signature" rows="3" maxlength="2000">Ann Agent\nOpenBack Support<\/textarea>/);
    const t = await openTicket(h, h.contactA, { subject: 'Signed', severity: 3 });
    await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${t.id}/replies`, payload: { body: 'Fixed now.' } });
    const { rows } = await h.desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_reply' AND payload->>'ticket_id' = $1", [t.id]);
    assert.deepEqual(rows.map((r) => r.body), ['Fixed now.\n\n-- \nAnn Agent\nOpenBack Support']);
    const events = (await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${t.id}/events` })).json();
    assert.equal((events.items ?? events).find((e: { type: string }) => e.type === 'reply').body, 'Fixed now.');
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: '/api/v1/me' })).json().signature, 'Ann Agent\nOpenBack Support');
    // Emptied: none again.
    assert.equal((await h.as(h.agent.token, { method: 'PATCH', url: '/api/v1/me', payload: { signature: '  ' } })).json().signature, null);
    const refused = await h.as(h.contactA.token, { method: 'PATCH', url: '/api/v1/me', payload: { signature: 'Carl' } });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().details[0].path, 'signature');
  });
});
