// A refused activation on the admin policy page says where: the line of the new version and the
// field in words, as `accord policy check` says a bad file's line and field, not a dotted path.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { examplePolicySource } from '../support/desk.ts';
import { lineOfPath, pathWords } from '../../src/policy/index.ts';
import { createTicket, reprojectBatch } from '../../src/tickets/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';

describe('refused policy activation on the admin page', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp();
  });
  after(() => h.close());

  it('names a reduction by its line and field in words, not by a path such as severities.1.targets', async () => {
    const admin = await h.session(h.admin, 'agent');
    // OpenBack, promising from now on not to reduce support.
    const promised = `${examplePolicySource('openback')}\nchanges: { never_reduce_support: true }\n`;
    const first = await admin.post('/admin/policy/activate', { source: promised });
    assert.equal(first.headers.location, '/admin/policy?done=activated');
    // Pro, Severity 1: first response within 3 hours becomes 4 hours.
    const longer = promised.replace('pro: { within: 3 hours, clock: 24x7 }', 'pro: { within: 4 hours, clock: 24x7 }');
    assert.notEqual(longer, promised);
    const line = longer.split('\n').findIndex((l) => l.includes('pro: { within: 4 hours')) + 1;
    const refused = await admin.post('/admin/policy/activate', { source: longer });
    assert.equal(refused.statusCode, 409);
    assert.ok(refused.body.includes(`<li>line ${line}, <strong>severity 1, targets, first response, pro</strong>: &quot;3 hours&quot; becomes &quot;4 hours&quot;: longer</li>`), refused.body);
    assert.doesNotMatch(refused.body, /severities\.1\.targets/);
    // Said already on its preview, where the version is valid: the same line, and no Activate button to be refused by.
    const preview = await admin.post('/admin/policy/preview', { source: longer });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /<div class="flash warning" role="note" id="reductions"><p>The policy is valid, but it cannot be activated: the policy in force promises that changes will not reduce the level of support, and this version would\.<\/p>/);
    assert.ok(preview.body.includes(`<li>line ${line}, <strong>severity 1, targets, first response, pro</strong>: &quot;3 hours&quot; becomes &quot;4 hours&quot;: longer</li>`), preview.body);
    assert.doesNotMatch(preview.body, /id="activate"/);
    // A stricter version is offered for activation as before.
    const stricter = await admin.post('/admin/policy/preview', { source: promised.replace('pro: { within: 3 hours, clock: 24x7 }', 'pro: { within: 2 hours, clock: 24x7 }') });
    assert.match(stricter.body, /id="activate"/);
    assert.doesNotMatch(stricter.body, /id="reductions"/);
  });

  it('finds a list item by its id (a position only in brackets) and stops at the deepest part the source has', () => {
    const source = 'plans:\n  - id: growth\n    name: Growth\n  - id: pro\n    name: Pro\n    calendar: office\n';
    assert.equal(lineOfPath(source, 'plans.pro.calendar'), 6);
    assert.equal(lineOfPath(source, 'plans.pro.channels.email'), 4);
    assert.equal(lineOfPath(source, 'plans[1].name'), 5);
    // No plan has the id 1: the plans, not the second plan.
    assert.equal(lineOfPath(source, 'plans.1.name'), 2);
    assert.equal(lineOfPath(source, 'severities.2'), null);
    assert.equal(pathWords('plans.pro.channels.email'), 'plan pro, channel email');
    assert.equal(pathWords('calendars.office'), 'calendar office');
  });
});

describe('what activating a policy does to the tickets in flight, said on the admin page', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp();
  });
  after(() => h.close());

  it('says before how many tickets move onto it, and after how far they have come, never "were re-projected" while they are moving', async () => {
    const admin = await h.session(h.admin, 'agent');
    const contact = h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId });
    for (const subject of ['Printing fails', 'Cannot sign in']) await createTicket({ ctx: contact, input: { subject, description: 'x', severity: 3 } });
    // Pro, Severity 1: first response within 3 hours becomes 2 hours (stricter).
    const source = examplePolicySource('openback');
    const shorter = source.replace('pro: { within: 3 hours, clock: 24x7 }', 'pro: { within: 2 hours, clock: 24x7 }');
    assert.notEqual(shorter, source);
    const preview = await admin.post('/admin/policy/preview', { source: shorter });
    assert.equal(preview.statusCode, 200);
    // The two tickets opened above, neither closed.
    assert.match(preview.body, /<p id="activate-effect">The policy is valid\. Activating it moves the 2 tickets not yet closed onto it: their clocks keep the time already counted \(from when each opened\) and become due by its targets/);
    assert.equal((await admin.post('/admin/policy/activate', { source: shorter })).headers.location, '/admin/policy?done=activated');
    // No job runs in this app: both still wait to be moved.
    const moving = (await admin.get('/admin/policy?done=activated')).body;
    assert.match(moving, /Version 2 is active\. Its targets apply to open tickets as each is moved onto it: 0 of 2 so far\./);
    assert.doesNotMatch(moving, /were re-projected/);
    assert.match((await admin.get('/admin/policy')).body, /<p id="moving">Open tickets are still moving onto version 2: 0 of 2 so far; the rest run on their earlier version until moved\.<\/p>/);
    await reprojectBatch({ ctx: h.desk.system, after: null });
    assert.match((await admin.get('/admin/policy?done=activated')).body, /Version 2 is active, and every open ticket runs on it\./);
    assert.doesNotMatch((await admin.get('/admin/policy')).body, /id="moving"/);
  });

  // The file in force previewed again: nothing to activate, so no button offers it (the API's PUT of
  // it changes nothing either: test/http/policy.test.ts).
  it('previewing the file in force says there is no change and offers no activation', async () => {
    const admin = await h.session(h.admin, 'agent');
    const { rows } = await h.desk.t.db.query<{ source_yaml: string }>('SELECT source_yaml FROM policy_versions ORDER BY version DESC LIMIT 1');
    const preview = await admin.post('/admin/policy/preview', { source: rows[0].source_yaml });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /<p>No change: this is the active policy, already in force; there is nothing to activate\.<\/p>/);
    assert.doesNotMatch(preview.body, /id="activate"/);
    assert.doesNotMatch(preview.body, /id="activate-effect"/);
  });
});
