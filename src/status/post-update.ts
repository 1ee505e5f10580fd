// postUpdate: the next step of an incident (investigating, identified, monitoring, resolved) or
// a maintenance (scheduled, in progress, verifying, completed), with its body and component
// statuses. Resolving an incident or completing a maintenance returns its components to
// operational unless the update says otherwise; resolution is always told to linked tickets.
import { actorId, ConflictError, NotFoundError, parseInput, recordAudit, type Ctx, type Db } from '../platform/index.ts';
import { canMove, isClosedStatus } from './derive.ts';
import { notifyLinkedTickets } from './linked-ticket-mail.ts';
import { checkNotify, eventOfUpdate, mailsCustomers, notifySubscribers } from './notify.ts';
import { checkComponentIds, requireStatusPage, type StatusPageConfig } from './page-config.ts';
import { requireStatusWriter } from './permissions.ts';
import { PostUpdateInput, type ComponentStatus, type Entry } from './schemas.ts';
import { applyComponentChanges, bumpRevision, insertUpdate, loadEntry, statusWrite } from './store.ts';

/**
 * @example
 * await postUpdate({ ctx, input: { incidentId, status: 'resolved', body: 'Fixed; all chats are routed again.' } });
 */
export async function postUpdate({ ctx, input }: { ctx: Ctx; input: PostUpdateInput }): Promise<Entry> {
  requireStatusWriter(ctx.actor, 'post status updates');
  const v = parseInput(PostUpdateInput, input);
  const page = await requireStatusPage(ctx.db);
  checkComponentIds(page, v.components.map((c) => c.id), 'components');
  return statusWrite(ctx.db, async (tx) => {
    const entry = await lockEntry(tx, v.incidentId);
    const event = eventOfUpdate(entry, v.status, false);
    checkNotify(page, event, v.notify, mailsCustomers(page, entry, event, v.status));
    return applyUpdate(ctx, tx, page, entry, { ...v, event });
  });
}

export async function lockEntry(tx: Db, id: string): Promise<Entry> {
  const { rows } = await tx.query('SELECT id FROM status_incidents WHERE id = $1 FOR UPDATE', [id]);
  if (rows.length === 0) throw new NotFoundError('No such incident or maintenance');
  return (await loadEntry(tx, id))!;
}

type UpdateStep = {
  status: string;
  body: string;
  impact?: string;
  components: ReadonlyArray<{ id: string; status: ComponentStatus }>;
  notify: boolean;
  notifyTickets?: boolean;
  event: ReturnType<typeof eventOfUpdate>;
};

/** The shared step: move the entry, set components, write the update, notify. Used by the sweep too. */
export async function applyUpdate(
  ctx: Ctx,
  tx: Db,
  page: StatusPageConfig,
  entry: Entry,
  v: UpdateStep,
): Promise<Entry> {
  if (!canMove(entry.kind, entry.status, v.status)) {
    throw new ConflictError(`A ${entry.kind} that is ${entry.status} cannot move to ${v.status}`, [
      { path: 'status', message: `not allowed from ${entry.status}` },
    ]);
  }
  const now = ctx.clock.now();
  const closing = isClosedStatus(v.status);
  const starting = entry.kind === 'maintenance' && v.status === 'in_progress';
  // Components the update does not name: under maintenance when one starts, back to operational when it closes.
  const named = new Set(v.components.map((c) => c.id));
  const implied: Array<{ id: string; status: ComponentStatus }> = starting || closing
    ? entry.componentIds.filter((id) => !named.has(id)).map((id) => ({ id, status: starting ? 'under_maintenance' : 'operational' }))
    : [];
  const affected = await applyComponentChanges(tx, page, [...v.components, ...implied], now, entry.id);
  const componentIds = [...new Set([...entry.componentIds, ...named])];
  await tx.query(
    `UPDATE status_incidents SET status = $2, impact = COALESCE($3, impact), component_ids = $4::jsonb, updated_at = $5,
       started_at = CASE WHEN $6 THEN $5 ELSE started_at END,
       monitoring_at = CASE WHEN $2 = 'monitoring' AND monitoring_at IS NULL THEN $5 ELSE monitoring_at END,
       resolved_at = CASE WHEN $7 THEN $5 ELSE resolved_at END
     WHERE id = $1`,
    [entry.id, v.status, v.impact ?? null, JSON.stringify(componentIds), now, starting, closing],
  );
  const update = await insertUpdate(tx, { incidentId: entry.id, status: v.status, body: v.body, notify: v.notify, affected, at: now, by: actorIdOrNull(ctx) });
  const moved = { ...entry, componentIds };
  const notice = v.notify ? await notifySubscribers(tx, page, moved, { status: v.status, body: v.body, affected }, v.event, now) : null;
  if (entry.kind === 'incident' && (v.notifyTickets || closing)) await notifyLinkedTickets(tx, page, moved, update, notice);
  await recordAudit(tx, {
    at: now, actor: ctx.actor, type: 'status_incident.updated', subjectKind: 'status_incident', subjectId: entry.id,
    data: { from: entry.status, to: v.status },
  });
  await bumpRevision(tx);
  return (await loadEntry(tx, entry.id))!;
}

function actorIdOrNull(ctx: Ctx): string | null {
  return actorId(ctx.actor);
}
