// Incident, hotfix and maintenance life cycles on the status verbs, on both databases, with the
// clock moved by hand for the automatic maintenance transitions.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createIncident, postUpdate, publishPostmortem, recordHotfix, rescheduleMaintenance, runStatusSweep, scheduleMaintenance, setComponentStatus,
} from '../../src/status/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { componentStatus, LINKS, notifications } from './helpers.ts';

describe('status life cycles (OpenMethods)', () => {
  let d: Desk;
  before(async () => {
    d = await openDesk('openmethods', '2026-12-02T10:00:00Z');
  });
  after(() => d.close());

  it('an incident moves investigating -> identified -> monitoring -> resolved, components follow, each step a notice', async () => {
    const ctx = d.ctx(d.agent);
    const created = await createIncident({ ctx, input: { name: 'Chat routing delays', body: 'We are investigating delays.', impact: 'major', components: [{ id: 'chat-routing', status: 'partial_outage' }] } });
    assert.equal(created.status, 'investigating');
    assert.deepEqual(created.componentIds, ['chat-routing']);
    assert.deepEqual(created.updates[0].affectedComponents, [{ code: 'chat-routing', name: 'Chat routing', oldStatus: 'operational', newStatus: 'partial_outage' }]);
    assert.equal(await componentStatus(d.t.db, 'chat-routing'), 'partial_outage');
    d.clock.advance({ minutes: 20 });
    await postUpdate({ ctx, input: { incidentId: created.id, status: 'identified', body: 'A queue worker is stuck.' } });
    d.clock.advance({ minutes: 20 });
    const monitoring = await postUpdate({ ctx, input: { incidentId: created.id, status: 'monitoring', body: 'Restarted; watching.', components: [{ id: 'chat-routing', status: 'degraded_performance' }] } });
    assert.equal(monitoring.monitoringAt?.toString(), '2026-12-02T10:40:00Z');
    d.clock.advance({ minutes: 20 });
    const resolved = await postUpdate({ ctx, input: { incidentId: created.id, status: 'resolved', body: 'All chats are routed again.' } });
    assert.equal(resolved.status, 'resolved');
    assert.equal(resolved.resolvedAt?.toString(), '2026-12-02T11:00:00Z');
    assert.deepEqual(resolved.updates.map((u) => u.status), ['investigating', 'identified', 'monitoring', 'resolved']);
    // Resolving returns the components the update does not name to operational.
    assert.equal(await componentStatus(d.t.db, 'chat-routing'), 'operational');
    assert.deepEqual((await notifications(d.t.db)).map((n) => n.event), ['incident_reported', 'incident_updated', 'incident_updated', 'incident_resolved']);
    await assert.rejects(postUpdate({ ctx, input: { incidentId: created.id, status: 'investigating', body: 'Again?' } }), { code: 'conflict' });
    d.clock.advance({ hours: 20 });
    const pm = await publishPostmortem({ ctx, input: { incidentId: created.id, body: 'A worker leaked connections; it now recycles them.' } });
    assert.equal(pm.status, 'postmortem');
    assert.equal((await notifications(d.t.db)).at(-1)!.event, 'postmortem');
  });

  it('refuses notify: false on an event the policy promises, naming the field', async () => {
    await assert.rejects(
      createIncident({ ctx: d.ctx(d.agent), input: { name: 'Quiet', body: 'Shh.', notify: false } }),
      (e: any) => e.code === 'invalid_input' && e.details[0].path === 'notify',
    );
    // "Whenever there is an update to the status page, you will receive an email": every update.
    const open = await createIncident({ ctx: d.ctx(d.agent), input: { name: 'Loud', body: 'Looking.' } });
    await assert.rejects(
      postUpdate({ ctx: d.ctx(d.agent), input: { incidentId: open.id, status: 'monitoring', body: 'Quietly watching.', notify: false } }),
      (e: any) => e.code === 'invalid_input' && /incident_updated/.test(e.details[0].message),
    );
    await postUpdate({ ctx: d.ctx(d.agent), input: { incidentId: open.id, status: 'resolved', body: 'Done.' } });
  });

  it('a hotfix is a resolved incident with impact none and a published postmortem, told to subscribers', async () => {
    d.clock.advance({ minutes: 5 });
    const h = await recordHotfix({ ctx: d.ctx(d.escalation), input: { name: 'Media bar hotfix', body: 'Applied without downtime.', postmortem: 'A rounding bug in timers.', components: ['media-bar'] } });
    assert.equal(h.impact, 'none');
    assert.equal(h.hotfix, true);
    assert.equal(h.status, 'postmortem');
    assert.equal(h.postmortemBody, 'A rounding bug in timers.');
    assert.equal(await componentStatus(d.t.db, 'media-bar'), 'operational');
    assert.equal((await notifications(d.t.db)).at(-1)!.event, 'hotfix_postmortem');
  });

  it('refuses unknown components and contacts', async () => {
    await assert.rejects(
      createIncident({ ctx: d.ctx(d.agent), input: { name: 'X', body: 'Y', components: [{ id: 'nope', status: 'major_outage' }] } }),
      (e: any) => e.code === 'invalid_input' && e.details[0].path === 'components.0',
    );
    const org = await d.addOrganization('premium');
    await assert.rejects(createIncident({ ctx: d.ctx(org.contact), input: { name: 'X', body: 'Y' } }), { code: 'forbidden' });
    await assert.rejects(setComponentStatus({ ctx: d.ctx(org.contact), input: { componentId: 'media-bar', status: 'major_outage' } }), { code: 'forbidden' });
  });

  it('maintenance reminds, starts and completes at its times (clock moved), and rescheduling notifies', async () => {
    const ctx = d.ctx(d.manager);
    const sys = d.system;
    d.clock.set('2026-12-05T00:00:00Z');
    const m = await scheduleMaintenance({ ctx, input: { name: 'Database upgrade', body: 'Email routing pauses.', scheduledFor: '2026-12-05T04:00:00Z', scheduledUntil: '2026-12-05T06:00:00Z', components: ['email-routing'], reminderMinutes: 60 } });
    assert.equal(m.status, 'scheduled');
    const scheduled = (await notifications(d.t.db)).at(-1)!;
    assert.equal(scheduled.event, 'maintenance_scheduled');
    // "we will update you when the maintenance is scheduled, in-progress, and completed": when it
    // is scheduled, Email routing is still operational, so the notice names it without a status.
    // 04:00-06:00 UTC is Fri 23:00 to Sat 01:00 EST; posted at 00:00 UTC, Fri 19:00 EST.
    assert.equal(scheduled.body, [
      'Database upgrade', 'Scheduled: Email routing pauses.', '', 'Posted: Fri Dec 4 2026 07:00 PM EST', '',
      'Scheduled for Fri Dec 4 2026, 11:00 PM to Sat Dec 5 2026, 01:00 AM EST', '',
      'Affects: Email routing.', '', 'OpenMethods Status Page',
    ].join('\n'));
    assert.deepEqual(await runStatusSweep(sys, LINKS), { started: 0, completed: 0, reminded: 0, queued: 0 });
    d.clock.set('2026-12-05T00:10:00Z');
    const moved = await rescheduleMaintenance({ ctx, input: { incidentId: m.id, scheduledFor: '2026-12-05T05:00:00Z', scheduledUntil: '2026-12-05T07:00:00Z' } });
    assert.equal(moved.scheduledFor?.toString(), '2026-12-05T05:00:00Z');
    // Told in the zone OpenMethods states ("U.S. Eastern Standard Time"): 05:00-07:00 UTC is
    // 00:00-02:00 EST on Saturday 5 December, not UTC.
    const rescheduled = (await notifications(d.t.db)).at(-1)!;
    assert.equal(rescheduled.event, 'maintenance_rescheduled');
    // Said once, in its subject and its first line: not "Scheduled: Rescheduled:" under "Scheduled:".
    assert.equal(rescheduled.subject, '[OpenMethods Status Page] Rescheduled: Database upgrade');
    assert.match(rescheduled.body, /^Database upgrade\nRescheduled: Sat Dec 5 2026, 12:00 AM to 02:00 AM EST\.$/m);
    assert.match(rescheduled.body, /^Scheduled for Sat Dec 5 2026, 12:00 AM to 02:00 AM EST$/m);
    assert.doesNotMatch(rescheduled.body, /UTC/);
    assert.match(rescheduled.body, /\n\nAffects: Email routing\.\n\n/);
    assert.doesNotMatch(rescheduled.body, /Under maintenance|Components:/);
    d.clock.set('2026-12-05T03:59:00Z'); // before the moved reminder (04:00)
    assert.equal((await runStatusSweep(sys, LINKS)).reminded, 0);
    d.clock.set('2026-12-05T04:00:00Z');
    assert.equal((await runStatusSweep(sys, LINKS)).reminded, 1);
    const { subject, body: reminder } = (await notifications(d.t.db)).at(-1)!;
    // A reminder, said so: under "Scheduled:" it read as the announcement again.
    assert.equal(subject, '[OpenMethods Status Page] Reminder: Database upgrade');
    assert.match(reminder, /^Database upgrade\nReminder: this maintenance starts at Sat Dec 5 2026 12:00 AM EST\.$/m);
    assert.match(reminder, /\n\nAffects: Email routing\.\n\n/);
    assert.doesNotMatch(reminder, /Under maintenance/);
    assert.equal((await runStatusSweep(sys, LINKS)).reminded, 0, 'a reminder is sent once');
    d.clock.set('2026-12-05T05:00:00Z');
    assert.equal((await runStatusSweep(sys, LINKS)).started, 1);
    assert.equal(await componentStatus(d.t.db, 'email-routing'), 'under_maintenance');
    d.clock.set('2026-12-05T07:00:01Z');
    assert.equal((await runStatusSweep(sys, LINKS)).completed, 1);
    assert.equal(await componentStatus(d.t.db, 'email-routing'), 'operational');
    const last4 = (await notifications(d.t.db)).slice(-4);
    assert.deepEqual(last4.map((n) => n.event), ['maintenance_rescheduled', 'maintenance_reminder', 'maintenance_started', 'maintenance_completed']);
    // Once it is in progress and once completed, the component's status is told as it is then.
    assert.match(last4[2].body, /\n\nComponents:\n- Email routing: Under maintenance\n\n/);
    assert.match(last4[3].body, /\n\nComponents:\n- Email routing: Operational\n\n/);
    await assert.rejects(rescheduleMaintenance({ ctx, input: { incidentId: m.id, scheduledFor: '2026-12-06T05:00:00Z', scheduledUntil: '2026-12-06T07:00:00Z' } }), { code: 'conflict' });
  });

  it('refuses a maintenance that ends before it starts, naming scheduled_until', async () => {
    await assert.rejects(
      scheduleMaintenance({ ctx: d.ctx(d.agent), input: { name: 'Backwards', body: 'x', scheduledFor: '2026-12-06T05:00:00Z', scheduledUntil: '2026-12-06T04:00:00Z' } }),
      (e: any) => e.code === 'invalid_input' && e.details[0].path === 'scheduledUntil',
    );
  });
});

describe('maintenance is scheduled ahead of time, not after it began (OpenMethods)', () => {
  let d: Desk;
  before(async () => {
    d = await openDesk('openmethods', '2026-12-02T10:00:00Z');
  });
  after(() => d.close());

  const maintenances = async () => (await d.t.db.query<{ name: string }>("SELECT name FROM status_incidents WHERE kind = 'maintenance' ORDER BY created_at, name")).rows.map((r) => r.name);

  it('refuses a start more than a minute before now, naming scheduledFor; nothing is written or told', async () => {
    const told = (await notifications(d.t.db)).length;
    // Now is 10:00:00; 09:58:59 is 61 seconds ago.
    await assert.rejects(
      scheduleMaintenance({ ctx: d.ctx(d.agent), input: { name: 'Already begun', body: 'x', scheduledFor: '2026-12-02T09:58:59Z', scheduledUntil: '2026-12-02T12:00:00Z' } }),
      (e: any) => e.code === 'invalid_input' && e.details.length === 1 && e.details[0].path === 'scheduledFor' && /is in the past/.test(e.details[0].message),
    );
    // Yesterday's window, whole: refused the same way.
    await assert.rejects(
      scheduleMaintenance({ ctx: d.ctx(d.agent), input: { name: 'Yesterday', body: 'x', scheduledFor: '2026-12-01T10:00:00Z', scheduledUntil: '2026-12-01T12:00:00Z' } }),
      (e: any) => e.code === 'invalid_input' && e.details[0].path === 'scheduledFor',
    );
    assert.deepEqual(await maintenances(), []);
    assert.equal((await notifications(d.t.db)).length, told);
  });

  it('takes a start up to a minute behind our clock (skew), and any start from now on', async () => {
    const skewed = await scheduleMaintenance({ ctx: d.ctx(d.agent), input: { name: 'Skewed clock', body: 'x', scheduledFor: '2026-12-02T09:59:00Z', scheduledUntil: '2026-12-02T11:00:00Z' } });
    assert.equal(skewed.status, 'scheduled');
    const now = await scheduleMaintenance({ ctx: d.ctx(d.agent), input: { name: 'Right now', body: 'x', scheduledFor: '2026-12-02T10:00:00Z', scheduledUntil: '2026-12-02T11:00:00Z' } });
    assert.equal(now.scheduledFor?.toString(), '2026-12-02T10:00:00Z');
    assert.deepEqual(await maintenances(), ['Right now', 'Skewed clock']);
  });

  it('refuses a reschedule into the past the same way, leaving the maintenance as it was', async () => {
    const m = await scheduleMaintenance({ ctx: d.ctx(d.agent), input: { name: 'Friday window', body: 'x', scheduledFor: '2026-12-04T10:00:00Z', scheduledUntil: '2026-12-04T11:00:00Z' } });
    d.clock.set('2026-12-03T10:00:00Z');
    await assert.rejects(
      rescheduleMaintenance({ ctx: d.ctx(d.agent), input: { incidentId: m.id, scheduledFor: '2026-12-03T09:00:00Z', scheduledUntil: '2026-12-03T11:00:00Z' } }),
      (e: any) => e.code === 'invalid_input' && e.details[0].path === 'scheduledFor',
    );
    const { rows: [row] } = await d.t.db.query<{ scheduled_for: Temporal.Instant; status: string }>('SELECT scheduled_for, status FROM status_incidents WHERE id = $1', [m.id]);
    assert.deepEqual([row.scheduled_for.toString(), row.status], ['2026-12-04T10:00:00Z', 'scheduled']);
  });
});

describe('which policies have a page', () => {
  it('OfficeSpace: maintenance only (scheduled outages), no incidents', async () => {
    const d = await openDesk('officespace');
    try {
      await assert.rejects(createIncident({ ctx: d.ctx(d.agent), input: { name: 'X', body: 'Y' } }), { code: 'conflict' });
      const m = await scheduleMaintenance({ ctx: d.ctx(d.agent), input: { name: 'Weekend outage', body: 'Planned.', scheduledFor: '2026-12-05T10:00:00Z', scheduledUntil: '2026-12-05T12:00:00Z' } });
      assert.equal(m.kind, 'maintenance');
    } finally {
      await d.close();
    }
  });

  it('OPS-COM and OpenBack: no status page (OPS-COM promises release notes, served by the knowledge base, not outage notices)', async () => {
    for (const name of ['opscom', 'openback']) {
      const d = await openDesk(name);
      try {
        await assert.rejects(scheduleMaintenance({ ctx: d.ctx(d.agent), input: { name: 'X', body: 'Y', scheduledFor: '2026-12-05T10:00:00Z', scheduledUntil: '2026-12-05T12:00:00Z' } }), { code: 'not_found' });
      } finally {
        await d.close();
      }
    }
  });

  it('OpenKey: no status page at all', async () => {
    const d = await openDesk('openkey');
    try {
      await assert.rejects(createIncident({ ctx: d.ctx(d.agent), input: { name: 'X', body: 'Y' } }), { code: 'not_found' });
    } finally {
      await d.close();
    }
  });
});
