// Training-hours verbs on the database: grants (plan, contract, negotiated), sessions that
// debit them, the balance and the ledger, with their audit rows and their refusals. The desk runs
// the OPS-COM policy (calendar America/New_York) with its clock at 2026-12-02T10:00Z.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse, stringify } from 'yaml';
import { ForbiddenError, InvalidInputError, LimitExceededError, NotFoundError } from '../../src/platform/index.ts';
import { activatePolicy } from '../../src/policy-versions/index.ts';
import { getTrainingBalance, grantPlanTraining, grantTrainingHours, listTrainingEntries, recordTrainingSession } from '../../src/training/index.ts';
import { examplePolicySource, openDesk, type Desk } from '../support/desk.ts';

const idOf = (actor: Desk['admin']) => (actor as { id: string }).id;
const YEAR_2026 = { validFrom: '2026-01-01', validUntil: '2026-12-31' };

describe('training hours', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('opscom');
  });
  after(() => desk.close());
  const nameOf = async (org: { id: string }) => (await desk.t.db.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [org.id])).rows[0].name;

  const contract = (organizationId: string, hours: number, dates = YEAR_2026) => ({
    organizationId, source: 'contract' as const, hours, reason: 'One-on-one system training per contract', ...dates,
  });

  it('grants no plan hours where the policy states no number, and says so', async () => {
    const org = await desk.addOrganization('premium');
    // OPS-COM: "Premium clients get extra training hours" - no number is given.
    assert.equal(await grantPlanTraining({ ctx: desk.system, input: { organizationId: org.id, year: 2026 } }), null);
    await assert.rejects(
      grantTrainingHours({ ctx: desk.ctx(desk.manager), input: { organizationId: org.id, source: 'plan', year: 2026 } }),
      (e: unknown) => e instanceof InvalidInputError && /Premium plan states no number of training hours/.test(e.message),
    );
    assert.equal((await desk.t.db.query('SELECT 1 FROM training_grants WHERE organization_id = $1', [org.id])).rows.length, 0);
  });

  it("grants a plan's stated hours for a calendar year, once", async () => {
    const file = parse(examplePolicySource('opscom'));
    file.plans[1].training = { hours: 10 };
    await activatePolicy({ ctx: desk.system, input: { source: stringify(file) } });
    try {
      const org = await desk.addOrganization('premium');
      const grant = await grantPlanTraining({ ctx: desk.ctx(desk.admin), input: { organizationId: org.id, year: 2027 } });
      assert.ok(grant);
      assert.deepEqual([grant.source, grant.hours, grant.validFrom, grant.validUntil], ['plan', 10, '2027-01-01', '2027-12-31']);
      assert.match(grant.reason, /^Premium plan: training hours for 2027 \(policy version \d+\)$/);
      const again = await grantTrainingHours({ ctx: desk.ctx(desk.manager), input: { organizationId: org.id, source: 'plan', year: 2027 } });
      assert.equal(again.id, grant.id);
      const { rows } = await desk.t.db.query<{ type: string }>('SELECT type FROM audit_events WHERE subject_id = $1', [grant.id]);
      assert.deepEqual(rows, [{ type: 'training_grant.granted' }]);
      // A plan without training hours in the same policy still gets nothing.
      const standard = await desk.addOrganization('standard-plus');
      assert.equal(await grantPlanTraining({ ctx: desk.system, input: { organizationId: standard.id, year: 2027 } }), null);
    } finally {
      await activatePolicy({ ctx: desk.system, input: { source: examplePolicySource('opscom') } });
    }
  });

  it('is refused for the wrong actor: only managers and admins grant; contacts record nothing', async () => {
    const org = await desk.addOrganization('premium');
    for (const actor of [desk.agent, desk.escalation, org.contact]) {
      await assert.rejects(grantTrainingHours({ ctx: desk.ctx(actor), input: contract(org.id, 2) }), ForbiddenError);
      await assert.rejects(grantPlanTraining({ ctx: desk.ctx(actor), input: { organizationId: org.id, year: 2026 } }), ForbiddenError);
    }
    await grantTrainingHours({ ctx: desk.ctx(desk.manager), input: contract(org.id, 2) });
    await assert.rejects(recordTrainingSession({ ctx: desk.ctx(org.contact), input: { organizationId: org.id, date: '2026-12-01', hours: 1 } }), ForbiddenError);
    // Override reasons are for managers and admins: a front-line agent may not give one.
    await assert.rejects(
      recordTrainingSession({ ctx: desk.ctx(desk.agent), input: { organizationId: org.id, date: '2026-12-01', hours: 1, overrideReason: 'Customer asked' } }),
      ForbiddenError,
    );
  });

  it('refuses grants and sessions it cannot book, naming the field', async () => {
    const org = await desk.addOrganization('premium');
    const ctx = desk.ctx(desk.manager);
    const refused = (promise: Promise<unknown>, path: string) =>
      assert.rejects(promise, (e: unknown) => e instanceof InvalidInputError && e.details.some((d) => d.path === path));
    await refused(grantTrainingHours({ ctx, input: contract(org.id, 2, { validFrom: '2026-12-31', validUntil: '2026-01-01' }) }), 'validUntil');
    await refused(grantTrainingHours({ ctx, input: contract(org.id, 0.3) }), 'hours');
    await refused(grantTrainingHours({ ctx, input: { ...contract(org.id, 2), source: 'plan' } as never }), 'year');
    await refused(recordTrainingSession({ ctx, input: { organizationId: org.id, date: '2026-13-01', hours: 1 } }), 'date');
    await refused(recordTrainingSession({ ctx, input: { organizationId: org.id, date: '2026-12-01', hours: 1, agentId: '00000000-0000-4000-8000-000000000000' } }), 'agentId');
    await assert.rejects(grantTrainingHours({ ctx, input: contract('00000000-0000-4000-8000-000000000000', 2) }), NotFoundError);
  });

  it('debits sessions from the balance; beyond it refuses, naming the balance, unless a manager overrides with a reason', async () => {
    const org = await desk.addOrganization('premium');
    await grantTrainingHours({ ctx: desk.ctx(desk.manager), input: contract(org.id, 10) });
    const first = await recordTrainingSession({ ctx: desk.ctx(desk.agent), input: { organizationId: org.id, date: '2026-11-20', hours: 1.5, notes: 'Permits module' } });
    assert.equal(first.agentId, idOf(desk.agent));
    assert.equal(first.overdraftHours, 0);
    assert.equal((await getTrainingBalance({ ctx: desk.ctx(desk.agent), input: { organizationId: org.id } })).balanceHours, 8.5);

    const name = await nameOf(org);
    await assert.rejects(
      recordTrainingSession({ ctx: desk.ctx(desk.escalation), input: { organizationId: org.id, date: '2026-12-01', hours: 9 } }),
      (e: unknown) =>
        e instanceof LimitExceededError &&
        e.message === `${name} has 8.5 hours of training valid on 2026-12-01; this session needs 9 hours. A manager or admin may record it anyway, giving an override reason.`,
    );
    const over = await recordTrainingSession({
      ctx: desk.ctx(desk.manager),
      input: { organizationId: org.id, date: '2026-12-01', hours: 9, agentId: idOf(desk.escalation), overrideReason: 'Go-live week; sales approved' },
    });
    assert.deepEqual([over.agentId, over.overdraftHours, over.overrideReason], [idOf(desk.escalation), 0.5, 'Go-live week; sales approved']);
    const balance = await getTrainingBalance({ ctx: desk.ctx(desk.agent), input: { organizationId: org.id, on: '2026-12-01' } });
    assert.equal(balance.balanceHours, -0.5);
    assert.deepEqual(balance.grants.map((g) => [g.hours, g.remainingHours]), [[10, -0.5]]);
    const { rows } = await desk.t.db.query<{ data: any }>('SELECT data FROM audit_events WHERE subject_id = $1', [over.id]);
    assert.deepEqual([rows[0].data.balanceBeforeHours, rows[0].data.overdraftHours, rows[0].data.overrideReason], [8.5, 0.5, 'Go-live week; sales approved']);
    // A reason given where none was needed is not kept as an override.
    await grantTrainingHours({ ctx: desk.ctx(desk.admin), input: { ...contract(org.id, 2), source: 'negotiated', reason: 'Two more hours' } });
    const fits = await recordTrainingSession({ ctx: desk.ctx(desk.admin), input: { organizationId: org.id, date: '2026-12-01', hours: 1, overrideReason: 'Just in case' } });
    assert.deepEqual([fits.overdraftHours, fits.overrideReason], [0, null]);
  });

  it('uses hours only on the dates their grant is valid; an override cannot stand in for a grant', async () => {
    const org = await desk.addOrganization('premium');
    await grantTrainingHours({ ctx: desk.ctx(desk.manager), input: contract(org.id, 4) });
    const name = await nameOf(org);
    for (const ctx of [desk.ctx(desk.agent), desk.ctx(desk.manager)]) {
      await assert.rejects(
        recordTrainingSession({ ctx, input: { organizationId: org.id, date: '2027-01-05', hours: 1, overrideReason: ctx.actor === desk.manager ? 'New year' : undefined } }),
        (e: unknown) => e instanceof LimitExceededError && e.message.startsWith(`${name} has no training hours valid on 2027-01-05 (balance 0 hours)`),
      );
    }
  });

  it('reads the balance today where the organization is served, and the ledger in the order it was written', async () => {
    const org = await desk.addOrganization('premium');
    const other = await desk.addOrganization('premium');
    const grant = await grantTrainingHours({ ctx: desk.ctx(desk.manager), input: contract(org.id, 1) });
    await grantTrainingHours({ ctx: desk.ctx(desk.manager), input: { ...contract(org.id, 3), source: 'negotiated', reason: 'Sales', validFrom: '2027-01-01', validUntil: '2027-12-31' } });
    const session = await recordTrainingSession({ ctx: desk.ctx(desk.manager), input: { organizationId: org.id, date: '2026-12-31', hours: 2, overrideReason: 'Internal reason' } });
    // 2027-01-01T03:00Z is still 2026-12-31 (22:00 EST) in New York, where OPS-COM's hours are kept.
    desk.clock.set('2027-01-01T03:00:00Z');
    try {
      const balance = await getTrainingBalance({ ctx: desk.ctx(org.contact), input: { organizationId: org.id } });
      assert.deepEqual([balance.on, balance.balanceHours], ['2026-12-31', -1]);
      assert.deepEqual((await getTrainingBalance({ ctx: desk.ctx(desk.agent), input: { organizationId: org.id, on: '2027-01-01' } })).balanceHours, 3);
    } finally {
      desk.clock.set('2026-12-02T10:00:00Z');
    }
    const agentView = await listTrainingEntries({ ctx: desk.ctx(desk.agent), input: { organizationId: org.id } });
    assert.deepEqual(agentView.items.map((e) => e.kind).sort(), ['grant', 'grant', 'session']);
    assert.equal((agentView.items.find((e) => e.id === session.id) as { overrideReason: string | null }).overrideReason, 'Internal reason');
    const contactView = await listTrainingEntries({ ctx: desk.ctx(org.contact), input: { organizationId: org.id, limit: 1 } });
    assert.equal(contactView.items.length, 1);
    const rest = await listTrainingEntries({ ctx: desk.ctx(org.contact), input: { organizationId: org.id, cursor: contactView.nextCursor! } });
    const all = [...contactView.items, ...rest.items];
    assert.deepEqual(new Set(all.map((e) => e.id)), new Set(agentView.items.map((e) => e.id)));
    assert.equal((all.find((e) => e.id === session.id) as { overrideReason: string | null }).overrideReason, null);
    assert.ok(all.some((e) => e.id === grant.id));
    // A contact of another organization finds nothing there.
    await assert.rejects(getTrainingBalance({ ctx: desk.ctx(other.contact), input: { organizationId: org.id } }), NotFoundError);
    await assert.rejects(listTrainingEntries({ ctx: desk.ctx(other.contact), input: { organizationId: org.id } }), NotFoundError);
  });
});

