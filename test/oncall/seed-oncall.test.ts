// The demo's rotation: front line, escalation and manager a week each, Mondays 09:00 in the
// policy's main calendar zone (OpenBack: Europe/London, GMT in winter), the front line on call
// from the moment the demo is loaded.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seedOncall } from '../../src/demo/seed-oncall.ts';
import { deleteRotation, onCallAgents } from '../../src/oncall/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('the demo rotation', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback');
  });
  after(() => desk.close());
  const agents = () => ({ front_line: desk.agent, escalation: desk.escalation, manager: desk.manager, admin: desk.admin });

  it('starts on the Monday of the current week and puts the front line on call now', async () => {
    // Wednesday 2026-12-02 10:00 GMT.
    const rotation = await seedOncall({ ctx: desk.system, agents: agents() });
    assert.deepEqual([rotation.timeZone, rotation.cadence, rotation.handoverWeekday, rotation.handoverTime, rotation.startDate], ['Europe/London', 'weekly', 'mon', '09:00', '2026-11-30']);
    assert.deepEqual(rotation.members, [desk.agent, desk.escalation, desk.manager].map((a) => (a as { id: string }).id));
    const now = await onCallAgents(desk.t.db, desk.clock.now());
    assert.deepEqual(now.map((a) => [a.agentId, a.shiftEndsAt.toString()]), [[(desk.agent as { id: string }).id, '2026-12-07T09:00:00Z']]);
    await deleteRotation({ ctx: desk.system, input: { rotationId: rotation.id } });
  });

  it('on a Monday before 09:00 starts the Monday before, so nobody waits for the first hand-over', async () => {
    desk.clock.set('2026-11-30T08:59:00Z');
    const rotation = await seedOncall({ ctx: desk.system, agents: agents() });
    assert.equal(rotation.startDate, '2026-11-23');
    assert.equal((await onCallAgents(desk.t.db, desk.clock.now())).length, 1);
  });
});
