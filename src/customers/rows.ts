// Row-to-view mapping: the only place that knows column names of the customers tables.
import type { Db } from '../platform/db.ts';
import { isUuid } from '../platform/ids.ts';
import { camelRow } from '../platform/rows.ts';
import type { Agent, ApiToken, Contact, Organization } from './schemas.ts';

const ORGANIZATION_FIELDS = ['id', 'name', 'plan_id', 'onboarding_state', 'existing_customer', 'unmet_requirements', 'designated_agents', 'notes', 'created_at'] as const;
export const ORGANIZATION_COLUMNS = ORGANIZATION_FIELDS.join(', ');
export const CONTACT_COLUMNS = 'id, organization_id, email, name, named_contact, time_zone, created_at, deactivated_at, erased_at';
/**
 * The contact's columns and whether mail reaches them (for a SELECT from `contacts`, unaliased):
 * the latest message to their address that was sent or refused for good (index of 0060); when it
 * was refused, or came back, the address is in trouble until a later message goes out unreturned.
 */
export const CONTACT_SELECT = `${CONTACT_COLUMNS}, ${mailUndeliveredTo('contacts.email')} AS mail_undelivered`;

/**
 * The latest mail to an address (SQL) that was sent or refused for good, when it was refused or came
 * back: a JSON object (how, kind, mail_at, reason), or null when mail reaches the address.
 */
export function mailUndeliveredTo(address: string): string {
  return `(SELECT jsonb_build_object('how', CASE WHEN o.bounced_at IS NOT NULL THEN 'bounced' ELSE 'failed' END, 'kind', o.kind, 'mail_at', o.created_at,
    'reason', left(coalesce(CASE WHEN o.bounced_at IS NOT NULL THEN o.bounce_reason END, o.last_error, o.bounce_reason, 'no reason given'), 1000))
  FROM (SELECT kind, status, created_at, bounced_at, bounce_reason, last_error FROM outbox
    WHERE recipient = ${address} AND status IN ('sent', 'failed') ORDER BY created_at DESC LIMIT 1) o
  WHERE o.bounced_at IS NOT NULL OR o.status = 'failed')`;
}
/**
 * Whether mail does not reach a contact (a WHERE condition on `contacts`, unaliased), as
 * CONTACT_SELECT's `mail_undelivered` tells it: only addresses that ever had mail refused or sent
 * back are looked at (index of 0062), then whether their latest mail was. Those still able to be
 * helped: not deactivated, not erased.
 */
export const MAIL_UNDELIVERED = `(contacts.deactivated_at IS NULL AND contacts.erased_at IS NULL
  AND contacts.email IN (SELECT recipient FROM outbox WHERE bounced_at IS NOT NULL OR status = 'failed')
  AND (SELECT o.bounced_at IS NOT NULL OR o.status = 'failed' FROM outbox o
    WHERE o.recipient = contacts.email AND o.status IN ('sent', 'failed') ORDER BY o.created_at DESC LIMIT 1))`;
export const AGENT_COLUMNS = 'id, email, name, role, created_at, deactivated_at, away_since, erased_at';

export function toOrganization(row: unknown): Organization {
  return camelRow(row, ORGANIZATION_FIELDS) satisfies Record<keyof Organization, unknown> as Organization;
}

/** The organization with this id, or null (an id of another shape names none); locked for an update if asked. */
export async function findOrganization(db: Db, id: string, forUpdate = false): Promise<Organization | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query(`SELECT ${ORGANIZATION_COLUMNS} FROM organizations WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toOrganization(rows[0]) : null;
}

export function toContact(row: any): Contact {
  return {
    id: row.id,
    organizationId: row.organization_id,
    email: row.email,
    name: row.name,
    namedContact: row.named_contact,
    timeZone: row.time_zone ?? null,
    createdAt: row.created_at,
    deactivatedAt: row.deactivated_at ?? null,
    erasedAt: row.erased_at ?? null,
    mailUndelivered: row.mail_undelivered
      ? { how: row.mail_undelivered.how, kind: row.mail_undelivered.kind, mailAt: Temporal.Instant.from(row.mail_undelivered.mail_at), reason: row.mail_undelivered.reason }
      : null,
  };
}

export function toAgent(row: any): Agent {
  return { id: row.id, email: row.email, name: row.name, role: row.role, createdAt: row.created_at, deactivatedAt: row.deactivated_at ?? null, awaySince: row.away_since ?? null, erasedAt: row.erased_at ?? null };
}

export const API_TOKEN_COLUMNS = 'id, prefix, name, agent_id, contact_id, created_at, expires_at, last_used_at, revoked_at, read_only, scopes';

export function toApiToken(row: any): ApiToken {
  return {
    id: row.id,
    prefix: row.prefix,
    name: row.name,
    owner: row.agent_id ? { kind: 'agent', id: row.agent_id } : { kind: 'contact', id: row.contact_id },
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    readOnly: row.read_only === true,
    scopes: row.scopes ?? null,
  };
}
