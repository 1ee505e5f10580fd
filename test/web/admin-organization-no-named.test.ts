// A plan change that leaves an organization with no named support contact on a plan whose named
// contacts report the cases (OpenBack: Pro allows 1, Enterprise 2; "Named Support Contacts are
// responsible for: (i) reporting cases to OpenBack", contacts.only_named_contacts_open_tickets) is
// warned about before it is saved: the admin is told what its customers will meet (every case its
// contacts send held for review) and saves it only by ticking a confirmation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createContact, createOrganization } from '../../src/customers/index.ts';
import { adminDesk } from './admin-kit.ts';
import { main, errorBox } from './page-parts.ts';

describe('a plan change leaving no named contact, warned before saving (OpenBack)', () => {
  const desk = adminDesk();

  const planOf = async (id: string) => (await desk.app.desk.t.db.query<{ plan_id: string }>('SELECT plan_id FROM organizations WHERE id = $1', [id])).rows[0].plan_id;

  it('on Growth with nobody named, a move to Pro is not saved until confirmed, and says what its contacts will meet', async () => {
    const org = await createOrganization({ ctx: desk.app.desk.system, input: { name: 'Globex', planId: 'growth' } });
    await createContact({ ctx: desk.app.desk.system, input: { organizationId: org.id, email: 'hank@globex.example', name: 'Hank' } });
    const warned = await desk.session.post(`/admin/organizations/${org.id}`, { name: 'Globex', plan: 'pro' });
    assert.equal(warned.statusCode, 409);
    assert.equal(await planOf(org.id), 'growth', 'not saved yet');
    const page = main(warned.body);
    const box = errorBox(page, `organization-${org.id}`);
    // What its customers will meet, in the policy's words, and how many the plan allows.
    assert.match(box, /Not saved yet: Globex has no named support contact; on the Pro plan, cases are reported by the named support contacts/);
    assert.match(box, /so until one is named every case its contacts send is held for review: name one \(the plan allows 1\)/);
    assert.match(box, /<li><strong>Yes, change the plan with no named support contact<\/strong> is not ticked<\/li>/);
    // The form as typed, with the box to tick.
    const form = new RegExp(`<form method="post" action="/admin/organizations/${org.id}" class="filters">[\\s\\S]*?</form>`).exec(page)?.[0] ?? '';
    assert.match(form, /<option value="pro" selected>Pro<\/option>/);
    assert.match(form, /<label><input type="checkbox" name="confirm"> Yes, change the plan with no named support contact<\/label>/);

    const saved = await desk.session.post(`/admin/organizations/${org.id}`, { name: 'Globex', plan: 'pro', confirm: 'on' });
    assert.deepEqual([saved.statusCode, saved.headers.location], [303, '/admin/organizations?done=1']);
    assert.equal(await planOf(org.id), 'pro');
    // Renaming it on the plan it is on asks nothing: the plan does not change.
    assert.equal((await desk.session.post(`/admin/organizations/${org.id}`, { name: 'Globex Corp', plan: 'pro' })).statusCode, 303);
  });

  it('asks nothing where someone is named, or the new plan has no named contacts', async () => {
    const named = await desk.app.newContact('pro'); // desk.addOrganization names its contact
    assert.equal((await desk.session.post(`/admin/organizations/${named.organizationId}`, { name: 'Named Co', plan: 'enterprise' })).statusCode, 303);
    assert.equal(await planOf(named.organizationId), 'enterprise');
    const none = await createOrganization({ ctx: desk.app.desk.system, input: { name: 'Initrode', planId: 'pro' } });
    // To Growth, which has no named contacts (named_contacts: null): nothing to warn of.
    const moved = await desk.session.post(`/admin/organizations/${none.id}`, { name: 'Initrode', plan: 'growth' });
    assert.equal(moved.statusCode, 303);
    assert.equal(await planOf(none.id), 'growth');
  });
});
