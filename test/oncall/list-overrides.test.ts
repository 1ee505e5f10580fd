// listOverrides: the overrides not yet ended (under way or to come), in the order they start, of
// one rotation or of all; an ended one (the record of who was on call) is not listed; agents only.
// The OPS-COM desk's clock is 2026-12-02T10:00Z.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addOverride, createRotation, listOverrides } from '../../src/oncall/index.ts';
import { ForbiddenError, InvalidInputError } from '../../src/platform/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

const idOf = (actor: Desk['admin']) => (actor as { id: string }).id;

describe('listOverrides', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('opscom');
  });
  after(() => desk.close());

  it('lists the overrides not yet ended, by their start, of one rotation or of all; agents only', async () => {
    const rotation = (name: string) => createRotation({ ctx: desk.ctx(desk.admin), input: { name, timeZone: 'UTC', handoverTime: '09:00', cadence: 'daily', startDate: '2026-11-30', members: [idOf(desk.agent)] } });
    const [one, two] = [await rotation('One'), await rotation('Two')];
    const cover = (rotationId: string, startsAt: string, endsAt: string) =>
      addOverride({ ctx: desk.ctx(desk.manager), input: { rotationId, agentId: idOf(desk.escalation), startsAt, endsAt } });
    // Added in this order; listed by start: the one under way (since 08:00) first.
    const later = await cover(one.id, '2026-12-05T09:00:00Z', '2026-12-06T09:00:00Z');
    const underWay = await cover(one.id, '2026-12-02T08:00:00Z', '2026-12-02T20:00:00Z');
    const elsewhere = await cover(two.id, '2026-12-03T09:00:00Z', '2026-12-04T09:00:00Z');
    // One that ended at 09:00, an hour before now: written directly, as the verb adds none in the past.
    await desk.t.db.query(
      "INSERT INTO oncall_overrides (id, rotation_id, agent_id, starts_at, ends_at, created_by_kind, created_at) VALUES (gen_random_uuid(), $1, $2, '2026-12-02T06:00:00Z', '2026-12-02T09:00:00Z', 'system', now())",
      [one.id, idOf(desk.escalation)],
    );

    const ids = (list: Array<{ id: string }>) => list.map((o) => o.id);
    assert.deepEqual(ids(await listOverrides({ ctx: desk.ctx(desk.agent), input: { rotationId: one.id } })), [underWay.id, later.id]);
    assert.deepEqual(ids(await listOverrides({ ctx: desk.ctx(desk.agent), input: {} })), [underWay.id, elsewhere.id, later.id]);
    const org = await desk.addOrganization('premium');
    await assert.rejects(listOverrides({ ctx: desk.ctx(org.contact), input: {} }), ForbiddenError);
    await assert.rejects(listOverrides({ ctx: desk.ctx(desk.agent), input: { rotationId: 'one' } }), (e: unknown) => e instanceof InvalidInputError && e.details[0].path === 'rotationId');
  });
});
