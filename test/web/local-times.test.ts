// Times in the zone of the plan's support hours, beside UTC: OPS-COM supports "Mon-Fri 9-5 EST"
// (America/New_York), five hours behind UTC in December, and words New York times as its
// explanations do ("Wed Dec 2 2026 02:00 PM EST"). Worked out by hand: an ETA typed as 14:00 on
// the agent's form is 19:00 UTC; a wall time New York skips (02:30 on Sunday 8 March
// 2026, when clocks go from 02:00 to 03:00 EDT) is read as the time after the gap, 03:30 EDT,
// 07:30 UTC.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { zonedFieldText } from '../../src/web/page-kit.ts';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('a form time in a zone (pure)', () => {
  it('reads a wall time in the zone, UTC without one, and leaves other text for the verb to refuse', () => {
    assert.equal(zonedFieldText('2026-12-02T14:00', 'America/New_York'), '2026-12-02T19:00:00Z');
    assert.equal(zonedFieldText('2026-03-08T02:30', 'America/New_York'), '2026-03-08T07:30:00Z');
    assert.equal(zonedFieldText('2026-12-02T14:00', undefined), '2026-12-02T14:00:00Z');
    assert.equal(zonedFieldText('2026-12-02T14:00', 'Not/AZone'), '2026-12-02T14:00:00Z');
    assert.equal(zonedFieldText('tomorrow', 'America/New_York'), 'tomorrow');
  });
});

describe('support-zone times on the pages, OPS-COM', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('opscom', 'premium');
  });
  after(() => h.close());

  it('takes the ETA in the support zone and shows it, and the deadlines, in both', async () => {
    // A system outage by email at 05:00 in New York is taken by the after-hours rule: it has clocks.
    const t = await openTicket(h, h.contactA, { subject: 'Permits page down', description: 'Since this morning', channel: 'email', intake: { system_outage: true } });
    const a = await h.session(h.agent, 'agent');
    const form = main((await a.get(`/agent/tickets/${t.id}`)).body);
    // Its status notification "will include an estimated time to resolution": the field is owed, not optional (eta-owed.ts).
    assert.match(form, /<label for="reply-eta">ETA to resolution \(owed: see below\), in EST \(America\/New_York, EDT in summer\)<\/label>/);
    assert.match(form, /<input type="hidden" name="eta_zone" value="America\/New_York">/);
    assert.equal((await a.post(`/agent/tickets/${t.id}/reply`, { body: 'Working on it.', eta: '2026-12-02T14:00', eta_zone: 'America/New_York' })).statusCode, 303);
    const stored = (await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${t.id}` })).json();
    assert.equal(stored.eta, '2026-12-02T19:00:00Z');
    const page = main((await a.get(`/agent/tickets/${t.id}`)).body);
    assert.match(page, /<dt>ETA<\/dt><dd>2026-12-02 19:00 UTC <small class="local">\(Wed Dec 2 2026 02:00 PM EST\)<\/small><\/dd>/);
    const c = await h.session(h.contactA, 'contact');
    // The customer reads it in the support zone alone ("Mon-Fri 9-5 EST"), not UTC with EST beside it.
    assert.match(main((await c.get(`/portal/cases/${t.id}`)).body), /<dt>Estimated resolution<\/dt><dd>Wed Dec 2 2026 02:00 PM EST<\/dd>/);
    // Each running deadline is shown in New York time under its UTC time.
    assert.match(page, /<td>2026-12-\d{2} \d{2}:\d{2} UTC<br><small class="local">[A-Z][a-z]{2} Dec \d{1,2} 2026 \d{2}:\d{2} [AP]M EST<\/small>/);
    // A form whose zone is none (stale, or made by hand) is refused naming the ETA, not read as UTC.
    const stale = await a.post(`/agent/tickets/${t.id}/reply`, { body: 'Later.', eta: '2026-12-02T16:00', eta_zone: 'Not/AZone' });
    assert.equal(stale.statusCode, 400);
    assert.match(main(stale.body), /is in &quot;Not\/AZone&quot;, which is no time zone: reload the page and type it again/);
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${t.id}` })).json().eta, '2026-12-02T19:00:00Z', 'the ETA unchanged');
    const reminder = await a.post(`/agent/tickets/${t.id}/reminder`, { at: '2026-12-02T16:00', at_zone: 'Not/AZone' });
    assert.equal(reminder.statusCode, 400);
    assert.match(main(reminder.body), /which is no time zone/);
  });
});
