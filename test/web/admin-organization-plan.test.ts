// An organization's name and plan changed on the admin's organizations page (updateOrganization),
// as the customer import tells an admin to ("change its plan on its page first"); each refusal
// beside that organization's form by the field's label, what was typed kept. OpenBack: Enterprise
// allows 2 named support contacts and includes a Customer Success Manager, Pro allows 1 and
// includes none, Growth allows none (examples/policies/openback.yaml). Who may post the form: the
// access matrix (test/http/access/web-admin-change-rows.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { adminDesk } from './admin-kit.ts';
import { main, errorBox } from './page-parts.ts';

const sectionOf = (html: string, orgId: string) => new RegExp(`<section aria-labelledby="org-${orgId}">[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';

describe("an organization's name and plan on the admin page, OpenBack", () => {
  const desk = adminDesk();

  const orgRow = async (id: string) =>
    (await desk.app.desk.t.db.query<{ name: string; plan_id: string; designated_agents: Record<string, string> }>('SELECT name, plan_id, designated_agents FROM organizations WHERE id = $1', [id])).rows[0];

  it('renames an organization and moves it to another plan: new tickets on it, open ones keep theirs, a designation the plan lacks ends', async () => {
    // An Enterprise customer with one named contact (desk.addOrganization), its CSM designated, a case open.
    const person = await desk.app.newContact('enterprise');
    const orgId = person.organizationId;
    const before = await orgRow(orgId);
    assert.equal((await desk.session.post(`/admin/organizations/${orgId}/designations`, { d_customer_success_manager: desk.app.escalation.id, d_technical_account_manager: '' })).statusCode, 303);
    const open = await openTicket(desk.app, person, { subject: 'Before the move', severity: 3 });

    const section = sectionOf(await desk.mainAt(`/admin/organizations?q=${encodeURIComponent(before.name)}`), orgId);
    assert.match(section, new RegExp(`<form method="post" action="/admin/organizations/${orgId}" class="filters">`));
    assert.match(section, new RegExp(`<input id="name-${orgId}" name="name" required maxlength="200" value="${before.name}">`));
    assert.match(section, /<option value="enterprise" selected>Enterprise<\/option>/);
    // With a designation held, the hint says a plan without it ends it.
    assert.match(section, /<p class="hint">A new plan serves its new tickets; open ones keep the plan they were opened on, and a person designated to it for what the new plan does not include is designated no more\.<\/p>/);

    const saved = await desk.session.post(`/admin/organizations/${orgId}`, { name: 'Initech Ltd', plan: 'pro' });
    assert.deepEqual([saved.statusCode, saved.headers.location], [303, '/admin/organizations?done=1']);
    // Pro includes no Customer Success Manager: that designation ended.
    assert.deepEqual(await orgRow(orgId), { name: 'Initech Ltd', plan_id: 'pro', designated_agents: {} });
    const after = sectionOf(await desk.mainAt('/admin/organizations?q=Initech'), orgId);
    assert.match(after, /<h3 id="org-[^"]+">Initech Ltd<\/h3>\s*<p>Plan Pro · onboarding complete<\/p>/);
    assert.match(after, /<option value="pro" selected>Pro<\/option>/);
    // The case opened before stays on the plan it was opened on; a new one is on Pro.
    const planOf = async (id: string) => (await desk.app.desk.t.db.query<{ plan_id: string }>('SELECT plan_id FROM tickets WHERE id = $1', [id])).rows[0].plan_id;
    assert.equal(await planOf(open.id), 'enterprise');
    assert.equal(await planOf((await openTicket(desk.app, person, { subject: 'After the move', severity: 3 })).id), 'pro');
  });

  it('refuses a plan allowing fewer named contacts than are named, no name, and a plan the policy has not, beside the form, as typed', async () => {
    const person = await desk.app.newContact('enterprise');
    const orgId = person.organizationId;
    const before = await orgRow(orgId);

    // Growth allows none; one is named (desk.addOrganization names its contact).
    const tooMany = await desk.session.post(`/admin/organizations/${orgId}`, { name: 'Globex Corp', plan: 'growth' });
    assert.equal(tooMany.statusCode, 409);
    const page = main(tooMany.body);
    const box = errorBox(page, `organization-${orgId}`);
    assert.match(box, new RegExp(`<p>The Growth plan allows no named support contacts; ${before.name} has 1 named now: un-name the one named first, then change the plan</p>`));
    assert.match(box, /<li><strong>Plan<\/strong> the Growth plan allows no named support contacts; 1 is named now<\/li>/);
    assert.equal(errorBox(page, 'admin'), '', 'beside its form, not at the top');
    // What was typed, kept in that organization's form.
    const section = sectionOf(page, orgId);
    assert.match(section, new RegExp(`<input id="name-${orgId}" name="name" required maxlength="200" value="Globex Corp">`));
    assert.match(section, /<option value="growth" selected>Growth<\/option>/);

    const blank = await desk.session.post(`/admin/organizations/${orgId}`, { name: '  ', plan: 'enterprise' });
    assert.equal(blank.statusCode, 400);
    // The verb's words for an empty text field (platform/zod-words.ts: too_small of 1 character).
    assert.match(errorBox(main(blank.body), `organization-${orgId}`), /<li><strong>Name<\/strong> must not be empty<\/li>/);

    const unknown = await desk.session.post(`/admin/organizations/${orgId}`, { name: before.name, plan: 'platinum' });
    assert.equal(unknown.statusCode, 400);
    assert.match(errorBox(main(unknown.body), `organization-${orgId}`), /<p>&quot;platinum&quot; is not a plan of the active policy<\/p>\s*<ul><li><strong>Plan<\/strong> must be one of the active policy&#39;s plans: growth, pro, enterprise<\/li>/);
    assert.deepEqual(await orgRow(orgId), before, 'nothing changed by a refused form');
  });
});
