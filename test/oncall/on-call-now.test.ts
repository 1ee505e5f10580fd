// Who is on call, on the database: overrides (who may add and remove them), the schedule,
// whoIsOnCall for agents and onCallAgents for the paging code. The desk runs the OPS-COM policy
// (main calendar America/New_York, EST = UTC-5 in December) with its clock at Wednesday
// 2026-12-02T10:00Z. The weekly rotation hands over on Mondays at 09:00 EST (14:00Z), starting
// Monday 2026-11-30: front line until 2026-12-07T14:00Z, then escalation, then the manager.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse, stringify } from 'yaml';
import { addOverride, createRotation, deleteRotation, listShifts, onCallAgents, removeOverride, whoIsOnCall } from '../../src/oncall/index.ts';
import { ConflictError, ForbiddenError, InvalidInputError } from '../../src/platform/index.ts';
import { examplePolicySource, openDesk, type Desk } from '../support/desk.ts';

const idOf = (actor: Desk['admin']) => (actor as { id: string }).id;
const I = (text: string) => Temporal.Instant.from(text);

/** OPS-COM with a second after-hours rule, so a rotation can answer for one rule and not another. */
function twoRules(): string {
  const file = parse(examplePolicySource('opscom'));
  file.after_hours.push({ ...file.after_hours[0], id: 'second-line' });
  return stringify(file);
}

describe('who is on call', () => {
  let desk: Desk;
  let rotationId: string;
  before(async () => {
    desk = await openDesk('opscom', '2026-12-02T10:00:00Z', twoRules());
  });
  after(() => desk.close());
  beforeEach(async () => {
    await desk.t.db.query('DELETE FROM oncall_overrides');
    await desk.t.db.query('DELETE FROM oncall_rotation_members');
    await desk.t.db.query('DELETE FROM oncall_rotations');
    desk.clock.set('2026-12-02T10:00:00Z');
    rotationId = (
      await createRotation({
        ctx: desk.system,
        input: {
          name: 'After hours', timeZone: 'America/New_York', handoverTime: '09:00', cadence: 'weekly', handoverWeekday: 'mon',
          startDate: '2026-11-30', members: [idOf(desk.agent), idOf(desk.escalation), idOf(desk.manager)],
        },
      })
    ).id;
  });

  it('answers the paging code: the agent on call with the end of the shift, [] without rotations', async () => {
    assert.deepEqual(await onCallAgents(desk.t.db, I('2026-12-02T10:00:00Z')), [
      { agentId: idOf(desk.agent), email: 'agent@vendor.example', name: 'agent@vendor.example', rotationId, shiftEndsAt: I('2026-12-07T14:00:00Z') },
    ]);
    // Before the rotation's first hand-over (Monday 2026-11-30 09:00 EST) nobody is on call.
    assert.deepEqual(await onCallAgents(desk.t.db, I('2026-11-30T13:59:59Z')), []);
    await deleteRotation({ ctx: desk.system, input: { rotationId } });
    assert.deepEqual(await onCallAgents(desk.t.db, I('2026-12-02T10:00:00Z')), []);
  });

  it('works inside the caller\'s transaction, and filters by after-hours rule', async () => {
    // Rotations are ordered by when they were created: this one comes second.
    desk.clock.advance({ minutes: 1 });
    const second = await createRotation({
      ctx: desk.system,
      input: {
        name: 'Second line', timeZone: 'Europe/London', handoverTime: '08:00', cadence: 'daily', startDate: '2026-12-01',
        members: [idOf(desk.admin), idOf(desk.agent)], afterHoursRuleIds: ['second-line'],
      },
    });
    // Daily from 2026-12-01 08:00 GMT: admin, then (2026-12-02 08:00Z) the front line, who is
    // already listed through the first rotation: each agent once.
    const all = await desk.t.db.transaction((tx) => onCallAgents(tx, I('2026-12-02T10:00:00Z')));
    assert.deepEqual(all.map((a) => [a.agentId, a.rotationId, a.shiftEndsAt.toString()]), [[idOf(desk.agent), rotationId, '2026-12-07T14:00:00Z']]);
    const secondLine = await onCallAgents(desk.t.db, I('2026-12-01T10:00:00Z'), 'second-line');
    assert.deepEqual(secondLine.map((a) => [a.agentId, a.rotationId, a.shiftEndsAt.toString()]), [
      [idOf(desk.agent), rotationId, '2026-12-07T14:00:00Z'],
      [idOf(desk.admin), second.id, '2026-12-02T08:00:00Z'],
    ]);
    const critical = await onCallAgents(desk.t.db, I('2026-12-01T10:00:00Z'), 'critical-on-call');
    assert.deepEqual(critical.map((a) => a.rotationId), [rotationId]);
  });

  it('whoIsOnCall: every rotation\'s shift, now or at an instant; agents only; known rules only', async () => {
    const now = await whoIsOnCall({ ctx: desk.ctx(desk.escalation), input: {} });
    assert.equal(now.at.toString(), '2026-12-02T10:00:00Z');
    assert.deepEqual(
      now.onCall.map((s) => [s.agentId, s.name, s.startsAt.toString(), s.endsAt.toString(), s.overrideId]),
      [[idOf(desk.agent), 'agent@vendor.example', '2026-11-30T14:00:00Z', '2026-12-07T14:00:00Z', null]],
    );
    const later = await whoIsOnCall({ ctx: desk.ctx(desk.agent), input: { at: '2026-12-14T09:00:00-05:00', afterHoursRuleId: 'critical-on-call' } });
    assert.deepEqual(later.onCall.map((s) => [s.agentId, s.startsAt.toString()]), [[idOf(desk.manager), '2026-12-14T14:00:00Z']]);
    await assert.rejects(whoIsOnCall({ ctx: desk.ctx(desk.agent), input: { afterHoursRuleId: 'weekends' } }), (e: unknown) => e instanceof InvalidInputError && e.details[0].path === 'afterHoursRuleId');
    const org = await desk.addOrganization('premium');
    await assert.rejects(whoIsOnCall({ ctx: desk.ctx(org.contact), input: {} }), ForbiddenError);
  });

  it('an agent covers a shift themselves; the schedule shows it; only managers put others on call', async () => {
    const override = await addOverride({
      ctx: desk.ctx(desk.escalation),
      input: { rotationId, startsAt: '2026-12-05T00:00:00Z', endsAt: '2026-12-06T00:00:00Z', reason: 'Swap with the front line' },
    });
    assert.equal(override.agentId, idOf(desk.escalation));
    assert.equal(override.createdBy, idOf(desk.escalation));
    const shifts = await listShifts({ ctx: desk.ctx(desk.agent), input: { rotationId, count: 4 } });
    assert.deepEqual(shifts.map((s) => [s.agentId, s.startsAt.toString(), s.endsAt.toString(), s.overrideId]), [
      [idOf(desk.agent), '2026-11-30T14:00:00Z', '2026-12-05T00:00:00Z', null],
      [idOf(desk.escalation), '2026-12-05T00:00:00Z', '2026-12-06T00:00:00Z', override.id],
      [idOf(desk.agent), '2026-12-06T00:00:00Z', '2026-12-07T14:00:00Z', null],
      [idOf(desk.escalation), '2026-12-07T14:00:00Z', '2026-12-14T14:00:00Z', null],
    ]);
    const { rows } = await desk.t.db.query<{ type: string; actor_id: string }>('SELECT type, actor_id FROM audit_events WHERE subject_id = $1', [override.id]);
    assert.deepEqual(rows, [{ type: 'oncall_override.added', actor_id: idOf(desk.escalation) }]);

    // Refused for the wrong actor: an agent putting someone else on call, a contact at all.
    const input = { rotationId, agentId: idOf(desk.manager), startsAt: '2026-12-08T00:00:00Z', endsAt: '2026-12-09T00:00:00Z' };
    await assert.rejects(addOverride({ ctx: desk.ctx(desk.agent), input }), ForbiddenError);
    const org = await desk.addOrganization('premium');
    await assert.rejects(addOverride({ ctx: desk.ctx(org.contact), input }), ForbiddenError);
    const byManager = await addOverride({ ctx: desk.ctx(desk.manager), input });
    assert.equal(byManager.agentId, idOf(desk.manager));
    const at = await onCallAgents(desk.t.db, I('2026-12-08T12:00:00Z'));
    assert.deepEqual(at.map((a) => [a.agentId, a.shiftEndsAt.toString()]), [[idOf(desk.manager), '2026-12-09T00:00:00Z']]);
  });

  it('refuses overrides that end before they start or have already ended', async () => {
    const ctx = desk.ctx(desk.manager);
    const base = { rotationId, agentId: idOf(desk.agent) };
    await assert.rejects(addOverride({ ctx, input: { ...base, startsAt: '2026-12-05T00:00:00Z', endsAt: '2026-12-05T00:00:00Z' } }), (e: unknown) => e instanceof InvalidInputError && e.details[0].path === 'endsAt');
    await assert.rejects(addOverride({ ctx, input: { ...base, startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-12-02T10:00:00Z' } }), /already have ended/);
    await assert.rejects(addOverride({ ctx, input: { ...base, agentId: '00000000-0000-4000-8000-000000000000', startsAt: '2026-12-05T00:00:00Z', endsAt: '2026-12-06T00:00:00Z' } }), (e: unknown) => e instanceof InvalidInputError && e.details[0].path === 'agentId');
  });

  it('removes an override not yet begun, ends one under way now, and keeps one that has ended', async () => {
    const add = (startsAt: string, endsAt: string) => addOverride({ ctx: desk.ctx(desk.escalation), input: { rotationId, startsAt, endsAt } });
    const future = await add('2026-12-05T00:00:00Z', '2026-12-06T00:00:00Z');
    const current = await add('2026-12-02T09:00:00Z', '2026-12-03T09:00:00Z');
    const past = await add('2026-12-02T09:30:00Z', '2026-12-02T11:00:00Z');

    // Refused for the wrong actor: an agent who did not add it, a contact.
    await assert.rejects(removeOverride({ ctx: desk.ctx(desk.agent), input: { overrideId: future.id } }), ForbiddenError);
    const org = await desk.addOrganization('premium');
    await assert.rejects(removeOverride({ ctx: desk.ctx(org.contact), input: { overrideId: future.id } }), ForbiddenError);

    const removed = await removeOverride({ ctx: desk.ctx(desk.escalation), input: { overrideId: future.id } });
    assert.equal(removed.id, future.id);
    assert.equal((await desk.t.db.query('SELECT 1 FROM oncall_overrides WHERE id = $1', [future.id])).rows.length, 0);

    desk.clock.set('2026-12-02T12:00:00Z');
    const ended = await removeOverride({ ctx: desk.ctx(desk.manager), input: { overrideId: current.id } });
    assert.equal(ended.endsAt.toString(), '2026-12-02T12:00:00Z');
    // The front line is back on call from now; before now the record still says escalation.
    assert.equal((await onCallAgents(desk.t.db, I('2026-12-02T12:00:00Z')))[0].agentId, idOf(desk.agent));
    assert.equal((await onCallAgents(desk.t.db, I('2026-12-02T11:59:00Z')))[0].agentId, idOf(desk.escalation));
    await assert.rejects(removeOverride({ ctx: desk.ctx(desk.manager), input: { overrideId: past.id } }), ConflictError);
    const types = await desk.t.db.query<{ type: string }>("SELECT type FROM audit_events WHERE subject_kind = 'oncall_override' AND type <> 'oncall_override.added' ORDER BY at, type");
    assert.deepEqual(types.rows.map((r) => r.type), ['oncall_override.removed', 'oncall_override.ended']);
  });
});
