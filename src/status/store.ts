// Rows of the status page and the reads and writes the verbs share: entries (incidents and
// maintenances) with their timelines, component statuses and their history, the revision that
// public caches key on.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/index.ts';
import { componentName, type StatusPageConfig } from './page-config.ts';
import type { AffectedComponent, ComponentStatus, Entry, EntryUpdate } from './schemas.ts';

type Row = Record<string, any>;

export const ENTRY_COLUMNS = `id, kind, name, status, impact, hotfix, component_ids, scheduled_for, scheduled_until, auto_transition,
  reminder_minutes, started_at, monitoring_at, resolved_at, postmortem_body, postmortem_published_at, created_at, updated_at`;

function toUpdate(r: Row): EntryUpdate {
  return {
    id: r.id,
    incidentId: r.incident_id,
    status: r.status,
    body: r.body,
    notify: r.notify,
    affectedComponents: (r.affected_components as Array<Record<string, string>>).map((a) => ({
      code: a.code, name: a.name, oldStatus: a.old_status as ComponentStatus, newStatus: a.new_status as ComponentStatus,
    })),
    createdAt: r.created_at,
  };
}

function toEntry(r: Row, updates: EntryUpdate[], ticketIds: string[]): Entry {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    status: r.status,
    impact: r.impact,
    hotfix: r.hotfix,
    componentIds: r.component_ids,
    scheduledFor: r.scheduled_for,
    scheduledUntil: r.scheduled_until,
    autoTransition: r.auto_transition,
    reminderMinutes: r.reminder_minutes,
    startedAt: r.started_at,
    monitoringAt: r.monitoring_at,
    resolvedAt: r.resolved_at,
    postmortemBody: r.postmortem_body,
    postmortemPublishedAt: r.postmortem_published_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    updates,
    ticketIds,
  };
}

/** Entries chosen by a WHERE clause (on status_incidents), with their updates and linked tickets. */
export async function loadEntries(db: Db, where: string, params: unknown[], order = 'created_at DESC, id', limit = 1000): Promise<Entry[]> {
  const { rows } = await db.query<Row>(`SELECT ${ENTRY_COLUMNS} FROM status_incidents WHERE ${where} ORDER BY ${order} LIMIT ${limit}`, params);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const idList = JSON.stringify(ids);
  const updates = await db.query<Row>(
    `SELECT id, incident_id, status, body, notify, affected_components, created_at FROM status_incident_updates
     WHERE incident_id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb)) ORDER BY created_at, seq`,
    [idList],
  );
  const tickets = await db.query<{ incident_id: string; ticket_id: string }>(
    `SELECT incident_id, ticket_id FROM status_incident_tickets
     WHERE incident_id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb)) ORDER BY linked_at, ticket_id`,
    [idList],
  );
  const byEntry = new Map<string, EntryUpdate[]>();
  for (const u of updates.rows) byEntry.set(u.incident_id, [...(byEntry.get(u.incident_id) ?? []), toUpdate(u)]);
  const ticketsOf = new Map<string, string[]>();
  for (const t of tickets.rows) ticketsOf.set(t.incident_id, [...(ticketsOf.get(t.incident_id) ?? []), t.ticket_id]);
  return rows.map((r) => toEntry(r, byEntry.get(r.id) ?? [], ticketsOf.get(r.id) ?? []));
}

export async function loadEntry(db: Db, id: string): Promise<Entry | null> {
  return (await loadEntries(db, 'id = $1', [id]))[0] ?? null;
}

/** The current status of every component the page names (no row: operational). */
export async function componentStatuses(db: Db, page: StatusPageConfig): Promise<Map<string, { status: ComponentStatus; updatedAt: Temporal.Instant | null }>> {
  const { rows } = await db.query<{ id: string; status: ComponentStatus; updated_at: Temporal.Instant }>('SELECT id, status, updated_at FROM status_components');
  const stored = new Map(rows.map((r) => [r.id, r]));
  return new Map(page.components.map((c) => {
    const r = stored.get(c.id);
    return [c.id, { status: r?.status ?? 'operational', updatedAt: r?.updated_at ?? null }];
  }));
}

/**
 * Sets components' statuses in the caller's transaction (rows locked), records each change in
 * the history, and returns what changed in Statuspage's `affected_components` shape.
 */
export async function applyComponentChanges(
  tx: Db,
  page: StatusPageConfig,
  changes: ReadonlyArray<{ id: string; status: ComponentStatus }>,
  at: Temporal.Instant,
  incidentId: string | null,
): Promise<AffectedComponent[]> {
  const out: AffectedComponent[] = [];
  for (const change of changes) {
    // Insert-or-lock: the row exists after this, and the UPDATE below holds its lock.
    await tx.query(
      `INSERT INTO status_components (id, status, updated_at) VALUES ($1, 'operational', $2) ON CONFLICT (id) DO NOTHING`,
      [change.id, at],
    );
    const { rows } = await tx.query<{ status: ComponentStatus }>('SELECT status FROM status_components WHERE id = $1 FOR UPDATE', [change.id]);
    const old = rows[0].status;
    out.push({ code: change.id, name: componentName(page, change.id), oldStatus: old, newStatus: change.status });
    if (old === change.status) continue;
    await tx.query('UPDATE status_components SET status = $2, updated_at = $3 WHERE id = $1', [change.id, change.status, at]);
    await tx.query(
      'INSERT INTO status_component_events (id, component_id, status, at, incident_id) VALUES ($1, $2, $3, $4, $5)',
      [randomUUID(), change.id, change.status, at, incidentId],
    );
  }
  return out;
}

export async function insertUpdate(
  tx: Db,
  u: { incidentId: string; status: string; body: string; notify: boolean; affected: AffectedComponent[]; at: Temporal.Instant; by: string | null },
): Promise<EntryUpdate> {
  const affected = u.affected.map((a) => ({ code: a.code, name: a.name, old_status: a.oldStatus, new_status: a.newStatus }));
  const { rows } = await tx.query<Row>(
    `INSERT INTO status_incident_updates (id, incident_id, status, body, notify, affected_components, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) RETURNING id, incident_id, status, body, notify, affected_components, created_at`,
    [randomUUID(), u.incidentId, u.status, u.body, u.notify, JSON.stringify(affected), u.at, u.by],
  );
  return toUpdate(rows[0]);
}

/** Writes made by this process: its public cache is dropped at once (other instances' within a second). */
let localWrites = 0;
export function localStatusWrites(): number {
  return localWrites;
}

/** Every status write calls this in its transaction, so cached public reads are dropped. */
export async function bumpRevision(tx: Db): Promise<void> {
  await tx.query('INSERT INTO status_revision (id, revision) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET revision = status_revision.revision + 1');
  // Counted now and again after the commit (statusWrite): a rollback costs one needless reload.
  localWrites++;
}

/**
 * A status write's transaction, counted again once it has committed: a reader that looked
 * between the count in bumpRevision and the commit (and cached what it saw) reloads.
 */
export async function statusWrite<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  const result = await db.transaction(fn);
  localWrites++;
  return result;
}

export async function currentRevision(db: Db): Promise<number> {
  const { rows } = await db.query<{ revision: number }>('SELECT revision FROM status_revision WHERE id = 1');
  return rows.length === 0 ? 0 : Number(rows[0].revision);
}
