// scheduleMaintenance: a planned window on some components; it starts and completes on its own
// at the scheduled times unless auto_transition is off (sweep.ts), and subscribers get a reminder
// `reminder_minutes` before the start. A window on days outside the policy's usual ones (OfficeSpace:
// "usually scheduled during weekends") is taken, and the answer says so (usual-window.ts).
import { randomUUID } from 'node:crypto';
import { actorId, ConflictError, InvalidInputError, parseInput, recordAudit, type Ctx } from '../platform/index.ts';
import { checkNotify, maintenanceComponents, mailsCustomers, notifySubscribers } from './notify.ts';
import { checkComponentIds, requireStatusPage, type StatusPageConfig } from './page-config.ts';
import { requireStatusWriter } from './permissions.ts';
import { ScheduleMaintenanceInput, type Entry } from './schemas.ts';
import { bumpRevision, insertUpdate, loadEntry, statusWrite } from './store.ts';
import { usualWindowNote, type UsualWindowNote } from './usual-window.ts';

/** A maintenance as scheduled, with whether its window falls outside the usual days (null: it does not, or the policy names none). */
export type ScheduledEntry = Entry & { outsideUsualWindow: UsualWindowNote | null };

export function requireMaintenance(page: StatusPageConfig): void {
  if (!page.publishes.maintenance) throw new ConflictError('This status page publishes no maintenance', [{ path: 'status_page.publishes', message: 'has no maintenance' }]);
}

// A start this far before now is still taken (as "now"): the clock of whoever typed it, or the
// seconds between a form's load and its post, may run behind ours. Anything earlier is refused:
// a window already begun would start at once, as if it had been announced beforehand.
export const SCHEDULE_GRACE_SECONDS = 60;

/** Refuses a start already in the past (beyond the grace), naming `scheduledFor`. */
export function checkNotPast(scheduledFor: Temporal.Instant, now: Temporal.Instant): void {
  if (Temporal.Instant.compare(scheduledFor, now.subtract({ seconds: SCHEDULE_GRACE_SECONDS })) >= 0) return;
  throw new InvalidInputError('Maintenance is scheduled ahead of time, not after it began', [
    { path: 'scheduledFor', message: `is in the past (${scheduledFor.toString()}, now ${now.round({ smallestUnit: 'second' }).toString()}): give a start from now on` },
  ]);
}

export function reminderAt(scheduledFor: Temporal.Instant, minutes: number | null): Temporal.Instant | null {
  return minutes === null ? null : scheduledFor.subtract({ minutes });
}

export async function scheduleMaintenance({ ctx, input }: { ctx: Ctx; input: ScheduleMaintenanceInput }): Promise<ScheduledEntry> {
  requireStatusWriter(ctx.actor, 'schedule maintenance');
  const v = parseInput(ScheduleMaintenanceInput, input);
  const page = await requireStatusPage(ctx.db);
  requireMaintenance(page);
  checkComponentIds(page, v.components, 'components');
  // The customers are mailed its scheduling where the policy says so: not to be skipped either.
  checkNotify(page, 'maintenance_scheduled', v.notify, mailsCustomers(page, { kind: 'maintenance', status: 'scheduled' }, 'maintenance_scheduled', 'scheduled'));
  const now = ctx.clock.now();
  checkNotPast(v.scheduledFor, now);
  const id = randomUUID();
  const components = [...new Set(v.components)];
  return statusWrite(ctx.db, async (tx) => {
    await tx.query(
      `INSERT INTO status_incidents (id, kind, name, status, impact, component_ids, scheduled_for, scheduled_until, auto_transition,
         reminder_minutes, reminder_at, created_at, updated_at, created_by)
       VALUES ($1, 'maintenance', $2, 'scheduled', 'maintenance', $3::jsonb, $4, $5, $6, $7, $8, $9, $9, $10)`,
      [id, v.name, JSON.stringify(components), v.scheduledFor, v.scheduledUntil, v.autoTransition, v.reminderMinutes,
        reminderAt(v.scheduledFor, v.reminderMinutes), now, actorId(ctx.actor)],
    );
    const affected = maintenanceComponents(page, components);
    await insertUpdate(tx, { incidentId: id, status: 'scheduled', body: v.body, notify: v.notify, affected: [], at: now, by: actorId(ctx.actor) });
    const entry = { id, name: v.name, kind: 'maintenance' as const, status: 'scheduled' as const, componentIds: components, scheduledFor: v.scheduledFor, scheduledUntil: v.scheduledUntil };
    if (v.notify) await notifySubscribers(tx, page, entry, { status: 'scheduled', body: v.body, affected }, 'maintenance_scheduled', now);
    await recordAudit(tx, { at: now, actor: ctx.actor, type: 'status_maintenance.scheduled', subjectKind: 'status_incident', subjectId: id, data: { name: v.name } });
    await bumpRevision(tx);
    return { ...(await loadEntry(tx, id))!, outsideUsualWindow: usualWindowNote(page, v.scheduledFor, v.scheduledUntil) };
  });
}
