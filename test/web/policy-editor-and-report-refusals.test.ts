// What the policy editor and the reports say when something is wrong, in words a person reads:
// each problem of a policy file at its line with its field (a syntax error as "YAML syntax"), in
// the order of the file; a new version removing a plan still held, once per plan with what holds
// it; a report asked for a day the calendar has not, or dates the wrong way round (a 400 naming
// the field, not a 500). Expected values are worked out by hand from the sources below.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { examplePolicySource } from '../support/desk.ts';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('policy editor and report refusals', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp();
  });
  after(() => h.close());

  it('names the field beside each annotated line, lists problems in file order, and says "YAML syntax"', async () => {
    const admin = await h.session(h.admin, 'agent');
    const source = 'accord: 1\nvendor: { id: acme, name: Acme }\nplans:\n  - id: x\n    name: X\n    calendar: nope\n    bogus: 1\n';
    const res = await admin.post('/admin/policy/preview', { source });
    assert.equal(res.statusCode, 400);
    const body = main(res.body);
    // Line 1: prose, calendars, channels, severities and classification are missing; line 4 (the
    // plan): its channels and named_contacts; line 7: the unknown key.
    const lines = [...body.matchAll(/<li><a href="#line-(\d+)">line \d+, column \d+<\/a>: /g)].map((m) => Number(m[1]));
    assert.deepEqual(lines, [1, 1, 1, 1, 1, 4, 4, 7]);
    assert.match(body, /<li value="7" id="line-7" class="problem-line"><code>    bogus: 1<\/code>\s*<br><strong class="overdue">↑ column 5: plans\[0\]\.bogus: unknown key &quot;bogus&quot;<\/strong>/);
    assert.match(body, /<br><strong class="overdue">↑ column 5: plans\[0\]\.named_contacts: is required<\/strong>/);
    assert.match(body, /<br><strong class="overdue">↑ column 1: prose: is required<\/strong>/);
    assert.doesNotMatch(body, /↑ column \d+: is required/);

    const broken = await admin.post('/admin/policy/preview', { source: 'accord: 1\nvendor: { id: acme, name: Acme \nplans:\n  - id: x\n   name: X\n' });
    assert.equal(broken.statusCode, 400);
    assert.match(main(broken.body), /<a href="#line-3">line 3, column 1<\/a>: YAML syntax: /);
    assert.doesNotMatch(main(broken.body), /\(yaml\)/);
  });

  it('refuses a version removing a plan still held, naming it once with its organizations and open tickets', async () => {
    await openTicket(h, h.contactA, { subject: 'Still open', severity: 2 });
    const admin = await h.session(h.admin, 'agent');
    // The two organizations of the test desk are on Enterprise; one of them has an open ticket.
    const renamed = examplePolicySource('openback').replace(/\benterprise\b/g, 'premium');
    assert.equal((await admin.post('/admin/policy/preview', { source: renamed })).statusCode, 200);
    const res = await admin.post('/admin/policy/activate', { source: renamed });
    assert.equal(res.statusCode, 409);
    const body = main(res.body);
    // Said at the line of the new version where its plans begin (the first under `plans:`).
    const lines = renamed.split('\n');
    const plansAt = lines.indexOf('plans:') + 2;
    assert.equal(lines[plansAt - 1], '  - id: growth');
    assert.ok(body.includes(`<p>The new policy removes plans or severities still in use</p>\n  <ul><li>line ${plansAt}, <strong>plans</strong>: plan &quot;enterprise&quot; is held by 2 organizations and 1 open ticket</li></ul>`), body);
    assert.equal((body.match(/plan &quot;enterprise&quot;/g) ?? []).length, 1);
  });

  it('refuses a report for a day the calendar has not, or dates the wrong way round, naming the field', async () => {
    const m = await h.session(h.manager, 'agent');
    const feb30 = await m.get('/reports?from=2026-02-30&to=2026-03-01', { accept: 'text/html' });
    assert.equal(feb30.statusCode, 400);
    assert.match(main(feb30.body), /That date is not on the calendar[\s\S]*<li><strong>From<\/strong> 2026-02-30 is not a date \(for example 2026-12-01\)<\/li>/);
    // The reports' own form comes back with what was typed, the refusal beside it, and no report on a guess.
    assert.match(main(feb30.body), /<h1>SLA reports<\/h1>/);
    assert.match(main(feb30.body), /<input id="r-from" name="from" type="date" value="2026-02-30">/);
    assert.match(main(feb30.body), /<input id="r-to" name="to" type="date" value="2026-03-01">/);
    assert.match(main(feb30.body), /<\/form>\s*<div class="flash error" role="alert" id="reports-error">/);
    assert.doesNotMatch(main(feb30.body), /Export:|Customer satisfaction/);
    // Text that is no date at all: refused the same way, not as "not valid here" on an error page.
    const text = await m.get('/reports?from=last%20week&period=month', { accept: 'text/html' });
    assert.equal(text.statusCode, 400);
    assert.match(main(text.body), /<li><strong>From<\/strong> last week is not a date \(for example 2026-12-01\)<\/li>/);
    assert.match(main(text.body), /<input id="r-from" name="from" type="date" value="last week">/);
    assert.match(main(text.body), /<option value="month" selected>month<\/option>/);
    const csv = await m.get('/reports/breaches.csv?from=2026-11-01&to=2026-11-31', { accept: 'text/html' });
    assert.equal(csv.statusCode, 400);
    assert.match(main(csv.body), /<li><strong>To<\/strong> 2026-11-31 is not a date \(for example 2026-12-01\)<\/li>/);
    const backwards = await m.get('/reports?from=2026-12-06&to=2026-11-30', { accept: 'text/html' });
    assert.equal(backwards.statusCode, 400);
    assert.match(main(backwards.body), /<li><strong>To<\/strong> must be on or after From \(2026-12-06\)<\/li>/);
    // One day, from and to the same, is a window.
    assert.equal((await m.get('/reports?from=2026-12-01&to=2026-12-01')).statusCode, 200);
  });
});
