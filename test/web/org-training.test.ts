// OPS-COM: "New customers get one-on-one system training as per their contract. Premium clients get
// extra training hours to be used as they wish during that year." The ledger kept each grant for its
// contract year, but the agent who gives the training saw nothing of it on the desk: the customer's
// page (/agent/organizations/:id) now says what is left today, from which grants, the sessions given,
// and, once a contract year has run out, that no hours are valid until the next year's are entered.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const section = (html: string) => /<section aria-labelledby="training-h">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

describe('OPS-COM: training hours on the customer\'s page, for the agents', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('opscom', 'premium');
  });
  after(() => h.close());

  it('what is left this contract year, the grants and the sessions; none once the year ran out', async () => {
    // Mon 7 Dec 2026 15:00Z is 10:00 in New York (the plan's hours, Mon-Fri 9-5 EST): today is 2026-12-07.
    h.desk.clock.set('2026-12-07T15:00:00Z');
    const org = h.contactA.organizationId;
    const api = (token: string, url: string, payload: Record<string, unknown>) => h.as(token, { method: 'POST', url: `/api/v1/organizations/${org}/training${url}`, payload });
    // Last contract year's hours (run out) and this one's: 10 extra hours for the year from 1 March 2026.
    assert.equal((await api(h.manager.token, '/grants', { source: 'contract', hours: 4, reason: 'Premium extra hours 2025-26', valid_from: '2025-03-01', valid_until: '2026-02-28' })).statusCode, 201);
    assert.equal((await api(h.manager.token, '/grants', { source: 'contract', hours: 10, reason: 'Premium extra hours 2026-27', valid_from: '2026-03-01', valid_until: '2027-02-28' })).statusCode, 201);
    // An agent gives 1.5 hours on 3 December and 2 hours on 4 December: 10 - 1.5 - 2 = 6.5 hours left.
    assert.equal((await api(h.agent.token, '/sessions', { date: '2026-12-03', hours: 1.5, notes: 'Reports module' })).statusCode, 201);
    assert.equal((await api(h.agent.token, '/sessions', { date: '2026-12-04', hours: 2 })).statusCode, 201);

    const a = await h.session(h.agent, 'agent');
    const now = section(main((await a.get(`/agent/organizations/${org}`)).body));
    assert.match(now, /<p id="training-balance">Left on 2026-12-07: <strong>6.5 hours<\/strong><\/p>/);
    // Only this year's grant is valid today; last year's is not counted.
    assert.match(now, /<tbody><tr><td>Contract<\/td><td>Premium extra hours 2026-27<\/td><td>2026-03-01 to 2027-02-28<\/td><td>10<\/td><td>6.5<\/td><\/tr><\/tbody>/);
    assert.doesNotMatch(now, /2025-26/);
    const agentName = (await h.desk.t.db.query<{ name: string }>('SELECT name FROM agents WHERE id = $1', [h.agent.id])).rows[0]!.name;
    assert.match(now, new RegExp(`<ul id="training-sessions"><li>2026-12-04: 2 hours by ${agentName}</li><li>2026-12-03: 1.5 hours by ${agentName} \\(Reports module\\)</li></ul>`));

    // Mon 1 Mar 2027 15:00Z is 10:00 EST: the contract year ran out on 28 February and no next one is entered.
    h.desk.clock.set('2027-03-01T15:00:00Z');
    const later = await h.session(h.agent, 'agent');
    const lapsed = section(main((await later.get(`/agent/organizations/${org}`)).body));
    assert.match(lapsed, /Left on 2027-03-01: <strong>0 hours<\/strong>/);
    assert.match(lapsed, /<p id="training-lapsed">None valid today: the last hours entered \(Premium extra hours 2026-27\) were valid 2026-03-01 to 2027-02-28. A manager enters the hours of the year now running.<\/p>/);
    assert.doesNotMatch(lapsed, /id="training-grants"/);
  });

  it('the agent who gave a session records it there; beyond the hours left it is refused beside the form, unless a manager gives a reason', async () => {
    // Thu 10 Dec 2026 15:00Z is 10:00 EST. This year's grant: 8 hours from 1 March 2026.
    h.desk.clock.set('2026-12-10T15:00:00Z');
    const org = h.contactB.organizationId;
    const grant = await h.as(h.manager.token, { method: 'POST', url: `/api/v1/organizations/${org}/training/grants`, payload: { source: 'contract', hours: 8, reason: 'Premium extra hours 2026-27', valid_from: '2026-03-01', valid_until: '2027-02-28' } });
    assert.equal(grant.statusCode, 201);
    const a = await h.session(h.agent, 'agent');
    const form = main((await a.get(`/agent/organizations/${org}`)).body);
    assert.match(form, /<input id="training-date" name="date" type="date" required value="2026-12-10">/);
    assert.doesNotMatch(form, /override_reason/, 'only managers may go beyond the hours left');
    const done = await a.post(`/agent/organizations/${org}/training`, { date: '2026-12-09', hours: '1.5', notes: 'Permit renewals' });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/agent/organizations/${org}?done=training#training-h`);
    const after = main((await a.get(done.headers.location!)).body);
    assert.match(after, /<p class="flash ok" role="status">Training session recorded.<\/p>/);
    // 8 - 1.5 = 6.5 hours left.
    assert.match(section(after), /Left on 2026-12-10: <strong>6.5 hours<\/strong>/);
    assert.match(section(after), /<li>2026-12-09: 1.5 hours by [^<]+ \(Permit renewals\)<\/li>/);

    // 7 hours is beyond the 6.5 left: refused beside the form, what was typed kept.
    const beyond = await a.post(`/agent/organizations/${org}/training`, { date: '2026-12-10', hours: '7', notes: 'Enforcement app' });
    assert.equal(beyond.statusCode, 409);
    assert.match(main(beyond.body), /id="training-error"[^>]*>\s*<p>[^<]+ has 6.5 hours of training valid on 2026-12-10; this session needs 7 hours. A manager or admin may record it anyway, giving an override reason.<\/p>\s*<ul><li><strong>Hours<\/strong> balance on 2026-12-10: 6.5 hours<\/li><\/ul>/);
    assert.match(main(beyond.body), /<input id="training-notes" name="notes" maxlength="2000" value="Enforcement app">/);
    // A manager records it with a reason: 6.5 - 7 = -0.5, overdrawn and said so.
    const m = await h.session(h.manager, 'agent');
    assert.match(main((await m.get(`/agent/organizations/${org}`)).body), /<input id="training-override" name="override_reason"/);
    assert.equal((await m.post(`/agent/organizations/${org}/training`, { date: '2026-12-10', hours: '7', override_reason: 'Agreed with sales for the go-live' })).statusCode, 303);
    assert.match(section(main((await m.get(`/agent/organizations/${org}`)).body)), /Left on 2026-12-10: <strong>-0.5 hours<\/strong> <small>\(overdrawn: a manager allowed sessions beyond the hours\)<\/small>/);
  });

  it('a manager enters a contract year\'s hours there; a year that ends before it starts is refused beside the form', async () => {
    h.desk.clock.set('2026-12-10T15:00:00Z'); // Thu 10 Dec 2026 10:00 EST
    const org = (await h.newContact('premium')).organizationId;
    const m = await h.session(h.manager, 'agent');
    const empty = section(main((await m.get(`/agent/organizations/${org}`)).body));
    assert.match(empty, /<p id="training-none">None entered.<\/p>/);
    assert.match(empty, /<form method="post" action="\/agent\/organizations\/[^"]+\/training-grants" class="stack" id="grant-form">/);
    assert.doesNotMatch(empty, /id="training-form"/, 'no session is recorded against no hours');
    const wrong = await m.post(`/agent/organizations/${org}/training-grants`, { source: 'contract', hours: '10', reason: 'Premium extra hours 2026-27', valid_from: '2027-02-28', valid_until: '2026-03-01' });
    assert.equal(wrong.statusCode, 400);
    assert.match(main(wrong.body), /id="grant-error"[^>]*>\s*<p>A grant must end on or after the day it starts<\/p>\s*<ul><li><strong>Valid until<\/strong> must not be before the day the hours start<\/li><\/ul>/);
    assert.match(main(wrong.body), /<input id="grant-reason" name="reason" required maxlength="500" value="Premium extra hours 2026-27">/);
    const done = await m.post(`/agent/organizations/${org}/training-grants`, { source: 'contract', hours: '10', reason: 'Premium extra hours 2026-27', valid_from: '2026-03-01', valid_until: '2027-02-28' });
    assert.equal(done.statusCode, 303);
    const after = main((await m.get(done.headers.location!)).body);
    assert.match(after, /<p class="flash ok" role="status">Training hours entered.<\/p>/);
    assert.match(section(after), /<tbody><tr><td>Contract<\/td><td>Premium extra hours 2026-27<\/td><td>2026-03-01 to 2027-02-28<\/td><td>10<\/td><td>10<\/td><\/tr><\/tbody>/);
    // The front line gives training but does not enter hours: no form, and the route refuses them.
    const a = await h.session(h.agent, 'agent');
    assert.doesNotMatch(main((await a.get(`/agent/organizations/${org}`)).body), /id="grant-form"/);
    assert.equal((await a.post(`/agent/organizations/${org}/training-grants`, { source: 'negotiated', hours: '1', reason: 'x', valid_from: '2026-12-01', valid_until: '2026-12-31' })).statusCode, 403);
  });

  it('an organization with no training hours entered shows no section: the page promises none', async () => {
    const a = await h.session(h.agent, 'agent');
    const page = main((await a.get(`/agent/organizations/${(await h.newContact('premium')).organizationId}`)).body);
    assert.match(page, /<h2 id="contacts-h">Contacts<\/h2>/);
    assert.doesNotMatch(page, /training-h/);
  });
});
