// Rotation verbs on the database: create, update, delete, list, with their audit rows, their
// refusals for the wrong actor, and the input they refuse. The desk runs the OPS-COM policy
// (one after_hours rule, critical-on-call) with its clock at 2026-12-02T10:00Z.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRotation, deleteRotation, listRotations, updateRotation, addOverride } from '../../src/oncall/index.ts';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../../src/platform/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

const agentId = (actor: Desk['admin']) => (actor as { id: string }).id;

describe('on-call rotations', () => {
  let desk: Desk;
  let n = 0;
  const input = (extra: Record<string, unknown> = {}) => ({
    name: `Rotation ${++n}`,
    timeZone: 'America/New_York',
    handoverTime: '09:00',
    cadence: 'weekly' as const,
    handoverWeekday: 'mon' as const,
    startDate: '2026-11-30',
    members: [agentId(desk.agent), agentId(desk.escalation)],
    ...extra,
  });
  const audit = async (id: string) =>
    (await desk.t.db.query<{ type: string; actor_id: string | null }>('SELECT type, actor_id FROM audit_events WHERE subject_id = $1 ORDER BY at, type', [id])).rows;

  before(async () => {
    desk = await openDesk('opscom');
  });
  after(() => desk.close());

  it('a manager creates a rotation; the zone is spelled as Temporal spells it; the audit row is written with it', async () => {
    const rotation = await createRotation({ ctx: desk.ctx(desk.manager), input: input({ timeZone: 'america/new_york', afterHoursRuleIds: ['critical-on-call'] }) });
    assert.equal(rotation.timeZone, 'America/New_York');
    assert.equal(rotation.startDate, '2026-11-30');
    assert.deepEqual(rotation.members, [agentId(desk.agent), agentId(desk.escalation)]);
    assert.deepEqual(rotation.afterHoursRuleIds, ['critical-on-call']);
    assert.equal(rotation.createdAt.toString(), '2026-12-02T10:00:00Z');
    assert.deepEqual(await audit(rotation.id), [{ type: 'oncall_rotation.created', actor_id: agentId(desk.manager) }]);
  });

  it('is refused for the wrong actor: front line, escalation and contacts may not create, change or delete rotations', async () => {
    const org = await desk.addOrganization('premium');
    const rotation = await createRotation({ ctx: desk.ctx(desk.admin), input: input() });
    for (const actor of [desk.agent, desk.escalation, org.contact]) {
      const ctx = desk.ctx(actor);
      await assert.rejects(createRotation({ ctx, input: input() }), ForbiddenError);
      await assert.rejects(updateRotation({ ctx, input: { rotationId: rotation.id, name: 'Mine now' } }), ForbiddenError);
      await assert.rejects(deleteRotation({ ctx, input: { rotationId: rotation.id } }), ForbiddenError);
    }
    assert.equal((await listRotations({ ctx: desk.ctx(desk.agent), input: {} })).items.some((r) => r.id === rotation.id && r.name === rotation.name), true);
  });

  it('refuses what cannot be planned, naming the field', async () => {
    const ctx = desk.ctx(desk.admin);
    const refused = async (bad: Record<string, unknown>, path: string) =>
      assert.rejects(createRotation({ ctx, input: input(bad) as never }), (e: unknown) => e instanceof InvalidInputError && e.details.some((d) => d.path === path));
    await refused({ handoverWeekday: undefined }, 'handoverWeekday');
    await refused({ cadence: 'daily' }, 'handoverWeekday');
    await refused({ timeZone: 'Mars/Olympus_Mons' }, 'timeZone');
    await refused({ handoverTime: '24:00' }, 'handoverTime');
    await refused({ startDate: '2026-02-30' }, 'startDate');
    await refused({ members: [] }, 'members');
    await refused({ members: [agentId(desk.agent), agentId(desk.agent)] }, 'members');
    await refused({ members: [agentId(desk.agent), '00000000-0000-4000-8000-000000000000'] }, 'members.1');
    await refused({ afterHoursRuleIds: ['critical-on-call', 'weekend'] }, 'afterHoursRuleIds.1');
    const org = await desk.addOrganization('premium');
    await refused({ members: [(org.contact as { id: string }).id] }, 'members.0');
  });

  it('refuses a second rotation of the same name, whatever its case', async () => {
    await createRotation({ ctx: desk.ctx(desk.admin), input: input({ name: 'Nights' }) });
    await assert.rejects(createRotation({ ctx: desk.ctx(desk.admin), input: input({ name: 'NIGHTS' }) }), ConflictError);
  });

  it('updates only the fields given; switching to daily drops the weekday; the audit row names the change', async () => {
    const rotation = await createRotation({ ctx: desk.ctx(desk.admin), input: input() });
    const members = [agentId(desk.manager), agentId(desk.agent), agentId(desk.escalation)];
    const updated = await updateRotation({ ctx: desk.ctx(desk.manager), input: { rotationId: rotation.id, cadence: 'daily', members, afterHoursRuleIds: ['critical-on-call'] } });
    assert.equal(updated.cadence, 'daily');
    assert.equal(updated.handoverWeekday, null);
    assert.deepEqual(updated.members, members);
    assert.equal(updated.timeZone, 'America/New_York');
    const [listed] = (await listRotations({ ctx: desk.ctx(desk.agent), input: { limit: 200 } })).items.filter((r) => r.id === rotation.id);
    assert.deepEqual(listed, updated);
    // Back to all rules with null.
    assert.equal((await updateRotation({ ctx: desk.ctx(desk.admin), input: { rotationId: rotation.id, afterHoursRuleIds: null } })).afterHoursRuleIds, null);
    const { rows } = await desk.t.db.query<{ data: any }>("SELECT data FROM audit_events WHERE subject_id = $1 AND type = 'oncall_rotation.updated' ORDER BY at LIMIT 1", [rotation.id]);
    // What changed, the weekday the switch to daily dropped included (it was weekly, with a hand-over day).
    assert.deepEqual(rows[0].data.changed.sort(), ['afterHoursRuleIds', 'cadence', 'handoverWeekday', 'members']);
    assert.equal(rows[0].data.after.handoverWeekday, null);
    assert.equal(rows[0].data.before.cadence, 'weekly');
    await assert.rejects(updateRotation({ ctx: desk.ctx(desk.admin), input: { rotationId: rotation.id, handoverWeekday: 'fri' } }), InvalidInputError);
    await assert.rejects(updateRotation({ ctx: desk.ctx(desk.admin), input: { rotationId: '00000000-0000-4000-8000-000000000000', name: 'X' } }), NotFoundError);
  });

  it('deletes a rotation with its overrides, and the audit row keeps what it was', async () => {
    const rotation = await createRotation({ ctx: desk.ctx(desk.admin), input: input() });
    await addOverride({ ctx: desk.ctx(desk.escalation), input: { rotationId: rotation.id, startsAt: '2026-12-05T00:00:00Z', endsAt: '2026-12-06T00:00:00Z' } });
    const deleted = await deleteRotation({ ctx: desk.ctx(desk.manager), input: { rotationId: rotation.id } });
    assert.equal(deleted.id, rotation.id);
    const left = await desk.t.db.query('SELECT 1 FROM oncall_overrides WHERE rotation_id = $1 UNION ALL SELECT 1 FROM oncall_rotations WHERE id = $1', [rotation.id]);
    assert.equal(left.rows.length, 0);
    const { rows } = await desk.t.db.query<{ data: any }>("SELECT data FROM audit_events WHERE subject_id = $1 AND type = 'oncall_rotation.deleted'", [rotation.id]);
    assert.equal(rows[0].data.overridesRemoved, 1);
    assert.equal(rows[0].data.rotation.name, rotation.name);
    await assert.rejects(deleteRotation({ ctx: desk.ctx(desk.manager), input: { rotationId: rotation.id } }), NotFoundError);
  });

  it('lists in pages, oldest first; contacts may not list', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listRotations({ ctx: desk.ctx(desk.escalation), input: { limit: 2, cursor } });
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const { rows } = await desk.t.db.query<{ id: string }>('SELECT id FROM oncall_rotations ORDER BY created_at, id');
    assert.deepEqual(seen, rows.map((r) => r.id));
    const org = await desk.addOrganization('premium');
    await assert.rejects(listRotations({ ctx: desk.ctx(org.contact), input: {} }), ForbiddenError);
  });
});
