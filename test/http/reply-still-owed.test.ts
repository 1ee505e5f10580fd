// OPS-COM, after hours: "a status notification will be sent to you within 1 hour for Critical issues.
// This notification will include an estimated time to resolution." The desk's reply form warns when a
// reply without an ETA leaves that notification owed; the API took such a reply with no word. Its
// answer now says so in `still_owed` (never a refusal: on call may have to ask a question first).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicketApp, type TicketApp } from './ticket-app.ts';

const MESSAGE = 'Reply sent to the customer, with no ETA to resolution: the status notification is still owed, and it includes an estimated time to resolution.';

describe('OPS-COM: an agent reply over the API without an ETA says the status notification is still owed', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('opscom', 'premium');
  });
  after(() => h.close());

  const reply = (token: string, id: string, payload: Record<string, unknown>) =>
    h.as(token, { method: 'POST', url: `/api/v1/tickets/${id}/replies`, payload });

  it('after hours, a critical case: owed after a question, met by the reply with an ETA', async () => {
    // Opened Wed 2 Dec 2026 23:00 EST (Thu 3 Dec 04:00Z), outside Mon-Fri 9-5 EST: the status
    // notification is due within 1 hour, at 00:00 EST (05:00Z).
    h.desk.clock.set('2026-12-03T04:00:00Z');
    // By email: "This support is provided by email", the one channel after-hours support is given through.
    const made = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'Portal down', description: 'x', channel: 'email', intake: { system_outage: true } } });
    assert.equal(made.statusCode, 201, made.body);
    const id = made.json().id as string;

    // On call asks a question first, at 23:10 EST: taken, and said to leave the notification owed.
    h.desk.clock.set('2026-12-03T04:10:00Z');
    const asked = await reply(h.agent.token, id, { body: 'Which site is down?' });
    assert.equal(asked.statusCode, 201, asked.body);
    assert.equal(asked.json().body, 'Which site is down?');
    assert.deepEqual(asked.json().still_owed, { notification: 'status_notification', due: '2026-12-03T05:00:00Z', requires: 'eta', message: MESSAGE });

    // The customer's answer owes them nothing new: a contact's reply says nothing of it.
    const answered = await reply(h.contactA.token, id, { body: 'The Toronto site.' });
    assert.equal(answered.statusCode, 201, answered.body);
    assert.equal(answered.json().still_owed, null);

    // At 23:40 EST, with an ETA of 02:00 EST (07:00Z): this reply is the notification; nothing is owed.
    h.desk.clock.set('2026-12-03T04:40:00Z');
    const sent = await reply(h.agent.token, id, { body: 'Restoring the database.', eta: '2026-12-03T07:00:00Z' });
    assert.equal(sent.statusCode, 201, sent.body);
    assert.equal(sent.json().still_owed, null);
  });

  it('in support hours, a reply without an ETA owes nothing: no status notification runs', async () => {
    // Thu 3 Dec 2026 15:00Z is 10:00 EST, in Mon-Fri 9-5 EST.
    h.desk.clock.set('2026-12-03T15:00:00Z');
    const made = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'Portal down again', description: 'x', channel: 'web', intake: { system_outage: true } } });
    assert.equal(made.statusCode, 201, made.body);
    const res = await reply(h.agent.token, made.json().id, { body: 'Looking into it.' });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().still_owed, null);
  });
});
