// A refused admin form comes back beside itself with what was typed (never a password), OpenBack:
// adding an agent whose email is taken, a webhook to a loopback URL, a second named contact on a
// plan of one (a limit: shown as a refusal, not the "too many attempts" page), a rotation, a
// token; a row's refusal shows in its row, and one of a row gone shows at the top of the page.
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createOrganization } from '../../src/customers/index.ts';
import { createRotation } from '../../src/oncall/index.ts';
import { adminDesk } from './admin-kit.ts';
import { main, errorBox } from './page-parts.ts';

describe('refused admin forms keep what was typed, OpenBack', () => {
  const desk = adminDesk();

  it('"Add agent" with an email in use: the message beside the form, the name, email, role and invite box as typed, never the password', async () => {
    const refused = await desk.session.post('/admin/agents', { name: 'Dana "DJ" Lee', email: 'agent@vendor.example', role: 'manager', password: 'hunter2 hunter2 hunter2' });
    assert.equal(refused.statusCode, 409);
    const page = main(refused.body);
    assert.match(errorBox(page, 'agent'), /<p>The email is already in use<\/p>[\s\S]*<li><strong>Email<\/strong> already in use<\/li>/);
    assert.ok(page.indexOf('id="agent-error"') < page.indexOf('action="/admin/agents"'), 'just above the form');
    assert.equal(errorBox(page, 'admin'), '', 'not at the top of the page');
    assert.match(page, /<input id="a-name" name="name" required maxlength="200" value="Dana &quot;DJ&quot; Lee">/);
    assert.match(page, /<input id="a-email" name="email" type="email" required value="agent@vendor\.example">/);
    assert.match(page, /<option value="front_line">Front line<\/option><option value="escalation">Escalation<\/option><option value="manager" selected>Manager<\/option>/);
    // The invite box was cleared before sending: it stays cleared.
    assert.match(page, /<input type="checkbox" name="invite"> Mail them a link/);
    assert.match(page, /<input id="a-pw" name="password" type="password" autocomplete="new-password">/);
    assert.doesNotMatch(refused.body, /hunter2/);
    // Shown afresh, the form is empty again, the invite box ticked.
    const fresh = await desk.mainAt('/admin/agents');
    assert.match(fresh, /<input id="a-name" name="name" required maxlength="200" value="">/);
    assert.match(fresh, /<option value="front_line" selected>Front line<\/option>/);
    assert.match(fresh, /<input type="checkbox" name="invite" checked> Mail them a link/);
  });

  it('a webhook to a loopback URL: the URL, description and chosen events kept, nothing created', async () => {
    const refused = await desk.session.post('/admin/webhooks', {
      url: 'https://127.0.0.1/hook', description: 'On-call bridge', 'event_ticket.created': 'on', 'event_sla.breached': 'on',
    });
    assert.equal(refused.statusCode, 400);
    const page = main(refused.body);
    assert.match(errorBox(page, 'webhook'), /<p>Accord may not send webhooks to this URL<\/p>[\s\S]*<strong>URL<\/strong>/);
    assert.match(page, /<input id="w-url" name="url" type="url" required value="https:\/\/127\.0\.0\.1\/hook">/);
    assert.match(page, /<input id="w-desc" name="description" maxlength="500" value="On-call bridge">/);
    // Events in words; the name the API sends is secondary, for whoever writes the receiver.
    assert.match(page, /<input type="checkbox" name="event_ticket\.created" checked> Ticket opened <small><code>ticket\.created<\/code><\/small><\/label>/);
    assert.match(page, /<input type="checkbox" name="event_sla\.breached" checked> Target missed <small><code>sla\.breached<\/code><\/small><\/label>/);
    assert.match(page, /<input type="checkbox" name="event_ticket\.updated"> Ticket changed \(status, assignee, requester, copies or severity\) <small><code>ticket\.updated<\/code><\/small><\/label>/);
    assert.match(page, /<input type="checkbox" name="event_contact\.erased"> Contact&#39;s personal data erased <small><code>contact\.erased<\/code><\/small><\/label>/);
    // No event is offered by its API name alone.
    assert.doesNotMatch(page, /<input type="checkbox" name="event_[a-z_.]+"(?: checked)?> [a-z_]+\.[a-z_]+/);
    assert.match(page, /<input type="checkbox" name="all"> Every event/);
    assert.doesNotMatch(page, /action="\/admin\/webhooks\/[0-9a-f-]+\/delete"/, 'no webhook was created');
    // None yet: said in words, not an empty table.
    assert.match(page, /<p id="webhooks-none">No webhooks yet\. A webhook sends the events you choose \(a ticket opened, a target missed\) to a URL of your own systems; create one below\.<\/p>/);
    assert.doesNotMatch(page, /<caption class="visually-hidden">Webhooks<\/caption>/);
  });

  it('a second named contact on a Pro organization: the limit in words beside the form (409, not "Too many attempts"), what was typed kept', async () => {
    assert.equal((await desk.session.post('/admin/organizations', { name: 'Globex', plan: 'pro', onboarding: 'complete' })).statusCode, 303);
    const globex = (await desk.app.desk.t.db.query<{ id: string }>("SELECT id FROM organizations WHERE name = 'Globex'")).rows[0].id;
    assert.equal((await desk.session.post('/admin/contacts', { organization: globex, name: 'Hank Scorpio', email: 'hank@globex.example', named: 'on' })).statusCode, 303);
    // The organization by its name as typed (the field suggests names; any case will do).
    const typed = { organization: 'globex', name: 'Homer Simpson', email: 'homer@globex.example', password: 'donut donut donut' };
    const refused = await desk.session.post('/admin/contacts', { ...typed, named: 'on' });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /<title>Organizations and contacts/);
    assert.doesNotMatch(refused.body, /Too many attempts/);
    const page = main(refused.body);
    const box = errorBox(page, 'contact');
    assert.match(box, /<p>The Pro plan allows 1 named support contact; Globex has 1 already: un-name one first, or add this person as not named<\/p>/);
    assert.match(box, /<li><strong>Named contact<\/strong> the plan&#39;s limit of 1 is reached<\/li>/);
    assert.ok(page.indexOf('id="contact-error"') < page.indexOf('action="/admin/contacts"'), 'just above the form');
    assert.match(page, /<input id="c-org" name="organization" required maxlength="200" list="c-org-names" data-find="\/agent\/organizations\/suggest" autocomplete="off" placeholder="its name" value="globex">/);
    assert.match(page, /<input id="c-name" name="name" required maxlength="200" value="Homer Simpson">/);
    assert.match(page, /<input id="c-email" name="email" type="email" required value="homer@globex\.example">/);
    assert.match(page, /<input type="checkbox" name="named" checked> Named support contact/);
    assert.match(page, /<input type="checkbox" name="invite"> Mail them a link/);
    assert.doesNotMatch(refused.body, /donut/);
    // The way out the message gives: added as not named.
    assert.equal((await desk.session.post('/admin/contacts', typed)).statusCode, 303);
    const after = await desk.mainAt('/admin/organizations');
    assert.match(after, /Homer Simpson &lt;homer@globex\.example&gt;\s*<details class="contact-email">/, 'listed, not named');
    assert.match(after, /Hank Scorpio &lt;hank@globex\.example&gt; \(named contact\)/);
  });

  it("a new organization's onboarding is not complete on the admin form as over the API, until someone says it is; a state neither complete nor incomplete is refused naming it", async () => {
    // OpenBack gives "only Standard Support to customers who do not complete the OpenBack Technical
    // On-boarding (this applies only for customers that are new users)": a customer just added has
    // not completed it yet. Before, the form offered Complete first and read anything else as complete.
    const api = await desk.app.as(desk.app.admin.token, { method: 'POST', url: '/api/v1/organizations', payload: { name: 'Initech', plan_id: 'enterprise' } });
    assert.equal(api.statusCode, 201);
    assert.equal(api.json().onboarding_state, 'incomplete');
    const form = await desk.mainAt('/admin/organizations');
    assert.match(form, /<select id="o-onb" name="onboarding"><option value="complete">Complete<\/option><option value="incomplete" selected>Incomplete<\/option><\/select>/);
    // A form sent without the field (a script, an older page): the same default as the API.
    assert.equal((await desk.session.post('/admin/organizations', { name: 'Vandelay', plan: 'enterprise' })).statusCode, 303);
    const state = async (name: string) => (await desk.app.desk.t.db.query<{ onboarding_state: string }>('SELECT onboarding_state FROM organizations WHERE name = $1', [name])).rows[0]?.onboarding_state;
    assert.equal(await state('Vandelay'), 'incomplete');
    const refused = await desk.session.post('/admin/organizations', { name: 'Half Done', plan: 'enterprise', onboarding: 'half' });
    assert.equal(refused.statusCode, 400);
    assert.match(errorBox(main(refused.body), 'organization'), /<li><strong>Onboarding<\/strong> /);
    assert.equal(await state('Half Done'), undefined, 'nothing created');
    assert.equal((await desk.session.post('/admin/organizations', { name: 'Done Already', plan: 'enterprise', onboarding: 'complete' })).statusCode, 303);
    assert.equal(await state('Done Already'), 'complete');
  });

  it("an organization's onboarding is marked complete on its row (and whether it was a customer before the rule); one left unchosen is refused naming it", async () => {
    // New organizations start not onboarded: the admin who hears the On-boarding is done marks it here.
    await createOrganization({ ctx: desk.app.desk.system, input: { name: 'Wernham Hogg', planId: 'pro' } });
    const id = (await desk.app.desk.t.db.query<{ id: string }>("SELECT id FROM organizations WHERE name = 'Wernham Hogg'")).rows[0].id;
    const shown = async () => /<h3 id="org-[^"]+">Wernham Hogg<\/h3>[\s\S]*?<\/section>/.exec(await desk.mainAt('/admin/organizations?q=Wernham'))?.[0] ?? '';
    const before = await shown();
    assert.match(before, /<p>Plan Pro · onboarding not complete<\/p>/);
    assert.match(before, new RegExp(`<form method="post" action="/admin/organizations/${id}/onboarding" class="filters">`));
    assert.match(before, new RegExp(`<select id="onb-${id}" name="onboarding"><option value="complete">Complete</option><option value="incomplete" selected>Not complete</option></select>`));
    const refused = await desk.session.post(`/admin/organizations/${id}/onboarding`, { onboarding: '' });
    assert.equal(refused.statusCode, 400);
    assert.match(errorBox(main(refused.body), `onboarding-${id}`), /<li><strong>Onboarding<\/strong> /);
    assert.equal((await desk.session.post(`/admin/organizations/${id}/onboarding`, { onboarding: 'complete' })).statusCode, 303);
    const state = async () => (await desk.app.desk.t.db.query<{ onboarding_state: string; existing_customer: boolean }>('SELECT onboarding_state, existing_customer FROM organizations WHERE id = $1', [id])).rows[0];
    assert.deepEqual(await state(), { onboarding_state: 'complete', existing_customer: false });
    assert.match(await shown(), /<p>Plan Pro · onboarding complete<\/p>/);
    assert.equal((await desk.session.post(`/admin/organizations/${id}/onboarding`, { onboarding: 'incomplete', existing: 'on' })).statusCode, 303);
    assert.deepEqual(await state(), { onboarding_state: 'incomplete', existing_customer: true });
  });

  it('an organization says its plan, onboarding and unmet requirements in words, not by ids', async () => {
    await createOrganization({ ctx: desk.app.desk.system, input: { name: 'Soylent', planId: 'pro', onboardingState: 'incomplete', existingCustomer: false, unmetRequirements: ['sdk-included'] } });
    const page = await desk.mainAt('/admin/organizations');
    const org = /<h3 id="org-[^"]+">Soylent<\/h3>[\s\S]*?<\/ul>/.exec(page)?.[0] ?? '';
    assert.match(org, /<p>Plan Pro · onboarding not complete<\/p>/);
    // OpenBack's requirement sdk-included, in its own words.
    assert.match(org, /<p>Requirements of the policy not met:<\/p><ul><li>Notwithstanding the support package level specified in an OpenBack Platform Agreement and purchased by a customer, OpenBack will not provide any technical support to customers who do not include the OpenBack provided SDK within their mobile applications for use in connection with the OpenBack SaaS product\.<\/li><\/ul>/);
    // In the words shown (a form's values are ids, and not shown).
    assert.doesNotMatch(org.replace(/<[^>]*>/g, ''), /Plan pro|sdk-included|incomplete/);
  });

  it("an organization's unmet requirements are changed on its row, a box per requirement in the policy's words, and audited; one the policy lacks is refused beside the form", async () => {
    // OpenBack: "OpenBack will not provide any technical support to customers who do not include
    // the OpenBack provided SDK within their mobile applications": whether a customer has not met
    // it is the admin's to record, on the form as over the API.
    const org = await createOrganization({ ctx: desk.app.desk.system, input: { name: 'Initech', planId: 'pro', onboardingState: 'complete', existingCustomer: false } });
    const row = (html: string) => new RegExp(`<h3 id="org-${org.id}">[\\s\\S]*?</section>`).exec(main(html))?.[0] ?? '';
    const before = row((await desk.session.get('/admin/organizations')).body);
    assert.match(before, new RegExp(`<form method="post" action="/admin/organizations/${org.id}/requirements" class="stack">`));
    assert.match(before, /<label><input type="checkbox" name="unmet_sdk-included"> Not met: Notwithstanding the support package level specified in an OpenBack Platform Agreement and purchased by a customer, OpenBack will not provide any technical support to customers who do not include the OpenBack provided SDK within their mobile applications for use in connection with the OpenBack SaaS product\.<\/label>/);
    assert.equal((await desk.session.post(`/admin/organizations/${org.id}/requirements`, { 'unmet_sdk-included': 'on' })).statusCode, 303);
    const unmet = async () => (await desk.app.desk.t.db.query<{ unmet_requirements: string[] }>('SELECT unmet_requirements FROM organizations WHERE id = $1', [org.id])).rows[0].unmet_requirements;
    assert.deepEqual(await unmet(), ['sdk-included']);
    assert.match(row((await desk.session.get('/admin/organizations')).body), /<input type="checkbox" name="unmet_sdk-included" checked> Not met:/);
    // Cleared: met now (a minute later, so the audit trail's order is the order of the changes).
    desk.app.desk.clock.set(desk.app.desk.clock.now().add({ minutes: 1 }));
    assert.equal((await desk.session.post(`/admin/organizations/${org.id}/requirements`, {})).statusCode, 303);
    assert.deepEqual(await unmet(), []);
    const { rows: audits } = await desk.app.desk.t.db.query<{ data: { changed: Record<string, unknown> }; actor_id: string }>(
      "SELECT data, actor_id FROM audit_events WHERE subject_id = $1 AND type = 'organization.updated' ORDER BY at, id", [org.id],
    );
    assert.deepEqual(audits.map((r) => r.data.changed), [{ unmetRequirements: ['sdk-included'] }, { unmetRequirements: [] }]);
    assert.ok(audits.every((r) => r.actor_id === desk.app.admin.id), 'by the admin who saved it');
    // A box the policy has no requirement for (a forged form) is refused beside the form, nothing changed.
    const refused = await desk.session.post(`/admin/organizations/${org.id}/requirements`, { unmet_nope: 'on' });
    assert.equal(refused.statusCode, 400);
    assert.match(errorBox(main(refused.body), `requirements-${org.id}`), /<li><strong>Unmet requirements<\/strong> nope: must be one of sdk-included<\/li>/);
    assert.deepEqual(await unmet(), []);
  });

  it('a rotation and a token come back as typed, each beside its form', async () => {
    const rotation = {
      name: 'Nights', time_zone: 'Mars/Olympus', handover_time: '21:30', cadence: 'daily', weekday: 'wed', start_date: '2026-12-07', [`member_${desk.app.agent.id}`]: 'on',
    };
    const refusedRotation = await desk.session.post('/admin/oncall', rotation);
    assert.equal(refusedRotation.statusCode, 400);
    const oncall = main(refusedRotation.body);
    assert.match(errorBox(oncall, 'rotation'), /<strong>Time zone<\/strong> must be an IANA time zone/);
    assert.match(oncall, /<input id="r-name" name="name" required value="Nights">/);
    assert.match(oncall, /<input id="r-tz" name="time_zone" required value="Mars\/Olympus">/);
    assert.match(oncall, /name="handover_time" required pattern="\[0-2\]\[0-9\]:\[0-5\]\[0-9\]" value="21:30">/);
    assert.match(oncall, /<option value="weekly">Weekly<\/option><option value="daily" selected>Daily<\/option>/);
    assert.match(oncall, /<option value="wed" selected>Wednesday<\/option>/);
    assert.match(oncall, /<input id="r-start" name="start_date" type="date" required value="2026-12-07">/);
    assert.match(oncall, new RegExp(`<input type="checkbox" name="member_${desk.app.agent.id}" checked>`));
    assert.match(oncall, new RegExp(`<input type="checkbox" name="member_${desk.app.manager.id}">`));
    // No member ticked: said in words, not the validator's "Too small: expected array".
    const { [`member_${desk.app.agent.id}`]: _ticked, ...none } = rotation;
    const noMembers = main((await desk.session.post('/admin/oncall', { ...none, time_zone: 'Europe/London' })).body);
    assert.match(errorBox(noMembers, 'rotation'), /<li><strong>Members<\/strong> must name at least one agent<\/li>/);
    assert.doesNotMatch(noMembers, /Too small|expected array/);

    const contactEmail = (await desk.app.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [desk.app.contactA.id])).rows[0].email;
    const refusedToken = await desk.session.post('/admin/tokens', { owner: 'contact', contact_email: contactEmail, name: 'CRM sync', days: '30', read_only: 'on', scopes: 'tickets:raed' });
    assert.equal(refusedToken.statusCode, 400);
    const tokens = main(refusedToken.body);
    assert.match(errorBox(tokens, 'token'), /<strong>Scopes<\/strong> is area:read or area:write/);
    assert.match(tokens, /<option value="contact" selected>/);
    assert.match(tokens, new RegExp(`name="contact_email" [^>]*value="${contactEmail.replace('.', '\\.')}">`));
    assert.match(tokens, /<input id="t-name" name="name" maxlength="100" value="CRM sync">/);
    assert.match(tokens, /<input id="t-days" name="days" type="number" min="1" max="3650" value="30">/);
    assert.match(tokens, /<input type="checkbox" name="read_only" checked> Read only/);
    assert.match(tokens, /placeholder="tickets:read status:write" value="tickets:raed">/);
  });

  it("a row's refusal shows in its row; one for a row gone shows at the top of the page", async () => {
    await createRotation({
      ctx: desk.app.desk.system,
      input: { name: 'Weekends', timeZone: 'Europe/London', handoverTime: '09:00', cadence: 'weekly', handoverWeekday: 'sat', startDate: '2026-11-28', members: [desk.app.escalation.id] },
    });
    const refused = await desk.session.post(`/admin/agents/${desk.app.escalation.id}`, { active: 'no', confirm: 'on' });
    assert.equal(refused.statusCode, 409);
    const page = main(refused.body);
    const row = page.slice(page.lastIndexOf('<tr', page.indexOf(`action="/admin/agents/${desk.app.escalation.id}"`)));
    assert.match(row.slice(0, row.indexOf('</tr>')), new RegExp(`id="agent-${desk.app.escalation.id}-error">\\s*<p>escalation@vendor\\.example still has work only a person on the team can do</p>[\\s\\S]*is on the on-call rotation &quot;Weekends&quot;`));
    // Its role select still shows the role it has (the refused form sent none).
    assert.match(page, new RegExp(`<select id="role-${desk.app.escalation.id}" name="role">[\\s\\S]*?<option value="escalation" selected>`));

    const gone = await desk.session.post(`/admin/webhooks/${randomUUID()}/delete`, { confirm: 'on' });
    assert.equal(gone.statusCode, 404);
    assert.match(errorBox(main(gone.body), 'admin'), /<p>Webhook not found<\/p>/);
  });
});
