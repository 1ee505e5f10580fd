// rescheduleMaintenance: new times for a maintenance not yet completed; the reminder moves with
// it (and is sent again), and subscribers are told; the answer says whether the new window falls
// outside the policy's usual days, as a new one's does (schedule-maintenance.ts).
import { ConflictError, parseInput, recordAudit, type Ctx } from '../platform/index.ts';
import { checkNotify, maintenanceComponents, mailsCustomers, notifySubscribers } from './notify.ts';
import { pageSpan, requireStatusPage } from './page-config.ts';
import { requireStatusWriter } from './permissions.ts';
import { lockEntry } from './post-update.ts';
import { checkNotPast, reminderAt, type ScheduledEntry } from './schedule-maintenance.ts';
import { RescheduleMaintenanceInput } from './schemas.ts';
import { bumpRevision, insertUpdate, loadEntry, statusWrite } from './store.ts';
import { usualWindowNote } from './usual-window.ts';

export async function rescheduleMaintenance({ ctx, input }: { ctx: Ctx; input: RescheduleMaintenanceInput }): Promise<ScheduledEntry> {
  requireStatusWriter(ctx.actor, 'reschedule maintenance');
  const v = parseInput(RescheduleMaintenanceInput, input);
  const page = await requireStatusPage(ctx.db);
  return statusWrite(ctx.db, async (tx) => {
    const entry = await lockEntry(tx, v.incidentId);
    if (entry.kind !== 'maintenance') throw new ConflictError('Only a maintenance is rescheduled', [{ path: 'incident_id', message: 'is an incident' }]);
    if (entry.status !== 'scheduled') {
      throw new ConflictError(`A maintenance that is ${entry.status} is not rescheduled; post an update instead`, [{ path: 'status', message: entry.status }]);
    }
    // A new time is an update of the page: promised wherever updates are, and mailed to the
    // customers who were mailed the old one (notify.ts mailsCustomers).
    checkNotify(page, 'maintenance_updated', v.notify, mailsCustomers(page, entry, 'maintenance_rescheduled', 'scheduled'));
    const now = ctx.clock.now();
    // Moved into the past, it would start at once: refused as a new one is. A start left as it was
    // (a manual window running late, only its end extended) is no move.
    if (!entry.scheduledFor || !v.scheduledFor.equals(entry.scheduledFor)) checkNotPast(v.scheduledFor, now);
    // The window said as its notice's "Scheduled for" line says it (notify.ts scheduledLine). Only new
    // updates read so: those stored with both times in full stay as they were written.
    const span = `${pageSpan(page, v.scheduledFor, v.scheduledUntil)}.`;
    const body = v.body ?? `Rescheduled: ${span}`;
    await tx.query(
      `UPDATE status_incidents SET scheduled_for = $2, scheduled_until = $3, reminder_at = $4, reminded_at = NULL, updated_at = $5 WHERE id = $1`,
      [entry.id, v.scheduledFor, v.scheduledUntil, reminderAt(v.scheduledFor, entry.reminderMinutes), now],
    );
    await insertUpdate(tx, { incidentId: entry.id, status: 'scheduled', body, notify: v.notify, affected: [], at: now, by: null });
    const moved = { ...entry, scheduledFor: v.scheduledFor, scheduledUntil: v.scheduledUntil };
    // The components it will take, named in the notice as at its scheduling (notify.ts updateText).
    const affected = maintenanceComponents(page, entry.componentIds);
    // The notice says "Rescheduled:" itself (notify.ts SUBJECT_LABEL): its line is not said twice.
    if (v.notify) await notifySubscribers(tx, page, moved, { status: 'scheduled', body: v.body ?? span, affected }, 'maintenance_rescheduled', now);
    await recordAudit(tx, {
      at: now, actor: ctx.actor, type: 'status_maintenance.rescheduled', subjectKind: 'status_incident', subjectId: entry.id,
      data: { from: [entry.scheduledFor?.toString(), entry.scheduledUntil?.toString()], to: [v.scheduledFor.toString(), v.scheduledUntil.toString()] },
    });
    await bumpRevision(tx);
    return { ...(await loadEntry(tx, entry.id))!, outsideUsualWindow: usualWindowNote(page, v.scheduledFor, v.scheduledUntil) };
  });
}
