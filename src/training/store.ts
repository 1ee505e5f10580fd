// The training tables: column lists, row mapping, the reads the verbs share, and the grant both
// granting verbs write. The only place that knows their column names.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../platform/audit.ts';
import { NotFoundError } from '../platform/errors.ts';
import { actorId, type Actor, type Ctx } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { hoursOf, type GrantLot } from './ledger.ts';
import type { TrainingGrant } from './schemas.ts';

export const GRANT_COLUMNS = `id, organization_id, minutes, reason, source, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
  to_char(valid_until, 'YYYY-MM-DD') AS valid_until, created_at`;

export const SESSION_COLUMNS = `id, organization_id, to_char(session_date, 'YYYY-MM-DD') AS session_date, minutes, agent_id, notes,
  overdraft_minutes, override_reason, created_at`;

export function toGrant(row: any): TrainingGrant {
  return {
    id: row.id,
    organizationId: row.organization_id,
    hours: hoursOf(row.minutes),
    reason: row.reason,
    source: row.source,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    createdAt: row.created_at,
  };
}

export type OrganizationRow = { id: string; name: string; plan_id: string };

/** A grant to record: a plan's (its hours for a year) names the plan, the year and the policy version it read. */
export type NewGrant = {
  minutes: number; reason: string; source: TrainingGrant['source']; validFrom: string; validUntil: string;
  plan?: { id: string; year: number; policyVersion: number };
};

/**
 * Records a grant on the organization's ledger, with its audit event (`data`: what the event says
 * of the grant), in the caller's transaction.
 */
export async function insertGrant(
  tx: Db, ctx: Ctx, now: Temporal.Instant, organizationId: string, g: NewGrant, data: (grant: TrainingGrant) => Record<string, unknown>,
): Promise<TrainingGrant> {
  const { rows } = await tx.query(
    `INSERT INTO training_grants (id, organization_id, minutes, reason, source, valid_from, valid_until, plan_id, plan_year,
       policy_version, actor_kind, actor_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6::date, $7::date, $8, $9, $10, $11, $12, $13) RETURNING ${GRANT_COLUMNS}`,
    [
      randomUUID(), organizationId, g.minutes, g.reason, g.source, g.validFrom, g.validUntil,
      g.plan?.id ?? null, g.plan?.year ?? null, g.plan?.policyVersion ?? null, ctx.actor.kind, actorId(ctx.actor), now,
    ],
  );
  const grant = toGrant(rows[0]);
  await recordAudit(tx, {
    at: now, actor: ctx.actor, type: 'training_grant.granted', subjectKind: 'training_grant', subjectId: grant.id, organizationId, data: data(grant),
  });
  return grant;
}

/**
 * The organization whose ledger is read or written. A contact reaches only its own: any other
 * is "not found", like a missing one. `forUpdate` serialises writes to one ledger.
 */
export async function organizationForActor(tx: Db, actor: Actor, organizationId: string, forUpdate = false): Promise<OrganizationRow> {
  const notFound = () => new NotFoundError('Organization not found', [{ path: 'organizationId', message: 'no such organization' }]);
  if (actor.kind === 'contact' && actor.organizationId !== organizationId) throw notFound();
  const { rows } = await tx.query<OrganizationRow>(`SELECT id, name, plan_id FROM organizations WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [
    organizationId,
  ]);
  if (!rows[0]) throw notFound();
  return rows[0];
}

/** The grants valid on `date`, with what each still holds, in the order they were granted. */
export async function lotsOn(tx: Db, organizationId: string, date: string): Promise<Array<GrantLot & { grant: TrainingGrant }>> {
  const { rows } = await tx.query<any>(
    `SELECT ${GRANT_COLUMNS},
       minutes - coalesce((SELECT sum(c.minutes) FROM training_charges c WHERE c.grant_id = g.id), 0) AS remaining_minutes
     FROM training_grants g
     WHERE organization_id = $1 AND valid_from <= $2::date AND valid_until >= $2::date
     ORDER BY created_at, id`,
    [organizationId, date],
  );
  return rows.map((row) => ({
    id: row.id,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    remainingMinutes: Number(row.remaining_minutes),
    grant: toGrant(row),
  }));
}

/** Today's date where the organization is served: the time zone of its plan's support hours (UTC without one). */
export async function todayFor(tx: Db, organization: OrganizationRow, now: Temporal.Instant): Promise<string> {
  let zone = 'UTC';
  const { rows } = await tx.query('SELECT 1 FROM policy_versions WHERE activated_at IS NOT NULL LIMIT 1');
  if (rows.length > 0) {
    const { model } = await activePolicy(tx);
    const calendar = model.calendars.get(model.plans.get(organization.plan_id)?.calendar ?? '');
    if (calendar) zone = calendar.time_zone;
  }
  return now.toZonedDateTimeISO(zone).toPlainDate().toString();
}

/** "1 hour", "2.5 hours": for messages. */
export function hoursText(minutes: number): string {
  const hours = hoursOf(minutes);
  return `${Number.isInteger(hours) ? hours : Number(hours.toFixed(2))} ${Math.abs(hours) === 1 ? 'hour' : 'hours'}`;
}
