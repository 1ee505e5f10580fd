// recordHotfix: a hotfix applied without downtime, documented as a resolved incident with impact
// none and its postmortem published at once (OpenMethods: "documented as a POSTMORTEM event").
import { randomUUID } from 'node:crypto';
import { actorId, parseInput, recordAudit, type Ctx } from '../platform/index.ts';
import { requireIncidents } from './create-incident.ts';
import { checkNotify, notifySubscribers } from './notify.ts';
import { checkComponentIds, componentName, requireStatusPage } from './page-config.ts';
import { requireStatusWriter } from './permissions.ts';
import { RecordHotfixInput, type Entry } from './schemas.ts';
import { bumpRevision, insertUpdate, loadEntry, statusWrite } from './store.ts';

export async function recordHotfix({ ctx, input }: { ctx: Ctx; input: RecordHotfixInput }): Promise<Entry> {
  requireStatusWriter(ctx.actor, 'record hotfixes');
  const v = parseInput(RecordHotfixInput, input);
  const page = await requireStatusPage(ctx.db);
  requireIncidents(page);
  checkComponentIds(page, v.components, 'components');
  checkNotify(page, 'hotfix_postmortem', v.notify);
  const now = ctx.clock.now();
  const id = randomUUID();
  const components = [...new Set(v.components)];
  return statusWrite(ctx.db, async (tx) => {
    await tx.query(
      `INSERT INTO status_incidents (id, kind, name, status, impact, hotfix, component_ids, started_at, resolved_at,
         postmortem_body, postmortem_published_at, created_at, updated_at, created_by)
       VALUES ($1, 'incident', $2, 'postmortem', 'none', true, $3::jsonb, $4, $4, $5, $4, $4, $4, $6)`,
      [id, v.name, JSON.stringify(components), now, v.postmortem, actorId(ctx.actor)],
    );
    // No downtime: the components are named, their statuses untouched (operational before and after).
    const affected = components.map((c) => ({ code: c, name: componentName(page, c), oldStatus: 'operational' as const, newStatus: 'operational' as const }));
    await insertUpdate(tx, { incidentId: id, status: 'resolved', body: v.body, notify: v.notify, affected, at: now, by: actorId(ctx.actor) });
    const entry = { id, name: v.name, kind: 'incident' as const, componentIds: components, scheduledFor: null, scheduledUntil: null };
    if (v.notify) {
      // "documented as a POSTMORTEM event": a postmortem by its subject, its first line what was fixed, as the
      // public page says it ("Hotfix"), then the postmortem and the components fixed (their statuses untouched).
      const fixed = affected.length > 0 ? `\n\nComponents fixed: ${affected.map((a) => a.name).join(', ')}.` : '';
      const body = `${v.body}\n\nPostmortem:\n${v.postmortem}${fixed}`;
      await notifySubscribers(tx, page, entry, { status: 'postmortem', label: 'Hotfix', body, affected: [] }, 'hotfix_postmortem', now);
    }
    await recordAudit(tx, { at: now, actor: ctx.actor, type: 'status_incident.hotfix_recorded', subjectKind: 'status_incident', subjectId: id, data: { name: v.name } });
    await bumpRevision(tx);
    return (await loadEntry(tx, id))!;
  });
}
