// Time accounting, OpenBack: minutes logged with a reply or a note (API and forms) or on their own,
// summed on the ticket page and on the managers' reports (per organization and agent, and as CSV);
// the team's own record: a contact can neither log nor read it; a wrong amount is refused naming
// the field, and a refused reply keeps the minutes typed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('time spent on tickets, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('logs minutes with replies, notes and on their own; sums them on the ticket and the reports; keeps them from contacts', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Slow reports', severity: 3 });
    const at = `/api/v1/tickets/${t.id}`;
    // With a public reply (API): 25 minutes.
    const reply = await h.as(h.agent.token, { method: 'POST', url: `${at}/replies`, payload: { body: 'Looking at it.', time_spent_minutes: 25 } });
    assert.equal(reply.statusCode, 201);
    // On its own, by a colleague: 40 minutes on the phone.
    const call = await h.as(h.escalation.token, { method: 'POST', url: `${at}/time-entries`, payload: { minutes: 40, note: 'Call with their DBA' } });
    assert.equal(call.statusCode, 201);
    assert.equal(call.json().total_minutes, 65);
    // With an internal note: 15 minutes.
    assert.equal((await h.as(h.agent.token, { method: 'POST', url: `${at}/notes`, payload: { body: 'Query plan attached.', time_spent_minutes: 15 } })).statusCode, 201);
    const listed = (await h.as(h.manager.token, { method: 'GET', url: `${at}/time-entries` })).json();
    assert.equal(listed.total_minutes, 80);
    const byMinutes = (m: number) => listed.items.find((e: { minutes: number }) => e.minutes === m);
    assert.deepEqual(byMinutes(25), { id: byMinutes(25).id, agent_id: h.agent.id, agent_name: 'agent@vendor.example', minutes: 25, note: null, event_id: reply.json().id, logged_at: '2026-12-02T10:00:00Z' });
    assert.deepEqual([byMinutes(40).agent_name, byMinutes(40).note, byMinutes(40).event_id], ['escalation@vendor.example', 'Call with their DBA', null]);

    // Wrong amounts, named; nothing logged.
    for (const minutes of [0, 1441, 2.5]) {
      const bad = await h.as(h.agent.token, { method: 'POST', url: `${at}/time-entries`, payload: { minutes } });
      assert.deepEqual([bad.statusCode, bad.json().details[0].path], [400, 'minutes'], String(minutes));
    }
    // Contacts: no logging (not on a reply either), no reading.
    const contactReply = await h.as(h.contactA.token, { method: 'POST', url: `${at}/replies`, payload: { body: 'Thanks', time_spent_minutes: 5 } });
    assert.equal(contactReply.statusCode, 400);
    assert.match(JSON.stringify(contactReply.json().details), /time_?[sS]pent_?[mM]inutes/);
    assert.equal((await h.as(h.contactA.token, { method: 'GET', url: `${at}/time-entries` })).statusCode, 403);
    assert.equal((await h.as(h.contactA.token, { method: 'POST', url: `${at}/time-entries`, payload: { minutes: 5 } })).statusCode, 403);
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: `${at}/time-entries` })).json().total_minutes, 80, 'the refused calls logged nothing');

    // The ticket page: the total, the entries, and the forms.
    const agent = await h.session(h.agent, 'agent');
    const page = main((await agent.get(`/agent/tickets/${t.id}`)).body);
    assert.match(page, /<dd id="time-spent">1 h 20 min in 3 entries/);
    assert.match(page, /<li><span class="time-entry">40 min by escalation@vendor\.example, 2026-12-02 10:00 UTC: Call with their DBA<\/span>/);
    assert.match(page, /<li><span class="time-entry">25 min by agent@vendor\.example, 2026-12-02 10:00 UTC \(with a reply or note\)<\/span>/);
    const typo = await agent.post(`/agent/tickets/${t.id}/time`, { minutes: 'half an hour' });
    assert.equal(typo.statusCode, 400);
    assert.match(main(typo.body), /must be a whole number of minutes, like 25/);
    assert.equal((await agent.post(`/agent/tickets/${t.id}/time`, { minutes: '5', note: 'Read the logs' })).headers.location, `/agent/tickets/${t.id}?done=time`);
    // With the reply form: 10 minutes; a refused reply keeps what was typed, the minutes too.
    const refused = await agent.post(`/agent/tickets/${t.id}/reply`, { body: 'Try this', time_spent: 'ten' });
    assert.equal(refused.statusCode, 400);
    assert.match(main(refused.body), /<input id="reply-time" name="time_spent"[^>]* value="ten">/);
    assert.equal((await agent.post(`/agent/tickets/${t.id}/reply`, { body: 'Try this', time_spent: '10' })).statusCode, 303);
    assert.match(main((await agent.get(`/agent/tickets/${t.id}`)).body), /<dd id="time-spent">1 h 35 min in 5 entries/);
    // Never on the customer's case.
    const contact = await h.session(h.contactA, 'contact');
    assert.doesNotMatch((await contact.get(`/portal/cases/${t.id}`)).body, /Time spent|Call with their DBA|time-spent/);

    // The managers' reports: per organization and agent (agent 25 + 15 + 5 + 10 = 55, escalation 40).
    const org = (await h.desk.t.db.query<{ name: string; plan_id: string }>('SELECT o.name, o.plan_id FROM organizations o JOIN tickets t ON t.organization_id = o.id WHERE t.id = $1', [t.id])).rows[0];
    assert.equal(org.plan_id, 'enterprise');
    const manager = await h.session(h.manager, 'agent');
    const report = main((await manager.get('/reports?from=2026-12-01&to=2026-12-02')).body);
    assert.match(report, /Time the team logged 2026-12-01 to 2026-12-02, by organization \(its plan today\) and agent: 1 h 35 min in all\./);
    assert.match(report, new RegExp(`<tr><th scope="row">${org.name}</th><td>Enterprise</td><td>1 h 35 min</td><td>agent@vendor\\.example: 55 min \\(1\\); escalation@vendor\\.example: 40 min \\(1\\)</td></tr>`));
    const csv = await manager.get('/reports/time.csv?from=2026-12-01&to=2026-12-02');
    assert.equal(csv.body, `organization,plan,agent,minutes,tickets,plan_name\r\n${org.name},enterprise,agent@vendor.example,55,1,Enterprise\r\n${org.name},enterprise,escalation@vendor.example,40,1,Enterprise\r\n`);
    // A window before it: nothing.
    assert.match(main((await manager.get('/reports?from=2026-11-01&to=2026-11-30')).body), /No time was logged in this window\./);
  });
});
