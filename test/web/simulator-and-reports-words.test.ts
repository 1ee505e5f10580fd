// The policy editor's simulator keeps the admin's draft in the editor and runs on it when it is a
// valid policy (on the active version otherwise, and says which); its refusals name the fields as
// the form labels them and the plans and severities by the policy's names. The reports say plans
// and severities by the policy's names with headings in sentence case; their CSVs keep the ids
// and add the plan's name last. Expected values are worked out by hand from OpenBack's policy
// (examples/policies/openback.yaml): Enterprise's Severity 1 first response is due within 1 hour,
// round the clock; the desk's clock starts Wednesday 2 December 2026 at 10:00 UTC.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { examplePolicySource } from '../support/desk.ts';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const simulator = (html: string) => /<section aria-labelledby="sim-h">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
const textarea = (html: string) => /<textarea id="policy-source"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1] ?? '';

describe('the policy simulator and the reports, in words', () => {
  let h: WebApp;
  const active = examplePolicySource('openback');
  // The draft: Enterprise renamed, and its critical first response given 2 hours instead of 1.
  const draft = active.replace(/^ {4}name: Enterprise$/m, '    name: Enterprise Plus').replace('enterprise: { within: 1 hour, clock: 24x7 }', 'enterprise: { within: 2 hours, clock: 24x7 }');
  const sim = { plan: 'enterprise', severity: '1', opened: '2026-12-02T10:00', zone: 'UTC', channel: '' };
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('sends the draft with the simulator, whose button submits the editor form, and previews without asking for a date', async () => {
    const admin = await h.session(h.admin, 'agent');
    const body = simulator((await admin.get('/admin/policy')).body);
    assert.match(body, /<button type="submit" form="policy-form" formaction="\/admin\/policy\/simulate" id="simulate">Simulate<\/button>/);
    assert.match(body, /<input id="sim-opened" name="opened" type="datetime-local" required form="policy-form" data-enter="simulate" value="">/);
    assert.match((await admin.get('/admin/policy')).body, /<button type="submit" formnovalidate>Check and preview<\/button>/);
  });

  it('simulates on a valid draft, keeps it in the editor and says it is not yet active', async () => {
    const admin = await h.session(h.admin, 'agent');
    const res = await admin.post('/admin/policy/simulate', { source: draft.replaceAll('\n', '\r\n'), ...sim });
    assert.equal(res.statusCode, 200);
    // 10:00 UTC plus the draft's 2 hours, round the clock.
    assert.match(simulator(res.body), /<th scope="row">First response<\/th><td>2026-12-02 12:00 UTC/);
    assert.match(simulator(res.body), /<p id="simulated-on">Simulated on the draft in the editor, not yet active \(version 1 is active\)\.<\/p>/);
    // The form offers the draft's plans, the one chosen still chosen.
    assert.match(simulator(res.body), /<option value="enterprise" selected>Enterprise Plus<\/option>/);
    assert.match(textarea(res.body), /^ {4}name: Enterprise Plus$/m);
    assert.match(textarea(res.body), /enterprise: \{ within: 2 hours, clock: 24x7 \}/);
    // Nothing was activated.
    assert.match(main((await admin.get('/admin/policy')).body), /Active: version 1,/);
  });

  it('simulates on the active version when the draft is the active text, or has problems, and says so', async () => {
    const admin = await h.session(h.admin, 'agent');
    const same = await admin.post('/admin/policy/simulate', { source: active, ...sim });
    assert.equal(same.statusCode, 200);
    assert.match(simulator(same.body), /<th scope="row">First response<\/th><td>2026-12-02 11:00 UTC/);
    assert.match(simulator(same.body), /<p id="simulated-on">Simulated on the active policy, version 1\.<\/p>/);

    // A draft that does not load (a syntax error on its first line): the active version's 1 hour, the draft kept as typed.
    const broken = `accord: [1\n${draft}`;
    const res = await admin.post('/admin/policy/simulate', { source: broken, ...sim });
    assert.equal(res.statusCode, 200);
    assert.match(simulator(res.body), /<th scope="row">First response<\/th><td>2026-12-02 11:00 UTC/);
    assert.match(simulator(res.body), /<p id="simulated-on">Simulated on the active policy, version 1: the draft in the editor has \d+ problems? \(listed above\), so it was not used\.<\/p>/);
    assert.match(main(res.body), /<div class="flash error" role="alert" id="problems">/);
    assert.ok(textarea(res.body).startsWith('accord: [1\n'));
    assert.match(textarea(res.body), /name: Enterprise Plus/);
    // The form offers the active version's plans.
    assert.match(simulator(res.body), /<option value="enterprise" selected>Enterprise<\/option>/);
  });

  it('refuses in the form\'s words, naming plans and severities by the policy\'s names, and keeps the draft', async () => {
    const admin = await h.session(h.admin, 'agent');
    const res = await admin.post('/admin/policy/simulate', { source: draft, plan: 'gold', severity: '9', opened: '', zone: 'UTC', channel: '' });
    assert.equal(res.statusCode, 400);
    const body = simulator(res.body);
    assert.match(body, /<div class="flash error" role="alert" id="simulator-error">\s*<p>The simulator could not run with these choices<\/p>/);
    assert.match(body, /<li><strong>Plan<\/strong> must be one of this policy&#39;s plans: Growth, Pro, Enterprise Plus<\/li>/);
    assert.match(body, /<li><strong>Severity<\/strong> must be one of this policy&#39;s severities: Severity 1 \(Critical\), Severity 2 \(Major\), Severity 3 \(Minor\), Severity 4 \(Enhancement\)<\/li>/);
    assert.match(body, /<li><strong>Opened<\/strong> must be a date and time between 1970 and 2200 \(for example 2026-12-21 09:30\)<\/li>/);
    assert.match(body, /<p id="simulated-on">Checked against the draft in the editor, not yet active \(version 1 is active\)\.<\/p>/);
    assert.doesNotMatch(body, /<strong>(plan|severity|opened)<\/strong>|ISO-8601|must be one of 1, 2/);
    assert.match(textarea(res.body), /name: Enterprise Plus/);
  });

  it('refuses a time zone that is none beside its field, instead of reading the time as UTC', async () => {
    const admin = await h.session(h.admin, 'agent');
    const res = await admin.post('/admin/policy/simulate', { source: active, ...sim, zone: 'Mars/Olympus' });
    assert.equal(res.statusCode, 400);
    const body = simulator(res.body);
    // OpenBack's support hours are all in Europe/London; UTC is always offered.
    assert.match(body, /<li><strong>Time zone<\/strong> is not a time zone: choose one of GMT \(Europe\/London, BST in summer\), UTC<\/li>/);
    assert.match(body, /<select id="sim-zone" name="zone" form="policy-form" aria-invalid="true" aria-describedby="sim-zone-error">/);
    assert.match(body, /<span class="field-error" id="sim-zone-error">&ldquo;Mars\/Olympus&rdquo; is not a time zone: choose one of GMT \(Europe\/London, BST in summer\), UTC<\/span>/);
    // No due times were worked out on a guess.
    assert.doesNotMatch(body, /Simulated targets/);
    // The other choices stay chosen.
    assert.match(body, /<option value="enterprise" selected>Enterprise<\/option>/);
    assert.match(body, /value="2026-12-02T10:00">/);
    // A real zone still runs: 10:00 in London in December is 10:00 UTC, plus Enterprise's 1 hour.
    const ok = await admin.post('/admin/policy/simulate', { source: active, ...sim, zone: 'Europe/London' });
    assert.equal(ok.statusCode, 200);
    assert.match(simulator(ok.body), /<th scope="row">First response<\/th><td>2026-12-02 11:00 UTC/);
    assert.doesNotMatch(simulator(ok.body), /sim-zone-error/);
    // The opening note names the support hours by their name, not the calendar's id (weekdays-and-saturday).
    assert.match(simulator(ok.body), /<li>Opened Wed 2 Dec 2026 10:00 GMT, within the support hours of plan &quot;Enterprise&quot; \(9am – 6pm GMT Sat 9am - 4pm GMT\)\.<\/li>/);
  });

  it('a channel the plan lacks: not taken, in intake\'s words, and no table of targets (Growth by phone)', async () => {
    // OpenBack's Growth has no phone ("Provided to our Pro and Enterprise Customers"); Wed 2 Dec 2026
    // 10:00 UTC is 10:00 GMT, within 9am – 6pm: its email and chat are open.
    const admin = await h.session(h.admin, 'agent');
    const res = await admin.post('/admin/policy/simulate', { source: active, ...sim, plan: 'growth', channel: 'phone' });
    assert.equal(res.statusCode, 200);
    const body = simulator(res.body);
    assert.match(body, /<p id="sim-refused">Not taken by Phone: The Growth plan does not include Phone; use Email, Chat\.<\/p>/);
    assert.doesNotMatch(body, /<table|Simulated targets|is not included/);
    assert.equal(body.split('Not taken by Phone').length, 2, 'said once');
  });

  it('a phone closed at the simulated time: not taken, in intake\'s words said for that time (Pro at Wed 22:00 GMT)', async () => {
    // Pro's phone is staffed 9am – 6pm GMT, closed until Thu 3 Dec 09:00; OpenBack has no after-hours
    // rule; its email is answered "from 6pm to 9am".
    const admin = await h.session(h.admin, 'agent');
    const res = await admin.post('/admin/policy/simulate', { source: active, ...sim, plan: 'pro', opened: '2026-12-02T22:00', channel: 'phone' });
    assert.equal(res.statusCode, 200);
    const body = simulator(res.body);
    assert.match(body, /<p id="sim-refused">Not taken by Phone: Phone is closed then; it opens Thu 3 Dec 2026 09:00 GMT; Email \(support@openback\.com\) is answered then\.<\/p>/);
    assert.doesNotMatch(body, /<table|Simulated targets|only staffed/);
  });

  it('a channel the policy does not know is refused beside the form, naming its channels as the form does', async () => {
    const admin = await h.session(h.admin, 'agent');
    const res = await admin.post('/admin/policy/simulate', { source: active, ...sim, channel: 'fax' });
    assert.equal(res.statusCode, 400);
    const body = simulator(res.body);
    assert.match(body, /<li><strong>Channel<\/strong> must be one of this policy&#39;s channels: Email, Chat, Phone, Documentation<\/li>/);
    assert.doesNotMatch(body, /Simulated targets/);
  });

  it('keeps the simulator\'s choices through a preview, offering the draft\'s plans', async () => {
    const admin = await h.session(h.admin, 'agent');
    const res = await admin.post('/admin/policy/preview', { source: draft, plan: 'pro', severity: '3', opened: '2026-12-04T09:15', zone: 'Europe/London', channel: 'phone' });
    assert.equal(res.statusCode, 200);
    const body = simulator(res.body);
    assert.match(body, /<option value="pro" selected>Pro<\/option>/);
    assert.match(body, /<option value="enterprise">Enterprise Plus<\/option>/);
    assert.match(body, /<option value="3" selected>3: Minor<\/option>/);
    assert.match(body, /value="2026-12-04T09:15">/);
    assert.doesNotMatch(body, /id="simulated-on"/);
  });

  it('says plans and severities by name in the reports, and adds the plan name to the CSVs', async () => {
    await openTicket(h, h.contactA, { subject: 'Export stuck', severity: 2 });
    const m = await h.session(h.manager, 'agent');
    const page = main((await m.get('/reports?from=2026-11-30&to=2026-12-06')).body);
    for (const [title, column] of [['By metric', 'Metric'], ['By plan', 'Plan'], ['By severity', 'Severity']]) {
      assert.match(page, new RegExp(`<caption class="visually-hidden">${title}</caption>\\s*<thead><tr><th scope="col">${column}</th><th scope="col">Met</th>`));
    }
    // The one ticket: Enterprise, Severity 2, its first response still running (none met or breached).
    assert.match(page, /<tr><th scope="row">Enterprise<\/th><td>0<\/td><td>0<\/td><td>1<\/td><td>—<\/td><\/tr>/);
    assert.match(page, /<tr><th scope="row">Severity 2 \(Major\)<\/th><td>0<\/td><td>0<\/td><td>1<\/td><td>—<\/td><\/tr>/);
    assert.doesNotMatch(page, /<th scope="(row|col)">(enterprise|plan|severity|metric)<\/th>|Severity 2</);

    const csv = (await m.get('/reports/attainment.csv?from=2026-11-30&to=2026-12-06')).body;
    assert.equal(csv, 'period_start,metric,plan,severity,met,breached,open,attainment_percent,plan_name\r\n2026-11-30,first_response,enterprise,2,0,0,1,,Enterprise\r\n');
    const breaches = (await m.get('/reports/breaches.csv?from=2026-11-30&to=2026-12-06')).body;
    assert.equal(breaches, 'ticket,subject,organization,plan,severity,metric,due,met_at,plan_name\r\n');
  });
});
