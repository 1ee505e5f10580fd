// createIncident: a new incident with its first update; components take the statuses given;
// subscribers are told unless notify is off (and the policy does not promise the notice).
import { randomUUID } from 'node:crypto';
import { actorId, ConflictError, parseInput, recordAudit, type Ctx } from '../platform/index.ts';
import { checkNotify, notifySubscribers } from './notify.ts';
import { checkComponentIds, requireStatusPage, type StatusPageConfig } from './page-config.ts';
import { requireStatusWriter } from './permissions.ts';
import { CreateIncidentInput, type Entry } from './schemas.ts';
import { applyComponentChanges, bumpRevision, insertUpdate, loadEntry } from './store.ts';

export function requireIncidents(page: StatusPageConfig): void {
  if (!page.publishes.incidents) {
    throw new ConflictError('This status page publishes maintenance only (the policy promises no incident notices)', [
      { path: 'status_page.publishes', message: 'has no incidents' },
    ]);
  }
}

/**
 * @example
 * await createIncident({ ctx, input: { name: 'Chat routing delays', body: 'We are investigating.', components: [{ id: 'chat-routing', status: 'degraded_performance' }] } });
 */
export async function createIncident({ ctx, input }: { ctx: Ctx; input: CreateIncidentInput }): Promise<Entry> {
  requireStatusWriter(ctx.actor, 'post incidents');
  const v = parseInput(CreateIncidentInput, input);
  const page = await requireStatusPage(ctx.db);
  requireIncidents(page);
  checkComponentIds(page, v.components.map((c) => c.id), 'components');
  checkNotify(page, 'incident_reported', v.notify);
  const now = ctx.clock.now();
  const id = randomUUID();
  const componentIds = [...new Set(v.components.map((c) => c.id))];
  return ctx.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO status_incidents (id, kind, name, status, impact, component_ids, started_at, monitoring_at, created_at, updated_at, created_by)
       VALUES ($1, 'incident', $2, $3, $4, $5::jsonb, $6, $7, $6, $6, $8)`,
      [id, v.name, v.status, v.impact, JSON.stringify(componentIds), now, v.status === 'monitoring' ? now : null, actorId(ctx.actor)],
    );
    const affected = await applyComponentChanges(tx, page, v.components, now, id);
    await insertUpdate(tx, { incidentId: id, status: v.status, body: v.body, notify: v.notify, affected, at: now, by: actorId(ctx.actor) });
    const entry = { id, name: v.name, kind: 'incident' as const, componentIds, scheduledFor: null, scheduledUntil: null };
    if (v.notify) await notifySubscribers(tx, page, entry, { status: v.status, body: v.body, affected }, 'incident_reported', now);
    await recordAudit(tx, { at: now, actor: ctx.actor, type: 'status_incident.created', subjectKind: 'status_incident', subjectId: id, data: { name: v.name, impact: v.impact } });
    await bumpRevision(tx);
    return (await loadEntry(tx, id))!;
  });
}
