// The admin's on-call page changes a rotation's members (added, taken off, put in another turn
// order) and adds and removes overrides (someone covering it for a while, typed in the rotation's
// own time zone), each refusal beside its form by the field's label; so an agent on a rotation, or
// covering one, is taken off it and can then be deactivated ("take them off it first"). OpenBack;
// the desk's clock is Wednesday 2026-12-02 10:00 UTC. Who may post these forms: the access matrix
// (test/http/access/web-admin-change-rows.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAgent } from '../../src/customers/index.ts';
import { createRotation } from '../../src/oncall/index.ts';
import { adminDesk } from './admin-kit.ts';
import { main, errorBox } from './page-parts.ts';

describe('on-call members and overrides on the admin page, OpenBack', () => {
  const desk = adminDesk();

  const membersOf = async (id: string) =>
    (await desk.app.desk.t.db.query<{ agent_id: string }>('SELECT agent_id FROM oncall_rotation_members WHERE rotation_id = $1 ORDER BY position', [id])).rows.map((r) => r.agent_id);
  const overridesOf = async (id: string) =>
    (await desk.app.desk.t.db.query<{ id: string; agent_id: string; starts_at: Temporal.Instant; ends_at: Temporal.Instant; reason: string | null }>(
      'SELECT id, agent_id, starts_at, ends_at, reason FROM oncall_overrides WHERE rotation_id = $1 ORDER BY starts_at', [id])).rows
      .map((o) => ({ ...o, starts_at: o.starts_at.toString(), ends_at: o.ends_at.toString() }));

  it('adds a member, takes one off and changes the turn order; who is on call now is planned again from the start date', async () => {
    // Daily in UTC from Tuesday 1 December 18:00: the shift holding now (Wednesday 10:00) is the
    // first one (1 Dec 18:00 to 2 Dec 18:00), held by the member whose turn is 1.
    const r = await createRotation({ ctx: desk.app.desk.system, input: { name: 'Nights', timeZone: 'UTC', handoverTime: '18:00', cadence: 'daily', startDate: '2026-12-01', members: [desk.app.agent.id, desk.app.escalation.id] } });
    const page = await desk.mainAt('/admin/oncall');
    // Each agent's turn as it is: 1 and 2 for the members, empty for the others.
    assert.match(page, new RegExp(`<label for="turn-${r.id}-${desk.app.agent.id}">agent@vendor\\.example&#39;s turn</label><input id="turn-${r.id}-${desk.app.agent.id}" name="turn_${desk.app.agent.id}" type="number" min="1" max="100" value="1">`));
    assert.match(page, new RegExp(`name="turn_${desk.app.escalation.id}" type="number" min="1" max="100" value="2">`));
    assert.match(page, new RegExp(`name="turn_${desk.app.manager.id}" type="number" min="1" max="100" value="">`));
    assert.match(page, /<li>agent@vendor\.example \(Nights\) until 2026-12-02 18:00 UTC<\/li>/);

    // The manager added third, the escalation agent put first: the order typed.
    const saved = await desk.session.post(`/admin/oncall/${r.id}/members`, { [`turn_${desk.app.escalation.id}`]: '1', [`turn_${desk.app.agent.id}`]: '2', [`turn_${desk.app.manager.id}`]: '3', [`turn_${desk.app.admin.id}`]: '' });
    assert.deepEqual([saved.statusCode, saved.headers.location], [303, '/admin/oncall?done=1']);
    assert.deepEqual(await membersOf(r.id), [desk.app.escalation.id, desk.app.agent.id, desk.app.manager.id]);
    const after = await desk.mainAt('/admin/oncall');
    assert.match(after, /Members in turn: escalation@vendor\.example, agent@vendor\.example, manager@vendor\.example\./);
    assert.match(after, /<li>escalation@vendor\.example \(Nights\) until 2026-12-02 18:00 UTC<\/li>/);

    // The front-line agent taken off (their turn emptied); turns need not follow on (1, then 5).
    assert.equal((await desk.session.post(`/admin/oncall/${r.id}/members`, { [`turn_${desk.app.escalation.id}`]: '1', [`turn_${desk.app.agent.id}`]: '', [`turn_${desk.app.manager.id}`]: '5' })).statusCode, 303);
    assert.deepEqual(await membersOf(r.id), [desk.app.escalation.id, desk.app.manager.id]);
  });

  it('refuses two members in one turn, a turn that is no number, and no member at all, beside the form, as typed', async () => {
    const r = await createRotation({ ctx: desk.app.desk.system, input: { name: 'Days', timeZone: 'UTC', handoverTime: '09:00', cadence: 'daily', startDate: '2026-12-01', members: [desk.app.agent.id] } });
    const tie = await desk.session.post(`/admin/oncall/${r.id}/members`, { [`turn_${desk.app.agent.id}`]: '1', [`turn_${desk.app.escalation.id}`]: '1' });
    assert.equal(tie.statusCode, 400);
    const box = errorBox(main(tie.body), `members-${r.id}`);
    assert.match(box, /<p>Two members have the same turn: give each a turn of their own<\/p>/);
    // Named by whose turn it is, as the form labels it, not by the field's code.
    assert.match(box, /<li><strong>agent@vendor\.example&#39;s turn<\/strong> is turn 1, as another member&#39;s is<\/li>/);
    assert.match(box, /<li><strong>escalation@vendor\.example&#39;s turn<\/strong> is turn 1, as another member&#39;s is<\/li>/);
    assert.doesNotMatch(box, /turn_/);
    // The form open, with what was typed.
    assert.match(main(tie.body), new RegExp(`<details class="rotation-members" open><summary>Change who is on Days, and in which turn</summary>`));
    assert.match(main(tie.body), new RegExp(`name="turn_${desk.app.escalation.id}" type="number" min="1" max="100" value="1">`));

    const word = await desk.session.post(`/admin/oncall/${r.id}/members`, { [`turn_${desk.app.agent.id}`]: 'first' });
    assert.equal(word.statusCode, 400);
    assert.match(errorBox(main(word.body), `members-${r.id}`), /<li><strong>agent@vendor\.example&#39;s turn<\/strong> is “first”: give a whole number from 1, or leave it empty<\/li>/);

    const none = await desk.session.post(`/admin/oncall/${r.id}/members`, { [`turn_${desk.app.agent.id}`]: '' });
    assert.equal(none.statusCode, 400);
    assert.match(errorBox(main(none.body), `members-${r.id}`), /<li><strong>Members<\/strong> must name at least one agent<\/li>/);
    assert.deepEqual(await membersOf(r.id), [desk.app.agent.id], 'nothing changed by a refused form');
  });

  it('adds an override typed in the rotation\'s time zone, lists it, and removes it once "Yes, remove" is ticked', async () => {
    // Weekly in New York (UTC-5 in December), Mondays 09:00, from Monday 30 November.
    const r = await createRotation({ ctx: desk.app.desk.system, input: { name: 'Weekdays NY', timeZone: 'America/New_York', handoverTime: '09:00', cadence: 'weekly', handoverWeekday: 'mon', startDate: '2026-11-30', members: [desk.app.agent.id] } });
    const form = await desk.mainAt('/admin/oncall');
    assert.match(form, new RegExp(`<input type="hidden" name="zone" value="America/New_York">`));
    assert.match(form, new RegExp(`<label for="cover-from-${r.id}">Starts \\(America/New_York\\)</label>`));
    assert.match(form, /<p>Nobody covers it: the turns hold\.<\/p>/);

    // Friday 17:00 to Monday 09:00 New York time: 22:00 and 14:00 UTC.
    const added = await desk.session.post(`/admin/oncall/${r.id}/overrides`, { agent: desk.app.manager.id, starts_at: '2026-12-04T17:00', ends_at: '2026-12-07T09:00', zone: 'America/New_York', reason: 'Weekend swap' });
    assert.deepEqual([added.statusCode, added.headers.location], [303, '/admin/oncall?done=1']);
    const [cover] = await overridesOf(r.id);
    assert.deepEqual({ ...cover, id: '' }, { id: '', agent_id: desk.app.manager.id, starts_at: '2026-12-04T22:00:00Z', ends_at: '2026-12-07T14:00:00Z', reason: 'Weekend swap' });
    const listed = await desk.mainAt('/admin/oncall');
    assert.match(listed, /manager@vendor\.example covers it from Fri Dec 4 2026 05:00 PM EST to Mon Dec 7 2026 09:00 AM EST: Weekend swap <form /);
    assert.match(listed, new RegExp(`action="/admin/oncall/overrides/${cover.id}/remove" class="inline"><input type="hidden" name="_csrf" value="[^"]+"><label><input type="checkbox" name="confirm" required> Yes, remove this override</label> <button type="submit" class="danger">Remove</button>`));

    // Not ticked: nothing removed, said beside that override.
    const unticked = await desk.session.post(`/admin/oncall/overrides/${cover.id}/remove`, {});
    assert.equal(unticked.statusCode, 400);
    assert.match(errorBox(main(unticked.body), `override-${cover.id}`), /<p>Nothing was removed: tick &quot;Yes, remove this override&quot; to remove it<\/p>/);
    assert.equal((await overridesOf(r.id)).length, 1);
    const removed = await desk.session.post(`/admin/oncall/overrides/${cover.id}/remove`, { confirm: 'on' });
    assert.deepEqual([removed.statusCode, removed.headers.location], [303, '/admin/oncall?done=removed']);
    assert.deepEqual(await overridesOf(r.id), [], 'not begun: removed');
    assert.match(await desk.mainAt('/admin/oncall?done=removed'), /Override removed \(one under way ends now\): the rotation&#39;s turns hold that time again\./);
  });

  it('refuses an override with nobody chosen, an end before its start or in the past, beside its form, as typed', async () => {
    const r = await createRotation({ ctx: desk.app.desk.system, input: { name: 'Cover checks', timeZone: 'UTC', handoverTime: '09:00', cadence: 'daily', startDate: '2026-12-01', members: [desk.app.agent.id] } });
    const typed = { starts_at: '2026-12-05T09:00', ends_at: '2026-12-05T18:00', zone: 'UTC', reason: 'Dentist' };
    const nobody = await desk.session.post(`/admin/oncall/${r.id}/overrides`, { ...typed, agent: '' });
    assert.equal(nobody.statusCode, 400);
    assert.match(errorBox(main(nobody.body), `cover-${r.id}`), /<li><strong>Who covers<\/strong> is not chosen: choose the agent who covers<\/li>/);
    assert.match(main(nobody.body), new RegExp(`<details class="rotation-cover" open>`));
    assert.match(main(nobody.body), new RegExp(`<input id="cover-reason-${r.id}" name="reason" maxlength="500" value="Dentist">`));

    const backwards = await desk.session.post(`/admin/oncall/${r.id}/overrides`, { ...typed, agent: desk.app.escalation.id, ends_at: '2026-12-05T08:00' });
    assert.equal(backwards.statusCode, 400);
    assert.match(errorBox(main(backwards.body), `cover-${r.id}`), /<p>An override must end after it starts<\/p>\s*<ul><li><strong>Ends<\/strong> must be after the start<\/li>/);
    assert.match(main(backwards.body), new RegExp(`<option value="${desk.app.escalation.id}" selected>escalation@vendor\\.example</option>`));

    // Ended an hour ago (now is 10:00 UTC).
    const past = await desk.session.post(`/admin/oncall/${r.id}/overrides`, { ...typed, agent: desk.app.escalation.id, starts_at: '2026-12-02T06:00', ends_at: '2026-12-02T09:00' });
    assert.equal(past.statusCode, 400);
    assert.match(errorBox(main(past.body), `cover-${r.id}`), /<li><strong>Ends<\/strong> must be in the future<\/li>/);
    assert.deepEqual(await overridesOf(r.id), [], 'nothing added by a refused form');
  });

  it('takes an agent off a rotation and ends their cover under way, after which they can be deactivated', async () => {
    // Someone of their own, so that the other tests' agents stay.
    const leaver = await createAgent({ ctx: desk.app.desk.system, input: { email: 'leaver@vendor.example', name: 'Lee Leaver', role: 'front_line' } });
    const r = await createRotation({ ctx: desk.app.desk.system, input: { name: 'Leavers', timeZone: 'UTC', handoverTime: '09:00', cadence: 'daily', startDate: '2026-12-01', members: [leaver.id, desk.app.agent.id] } });
    const other = await createRotation({ ctx: desk.app.desk.system, input: { name: 'Elsewhere', timeZone: 'UTC', handoverTime: '09:00', cadence: 'daily', startDate: '2026-12-01', members: [desk.app.agent.id] } });
    // Covering the other rotation since 08:00 until 20:00 today: under way.
    assert.equal((await desk.session.post(`/admin/oncall/${other.id}/overrides`, { agent: leaver.id, starts_at: '2026-12-02T08:00', ends_at: '2026-12-02T20:00', zone: 'UTC' })).statusCode, 303);
    const page = await desk.mainAt('/admin/oncall');
    assert.match(page, /covers it from Wed 2 Dec 2026 08:00 UTC to Wed 2 Dec 2026 20:00 UTC \(under way: removing it ends it now\)/);

    const refused = await desk.session.post(`/admin/agents/${leaver.id}`, { active: 'no', confirm: 'on' });
    assert.equal(refused.statusCode, 409);
    assert.match(main(refused.body), /is on the on-call rotation &quot;Elsewhere&quot; \(or covers it\): take them off it first/);
    assert.match(main(refused.body), /is on the on-call rotation &quot;Leavers&quot; \(or covers it\): take them off it first/);

    assert.equal((await desk.session.post(`/admin/oncall/${r.id}/members`, { [`turn_${desk.app.agent.id}`]: '1', [`turn_${leaver.id}`]: '' })).statusCode, 303);
    const [cover] = await overridesOf(other.id);
    assert.equal((await desk.session.post(`/admin/oncall/overrides/${cover.id}/remove`, { confirm: 'on' })).statusCode, 303);
    // Under way: ended now (10:00), its time so far kept as the record of who was on call.
    assert.deepEqual((await overridesOf(other.id)).map((o) => [o.starts_at, o.ends_at]), [['2026-12-02T08:00:00Z', '2026-12-02T10:00:00Z']]);
    assert.doesNotMatch(await desk.mainAt('/admin/oncall'), new RegExp(`/admin/oncall/overrides/${cover.id}/remove`), 'an ended override is no longer offered');
    assert.equal((await desk.session.post(`/admin/agents/${leaver.id}`, { active: 'no', confirm: 'on' })).statusCode, 303);
  });
});
