// A plan change against the organization's named support contacts, OpenBack ("Named Support
// Contacts | - | 1 | 2": Growth none, Pro 1, Enterprise 2; they are responsible for "(i) reporting cases"): a
// downgrade that would leave more named than the new plan allows is refused (409), saying how many
// it allows and how many are named now, naming plan_id, so the admin un-names first; contacts who
// left do not count; a move to a plan with named contacts while none is named is allowed, and its
// audit entry says the organization has none. The API answers a non-named contact's request with
// what to do, keeping it.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createContact, getOrganization, updateContact, updateOrganization } from '../../src/customers/index.ts';
import { ConflictError } from '../../src/platform/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { refusalOf } from '../support/refusal.ts';
import { openTicketApp, type TicketApp } from '../http/ticket-app.ts';

const conflictOf = (p: Promise<unknown>) => refusalOf(p, ConflictError);

describe('a plan change and the named support contacts, OpenBack', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback');
  });
  after(() => desk.close());

  const manager = () => desk.ctx(desk.manager);
  const planOf = async (id: string) => (await getOrganization({ ctx: manager(), input: { organizationId: id } })).planId;
  const audits = async (id: string) =>
    (await desk.t.db.query<{ data: Record<string, unknown> }>("SELECT data FROM audit_events WHERE subject_id = $1 AND type = 'organization.updated' ORDER BY at, id", [id])).rows.map((r) => r.data);

  it('Enterprise with two named: to Pro or Growth is refused, how many the plan allows and how many are named; un-named first, it goes', async () => {
    const org = await desk.addOrganization('enterprise'); // Org 1, Contact 1 named
    const second = await createContact({ ctx: manager(), input: { organizationId: org.id, name: 'Second Named', email: 'second@org1.example', namedContact: true } });
    const move = (planId: string) => updateOrganization({ ctx: manager(), input: { organizationId: org.id, planId } });

    assert.deepEqual(await conflictOf(move('pro')), {
      message: 'The Pro plan allows 1 named support contact; Org 1 has 2 named now: un-name 1 first, then change the plan',
      details: [{ path: 'planId', message: 'the Pro plan allows 1 named support contact; 2 are named now' }],
    });
    assert.deepEqual(await conflictOf(move('growth')), {
      message: 'The Growth plan allows no named support contacts; Org 1 has 2 named now: un-name all 2 first, then change the plan',
      details: [{ path: 'planId', message: 'the Growth plan allows no named support contacts; 2 are named now' }],
    });
    assert.equal(await planOf(org.id), 'enterprise', 'nothing changed');
    assert.deepEqual(await audits(org.id), [], 'nothing recorded');

    await updateContact({ ctx: manager(), input: { contactId: second.id, namedContact: false } });
    const pro = await move('pro');
    assert.equal(pro.planId, 'pro');
    assert.deepEqual(await audits(org.id), [{ changed: { planId: 'pro' } }], 'one named on Pro: nothing to say');

    assert.deepEqual(await conflictOf(move('growth')), {
      message: 'The Growth plan allows no named support contacts; Org 1 has 1 named now: un-name the one named first, then change the plan',
      details: [{ path: 'planId', message: 'the Growth plan allows no named support contacts; 1 is named now' }],
    });
    // A named contact who left does not count (as for naming one: create-contact.ts).
    await updateContact({ ctx: manager(), input: { contactId: org.contactId, active: false } });
    assert.equal((await move('growth')).planId, 'growth');
  });

  it('Growth to Pro with none named is allowed (the admin names one next), and the audit entry says none is named', async () => {
    const org = await desk.addOrganization('growth'); // Org 2
    await desk.t.db.query('UPDATE contacts SET named_contact = false WHERE id = $1', [org.contactId]);
    const pro = await updateOrganization({ ctx: manager(), input: { organizationId: org.id, planId: 'pro' } });
    assert.equal(pro.planId, 'pro');
    assert.deepEqual(await audits(org.id), [{
      changed: { planId: 'pro' },
      // The seed's rule in its words (OpenBack: Named Support Contacts are responsible for "(i)
      // reporting cases to OpenBack"), the clause quoted whole, then what the desk does of it.
      no_named_contact: 'Org 2 has no named support contact; on the Pro plan, cases are reported by the named support contacts'
        + ' (the support policy: “Named Support Contacts are responsible for: (i) reporting cases to OpenBack, (ii) overseeing'
        + " Customer’s support case activity, and (iii) technical knowledge of the OpenBack services and Customer’s use of such"
        + ' services in order to assist OpenBack in diagnosing and resolving the issue.”), so until one is named every case its'
        + ' contacts send is held for review: name one (the plan allows 1)',
    }]);
    // Named next, as the note says.
    await updateContact({ ctx: manager(), input: { contactId: org.contactId, namedContact: true } });
    desk.clock.advance({ minutes: 1 });
    assert.equal((await updateOrganization({ ctx: manager(), input: { organizationId: org.id, planId: 'enterprise' } })).planId, 'enterprise');
    assert.equal((await audits(org.id)).at(-1)!.no_named_contact, undefined);
  });

  it('a change that keeps the plan is not refused, even over a limit the plan has now', async () => {
    const org = await desk.addOrganization('pro'); // Org 3, Contact 3 named
    await desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, true, $5)', [
      randomUUID(), org.id, 'extra@org3.example', 'Extra Named', desk.clock.now(),
    ]);
    const same = await updateOrganization({ ctx: manager(), input: { organizationId: org.id, planId: 'pro', notes: 'Two named since the import.' } });
    assert.deepEqual([same.planId, same.notes], ['pro', 'Two named since the import.']);
  });
});

describe('over HTTP, OpenBack Enterprise', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('PATCH plan_id to Pro with two named answers 409 naming plan_id; the plan stays', async () => {
    const org = h.contactA.organizationId;
    await createContact({ ctx: h.desk.ctx(h.desk.manager), input: { organizationId: org, name: 'Second Named', email: 'second@api.example', namedContact: true } });
    const res = await h.as(h.manager.token, { method: 'PATCH', url: `/api/v1/organizations/${org}`, payload: { plan_id: 'pro' } });
    assert.equal(res.statusCode, 409);
    const body = res.json();
    assert.equal(body.code, 'conflict');
    assert.equal(body.message, 'The Pro plan allows 1 named support contact; Org 1 has 2 named now: un-name 1 first, then change the plan');
    assert.deepEqual(body.details, [{ path: 'plan_id', message: 'the Pro plan allows 1 named support contact; 2 are named now' }]);
    const read = await h.as(h.manager.token, { method: 'GET', url: `/api/v1/organizations/${org}` });
    assert.equal(read.json().plan_id, 'enterprise');
  });

  it("a non-named contact's request by the API is refused with what to do, and kept; no mail goes back to them", async () => {
    const org = h.contactA.organizationId;
    const id = randomUUID();
    await h.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [
      id, org, 'unnamed@api.example', 'Not Named', h.desk.clock.now(),
    ]);
    const res = await h.as(h.agent.token, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'PRODUCTION DOWN', description: 'All users', requester_id: id, channel: 'web' } });
    assert.equal(res.statusCode, 403);
    assert.match(res.json().message, /^On the Enterprise plan, cases are reported by the named support contacts of Org 1; ask one of them to report it \(our support policy: “Named Support Contacts are responsible for: \(i\) reporting cases to OpenBack, \(ii\) [^”]+ resolving the issue\.”\)\. Your request is kept for our support team to review \(held request [0-9a-f-]{36}\)\.$/);
    const held = (await h.desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM held_requests WHERE requester_id = $1 AND status = 'held'", [id])).rows[0].n;
    assert.equal(held, 1);
    assert.deepEqual((await h.desk.t.db.query("SELECT 1 FROM outbox WHERE recipient = 'unnamed@api.example'")).rows, [], 'the answer itself tells them');
  });
});
