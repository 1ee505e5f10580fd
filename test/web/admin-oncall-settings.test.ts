// The admin's on-call page changes a rotation's own settings: its name, time zone, hand-over (day and
// time) and start date (updateRotation, as the API's PATCH does), each refusal beside its form naming
// the field by its label, nothing changed; the audit trail says what changed, from what to what.
// OpenBack; the desk's clock is Wednesday 2026-12-02 10:00 UTC. Who may post the form: the access
// matrix (test/http/access/web-admin-change-rows.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRotation } from '../../src/oncall/index.ts';
import { adminDesk } from './admin-kit.ts';
import { main, errorBox } from './page-parts.ts';

describe("an on-call rotation's settings on the admin page, OpenBack", () => {
  const desk = adminDesk();

  const stored = async (id: string) =>
    (await desk.app.desk.t.db.query<{ name: string; time_zone: string; handover_time: string; cadence: string; handover_weekday: string | null; start_date: string }>(
      "SELECT name, time_zone, handover_time, cadence, handover_weekday, to_char(start_date, 'YYYY-MM-DD') AS start_date FROM oncall_rotations WHERE id = $1", [id])).rows[0];
  const weekly = async (name: string) => (await createRotation({
    ctx: desk.app.desk.system,
    input: { name, timeZone: 'Europe/London', handoverTime: '09:00', cadence: 'weekly', handoverWeekday: 'mon', startDate: '2026-11-30', members: [desk.app.agent.id, desk.app.escalation.id] },
  })).id;

  it('shows the settings as they are, and saves a new name, zone, hand-over and start, with an audit entry of what changed', async () => {
    const id = await weekly('Weekends');
    const page = await desk.mainAt('/admin/oncall');
    const form = new RegExp(`<form method="post" action="/admin/oncall/${id}/settings"[\\s\\S]*?</form>`).exec(page)?.[0] ?? '';
    assert.match(form, new RegExp(`<input id="s-name-${id}" name="name" required maxlength="200" value="Weekends">`));
    assert.match(form, new RegExp(`<input id="s-tz-${id}" name="time_zone" required value="Europe/London">`));
    assert.match(form, /name="handover_time" required pattern="\[0-2\]\[0-9\]:\[0-5\]\[0-9\]" value="09:00">/);
    assert.match(form, /<option value="mon" selected>Monday<\/option>/);
    assert.match(form, new RegExp(`<input id="s-start-${id}" name="start_date" type="date" required value="2026-11-30">`));

    const saved = await desk.session.post(`/admin/oncall/${id}/settings`, { name: 'Weekend nights', time_zone: 'America/Chicago', handover_time: '18:30', cadence: 'weekly', weekday: 'fri', start_date: '2026-12-04' });
    assert.deepEqual([saved.statusCode, saved.headers.location], [303, '/admin/oncall?done=1']);
    assert.deepEqual(await stored(id), { name: 'Weekend nights', time_zone: 'America/Chicago', handover_time: '18:30', cadence: 'weekly', handover_weekday: 'fri', start_date: '2026-12-04' });
    const after = await desk.mainAt('/admin/oncall');
    assert.match(after, new RegExp(`<h3 id="rot-${id}">Weekend nights</h3>`));
    assert.match(after, /Weekly: each member in turn holds it from Friday 18:30 to the next Friday 18:30/);

    const { rows } = await desk.app.desk.t.db.query<{ actor_id: string; data: { changed: string[]; before: Record<string, unknown>; after: Record<string, unknown> } }>(
      "SELECT actor_id, data FROM audit_events WHERE subject_id = $1 AND type = 'oncall_rotation.updated'", [id]);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].actor_id, desk.app.admin.id);
    // The cadence was sent as it was: not said to have changed.
    assert.deepEqual([...rows[0].data.changed].sort(), ['handoverTime', 'handoverWeekday', 'name', 'startDate', 'timeZone']);
    assert.deepEqual(rows[0].data.before, { name: 'Weekends', timeZone: 'Europe/London', handoverTime: '09:00', handoverWeekday: 'mon', startDate: '2026-11-30' });
    assert.deepEqual(rows[0].data.after, { name: 'Weekend nights', timeZone: 'America/Chicago', handoverTime: '18:30', handoverWeekday: 'fri', startDate: '2026-12-04' });
  });

  it('refuses a bad zone, hand-over time, start date or an empty name with a 400 naming the field, beside its form, nothing changed', async () => {
    const id = await weekly('Evenings');
    const before = await stored(id);
    const good = { name: 'Evenings', time_zone: 'Europe/London', handover_time: '09:00', cadence: 'weekly', weekday: 'mon', start_date: '2026-11-30' };
    for (const [field, value, label, message] of [
      ['time_zone', 'Mars/Olympus', 'Time zone', 'must be an IANA time zone'],
      ['handover_time', '25:00', 'Hand-over time', 'must be a local time HH:MM'],
      ['start_date', '2026-02-30', 'Start date', ''],
      ['name', '', 'Name', ''],
    ] as const) {
      const refused = await desk.session.post(`/admin/oncall/${id}/settings`, { ...good, [field]: value });
      assert.equal(refused.statusCode, 400, field);
      const box = errorBox(main(refused.body), `settings-${id}`);
      assert.match(box, new RegExp(`<li><strong>${label}</strong> ${message}`), `${field}: ${box}`);
      // The form open, as typed.
      assert.match(main(refused.body), new RegExp(`<details class="rotation-settings" open>`));
      if (value) assert.ok(main(refused.body).includes(`value="${value}"`), field);
      assert.deepEqual(await stored(id), before, field);
    }
  });
});
