// A front-line agent's day on the OfficeSpace desk (2026-12-07), as the team worked it: what they
// found wrong. OfficeSpace calls its levels "Support Levels" (classification.label: "Support level"),
// never severities, so a regrade's explanation and its refusal say "support level", on the desk
// and on the customer's case page; and a refused reply keeps the ETA the agent typed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { errorBox, main } from './page-parts.ts';

describe('OfficeSpace: a working day on the desk', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('officespace', 'standard');
  });
  after(() => h.close());

  it('a Basic case regraded to Technical Support: the explanation says the support level changed, desk and portal', async () => {
    // Monday 7 Dec 2026 15:00 GMT-6 (21:00Z), inside the support hours 05:00-22:00 GMT-6.
    h.desk.clock.set('2026-12-07T21:00:00Z');
    const t = await openTicket(h, h.contactA, { subject: 'Desks cannot be booked', severity: 3 });
    const a = await h.session(h.agent, 'agent');
    // Regraded at 15:30 GMT-6: Technical Support's 4 support hours from then end 19:30 GMT-6
    // (01:30Z Tuesday), sooner than Basic's 24 support hours from the opening (Mon 15:00-22:00 is 7,
    // Tue 05:00-22:00 is 17: Tue 22:00 GMT-6), so the goal counts from the regrade.
    h.desk.clock.set('2026-12-07T21:30:00Z');
    const regraded = await a.post(`/agent/tickets/${t.id}/regrade`, { severity: '2', reason: 'Staff cannot book desks: a problem in the service' });
    assert.equal(regraded.statusCode, 303, regraded.body);

    const desk = main((await a.get(`/agent/tickets/${t.id}`)).body);
    assert.ok(desk.includes('<li>Regraded to Technical Support Mon 7 Dec 2026 15:30 GMT-6 = 2026-12-07T21:30:00Z: the support level changed then, so its time counts from the regrade, not from the opening.</li>'), desk);
    const c = await h.session(h.contactA, 'contact');
    const portal = main((await c.get(`/portal/cases/${t.id}`)).body);
    assert.ok(portal.includes('<li>Regraded to Technical Support Mon 7 Dec 2026 15:30 GMT-6: the support level changed then, so its time counts from the regrade, not from the opening.</li>'), portal);
    assert.doesNotMatch(portal, /severity changed/i);
  });

  it('a regrade without a reason is refused naming the reason, in the desk\'s words (no "severity")', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'No reason given', severity: 3 });
    const a = await h.session(h.agent, 'agent');
    const res = await a.post(`/agent/tickets/${t.id}/regrade`, { severity: '1', reason: '' });
    assert.equal(res.statusCode, 400);
    const box = errorBox(res.body, 'regrade');
    assert.match(box, /<strong>Reason<\/strong> a reason is required to regrade the ticket/);
    assert.doesNotMatch(box, /severity/i);
    // The level chosen stays chosen.
    assert.match(main(res.body), /<option value="1" selected>Critical Technical Support<\/option>/);
  });

  it('a refused reply keeps the ETA typed, in the zone it was typed in, beside the body, status and time', async () => {
    h.desk.clock.set('2026-12-07T21:00:00Z');
    const t = await openTicket(h, h.contactA, { subject: 'Keep my ETA', severity: 2 });
    const a = await h.session(h.agent, 'agent');
    const reply = { body: 'We found the cause: a broken map tile.', eta: '2026-12-09T12:00', eta_zone: '-06:00', status: 'pending_customer', time_spent: 'half an hour' };
    const bad = await a.post(`/agent/tickets/${t.id}/reply`, reply);
    assert.equal(bad.statusCode, 400);
    const page = main(bad.body);
    assert.match(errorBox(bad.body, 'reply'), /<strong>Time spent<\/strong>/);
    assert.match(page, /<textarea id="reply-body" [^>]*>We found the cause: a broken map tile\.<\/textarea>/);
    assert.match(page, /<input id="reply-eta" name="eta" type="datetime-local" value="2026-12-09T12:00">/);
    assert.match(page, /<option value="pending_customer" selected>/);
    // An ETA refused for being past is kept too, for the agent to correct (Saturday 5 Dec, 12:00 GMT-6).
    const past = await a.post(`/agent/tickets/${t.id}/reply`, { ...reply, eta: '2026-12-05T12:00', time_spent: '' });
    assert.equal(past.statusCode, 400);
    assert.match(errorBox(past.body, 'reply'), /<strong>ETA<\/strong>/);
    assert.match(main(past.body), /<input id="reply-eta" name="eta" type="datetime-local" value="2026-12-05T12:00">/);
    // Nothing was sent: the timeline has no reply yet.
    const fine = main((await a.get(`/agent/tickets/${t.id}`)).body);
    assert.match(fine, /<input id="reply-eta" name="eta" type="datetime-local">/);
    assert.doesNotMatch(fine, /We found the cause/);
  });
});
