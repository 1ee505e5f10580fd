// What customers and agents are told about a clock, in the seeds' words (QA, 2026-12-06): a time kept
// late read "Met"; a case's times were in UTC beside the plan's; "Estimated resolution — Not given yet"
// on a case whose vendor promises no ETA; "First response" where the seed says "Response Goal"; and
// the agent's page said a goal was "a goal, not a deadline" in a list below, away from its time.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { activatePolicy } from '../../src/policy-versions/index.ts';
import { sweepSlaClocks } from '../../src/tickets/index.ts';
import { examplePolicySource } from '../support/desk.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';
import { fileCase } from './portal-kit.ts';

const clocksOf = (html: string) => /<table class="clocks">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
const facts = (html: string) => /<dl class="facts">[\s\S]*?<\/dl>/.exec(html)?.[0] ?? '';

describe('OPS-COM: an after-hours status notification sent late', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('opscom', 'premium');
  });
  after(() => h.close());

  it('reads "Met late" to the customer and the agent, and its ETA row is the one OPS-COM promises', async () => {
    // "Issues will be triaged within 15 minutes and a status notification will be sent to you within
    // 1 hour for Critical issues. This notification will include an estimated time to resolution."
    // Opened Wed 2 Dec 2026 23:00 EST (Thu 04:00Z): triage due 23:15 EST, the notification 00:00 EST.
    h.desk.clock.set('2026-12-03T04:00:00Z');
    // By email: "This support is provided by email", the one channel after-hours support is given through.
    const made = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'Portal down', description: 'x', channel: 'email', intake: { system_outage: true } } });
    assert.equal(made.statusCode, 201);
    const id = made.json().id as string;
    const c = await h.session(h.contactA, 'contact');
    // Not sent yet: the row says so, since the policy promises one.
    assert.match(facts(main((await c.get(`/portal/cases/${id}`)).body)), /<dt>Estimated resolution<\/dt><dd>Not given yet<\/dd>/);
    // Sent at 00:11 EST (05:11Z), eleven minutes after the hour, with an ETA of 03:00 EST (08:00Z).
    h.desk.clock.set('2026-12-03T05:11:00Z');
    await sweepSlaClocks({ ctx: h.desk.system });
    const a = await h.session(h.agent, 'agent');
    assert.equal((await a.post(`/agent/tickets/${id}/reply`, { body: 'Restoring.', eta: '2026-12-03T03:00', eta_zone: 'America/New_York' })).statusCode, 303);

    const portal = main((await c.get(`/portal/cases/${id}`)).body);
    const theirs = clocksOf(portal);
    // The customer reads times in the plan's zone ("Mon-Fri 9-5 EST"), once.
    assert.match(theirs, /<tr class="clock state-met-late">\s*<th scope="row">Status notification<\/th>\s*<td>Met late \(Thu Dec 3 2026 12:11 AM EST\)<\/td>\s*<td>Thu Dec 3 2026 12:00 AM EST<\/td>/);
    assert.match(theirs, /<th scope="row">Triage<\/th>\s*<td>Met late \(Thu Dec 3 2026 12:11 AM EST\)<\/td>\s*<td>Wed Dec 2 2026 11:15 PM EST<\/td>/);
    assert.doesNotMatch(theirs, /<td>Met \(|UTC/);
    // The table's caption names no SLA to a customer (no seed says "SLA" of a time it gives approximately or as a goal).
    assert.match(theirs, /<caption class="visually-hidden">Target times<\/caption>/);
    assert.match(facts(portal), /<dt>Estimated resolution<\/dt><dd>Thu Dec 3 2026 03:00 AM EST<\/dd>/);

    const ours = clocksOf(main((await a.get(`/agent/tickets/${id}`)).body));
    // The agent's page keeps UTC (the agent chose no zone) with the plan's zone beside it.
    assert.match(ours, /<th scope="row">Status notification<\/th>\s*<td>Met late \(2026-12-03 05:11 UTC\)<\/td>\s*<td>2026-12-03 05:00 UTC<br><small class="local">Thu Dec 3 2026 12:00 AM EST<\/small><\/td>/);
    assert.doesNotMatch(ours, /<td>Met \(/);
    assert.match(ours, /<caption class="visually-hidden">SLA clocks<\/caption>/);
  });
});

describe('OfficeSpace: a Response Goal, on the case page and the agent\'s', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('officespace', 'standard');
  });
  after(() => h.close());

  it('a case opened on a Friday night reads its times in GMT-6, with no ETA row nor column: OfficeSpace promises none', async () => {
    // Fri 4 Dec 2026 21:50 GMT-6 is Sat 03:50Z. "Response Goal: 4 Hours" in the support hours (05:00-22:00
    // GMT-6 on weekdays): 10 minutes on Friday, 3 h 50 min from Monday 05:00: aimed for Mon 7 Dec 08:50 GMT-6.
    h.desk.clock.set('2026-12-05T03:50:00Z');
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'Floor plan wrong', description: 'x', q_service_problem: 'yes' });
    assert.equal(made.res.statusCode, 303);
    const page = main((await c.get(made.url)).body);
    assert.match(facts(page), /<dt>Opened<\/dt><dd>Fri 4 Dec 2026 21:50 GMT-6<\/dd>/);
    assert.doesNotMatch(facts(page), /Estimated resolution|Not given yet/);
    assert.match(page, /by you\s*· <time datetime="2026-12-05T03:50:00Z">Fri 4 Dec 2026 21:50 GMT-6<\/time>/);
    assert.match(clocksOf(page), /<th scope="row">Response Goal<\/th>\s*<td>Running<\/td>\s*<td>aimed for Mon 7 Dec 2026 08:50 GMT-6<\/td>/);
    assert.doesNotMatch(page, /UTC|First response|alerted/);
    const list = main((await c.get('/portal')).body);
    assert.match(list, /<th scope="col">Opened<\/th><\/tr><\/thead>/);
    assert.match(list, /<td>Fri 4 Dec 2026 21:50 GMT-6<\/td><\/tr>/);
    assert.doesNotMatch(list, /ETA|UTC/);
  });

  it('a goal answered after its time: "Passed, then met" to the customer, "Met late" to the agent, its hedge beside the time', async () => {
    // Opened Wed 2 Dec 2026 10:00Z (04:00 GMT-6), Critical: "Response Goal: 2 Hours" from 05:00, aimed for
    // 07:00 GMT-6 (13:00Z); answered at 08:30 GMT-6 (14:30Z).
    h.desk.clock.set('2026-12-02T10:00:00Z');
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'Nothing loads', description: 'x', severity: '1' });
    const { url: location, id } = made;
    const a = await h.session(h.agent, 'agent');
    const before = clocksOf(main((await a.get(`/agent/tickets/${id}`)).body));
    // The hedge beside the time it qualifies, for the team: they are alerted; the customer is not told so.
    assert.match(before, /<td>aimed for 2026-12-02 13:00 UTC <small class="hedge">\(a goal, not a deadline: the team is alerted if it passes\)<\/small><br><small class="local">Wed 2 Dec 2026 07:00 GMT-6<\/small><\/td>/);
    assert.match(before, /<summary>Why this time: Response Goal<\/summary>/);
    assert.match(before, /<li>Aimed for Wed 2 Dec 2026 07:00 GMT-6 = 2026-12-02T13:00:00Z \(a Response Goal, as our policy calls it\)\.<\/li>/);
    h.desk.clock.set('2026-12-02T14:30:00Z');
    await sweepSlaClocks({ ctx: h.desk.system });
    assert.equal((await a.post(`/agent/tickets/${id}/reply`, { body: 'Looking now.' })).statusCode, 303);
    const theirs = clocksOf(main((await c.get(location)).body));
    assert.match(theirs, /<tr class="clock state-passed">\s*<th scope="row">Response Goal<\/th>\s*<td>Passed, then met \(Wed 2 Dec 2026 08:30 GMT-6\)<\/td>/);
    assert.doesNotMatch(theirs, /Breached|breached|Met late|overdue/);
    const ours = clocksOf(main((await a.get(`/agent/tickets/${id}`)).body));
    assert.match(ours, /<tr class="clock state-met-late">\s*<th scope="row">Response Goal <small class="metric">\(first response\)<\/small><\/th>\s*<td>Met late \(2026-12-02 14:30 UTC\)<\/td>/);
  });

  it('answered after its time before the sweep has recorded the breach, it still reads late, not "Met"', async () => {
    // As above: aimed for 07:00 GMT-6 (13:00Z); answered at 07:30 GMT-6 (13:30Z), no sweep between.
    h.desk.clock.set('2026-12-02T10:00:00Z');
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'Still nothing loads', description: 'x', severity: '1' });
    const { url: location, id } = made;
    h.desk.clock.set('2026-12-02T13:30:00Z');
    const a = await h.session(h.agent, 'agent');
    assert.equal((await a.post(`/agent/tickets/${id}/reply`, { body: 'On it.' })).statusCode, 303);
    assert.match(clocksOf(main((await c.get(location)).body)), /<th scope="row">Response Goal<\/th>\s*<td>Passed, then met \(Wed 2 Dec 2026 07:30 GMT-6\)<\/td>/);
    assert.match(clocksOf(main((await a.get(`/agent/tickets/${id}`)).body)), /<th scope="row">Response Goal <small class="metric">\(first response\)<\/small><\/th>\s*<td>Met late \(2026-12-02 13:30 UTC\)<\/td>/);
  });

  // A case is worded by the policy version it runs on, not the active one: a newer version that
  // makes "Response Goal: 2 Hours" firm does not turn this case's passed goal into a breach, or its
  // "aimed for" into a deadline, until the case is moved to that version.
  it('a case keeps its own version\'s goal words when a newer version makes the time firm', async () => {
    h.desk.clock.set('2026-12-02T10:00:00Z');
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'Versioned goal', description: 'x', severity: '1' });
    const { url: location } = made;
    // Aimed for 07:00 GMT-6 (13:00Z); at 07:30 GMT-6 nobody has answered.
    h.desk.clock.set('2026-12-02T13:30:00Z');
    await sweepSlaClocks({ ctx: h.desk.system });
    const source = examplePolicySource('officespace');
    const firm = source.replace('within: 2 Hours, clock: support, label: Response Goal, goal: true', 'within: 2 Hours, clock: support, label: Response Goal');
    assert.notEqual(firm, source);
    await activatePolicy({ ctx: h.desk.system, input: { source: firm } });
    const theirs = clocksOf(main((await c.get(location)).body));
    assert.match(theirs, /<tr class="clock state-passed">\s*<th scope="row">Response Goal<\/th>\s*<td>Passed<\/td>\s*<td>aimed for Wed 2 Dec 2026 07:00 GMT-6<\/td>/);
    assert.doesNotMatch(theirs, /Breached|breached|overdue|>passed</);
  });
});

// QA 2026-12-07: a case solved before its targets were met showed its clocks' state as the stored
// word, "stopped" (lower case, beside "Running" and "Met"), to the customer and the agent alike.
describe('OpenMethods: a case solved before its response', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openmethods', 'premium');
  });
  after(() => h.close());

  it('reads "Stopped" to the customer and the agent, not the stored word', async () => {
    const c = await h.session(h.contactA, 'contact');
    // Severity 1 chosen: "Response time: 30 minutes" and "status update once every 60 minutes", both running at once.
    const made = await fileCase(c, { subject: 'Chats misrouted', description: 'x', severity: '1' });
    assert.equal(made.res.statusCode, 303);
    const { url: location, id } = made;
    assert.equal((await c.post(`/portal/cases/${id}/solve`, {})).statusCode, 303);
    const theirs = clocksOf(main((await c.get(location)).body));
    assert.match(theirs, /<tr class="clock state-stopped">\s*<th scope="row">Response time<\/th>\s*<td>Stopped<\/td>/);
    assert.doesNotMatch(theirs, />stopped</);
    // Its explanation says it stopped, not "Due ...; breached after that" beside a Due of "—" (QA 2026-12-07).
    assert.doesNotMatch(theirs, /breached after that/);
    assert.equal(theirs.match(/when the request was solved or closed: nothing is owed while it stays so\./g)?.length, 2);
    const a = await h.session(h.agent, 'agent');
    const ours = clocksOf(main((await a.get(`/agent/tickets/${id}`)).body));
    // The desk names the target as the policy does, Accord's metric beside it (desk-target-names.test.ts).
    assert.match(ours, /<tr class="clock state-stopped">\s*<th scope="row">Response time <small class="metric">\(first response\)<\/small><\/th>\s*<td>Stopped<\/td>/);
    assert.doesNotMatch(ours, />stopped</);
  });
});
