// The status sweep, run by a job every few seconds: maintenances due to start or complete move
// on their own (components to and from under maintenance), reminders due are claimed and
// enqueued once (`UPDATE ... WHERE reminded_at IS NULL`), then pending notifications are fanned
// out in batches. Every step reads "now" from ctx.clock, so tests move the clock.
import type { Ctx } from '../platform/index.ts';
import { fanOutPending, type FanOutSettings } from './fan-out.ts';
import { maintenanceComponents, notifySubscribers } from './notify.ts';
import { pageTime, statusPageOf } from './page-config.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { applyUpdate, lockEntry } from './post-update.ts';
import { loadEntry, statusWrite } from './store.ts';

export type SweepRun = { started: number; completed: number; reminded: number; queued: number };

const BATCH = 50;

export async function runStatusSweep(ctx: Ctx, settings: FanOutSettings): Promise<SweepRun> {
  const run: SweepRun = { started: 0, completed: 0, reminded: 0, queued: 0 };
  const page = statusPageOf((await activePolicy(ctx.db)).model);
  if (page) {
    const now = ctx.clock.now();
    const due = async (sql: string) => (await ctx.db.query<{ id: string }>(sql, [now])).rows.map((r) => r.id);
    const starts = `SELECT id FROM status_incidents WHERE status = 'scheduled' AND auto_transition AND scheduled_for <= $1
      ORDER BY scheduled_for LIMIT ${BATCH}`;
    for (const id of await due(starts)) {
      if (await moveIfDue(ctx, id, 'scheduled', 'in_progress')) run.started++;
    }
    const ends = `SELECT id FROM status_incidents WHERE status IN ('in_progress', 'verifying') AND auto_transition AND scheduled_until <= $1
      ORDER BY scheduled_until LIMIT ${BATCH}`;
    for (const id of await due(ends)) {
      if (await moveIfDue(ctx, id, null, 'completed')) run.completed++;
    }
    const reminders = `SELECT id FROM status_incidents WHERE status = 'scheduled' AND reminded_at IS NULL AND reminder_at <= $1 AND scheduled_for > $1
      ORDER BY reminder_at LIMIT ${BATCH}`;
    for (const id of await due(reminders)) {
      if (await remind(ctx, id)) run.reminded++;
    }
  }
  run.queued = await fanOutPending(ctx, settings);
  return run;

  async function moveIfDue(c: Ctx, id: string, from: string | null, to: 'in_progress' | 'completed'): Promise<boolean> {
    return statusWrite(c.db, async (tx) => {
      const entry = await lockEntry(tx, id);
      const now = c.clock.now();
      // Re-checked under the lock: another instance may have moved it, or an agent rescheduled it.
      const at = to === 'in_progress' ? entry.scheduledFor : entry.scheduledUntil;
      const still = from ? entry.status === from : entry.status === 'in_progress' || entry.status === 'verifying';
      if (!still || !entry.autoTransition || !at || Temporal.Instant.compare(at, now) > 0) return false;
      // A page that names what it announces in the vendor's word ("Scheduled Outages", plural as a
      // heading) is not given "Scheduled maintenance"; the update says only what happened.
      const term = page!.maintenanceTerm;
      const body = to === 'in_progress'
        ? term ? 'Started at its scheduled time.' : 'Scheduled maintenance is in progress.'
        : term ? 'Completed at its scheduled end.' : 'Scheduled maintenance has been completed.';
      await applyUpdate(c, tx, page!, entry, {
        status: to, body, components: [], notify: true, event: to === 'in_progress' ? 'maintenance_started' : 'maintenance_completed',
      });
      return true;
    });
  }

  async function remind(c: Ctx, id: string): Promise<boolean> {
    return c.db.transaction(async (tx) => {
      const now = c.clock.now();
      const { rows } = await tx.query('UPDATE status_incidents SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL RETURNING id', [id, now]);
      if (rows.length === 0) return false;
      const entry = (await loadEntry(tx, id))!;
      const affected = maintenanceComponents(page!, entry.componentIds);
      // The start only. The notice's "Scheduled for" line under it (notify.ts updateText) gives the
      // whole window, end included (a maintenance always has one, schemas.ts), so the end is said once;
      // and no "expected to last until": a hedge no seed writes (OpenMethods: the window "will be documented").
      // Said after its label, "Reminder: this maintenance starts at ..." (notify.ts SUBJECT_LABEL).
      const body = `this maintenance starts at ${pageTime(page!, entry.scheduledFor!)}.`;
      await notifySubscribers(tx, page!, entry, { status: 'scheduled', body, affected }, 'maintenance_reminder', now);
      return true;
    });
  }
}

