// Naming a support contact is offered only where the policy has named contacts: OpenMethods' plans
// have none (named_contacts: null), so its admin pages offer no "Named support contact" box, no
// button to name one, and no "named contact" box beside a held mail's sender (each was refused on use:
// "The Premium Support plan has no named support contacts"). OpenBack's Pro plan has one and its
// Growth plan none: an organization's row offers naming by its own plan. And a held mail whose
// sender is a contact already (OpenBack holds a case from one who is not named) is not offered to
// be added as a contact, corrected to, or blocked: contacts are never blocked, and they are one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createContact, createOrganization } from '../../src/customers/index.ts';
import { emailSettingsFor, processInbound, storeInbound } from '../../src/email/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const settings = emailSettingsFor('support@accord.localhost');

/** A message from `from`, stored and processed as the SMTP listener would; its id. */
async function mailIn(h: WebApp, from: string, subject: string): Promise<string> {
  const raw = Buffer.from(`From: ${from}\r\nTo: support@accord.localhost\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@x.example>\r\n\r\nHello.\r\n`);
  const id = (await storeInbound(h.desk.t.db, h.desk.clock, raw, { source: 'smtp', envelopeFrom: from, envelopeTo: ['support@accord.localhost'] }))!;
  await processInbound({ ctx: h.desk.system, settings, inboundId: id });
  return id;
}

describe('named contacts offered only where a plan has them, OpenMethods (none)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openmethods', 'premium');
  });
  after(() => h.close());

  it('the organizations page offers no named contact box or button', async () => {
    const org = await createOrganization({ ctx: h.desk.system, input: { name: 'Acme Travel', planId: 'premium', onboardingState: 'complete' } });
    await createContact({ ctx: h.desk.system, input: { organizationId: org.id, name: 'Ann Acme', email: 'ann@acme.example' } });
    const a = await h.session(h.admin, 'agent');
    const page = main((await a.get('/admin/organizations')).body);
    const form = /<form method="post" action="\/admin\/contacts" class="filters">[\s\S]*?<\/form>/.exec(page)?.[0] ?? '';
    assert.match(form, /Add contact/, 'the new-contact form is there');
    assert.doesNotMatch(form, /name="named"/);
    assert.doesNotMatch(page, /Make Ann Acme a named contact|Name Ann Acme/);
    assert.match(page, /Deactivate Ann Acme/, 'her row is listed');
  });

  it("a stranger's held mail is offered to be added as a contact, without a named contact box", async () => {
    const id = await mailIn(h, 'stranger@unknown.example', 'Media bar down');
    const a = await h.session(h.admin, 'agent');
    const page = main((await a.get(`/admin/email/inbound/${id}`)).body);
    assert.match(page, new RegExp(`action="/admin/email/inbound/${id}/add-sender"`));
    assert.doesNotMatch(page, /name="named"/);
  });
});

describe('named contacts by the organization\'s plan, and a held mail from a contact, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it("offers naming on a Pro organization's row, not on a Growth one's", async () => {
    // Pro: named_contacts 1; Growth: null ("-" in the seed's Named Support Contacts row).
    const pro = await createOrganization({ ctx: h.desk.system, input: { name: 'Prolific', planId: 'pro', onboardingState: 'complete' } });
    const growth = await createOrganization({ ctx: h.desk.system, input: { name: 'Growing', planId: 'growth', onboardingState: 'complete' } });
    await createContact({ ctx: h.desk.system, input: { organizationId: pro.id, name: 'Pat Pro', email: 'pat@prolific.example' } });
    await createContact({ ctx: h.desk.system, input: { organizationId: growth.id, name: 'Gus Growth', email: 'gus@growing.example' } });
    const a = await h.session(h.admin, 'agent');
    const page = main((await a.get('/admin/organizations')).body);
    assert.match(page, /<input type="checkbox" name="named"> Named support contact/, 'a plan of the policy has named contacts');
    assert.match(page, /<button type="submit">Make Pat Pro a named contact<\/button>/);
    assert.doesNotMatch(page, /Make Gus Growth a named contact/);
  });

  it("a contact's held mail offers no adding, correcting or blocking of its sender; a stranger's does", async () => {
    // OpenBack holds a case from a contact who is not a named contact (only_named_contacts_open_tickets).
    const org = await createOrganization({ ctx: h.desk.system, input: { name: 'Initech', planId: 'enterprise', onboardingState: 'complete' } });
    await createContact({ ctx: h.desk.system, input: { organizationId: org.id, name: 'Bill Lumbergh', email: 'bill@initech.example' } });
    const mine = await mailIn(h, 'bill@initech.example', 'TPS reports');
    const stranger = await mailIn(h, 'milton@elsewhere.example', 'My stapler');
    const { rows } = await h.desk.t.db.query<{ id: string; status: string }>('SELECT id, status FROM inbound_messages WHERE id = ANY($1)', [[mine, stranger]]);
    assert.deepEqual(rows.map((r) => r.status), ['held', 'held']);
    const a = await h.session(h.admin, 'agent');
    for (const page of [main((await a.get(`/admin/email/inbound/${mine}`)).body), main((await a.get('/admin/email')).body)]) {
      assert.doesNotMatch(page, new RegExp(`/admin/email/inbound/${mine}/(add-sender|correct-sender|block-sender)`));
      assert.match(page, new RegExp(`/admin/email/inbound/${mine}/dismiss`), 'it can still be dismissed');
    }
    const list = main((await a.get('/admin/email')).body);
    for (const action of ['add-sender', 'correct-sender', 'block-sender']) assert.match(list, new RegExp(`/admin/email/inbound/${stranger}/${action}`));
  });
});
