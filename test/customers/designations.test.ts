// The people OpenBack designates to a customer (seed 001's feature matrix): "Designated Customer
// Success Manager" is ✓ for Enterprise only ("are assigned a Customer Success Manager who will be
// the dedicated primary contact at OpenBack"), "Designated Technical Account Manager" is
// "Optional" for Pro and Enterprise and ✗ for Growth. Expected values read off the seed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { designationsOf, listDesignations, updateOrganization, setMailPreferences } from '../../src/customers/index.ts';
import { createTicket } from '../../src/tickets/index.ts';
import { examplePolicy } from '../helpers/policies.ts';
import { NotFoundError } from '../../src/platform/errors.ts';
import { refusalOf } from '../support/refusal.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { silentLogger, TestClock } from '../../src/platform/index.ts';
import { activatePolicy } from '../../src/policy-versions/index.ts';
import { examplePolicySource, openDesk, type Desk } from '../support/desk.ts';
import { openTestDb, type TestDb } from '../support/test-db.ts';

const CSM = 'customer_success_manager';
const TAM = 'technical_account_manager';

describe('designated people, OpenBack', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback');
  });
  after(() => desk.close());
  const idOf = (actor: Desk['agent']) => (actor as { id: string }).id;

  it('an Enterprise organization is owed a customer success manager; the TAM is optional', async () => {
    const org = await desk.addOrganization('enterprise');
    const before = await listDesignations({ ctx: desk.ctx(desk.agent), input: { organizationId: org.id } });
    assert.deepEqual(before, [
      { featureId: CSM, featureName: 'Designated Customer Success Manager', owed: true, agent: null },
      { featureId: TAM, featureName: 'Designated Technical Account Manager', owed: false, agent: null },
    ]);
    const updated = await updateOrganization({ ctx: desk.ctx(desk.manager), input: { organizationId: org.id, designatedAgents: { [CSM]: idOf(desk.escalation) } } });
    assert.deepEqual(updated.designatedAgents, { [CSM]: idOf(desk.escalation) });
    // Its own contact sees who it is.
    const seen = await listDesignations({ ctx: desk.ctx(org.contact), input: { organizationId: org.id } });
    assert.deepEqual(seen[0].agent, { id: idOf(desk.escalation), name: 'escalation@vendor.example', email: 'escalation@vendor.example' });
    assert.equal(seen[1].agent, null);
  });

  it('a Growth organization has neither: a designation is refused naming the field', async () => {
    const org = await desk.addOrganization('growth');
    assert.deepEqual(await listDesignations({ ctx: desk.ctx(desk.agent), input: { organizationId: org.id } }), []);
    assert.deepEqual(await refusalOf(updateOrganization({ ctx: desk.ctx(desk.manager), input: { organizationId: org.id, designatedAgents: { [CSM]: idOf(desk.agent) } } })), {
      message: 'The Growth plan does not include Designated Customer Success Manager',
      details: [{ path: `designatedAgents.${CSM}`, message: 'is not in the Growth plan' }],
    });
    const { rows } = await desk.t.db.query<{ designated_agents: unknown }>('SELECT designated_agents FROM organizations WHERE id = $1', [org.id]);
    assert.deepEqual(rows[0].designated_agents, {});
  });

  it('refuses a feature that designates no one, an unknown feature and an id that is no agent', async () => {
    const org = await desk.addOrganization('enterprise');
    const update = (designatedAgents: Record<string, string | null>) => updateOrganization({ ctx: desk.ctx(desk.manager), input: { organizationId: org.id, designatedAgents } });
    assert.deepEqual((await refusalOf(update({ documentation: idOf(desk.agent) }))).details, [{ path: 'designatedAgents.documentation', message: `must be one of ${CSM}, ${TAM}` }]);
    assert.deepEqual((await refusalOf(update({ nope: idOf(desk.agent) }))).details, [{ path: 'designatedAgents.nope', message: `must be one of ${CSM}, ${TAM}` }]);
    assert.deepEqual((await refusalOf(update({ [CSM]: org.contactId }))).details, [{ path: `designatedAgents.${CSM}`, message: 'is not an agent' }]);
  });

  it('a move from Enterprise to Pro ends the CSM (Pro has none) and keeps the optional TAM; null ends one', async () => {
    const org = await desk.addOrganization('enterprise');
    const manager = desk.ctx(desk.manager);
    await updateOrganization({ ctx: manager, input: { organizationId: org.id, designatedAgents: { [CSM]: idOf(desk.agent), [TAM]: idOf(desk.escalation) } } });
    const pro = await updateOrganization({ ctx: manager, input: { organizationId: org.id, planId: 'pro' } });
    assert.deepEqual(pro.designatedAgents, { [TAM]: idOf(desk.escalation) });
    const { rows } = await desk.t.db.query<{ data: { designations_ended?: string[] } }>(
      "SELECT data FROM audit_events WHERE subject_id = $1 AND type = 'organization.updated' ORDER BY at DESC, id LIMIT 2",
      [org.id],
    );
    assert.ok(rows.some((r) => JSON.stringify(r.data.designations_ended) === JSON.stringify([CSM])));
    const ended = await updateOrganization({ ctx: manager, input: { organizationId: org.id, designatedAgents: { [TAM]: null } } });
    assert.deepEqual(ended.designatedAgents, {});
  });

  it("another organization's contact cannot read them", async () => {
    const a = await desk.addOrganization('enterprise');
    const b = await desk.addOrganization('enterprise');
    await assert.rejects(listDesignations({ ctx: desk.ctx(b.contact), input: { organizationId: a.id } }), NotFoundError);
  });

  it('an id of another shape names no organization: not found, for an agent too', async () => {
    await assert.rejects(listDesignations({ ctx: desk.ctx(desk.agent), input: { organizationId: 'not-an-id' } }), NotFoundError);
    await assert.rejects(listDesignations({ ctx: desk.ctx(desk.agent), input: { organizationId: '00000000-0000-4000-8000-000000000000' } }), NotFoundError);
  });
});

describe('designated people hear of new tickets, OpenBack', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback');
  });
  after(() => desk.close());
  const idOf = (actor: Desk['agent']) => (actor as { id: string }).id;
  const notices = async (ticketId: string) =>
    (await desk.t.db.query<{ recipient: string; subject: string; body: string; links: unknown }>("SELECT recipient, subject, body, payload->'links' AS links FROM outbox WHERE kind = 'designated_notice' AND payload->>'ticket_id' = $1", [ticketId])).rows;

  it('one mail to each designated agent, naming every role they hold for the customer', async () => {
    const org = await desk.addOrganization('enterprise');
    await updateOrganization({ ctx: desk.ctx(desk.manager), input: { organizationId: org.id, designatedAgents: { [CSM]: idOf(desk.escalation), [TAM]: idOf(desk.escalation) } } });
    const { rows: [{ name, email }] } = await desk.t.db.query<{ name: string; email: string }>(
      'SELECT o.name, c.email FROM organizations o JOIN contacts c ON c.organization_id = o.id WHERE o.id = $1', [org.id],
    );
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Push delayed', description: 'Since 09:00', severity: 3 } });
    assert.deepEqual(await notices(t.id), [{
      recipient: 'escalation@vendor.example',
      subject: `[#${t.number}] New ticket from ${name}: Push delayed`,
      // OpenBack's severity 3 is "Minor"; a contact's own request is filed as Email (OpenBack lists no web form).
      body: `A new ticket from ${name}, whose Designated Customer Success Manager and Designated Technical Account Manager you are:\n\n#${t.number} "Push delayed"\nSeverity 3 (Minor), Enterprise plan, by Email, from ${email}.\n\n`
        + 'Reply to this message to answer the customer: your reply goes on the ticket and is sent to them. A first line of #note makes it an internal note instead; #solved or #pending (waiting on the customer) sets the status with it; #eta and a date and time (2026-12-31 17:00, in your time zone) tells them the estimated time to resolution.',
      links: [{ label: `Ticket #${t.number} on the desk`, path: `/agent/tickets/${t.id}` }],
    }]);
  });

  it('not to the designated agent who opened it, not on a plan without one, not for a held request', async () => {
    const org = await desk.addOrganization('enterprise');
    await updateOrganization({ ctx: desk.ctx(desk.manager), input: { organizationId: org.id, designatedAgents: { [CSM]: idOf(desk.escalation) } } });
    const logged = await createTicket({ ctx: desk.ctx(desk.escalation), input: { requesterId: org.contactId, subject: 'Called in', description: 'By phone', severity: 3 } });
    assert.deepEqual(await notices(logged.id), []);
    const growth = await desk.addOrganization('growth');
    const theirs = await createTicket({ ctx: desk.ctx(growth.contact), input: { subject: 'Question', description: 'How?', severity: 4 } });
    assert.deepEqual(await notices(theirs.id), []);
    // Growth has no phone: an agent's phone ticket for them is held, and no one hears of a ticket that is not.
    const before = (await desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE kind = 'designated_notice'")).rows[0].n;
    await assert.rejects(createTicket({ ctx: desk.ctx(desk.agent), input: { requesterId: growth.contactId, subject: 'Call', description: 'Phone', channel: 'phone' } }));
    assert.equal((await desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE kind = 'designated_notice'")).rows[0].n, before);
  });

  it('not to a designated agent who turned this mail off', async () => {
    const org = await desk.addOrganization('enterprise');
    await updateOrganization({ ctx: desk.ctx(desk.manager), input: { organizationId: org.id, designatedAgents: { [CSM]: idOf(desk.manager) } } });
    await setMailPreferences({ ctx: desk.ctx(desk.manager), input: { designatedNewTicket: false } });
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Quiet', description: 'x', severity: 3 } });
    assert.deepEqual(await notices(t.id), []);
    await setMailPreferences({ ctx: desk.ctx(desk.manager), input: { designatedNewTicket: true } });
    const again = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Loud', description: 'x', severity: 3 } });
    assert.deepEqual((await notices(again.id)).map((n) => n.recipient), ['manager@vendor.example']);
  });
});

describe('designationsOf, OpenBack (pure)', () => {
  const model = examplePolicy('openback');

  it('works out owed, optional and not included per plan, with the holder or none', () => {
    assert.deepEqual(designationsOf(model, { planId: 'enterprise', designatedAgents: { [TAM]: 'a1' } }), [
      { featureId: CSM, featureName: 'Designated Customer Success Manager', owed: true, agentId: null },
      { featureId: TAM, featureName: 'Designated Technical Account Manager', owed: false, agentId: 'a1' },
    ]);
    assert.deepEqual(designationsOf(model, { planId: 'pro', designatedAgents: {} }), [
      { featureId: TAM, featureName: 'Designated Technical Account Manager', owed: false, agentId: null },
    ]);
    assert.deepEqual(designationsOf(model, { planId: 'growth', designatedAgents: { [CSM]: 'a1' } }), []);
    // A plan the policy no longer has owes nothing.
    assert.deepEqual(designationsOf(model, { planId: 'gone', designatedAgents: { [CSM]: 'a1' } }), []);
  });
});

describe('the demo, OpenBack', () => {
  let t: TestDb;
  after(() => t?.close());

  it("designates the demo manager as each Enterprise organization's customer success manager, and no optional TAM", async () => {
    t = await openTestDb();
    const ctx = { db: t.db, clock: new TestClock('2026-12-02T10:00:00Z'), logger: silentLogger(), actor: { kind: 'system' as const } };
    await activatePolicy({ ctx, input: { source: examplePolicySource('openback') } });
    await seedDemo({ db: t.db, clock: ctx.clock, logger: ctx.logger });
    const { rows } = await t.db.query<{ plan_id: string; designated: Record<string, string>; manager: string }>(
      "SELECT o.plan_id, o.designated_agents AS designated, (SELECT id FROM agents WHERE role = 'manager') AS manager FROM organizations o ORDER BY o.plan_id",
    );
    assert.deepEqual(
      rows.map((r) => [r.plan_id, r.designated]),
      [
        ['enterprise', { [CSM]: rows[0].manager }],
        ['growth', {}],
        ['pro', {}],
      ],
    );
  });
});
