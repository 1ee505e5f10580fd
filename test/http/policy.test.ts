// The policy routes (read, replace, rendered), SLA simulation, plan checks on organizations and
// contacts against the active policy, and the OpenAPI document.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { handlePolicyReproject } from '../../src/jobs/policy-reproject-job.ts';
import { silentLogger } from '../../src/platform/index.ts';
import { activePolicy } from '../../src/policy-versions/index.ts';
import { simulateSla } from '../../src/sla/index.ts';
import { examplePolicySource } from '../support/desk.ts';
import { assertEnvelopeShape, openTicket, openTicketApp, type TicketApp } from './ticket-app.ts';

describe('the policy over HTTP', () => {
  let h: TicketApp;
  const source = examplePolicySource('openback');
  before(async () => {
    h = await openTicketApp('openback', 'pro');
  });
  after(() => h.close());

  it('GET /policy: the active version, its activation, the parsed file and the YAML source (agents; contacts read the published page)', async () => {
    const contact = await h.as(h.contactA.token, { method: 'GET', url: '/api/v1/policy' });
    assert.equal(contact.statusCode, 403, 'the source carries internal notes');
    for (const token of [h.agent.token]) {
      const res = await h.as(token, { method: 'GET', url: '/api/v1/policy' });
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.version, 1);
      assert.equal(body.activated_at, '2026-12-02T10:00:00Z');
      assert.equal(body.policy.vendor.id, 'openback');
      assert.deepEqual(body.policy.plans.map((p: any) => p.id), ['growth', 'pro', 'enterprise']);
      assert.equal(body.source, source);
      assert.equal(body.reprojecting, null);
    }
  });

  it('GET /policy/rendered: Markdown by default, HTML on request, with the current year', async () => {
    const md = await h.as(h.contactA.token, { method: 'GET', url: '/api/v1/policy/rendered' });
    assert.equal(md.statusCode, 200);
    assert.match(md.headers['content-type'] as string, /^text\/markdown/);
    assert.match(md.body, /^# OpenBack Customer Support Policy/m);
    const html = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/policy/rendered?format=html' });
    assert.match(html.headers['content-type'] as string, /^text\/html/);
    assert.match(html.body, /<title>OpenBack Customer Support Policy<\/title>/);
    // OpenBack names no holiday ("certain observed UK or US holidays"): no days are listed (the current
    // year's are, where a policy lists them: below).
    assert.doesNotMatch(md.body, /Closed on these holidays/);
    const pdf = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/policy/rendered?format=pdf' });
    assert.equal(pdf.statusCode, 400);
    assert.equal(pdf.json().details[0].path, 'querystring.format');
  });

  it('POST /sla/simulate answers the targets as `accord sla simulate --json` does', async () => {
    const request = { plan: 'pro', severity: 2, opened: '2026-12-04T17:30:00Z', channel: 'email', pauses: [{ from: '2026-12-07T10:00:00Z', to: '2026-12-07T12:00:00Z' }] };
    const res = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/sla/simulate', payload: request });
    assert.equal(res.statusCode, 200);
    const { model } = await activePolicy(h.desk.t.db);
    const expected = simulateSla(model, {
      plan: 'pro', severity: 2, channel: 'email',
      openedAt: Date.parse(request.opened),
      pauses: [{ from: Date.parse(request.pauses[0].from), to: Date.parse(request.pauses[0].to) }],
    });
    assert.deepEqual(res.json(), { targets: expected.targets });
    assert.equal(res.json().targets[0].metric, 'first_response');
    // Growth has no phone ("Provided to our Pro and Enterprise Customers"): not taken, no target. Wed
    // 2 Dec 2026 10:00 GMT, in the support hours: its email and chat are open.
    const byPhone = await h.as(h.agent.token, { method: 'POST', url: '/api/v1/sla/simulate', payload: { plan: 'growth', severity: 1, opened: '2026-12-02T10:00:00Z', channel: 'phone' } });
    assert.equal(byPhone.statusCode, 200);
    assert.deepEqual(byPhone.json(), { targets: [], refusal: 'Not taken by Phone: The Growth plan does not include Phone; use Email, Chat.' });

    // Pro has a phone, staffed 9am – 6pm GMT (the seed gives it no hours; read as the support hours): at
    // Wed 2 Dec 2026 22:00 GMT it is closed until Thu 09:00, no after-hours rule takes a call, and the
    // email is answered "from 6pm to 9am". Said "then": at the simulated time.
    const closed = await h.as(h.agent.token, { method: 'POST', url: '/api/v1/sla/simulate', payload: { plan: 'pro', severity: 1, opened: '2026-12-02T22:00:00Z', channel: 'phone' } });
    assert.equal(closed.statusCode, 200);
    assert.deepEqual(closed.json(), { targets: [], refusal: 'Not taken by Phone: Phone is closed then; it opens Thu 3 Dec 2026 09:00 GMT; Email (support@openback.com) is answered then.' });
    // A channel the policy does not know: 400 naming the field and the channel ids.
    const fax = await h.as(h.agent.token, { method: 'POST', url: '/api/v1/sla/simulate', payload: { plan: 'pro', severity: 1, opened: '2026-12-02T22:00:00Z', channel: 'fax' } });
    assert.equal(fax.statusCode, 400);
    assert.deepEqual(fax.json().details, [{ path: 'channel', message: 'must be one of email, chat, phone, web' }]);

    const bad = await h.as(h.agent.token, {
      method: 'POST',
      url: '/api/v1/sla/simulate',
      payload: { plan: 'gold', severity: 7, opened: 'friday', pauses: [{ from: '2026-12-07T12:00:00Z', to: '2026-12-07T10:00:00Z' }] },
    });
    assert.equal(bad.statusCode, 400);
    const details = bad.json().details;
    assert.deepEqual(details.map((d: any) => d.path), ['plan', 'severity', 'opened']);
    assert.match(details[0].message, /growth, pro, enterprise/);
    const backwards = await h.as(h.agent.token, {
      method: 'POST',
      url: '/api/v1/sla/simulate',
      payload: { plan: 'pro', severity: 1, opened: '2026-12-07T09:00:00Z', pauses: [{ from: '2026-12-07T12:00:00Z', to: '2026-12-07T10:00:00Z' }] },
    });
    assert.equal(backwards.json().details[0].path, 'pauses.0.to');
  });

  it('PUT /policy refuses anyone but an admin', async () => {
    for (const token of [h.agent.token, h.contactA.token]) {
      const res = await h.as(token, { method: 'PUT', url: '/api/v1/policy', headers: { 'content-type': 'application/yaml' }, payload: source });
      assert.equal(res.statusCode, 403);
    }
  });

  it('PUT /policy refuses a bad file with 400 details naming the line and the field', async () => {
    const broken = source.replace('named_contacts: 1', 'named_contacts: -1');
    const res = await h.as(h.admin.token, { method: 'PUT', url: '/api/v1/policy', headers: { 'content-type': 'application/yaml' }, payload: broken });
    assert.equal(res.statusCode, 400);
    assertEnvelopeShape(res.json());
    const detail = res.json().details[0];
    assert.equal(detail.path, 'plans.1.named_contacts'); // the loader's plans[1] in the API's dotted form
    const line = source.split('\n').findIndex((l) => l.includes('named_contacts: 1')) + 1;
    assert.match(detail.message, new RegExp(`^line ${line}, column \\d+`));
    const notYaml = await h.as(h.admin.token, { method: 'PUT', url: '/api/v1/policy', headers: { 'content-type': 'text/yaml' }, payload: 'plans: [' });
    assert.equal(notYaml.statusCode, 400);
    assert.ok(notYaml.json().details.every((d: any) => d.path.length > 0 && /line \d+/.test(d.message)));
    const wrongJson = await h.as(h.admin.token, { method: 'PUT', url: '/api/v1/policy', payload: { yaml: source } });
    assert.equal(wrongJson.statusCode, 400);
    assert.ok(wrongJson.json().details.some((d: any) => d.path === 'source' || d.path === 'yaml'));
    const xml = await h.as(h.admin.token, { method: 'PUT', url: '/api/v1/policy', headers: { 'content-type': 'application/xml' }, payload: '<policy/>' });
    assert.equal(xml.statusCode, 415);
    assert.equal(xml.json().code, 'unsupported_media_type');
    assert.equal(xml.json().details[0].path, 'headers.content-type');
  });

  it('PUT /policy refuses to remove a plan in use with 409', async () => {
    await openTicket(h, h.contactA); // an open ticket on "pro"
    const withoutPro = source.replace('  - id: pro\n', '  - id: pro2\n').replaceAll(/^(\s+)pro:/gm, '$1pro2:');
    assert.notEqual(withoutPro, source);
    const res = await h.as(h.admin.token, { method: 'PUT', url: '/api/v1/policy', headers: { 'content-type': 'application/yaml' }, payload: withoutPro });
    assert.equal(res.statusCode, 409);
    assert.match(JSON.stringify(res.json().details), /plan \\"pro\\"/);
  });

  it('PUT /policy activates a new version from YAML, text/plain or JSON and re-projects open tickets', async () => {
    const t = await openTicket(h, h.contactA, { severity: 1 });
    const due = (await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${t.id}` })).json().clocks[0].due;
    assert.equal(due, '2026-12-02T13:00:00Z'); // pro severity 1: 3 hours
    const slower = source.replace('pro: { within: 3 hours, clock: 24x7 }', 'pro: { within: 5 hours, clock: 24x7 }');
    const res = await h.as(h.admin.token, { method: 'PUT', url: '/api/v1/policy', headers: { 'content-type': 'application/yaml' }, payload: slower });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().version, 2);
    // Re-projection is a job (ADR 0011): the answer says how many open tickets it will move.
    const open = Number((await h.desk.t.db.query<{ n: number }>("SELECT count(*) AS n FROM tickets WHERE status <> 'closed'")).rows[0].n);
    assert.ok(open >= 1);
    assert.deepEqual(res.json().reprojecting, { done: 0, total: open });
    const during = (await h.as(h.agent.token, { method: 'GET', url: '/api/v1/policy' })).json();
    assert.deepEqual([during.version, during.reprojecting], [2, { done: 0, total: open }]);
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${t.id}` })).json().policy_version, 1, 'still on version 1 until the job moves it');
    assert.equal(await handlePolicyReproject({ db: h.desk.t.db, clock: h.desk.clock, logger: silentLogger() }), open);
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: '/api/v1/policy' })).json().reprojecting, null);
    const after = (await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${t.id}` })).json();
    assert.equal(after.clocks[0].due, '2026-12-02T15:00:00Z');
    assert.equal(after.policy_version, 2);
    const plain = await h.as(h.admin.token, { method: 'PUT', url: '/api/v1/policy', headers: { 'content-type': 'text/plain' }, payload: source });
    assert.equal(plain.json().version, 3);
    const json = await h.as(h.admin.token, { method: 'PUT', url: '/api/v1/policy', payload: { source: slower } });
    assert.equal(json.json().version, 4);
    const current = (await h.as(h.agent.token, { method: 'GET', url: '/api/v1/policy' })).json();
    assert.equal(current.version, 4);
    assert.equal(current.source, slower);
  });

  // A PUT of the very file in force (the editor's "No change: this is the active policy") is a PUT of
  // what is already there: version 4 stays in force, no version 5 is stored, no ticket is moved again and
  // the audit trail records no activation.
  it('PUT /policy with the file already in force changes nothing: the same version, no new activation', async () => {
    const active = (await h.as(h.agent.token, { method: 'GET', url: '/api/v1/policy' })).json();
    const activations = async () => Number((await h.desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE type = 'policy.activated'")).rows[0].n);
    const before = await activations();
    const again = await h.as(h.admin.token, { method: 'PUT', url: '/api/v1/policy', headers: { 'content-type': 'application/yaml' }, payload: active.source });
    assert.equal(again.statusCode, 200);
    // How far version 4's own move has come, as GET /policy says it (its tickets, not moved by a job here yet).
    assert.deepEqual([again.json().version, again.json().reprojecting], [4, active.reprojecting]);
    assert.notEqual(active.reprojecting, null);
    assert.equal((await h.desk.t.db.query<{ n: number }>('SELECT max(version)::int AS n FROM policy_versions')).rows[0].n, 4);
    assert.equal(await activations(), before);
  });

  it("checks an organization's plan_id against the active policy", async () => {
    const res = await h.as(h.admin.token, { method: 'POST', url: '/api/v1/organizations', payload: { name: 'Globex', plan_id: 'platinum' } });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().details[0].path, 'plan_id');
    assert.match(res.json().details[0].message, /growth, pro, enterprise/);
    const ok = await h.as(h.admin.token, { method: 'POST', url: '/api/v1/organizations', payload: { name: 'Globex', plan_id: 'enterprise' } });
    assert.equal(ok.statusCode, 201);
  });

  it("enforces the plan's named contacts from the active policy; a plan without any refuses naming one", async () => {
    const org = async (plan: string) => (await h.as(h.admin.token, { method: 'POST', url: '/api/v1/organizations', payload: { name: `On ${plan}`, plan_id: plan } })).json().id;
    const contact = (organizationId: string, email: string, named: boolean) =>
      h.as(h.admin.token, { method: 'POST', url: '/api/v1/contacts', payload: { organization_id: organizationId, email, name: 'N', named_contact: named } });
    const pro = await org('pro'); // one named contact
    assert.equal((await contact(pro, 'one@pro.test', true)).statusCode, 201);
    const second = await contact(pro, 'two@pro.test', true);
    assert.equal(second.statusCode, 429);
    assert.equal(second.json().details[0].path, 'named_contact');
    assert.equal((await contact(pro, 'three@pro.test', false)).statusCode, 201);
    const growth = await org('growth'); // named_contacts: null
    const refused = await contact(growth, 'one@growth.test', true);
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().details[0].path, 'named_contact');
    assert.match(refused.json().message, /Growth plan has no named support contacts/);
    assert.equal((await contact(growth, 'two@growth.test', false)).statusCode, 201);
  });

  it('publishes OpenAPI 3.1 with the ticket, policy and simulation paths', async () => {
    const doc = (await h.app.inject('/openapi.json')).json();
    assert.equal(doc.openapi, '3.1.0');
    const expected: Record<string, string[]> = {
      '/api/v1/tickets': ['get', 'post'],
      '/api/v1/tickets/{id}': ['get', 'patch'],
      '/api/v1/tickets/{id}/events': ['get'],
      '/api/v1/tickets/{id}/replies': ['post'],
      '/api/v1/tickets/{id}/notes': ['post'],
      '/api/v1/tickets/{id}/links': ['post'],
      '/api/v1/tickets/{id}/reopen': ['post'],
      '/api/v1/policy': ['get', 'put'],
      '/api/v1/policy/rendered': ['get'],
      '/api/v1/sla/simulate': ['post'],
    };
    for (const [path, methods] of Object.entries(expected)) {
      assert.ok(doc.paths[path], path);
      for (const m of methods) assert.ok(doc.paths[path][m], `${m} ${path}`);
    }
    const create = doc.paths['/api/v1/tickets'].post;
    assert.deepEqual(create.requestBody.content['application/json'].schema.required, ['subject', 'description']);
    assert.ok(create.responses['201']);
    assert.ok(Object.keys(doc.paths['/api/v1/policy'].put.requestBody.content).includes('application/yaml'));
  });
});

describe('the rendered policy lists the current year\'s holidays', () => {
  // OpenBack with its holidays listed (published: false taken out); the desk's clock is in December 2026.
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('openback', 'pro');
  });
  after(() => h.close());

  it('GET /policy/rendered lists the days of 2026, not of 2027', async () => {
    const listed = examplePolicySource('openback').replaceAll('      published: false\n', '');
    const put = await h.as(h.admin.token, { method: 'PUT', url: '/api/v1/policy', headers: { 'content-type': 'application/yaml' }, payload: listed });
    assert.equal(put.statusCode, 200);
    const html = (await h.as(h.agent.token, { method: 'GET', url: '/api/v1/policy/rendered?format=html' })).body;
    assert.match(html, /Closed on these holidays in 2026:/);
    assert.match(html, /2026-12-25 Christmas Day/);
    assert.doesNotMatch(html, /2027/);
  });
});

describe('the rendered policy lists the holidays of the vendor\'s year, where the vendor is', () => {
  // OfficeSpace: "5:00 a.m. to 10:00 p.m. Central Standard Time (GMT-6) ... except New Year's Day and
  // Christmas". At 03:00 UTC on 1 January 2027 it is 21:00 on 31 December 2026 in GMT-6: the vendor's
  // year is still 2026, and so are the days its page lists.
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('officespace', 'standard');
  });
  after(() => h.close());

  it('GET /policy/rendered at 03:00 UTC on New Year\'s Day lists 2026\'s days; at 06:00 UTC, 2027\'s', async () => {
    h.desk.clock.set('2027-01-01T03:00:00Z');
    const before = (await h.as(h.agent.token, { method: 'GET', url: '/api/v1/policy/rendered' })).body;
    assert.match(before, /Closed on these holidays in 2026:\n\n- 2026-01-01 New Year’s Day\n- 2026-12-25 Christmas\n/);
    assert.doesNotMatch(before, /2027/);
    // 00:00 in GMT-6 is 06:00 UTC: from then it is 2027 where the vendor is.
    h.desk.clock.set('2027-01-01T06:00:00Z');
    const after = (await h.as(h.agent.token, { method: 'GET', url: '/api/v1/policy/rendered' })).body;
    assert.match(after, /Closed on these holidays in 2027:\n\n- 2027-01-01 New Year’s Day\n- 2027-12-25 Christmas\n/);
  });
});
