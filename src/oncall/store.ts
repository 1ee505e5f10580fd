// The on-call tables: column lists, row mapping and the reads every verb shares. The only
// place that knows their column names.
import { InvalidInputError, NotFoundError } from '../platform/errors.ts';
import type { Db } from '../platform/db.ts';
import { camelRow } from '../platform/rows.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { onCallAt, rotationShiftAt, type OnCallShift, type OverrideSpan } from './on-call-at.ts';
import type { Override, Rotation, Shift } from './schemas.ts';

export const ROTATION_COLUMNS = `r.id, r.name, r.time_zone, r.handover_time, r.cadence, r.handover_weekday,
  to_char(r.start_date, 'YYYY-MM-DD') AS start_date, r.after_hours_rule_ids, r.created_at, r.updated_at,
  (SELECT coalesce(jsonb_agg(m.agent_id ORDER BY m.position), '[]'::jsonb)
     FROM oncall_rotation_members m WHERE m.rotation_id = r.id) AS members`;

const OVERRIDE_FIELDS = ['id', 'rotation_id', 'agent_id', 'starts_at', 'ends_at', 'reason', 'created_by', 'created_at'] as const;
export const OVERRIDE_COLUMNS = OVERRIDE_FIELDS.join(', ');

/** A rotation's fields, as ROTATION_COLUMNS names them. */
const ROTATION_FIELDS = [
  'id', 'name', 'time_zone', 'handover_time', 'cadence', 'handover_weekday', 'start_date', 'members', 'after_hours_rule_ids', 'created_at', 'updated_at',
] as const;

export function toRotation(row: unknown): Rotation {
  return camelRow(row, ROTATION_FIELDS) satisfies Record<keyof Rotation, unknown> as Rotation;
}

export function toOverride(row: unknown): Override {
  return camelRow(row, OVERRIDE_FIELDS) satisfies Record<keyof Override, unknown> as Override;
}

export async function rotationById(tx: Db, rotationId: string, forUpdate = false): Promise<Rotation> {
  const { rows } = await tx.query(`SELECT ${ROTATION_COLUMNS} FROM oncall_rotations r WHERE r.id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [
    rotationId,
  ]);
  if (!rows[0]) throw new NotFoundError('Rotation not found', [{ path: 'rotationId', message: 'no such rotation' }]);
  return toRotation(rows[0]);
}

/** Refuses ids that are not active agents, naming the field (`members.2`, `agentId`). */
export async function assertAgents(tx: Db, ids: readonly string[], path: (index: number) => string): Promise<void> {
  // A deactivated agent (customers/update-agent.ts) is on call no more.
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM agents WHERE id = ANY($1::uuid[]) AND deactivated_at IS NULL', [ids]);
  const known = new Set(rows.map((r) => r.id));
  const missing = ids.flatMap((id, i) => (known.has(id) ? [] : [{ path: path(i), message: 'no such agent (or deactivated)' }]));
  if (missing.length > 0) throw new InvalidInputError('Only agents of the team can be on call', missing);
}

/** Refuses rule ids the active policy's after_hours section does not have. */
export async function assertAfterHoursRules(tx: Db, ids: readonly string[], path: (index: number) => string): Promise<void> {
  const known = new Set(((await activePolicy(tx)).model.file.after_hours ?? []).map((rule) => rule.id));
  const list = known.size > 0 ? [...known].join(', ') : 'the active policy has no after_hours rules';
  const unknown = ids.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: path(i), message: `not an after_hours rule of the active policy (${list})` }],
  );
  const first = ids.find((id) => !known.has(id));
  if (unknown.length > 0) throw new InvalidInputError(`"${first}" is not an after_hours rule of the active policy`, unknown);
}

export async function writeMembers(tx: Db, rotationId: string, members: readonly string[]): Promise<void> {
  await tx.query('DELETE FROM oncall_rotation_members WHERE rotation_id = $1', [rotationId]);
  for (const [position, agentId] of members.entries()) {
    await tx.query('INSERT INTO oncall_rotation_members (rotation_id, position, agent_id) VALUES ($1, $2, $3)', [
      rotationId,
      position,
      agentId,
    ]);
  }
}

/**
 * The overrides of a rotation that can shape the shifts from `at` on, oldest first (the order
 * in which they win). The shift holding `at` can begin no earlier than the rotation's own shift
 * or an override covering `at`, so overrides that ended before both are left out.
 */
export async function overridesAround(tx: Db, rotation: Rotation, at: Temporal.Instant): Promise<OverrideSpan[]> {
  const own = rotationShiftAt(rotation, at)?.startsAt ?? at;
  const lower0 = Temporal.Instant.compare(own, at) < 0 ? own : at;
  const read = async (lower: Temporal.Instant) =>
    (
      await tx.query(`SELECT ${OVERRIDE_COLUMNS} FROM oncall_overrides WHERE rotation_id = $1 AND ends_at >= $2 ORDER BY created_at, id`, [
        rotation.id,
        lower,
      ])
    ).rows.map(toOverride);
  let overrides = await read(lower0);
  const covering = overrides.filter((o) => Temporal.Instant.compare(o.startsAt, at) <= 0 && Temporal.Instant.compare(at, o.endsAt) < 0);
  const lower = covering.map((o) => o.startsAt).reduce((a, b) => (Temporal.Instant.compare(a, b) <= 0 ? a : b), lower0);
  if (Temporal.Instant.compare(lower, lower0) < 0) overrides = await read(lower);
  return overrides;
}

/** Names and emails of agents, by id. */
export async function agentsById(tx: Db, ids: readonly string[]): Promise<Map<string, { name: string; email: string }>> {
  const { rows } = await tx.query<{ id: string; name: string; email: string }>('SELECT id, name, email FROM agents WHERE id = ANY($1::uuid[])', [
    [...new Set(ids)],
  ]);
  return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email }]));
}

/**
 * The shift holding `at` in every rotation (answering for `afterHoursRuleId` when given), in
 * the order the rotations were created. Rotations nobody holds at `at` are left out.
 */
export async function shiftsAt(tx: Db, at: Temporal.Instant, afterHoursRuleId?: string): Promise<Shift[]> {
  const { rows } = await tx.query(
    `SELECT ${ROTATION_COLUMNS} FROM oncall_rotations r
     WHERE $1::text IS NULL OR r.after_hours_rule_ids IS NULL OR r.after_hours_rule_ids @> jsonb_build_array($1::text)
     ORDER BY r.created_at, r.id`,
    [afterHoursRuleId ?? null],
  );
  const found: Array<{ rotation: Rotation; shift: OnCallShift }> = [];
  for (const rotation of rows.map(toRotation)) {
    const shift = onCallAt(rotation, await overridesAround(tx, rotation, at), at);
    if (shift) found.push({ rotation, shift });
  }
  const agents = await agentsById(tx, found.map((f) => f.shift.agentId));
  return found.map(({ rotation, shift }) => toShift(rotation, shift, agents));
}

export function toShift(
  rotation: Pick<Rotation, 'id' | 'name'>,
  shift: OnCallShift,
  agents: Map<string, { name: string; email: string }>,
): Shift {
  const agent = agents.get(shift.agentId) ?? { name: '', email: '' };
  return {
    rotationId: rotation.id,
    rotationName: rotation.name,
    agentId: shift.agentId,
    name: agent.name,
    email: agent.email,
    startsAt: shift.startsAt,
    endsAt: shift.endsAt,
    overrideId: shift.overrideId,
  };
}

/** Weekly rotations name their hand-over weekday; daily ones do not. */
export function assertCadence(cadence: Rotation['cadence'], handoverWeekday: Rotation['handoverWeekday'] | undefined): void {
  if (cadence === 'weekly' && !handoverWeekday) {
    throw new InvalidInputError('A weekly rotation needs its hand-over weekday', [
      { path: 'handoverWeekday', message: 'required when cadence is weekly (mon ... sun)' },
    ]);
  }
  if (cadence === 'daily' && handoverWeekday) {
    throw new InvalidInputError('A daily rotation hands over every day', [
      { path: 'handoverWeekday', message: 'only for weekly rotations; leave it out or null' },
    ]);
  }
}
