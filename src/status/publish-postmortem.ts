// publishPostmortem: the write-up of a resolved incident; the incident's status becomes
// `postmortem` (Statuspage's) and subscribers are told (a hotfix's postmortem is promised by
// OpenMethods: "documented as a POSTMORTEM event").
import { ConflictError, parseInput, recordAudit, type Ctx } from '../platform/index.ts';
import { checkNotify, notifySubscribers } from './notify.ts';
import { requireStatusPage } from './page-config.ts';
import { requireStatusWriter } from './permissions.ts';
import { lockEntry } from './post-update.ts';
import { PublishPostmortemInput, type Entry } from './schemas.ts';
import { bumpRevision, loadEntry } from './store.ts';

export async function publishPostmortem({ ctx, input }: { ctx: Ctx; input: PublishPostmortemInput }): Promise<Entry> {
  requireStatusWriter(ctx.actor, 'publish postmortems');
  const v = parseInput(PublishPostmortemInput, input);
  const page = await requireStatusPage(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const entry = await lockEntry(tx, v.incidentId);
    if (entry.kind !== 'incident' || (entry.status !== 'resolved' && entry.status !== 'postmortem')) {
      throw new ConflictError('A postmortem is published on a resolved incident', [{ path: 'incident_id', message: `is ${entry.kind} ${entry.status}` }]);
    }
    const event = entry.hotfix ? 'hotfix_postmortem' : 'postmortem';
    checkNotify(page, event, v.notify);
    const now = ctx.clock.now();
    await tx.query(
      `UPDATE status_incidents SET status = 'postmortem', postmortem_body = $2, postmortem_published_at = $3, updated_at = $3 WHERE id = $1`,
      [entry.id, v.body, now],
    );
    if (v.notify) await notifySubscribers(tx, page, entry, { status: 'postmortem', body: v.body, affected: [] }, event, now);
    await recordAudit(tx, { at: now, actor: ctx.actor, type: 'status_incident.postmortem_published', subjectKind: 'status_incident', subjectId: entry.id });
    await bumpRevision(tx);
    return (await loadEntry(tx, entry.id))!;
  });
}
