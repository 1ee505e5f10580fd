// The audit trail for writes outside a ticket (organizations, contacts, agents, tokens, webhooks, articles, on-call
// rotations and overrides, training grants and sessions, the status page's entries, components, subscribers and notices).
// Ticket writes record their history in ticket_events instead. Always called inside the
// verb's transaction, so a write and its history row commit together.
import { randomUUID } from 'node:crypto';
import { actorId } from './context.ts';
import type { Actor } from './context.ts';
import type { Db } from './db.ts';

/** What an audit entry can be about (the audit page's filter lists them all). */
export const AUDIT_SUBJECT_KINDS = [
  'organization', 'contact', 'agent', 'api_token', 'policy', 'webhook', 'article', 'oncall_rotation', 'oncall_override',
  'training_grant', 'training_session', 'status_incident', 'status_component', 'status_subscriber', 'status_notice',
  'canned_response', 'saved_view', 'side_conversation', 'blocked_sender',
] as const;
export type AuditSubjectKind = (typeof AUDIT_SUBJECT_KINDS)[number];

export interface AuditEntry {
  at: Temporal.Instant;
  actor: Actor;
  /** `noun.verbed`, e.g. `contact.created`. */
  type: string;
  subjectKind: AuditSubjectKind;
  subjectId: string;
  organizationId?: string | null;
  data?: Record<string, unknown>;
}

export async function recordAudit(tx: Db, entry: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_events (id, at, actor_kind, actor_id, type, subject_kind, subject_id, organization_id, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
    [
      randomUUID(),
      entry.at,
      entry.actor.kind,
      actorId(entry.actor),
      entry.type,
      entry.subjectKind,
      entry.subjectId,
      entry.organizationId ?? null,
      JSON.stringify(entry.data ?? {}),
    ],
  );
}
