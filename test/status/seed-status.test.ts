// The demo's status page: lived-in where the policy has a page, nothing where it has none.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seedStatus } from '../../src/demo/seed-status.ts';
import { publicState } from '../../src/status/index.ts';
import { openDesk } from '../support/desk.ts';

describe('seedStatus', () => {
  it('OpenMethods: a resolved incident with a postmortem, a hotfix, a completed and an upcoming maintenance', async () => {
    const d = await openDesk('openmethods', '2026-12-02T10:30:00Z');
    try {
      assert.equal(await seedStatus({ ctx: d.system }), 4);
      const s = await publicState({ ...d.system, actor: { kind: 'anonymous' } });
      assert.deepEqual(s.incidents.map((i) => [i.name, i.status, i.impact, i.hotfix]), [
        ['Hotfix without downtime (demo)', 'postmortem', 'none', true],
        ['Delayed routing (demo)', 'postmortem', 'major', false],
      ]);
      assert.ok(s.incidents.every((i) => i.postmortemBody));
      assert.deepEqual(s.upcoming.map((m) => [m.name, m.scheduledFor?.toString()]), [['Scheduled maintenance (demo)', '2026-12-07T10:00:00Z']]);
      assert.deepEqual(s.maintenances.map((m) => m.status), ['scheduled', 'completed']);
      assert.equal(s.status.indicator, 'none');
      // The uptime bars remember the partial outage (12 days ago) and the maintenance (20 days ago).
      const media = s.components.find((c) => c.id === 'media-bar')!;
      assert.equal(media.uptime.days.find((day) => day.date === '2026-11-20')!.worst, 'partial_outage');
      const email = s.components.find((c) => c.id === 'email-routing')!;
      assert.equal(email.uptime.days.find((day) => day.date === '2026-11-12')!.worst, 'under_maintenance');
    } finally {
      await d.close();
    }
  });

  it('OfficeSpace gets maintenance only; OpenKey, without a page, gets nothing', async () => {
    const office = await openDesk('officespace');
    try {
      assert.equal(await seedStatus({ ctx: office.system }), 2);
      const { rows } = await office.t.db.query<{ kind: string }>('SELECT DISTINCT kind FROM status_incidents');
      assert.deepEqual(rows.map((r) => r.kind), ['maintenance']);
    } finally {
      await office.close();
    }
    const key = await openDesk('openkey');
    try {
      assert.equal(await seedStatus({ ctx: key.system }), 0);
    } finally {
      await key.close();
    }
  });
});
