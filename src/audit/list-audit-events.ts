// Reading the audit trail: every write outside a ticket leaves a row (platform/audit.ts: people,
// tokens, webhooks, the policy, on-call, training, the status page...), and admins read them here,
// newest first, by what changed (subject), by whom (actor), by kind of change (`type`, or its
// noun: "contact" finds contact.created, contact.deactivated...) and by period. A ticket's own
// history is its timeline, not this.
import { z } from 'zod';
import { requireAgentRole } from '../customers/index.ts';
import { decodeKey, encodeKey, StoredInstant, type Page } from '../platform/pagination.ts';
import { conditions } from '../platform/conditions.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';

export type AuditEvent = {
  id: string;
  at: Temporal.Instant;
  actor: { kind: 'agent' | 'contact' | 'system'; id: string | null; name: string | null };
  type: string;
  subjectKind: string;
  subjectId: string;
  organizationId: string | null;
  data: Record<string, unknown>;
};

export const ListAuditEventsInput = z.strictObject({
  /** A type ("contact.deactivated") or its noun ("contact"). */
  type: z.string().trim().max(100).regex(/^[a-z_]+(\.[a-z_]+)?$/, 'a type such as contact.deactivated, or its noun such as contact').optional(),
  subjectKind: z.string().trim().max(50).regex(/^[a-z_]+$/, 'a kind such as agent, contact or policy').optional(),
  subjectId: z.uuid().optional(),
  actorId: z.uuid().optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(500).optional(),
});
export type ListAuditEventsInput = z.input<typeof ListAuditEventsInput>;

const Key = z.strictObject({ at: StoredInstant, id: z.uuid() });

type Row = {
  id: string; at: Temporal.Instant; actor_kind: 'agent' | 'contact' | 'system'; actor_id: string | null; actor_name: string | null;
  type: string; subject_kind: string; subject_id: string; organization_id: string | null; data: Record<string, unknown>;
};

/** Admins: the audit trail, newest first. */
export async function listAuditEvents({ ctx, input }: { ctx: Ctx; input: ListAuditEventsInput }): Promise<Page<AuditEvent>> {
  requireAgentRole(ctx.actor, ['admin'], 'read the audit trail');
  const v = parseInput(ListAuditEventsInput, input);
  const after = v.cursor ? decodeKey(Key, v.cursor) : null;
  const params: unknown[] = [];
  const { where, add } = conditions(params);
  if (after) {
    params.push(Temporal.Instant.from(after.at), after.id);
    where.push(`(e.at, e.id) < ($${params.length - 1}, $${params.length}::uuid)`);
  }
  if (v.type) add(v.type.includes('.') ? 'e.type = ?' : "split_part(e.type, '.', 1) = ?", v.type);
  if (v.subjectKind) add('e.subject_kind = ?', v.subjectKind);
  if (v.subjectId) add('e.subject_id = ?', v.subjectId);
  if (v.actorId) add('e.actor_id = ?', v.actorId);
  if (v.since) add('e.at >= ?', Temporal.Instant.from(v.since));
  if (v.until) add('e.at < ?', Temporal.Instant.from(v.until));
  params.push(v.limit + 1);
  const { rows } = await ctx.db.query<Row>(
    `SELECT e.id, e.at, e.actor_kind, e.actor_id, coalesce(a.name, c.name) AS actor_name, e.type, e.subject_kind, e.subject_id, e.organization_id, e.data
     FROM audit_events e
     LEFT JOIN agents a ON e.actor_kind = 'agent' AND a.id = e.actor_id
     LEFT JOIN contacts c ON e.actor_kind = 'contact' AND c.id = e.actor_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY e.at DESC, e.id DESC LIMIT $${params.length}`,
    params,
  );
  const items = rows.slice(0, v.limit).map((r): AuditEvent => ({
    id: r.id, at: r.at, actor: { kind: r.actor_kind, id: r.actor_id, name: r.actor_name }, type: r.type,
    subjectKind: r.subject_kind, subjectId: r.subject_id, organizationId: r.organization_id, data: r.data ?? {},
  }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > v.limit && last ? encodeKey({ at: last.at.toString(), id: last.id }) : null };
}
