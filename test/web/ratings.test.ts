// Customer satisfaction on the pages, OpenBack: the portal asks "How did we do?" on a solved case
// (its requester), takes the rating with a comment, and shows it back; the agent sees it on the
// ticket; managers see the share of good ratings on the reports page and export each rating.
// The API takes the same rating (PUT /api/v1/tickets/{id}/rating). The desk's clock stands at
// Wednesday 2 December 2026 10:00 UTC, so the report window (the 12 weeks up to that day) holds it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { updateTicket } from '../../src/tickets/index.ts';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('customer ratings on the pages and the API, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('asks on a solved case only, takes a rating with a comment, shows it to the customer, the agent and the managers', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Export stuck', severity: 3 });
    const c = await h.session(h.contactA, 'contact');
    assert.doesNotMatch(main((await c.get(`/portal/cases/${t.id}`)).body), /How did we do\?/, 'not while the case is open');
    assert.match(main((await c.get(`/portal/cases/${t.id}`)).body), /<button type="submit">It is solved: mark this case solved<\/button>/);
    await updateTicket({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: t.id, status: 'solved' } });
    const asked = main((await c.get(`/portal/cases/${t.id}`)).body);
    assert.match(asked, /<h2 id="rate-h">How did we do\?<\/h2>/);
    assert.match(asked, /<input type="radio" name="rating" value="good" required>/);

    const missing = await c.post(`/portal/cases/${t.id}/rating`, { comment: 'No choice made' });
    assert.equal(missing.statusCode, 400);
    assert.match(main(missing.body), /id="rating-error"[\s\S]*<strong>Rating<\/strong> choose good or bad/);

    const sent = await c.post(`/portal/cases/${t.id}/rating`, { rating: 'bad', comment: 'It took <three> days' });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, `/portal/cases/${t.id}?done=rated`);
    const shown = main((await c.get(`/portal/cases/${t.id}?done=rated`)).body);
    assert.match(shown, /This case was rated <strong>bad<\/strong> on Wed 2 Dec 2026 10:00 GMT: “It took &lt;three&gt; days”\. You may change the rating\./);
    assert.match(shown, /<input type="radio" name="rating" value="bad" checked>/);

    const a = await h.session(h.agent, 'agent');
    assert.match(main((await a.get(`/agent/tickets/${t.id}`)).body), /<dt>Customer rating<\/dt><dd>Bad <small>\(2026-12-02 10:00 UTC\)<\/small>: “It took &lt;three&gt; days”<\/dd>/);

    // The API: the same contact changes it to good; the ticket shows it.
    const put = await h.as(h.contactA.token, { method: 'PUT', url: `/api/v1/tickets/${t.id}/rating`, payload: { rating: 'good' } });
    assert.equal(put.statusCode, 200);
    assert.deepEqual(put.json(), { rating: 'good', comment: null, contact_id: h.contactA.id, rated_at: '2026-12-02T10:00:00Z' });
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${t.id}` })).json().rating.rating, 'good');
    const bad = await h.as(h.contactA.token, { method: 'PUT', url: `/api/v1/tickets/${t.id}/rating`, payload: { rating: 'great' } });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().details.some((d: { path: string }) => d.path === 'rating'));

    // A second case, which the customer marks solved on its page, then rates bad: the managers see 1 good and 1 bad, 50.0%.
    const t2 = await openTicket(h, h.contactA, { subject: 'Login loop', severity: 3 });
    await updateTicket({ ctx: h.desk.ctx(h.desk.manager), input: { ticketId: t2.id, assigneeId: h.agent.id } });
    const solved = await c.post(`/portal/cases/${t2.id}/solve`, {});
    assert.equal(solved.headers.location, `/portal/cases/${t2.id}?done=solved`);
    assert.match(main((await c.get(`/portal/cases/${t2.id}?done=solved`)).body), /Your case is marked solved\./);
    assert.equal((await c.post(`/portal/cases/${t2.id}/solve`, {})).statusCode, 409, 'solved already');
    assert.equal((await c.post(`/portal/cases/${t2.id}/rating`, { rating: 'bad' })).statusCode, 303);
    const m = await h.session(h.manager, 'agent');
    const report = main((await m.get('/reports')).body);
    assert.match(report, /<strong>50\.0% good<\/strong>\s*\(1 good, 1 bad\)/);
    assert.match(report, /<tr><th scope="row">Enterprise<\/th><td>1<\/td><td>1<\/td><td>50\.0%<\/td><\/tr>/);
    // By who held the ticket when it was rated: the agent the second was assigned to, and nobody for the first.
    assert.match(report, /<tr><th scope="row">agent@vendor\.example<\/th><td>0<\/td><td>1<\/td><td>0\.0%<\/td><\/tr>\s*<tr><th scope="row">Unassigned<\/th><td>1<\/td><td>0<\/td><td>100\.0%<\/td><\/tr>/);
    const csv = await m.get('/reports/ratings.csv');
    assert.equal(csv.statusCode, 200);
    assert.equal(csv.body.split('\n')[0].trim(), 'ticket,subject,organization,plan,agent,rating,comment,rated_by,rated_at,plan_name');
    assert.match(csv.body, new RegExp(`${t.number},Export stuck,[^,]+,enterprise,,good,,[^,]+,2026-12-02T10:00:00Z,Enterprise\r\n`));
    assert.match(csv.body, new RegExp(`${t2.number},Login loop,[^,]+,enterprise,agent@vendor\\.example,bad,,`));
    // The team's section: nobody replied or solved as an agent here (the customer solved); the agent held the second until it was solved.
    assert.match(report, /<h2 id="team-h">The team<\/h2>/);
    const agents = await m.get('/reports/agents.csv');
    assert.equal(agents.body.split('\n')[0].trim(), 'agent,holding_now,replies,notes,solved,first_responses_in_time,first_responses_late,breaches_while_holding');
  });
});
