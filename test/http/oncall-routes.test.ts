// The on-call routes in-process: snake_case in and out, the verbs' refusals as envelopes, and
// a day of on-call read over HTTP. OPS-COM policy (America/New_York; one after_hours rule,
// critical-on-call); the app's clock is Wednesday 2026-12-02T10:00Z (05:00 EST).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertEnvelopeShape, openTicketApp, type TicketApp } from './ticket-app.ts';

describe('on-call over HTTP', () => {
  let h: TicketApp;
  let rotation: any;
  before(async () => {
    h = await openTicketApp('opscom', 'premium');
  });
  after(() => h.close());

  it('a manager creates a weekly rotation; agents list it and see who is on call now', async () => {
    const created = await h.as(h.manager.token, {
      method: 'POST',
      url: '/api/v1/oncall/rotations',
      payload: {
        name: 'After hours', time_zone: 'America/New_York', handover_time: '09:00', cadence: 'weekly', handover_weekday: 'mon',
        start_date: '2026-11-30', members: [h.agent.id, h.escalation.id], after_hours_rule_ids: ['critical-on-call'],
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    rotation = created.json();
    assert.deepEqual(Object.keys(rotation).sort(), [
      'after_hours_rule_ids', 'cadence', 'created_at', 'handover_time', 'handover_weekday', 'id', 'members', 'name', 'start_date', 'time_zone', 'updated_at',
    ]);
    assert.equal(rotation.created_at, '2026-12-02T10:00:00Z');

    const list = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/oncall/rotations' });
    assert.deepEqual(list.json().items.map((r: any) => r.id), [rotation.id]);

    // Monday 2026-11-30 09:00 EST = 14:00Z to Monday 2026-12-07 14:00Z: the front line.
    const now = await h.as(h.escalation.token, { method: 'GET', url: '/api/v1/oncall/now?after_hours_rule_id=critical-on-call' });
    assert.equal(now.statusCode, 200, now.body);
    assert.deepEqual(now.json(), {
      at: '2026-12-02T10:00:00Z',
      on_call: [
        {
          rotation_id: rotation.id, rotation_name: 'After hours', agent_id: h.agent.id, name: 'agent@vendor.example', email: 'agent@vendor.example',
          starts_at: '2026-11-30T14:00:00Z', ends_at: '2026-12-07T14:00:00Z', override_id: null,
        },
      ],
    });
  });

  it('an agent covers a night; the schedule shows it; another agent cannot remove it, its author can', async () => {
    const added = await h.as(h.escalation.token, {
      method: 'POST',
      url: `/api/v1/oncall/rotations/${rotation.id}/overrides`,
      payload: { starts_at: '2026-12-03T00:00:00Z', ends_at: '2026-12-03T12:00:00Z', reason: 'Swap' },
    });
    assert.equal(added.statusCode, 201, added.body);
    assert.equal(added.json().agent_id, h.escalation.id);

    const shifts = await h.as(h.agent.token, { method: 'GET', url: `/api/v1/oncall/rotations/${rotation.id}/shifts?count=3` });
    assert.deepEqual(shifts.json().map((s: any) => [s.agent_id, s.starts_at, s.ends_at, s.override_id]), [
      [h.agent.id, '2026-11-30T14:00:00Z', '2026-12-03T00:00:00Z', null],
      [h.escalation.id, '2026-12-03T00:00:00Z', '2026-12-03T12:00:00Z', added.json().id],
      [h.agent.id, '2026-12-03T12:00:00Z', '2026-12-07T14:00:00Z', null],
    ]);

    const forOthers = await h.as(h.agent.token, {
      method: 'POST', url: `/api/v1/oncall/rotations/${rotation.id}/overrides`,
      payload: { agent_id: h.manager.id, starts_at: '2026-12-04T00:00:00Z', ends_at: '2026-12-04T12:00:00Z' },
    });
    assert.equal(forOthers.statusCode, 403);
    assertEnvelopeShape(forOthers.json());

    const notYours = await h.as(h.agent.token, { method: 'DELETE', url: `/api/v1/oncall/overrides/${added.json().id}` });
    assert.equal(notYours.statusCode, 403);
    const removed = await h.as(h.escalation.token, { method: 'DELETE', url: `/api/v1/oncall/overrides/${added.json().id}` });
    assert.equal(removed.statusCode, 200, removed.body);
    const again = await h.as(h.escalation.token, { method: 'DELETE', url: `/api/v1/oncall/overrides/${added.json().id}` });
    assert.equal(again.statusCode, 404);
  });

  it('refuses bad input with field names the client sent', async () => {
    const bad = await h.as(h.admin.token, {
      method: 'POST', url: '/api/v1/oncall/rotations',
      payload: { name: 'Weekly', time_zone: 'Mars/Base', handover_time: '09:00', cadence: 'weekly', start_date: '2026-12-01', members: [h.agent.id], after_hours_rule_ids: ['weekends'] },
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().details.map((d: any) => d.path), ['time_zone']);
    const noWeekday = await h.as(h.admin.token, {
      method: 'POST', url: '/api/v1/oncall/rotations',
      payload: { name: 'Weekly', time_zone: 'Europe/London', handover_time: '09:00', cadence: 'weekly', start_date: '2026-12-01', members: [h.agent.id] },
    });
    assert.deepEqual([noWeekday.statusCode, noWeekday.json().details[0].path], [400, 'handover_weekday']);
    const rule = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/oncall/now?after_hours_rule_id=weekends' });
    assert.deepEqual([rule.statusCode, rule.json().details[0].path], [400, 'after_hours_rule_id']);
    const taken = await h.as(h.admin.token, { method: 'PATCH', url: `/api/v1/oncall/rotations/${rotation.id}`, payload: { name: 'AFTER HOURS', members: [h.manager.id] } });
    assert.equal(taken.statusCode, 200, 'renaming to its own name in another case is allowed');
    const empty = await h.as(h.admin.token, { method: 'PATCH', url: `/api/v1/oncall/rotations/${rotation.id}`, payload: {} });
    assert.equal(empty.statusCode, 400);
  });

  it('managers delete rotations; the front line may not', async () => {
    const refused = await h.as(h.agent.token, { method: 'DELETE', url: `/api/v1/oncall/rotations/${rotation.id}` });
    assert.equal(refused.statusCode, 403);
    const deleted = await h.as(h.manager.token, { method: 'DELETE', url: `/api/v1/oncall/rotations/${rotation.id}` });
    assert.equal(deleted.statusCode, 200);
    const now = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/oncall/now' });
    assert.deepEqual(now.json().on_call, []);
  });
});
