// OPS-COM promises the client an estimated time to resolution twice: after hours, "a status
// notification will be sent to you within 1 hour for Critical issues. This notification will include
// an estimated time to resolution"; on escalation, "The client will be advised on estimated time to
// resolution and the Development team will address the bug". The agent's reply form called its ETA
// field "(optional)" all the same (and once the estimate given had passed, with the bug open, too), and a reply sent without one read "Reply sent to the customer."
// while the status notification it did not send stayed owed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const replyForm = (html: string) => /<form method="post" action="[^"]*\/reply"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';

describe('OPS-COM: the reply form says when an ETA is owed', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('opscom', 'premium');
  });
  after(() => h.close());

  it('after hours, a critical case: the field says the status notification includes one; a reply without it is flagged', async () => {
    // Opened Wed 2 Dec 2026 23:00 EST (Thu 3 Dec 04:00Z), outside Mon-Fri 9-5 EST: the status
    // notification is due within 1 hour, 00:00 EST (05:00Z).
    h.desk.clock.set('2026-12-03T04:00:00Z');
    // By email: "This support is provided by email", the one channel after-hours support is given through.
    const made = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'Portal down', description: 'x', channel: 'email', intake: { system_outage: true } } });
    assert.equal(made.statusCode, 201);
    const id = made.json().id as string;
    const a = await h.session(h.agent, 'agent');
    const form = replyForm(main((await a.get(`/agent/tickets/${id}`)).body));
    assert.match(form, /<label for="reply-eta">ETA to resolution \(owed: see below\), in EST \(America\/New_York, EDT in summer\)<\/label>/);
    assert.match(form, /<p class="hint warning" id="eta-owed">The status notification, due 2026-12-03 05:00 UTC \(Thu Dec 3 2026 12:00 AM EST\), includes an estimated time to resolution: a reply without one does not send it.<\/p>/);

    // On call asks a question first, at 23:10 EST: taken, and the page says the notification is still owed.
    h.desk.clock.set('2026-12-03T04:10:00Z');
    const asked = await a.post(`/agent/tickets/${id}/reply`, { body: 'Which site is down?', eta: '', eta_zone: 'America/New_York' });
    assert.equal(asked.statusCode, 303);
    const after1 = main((await a.get(asked.headers.location!)).body);
    assert.match(after1, /<p class="flash warning" role="status">Reply sent to the customer, with no ETA to resolution: the status notification is still owed, and it includes an estimated time to resolution.<\/p>/);
    assert.match(after1, /<th scope="row">Status notification<\/th>\s*<td>Running<\/td>/);

    // At 23:40 EST, with an ETA of 02:00 EST: the notification is sent; the field is optional again.
    h.desk.clock.set('2026-12-03T04:40:00Z');
    const sent = await a.post(`/agent/tickets/${id}/reply`, { body: 'Restoring the database.', eta: '2026-12-03T02:00', eta_zone: 'America/New_York' });
    assert.equal(sent.statusCode, 303);
    const after2 = main((await a.get(sent.headers.location!)).body);
    assert.match(after2, /<p class="flash ok" role="status">Reply sent to the customer.<\/p>/);
    assert.match(after2, /<th scope="row">Status notification<\/th>\s*<td>Met \(2026-12-03 04:40 UTC\)<\/td>/);
    assert.match(replyForm(after2), /ETA to resolution \(optional\), in EST \(America\/New_York, EDT in summer\)<\/label>/);
    assert.doesNotMatch(after2, /id="eta-owed"/);
  });

  it('a bug with the escalation manager: the field says the client is advised before development; not at the front line', async () => {
    // Thu 3 Dec 2026 15:00Z is 10:00 EST, in support hours; a case that is not critical.
    h.desk.clock.set('2026-12-03T15:00:00Z');
    const t = await openTicket(h, h.contactA, { subject: 'Export drops rows', severity: 2 });
    const a = await h.session(h.escalation, 'agent');
    const atFrontLine = main((await a.get(`/agent/tickets/${t.id}`)).body);
    assert.match(replyForm(atFrontLine), /ETA to resolution \(optional\), in EST \(America\/New_York, EDT in summer\)<\/label>/);
    assert.doesNotMatch(atFrontLine, /id="eta-owed"/);

    assert.equal((await h.as(h.escalation.token, { method: 'POST', url: `/api/v1/tickets/${t.id}/escalations`, payload: { reason: 'Reproduced: a bug' } })).statusCode, 200);
    const assessed = replyForm(main((await a.get(`/agent/tickets/${t.id}`)).body));
    assert.match(assessed, /ETA to resolution \(owed: see below\), in EST \(America\/New_York, EDT in summer\)<\/label>/);
    assert.match(assessed, /<p class="hint" id="eta-owed">The client is advised on the estimated time to resolution before Development team addresses the bug: give it here.<\/p>/);

    assert.equal((await a.post(`/agent/tickets/${t.id}/reply`, { body: 'A fix is planned.', eta: '2026-12-18T17:00', eta_zone: 'America/New_York' })).statusCode, 303);
    const given = main((await a.get(`/agent/tickets/${t.id}`)).body);
    assert.doesNotMatch(given, /id="eta-owed"/);
    assert.match(replyForm(given), /\(optional\)<\/label>/);

    // Fri 18 Dec 2026 17:00 EST (22:00Z) passes with the bug still open ("fix times can range from 1
    // day to many months"): what the client was told no longer holds.
    h.desk.clock.set('2026-12-19T15:00:00Z');
    const later = await h.session(h.escalation, 'agent');
    const passed = replyForm(main((await later.get(`/agent/tickets/${t.id}`)).body));
    assert.match(passed, /ETA to resolution \(owed: see below\), in EST \(America\/New_York, EDT in summer\)<\/label>/);
    assert.match(passed, /<p class="hint warning" id="eta-owed">The estimated time to resolution the client was given, 2026-12-18 22:00 UTC \(Fri Dec 18 2026 05:00 PM EST\), has passed with the issue open: a reply with a new one advises them.<\/p>/);
    // Solved, nothing more is owed.
    assert.equal((await later.post(`/agent/tickets/${t.id}/status`, { status: 'solved' })).statusCode, 303);
    assert.doesNotMatch(main((await later.get(`/agent/tickets/${t.id}`)).body), /id="eta-owed"/);
  });
});
