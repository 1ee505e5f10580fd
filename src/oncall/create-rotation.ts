// createRotation: a new on-call rotation. Managers and admins: it decides who is woken up.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../platform/audit.ts';
import { isUniqueViolation } from '../platform/db.ts';
import { ConflictError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { MANAGERS, requireAgentRole } from '../customers/index.ts';
import { CreateRotationInput } from './schemas.ts';
import type { Rotation } from './schemas.ts';
import { assertAfterHoursRules, assertAgents, assertCadence, toRotation, writeMembers } from './store.ts';

/**
 * @example
 * const rotation = await createRotation({ ctx, input: {
 *   name: 'After hours', timeZone: 'America/New_York', handoverTime: '09:00', cadence: 'weekly',
 *   handoverWeekday: 'mon', startDate: '2026-03-02', members: [ada.id, grace.id] } });
 */
export async function createRotation({ ctx, input }: { ctx: Ctx; input: CreateRotationInput }): Promise<Rotation> {
  requireAgentRole(ctx.actor, MANAGERS, 'create on-call rotations');
  const value = parseInput(CreateRotationInput, input);
  assertCadence(value.cadence, value.handoverWeekday);
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      await assertAgents(tx, value.members, (i) => `members.${i}`);
      if (value.afterHoursRuleIds) await assertAfterHoursRules(tx, value.afterHoursRuleIds, (i) => `afterHoursRuleIds.${i}`);
      const { rows } = await tx.query(
        `INSERT INTO oncall_rotations AS r (id, name, time_zone, handover_time, cadence, handover_weekday, start_date,
           after_hours_rule_ids, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8::jsonb, $9, $9)
         RETURNING r.id, r.name, r.time_zone, r.handover_time, r.cadence, r.handover_weekday,
           to_char(r.start_date, 'YYYY-MM-DD') AS start_date, r.after_hours_rule_ids, r.created_at, r.updated_at`,
        [
          randomUUID(),
          value.name,
          value.timeZone,
          value.handoverTime,
          value.cadence,
          value.handoverWeekday ?? null,
          value.startDate,
          value.afterHoursRuleIds ? JSON.stringify(value.afterHoursRuleIds) : null,
          now,
        ],
      );
      await writeMembers(tx, rows[0].id as string, value.members);
      const rotation = toRotation({ ...rows[0], members: value.members });
      await recordAudit(tx, {
        at: now,
        actor: ctx.actor,
        type: 'oncall_rotation.created',
        subjectKind: 'oncall_rotation',
        subjectId: rotation.id,
        data: { name: rotation.name, members: rotation.members, afterHoursRuleIds: rotation.afterHoursRuleIds },
      });
      return rotation;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

export function nameTaken(): ConflictError {
  return new ConflictError('Another rotation has that name', [{ path: 'name', message: 'already in use' }]);
}
