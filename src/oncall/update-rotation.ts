// updateRotation: change a rotation's name, zone, hand-over, members or scope. Managers and
// admins. A rotation is a rule, not a log: the change re-plans every shift from the start date,
// past ones included (who was actually paged is recorded where the page was sent). To leave
// the current shift alone, move the start date to the next hand-over with its member first.
import { recordAudit } from '../platform/audit.ts';
import { isUniqueViolation } from '../platform/db.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { nameTaken } from './create-rotation.ts';
import { MANAGERS, requireAgentRole } from '../customers/index.ts';
import { UpdateRotationInput } from './schemas.ts';
import type { Rotation } from './schemas.ts';
import { assertAfterHoursRules, assertAgents, assertCadence, rotationById, writeMembers } from './store.ts';

export async function updateRotation({ ctx, input }: { ctx: Ctx; input: UpdateRotationInput }): Promise<Rotation> {
  requireAgentRole(ctx.actor, MANAGERS, 'change on-call rotations');
  const { rotationId, ...change } = parseInput(UpdateRotationInput, input);
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const before = await rotationById(tx, rotationId, true);
      const cadence = change.cadence ?? before.cadence;
      // Switching to daily drops the weekday unless the change names one (which is refused).
      const handoverWeekday =
        change.handoverWeekday !== undefined ? change.handoverWeekday : cadence === 'daily' ? null : before.handoverWeekday;
      assertCadence(cadence, handoverWeekday);
      if (change.members) await assertAgents(tx, change.members, (i) => `members.${i}`);
      if (change.afterHoursRuleIds) await assertAfterHoursRules(tx, change.afterHoursRuleIds, (i) => `afterHoursRuleIds.${i}`);
      const after: Rotation = {
        ...before,
        name: change.name ?? before.name,
        timeZone: change.timeZone ?? before.timeZone,
        handoverTime: change.handoverTime ?? before.handoverTime,
        cadence,
        handoverWeekday,
        startDate: change.startDate ?? before.startDate,
        members: change.members ?? before.members,
        afterHoursRuleIds: change.afterHoursRuleIds !== undefined ? change.afterHoursRuleIds : before.afterHoursRuleIds,
        updatedAt: now,
      };
      await tx.query(
        `UPDATE oncall_rotations SET name = $2, time_zone = $3, handover_time = $4, cadence = $5, handover_weekday = $6,
           start_date = $7::date, after_hours_rule_ids = $8::jsonb, updated_at = $9
         WHERE id = $1`,
        [
          after.id,
          after.name,
          after.timeZone,
          after.handoverTime,
          after.cadence,
          after.handoverWeekday,
          after.startDate,
          after.afterHoursRuleIds ? JSON.stringify(after.afterHoursRuleIds) : null,
          now,
        ],
      );
      if (change.members) await writeMembers(tx, after.id, after.members);
      // What changed, not what was sent: a form sends every field, most as they were; the weekday dropped by a switch to daily counts.
      const changed = (Object.keys(after) as Array<keyof Rotation>)
        .filter((k) => k !== 'updatedAt' && JSON.stringify(after[k]) !== JSON.stringify(before[k]));
      await recordAudit(tx, {
        at: now,
        actor: ctx.actor,
        type: 'oncall_rotation.updated',
        subjectKind: 'oncall_rotation',
        subjectId: after.id,
        data: { changed, before: pick(before, changed), after: pick(after, changed) },
      });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

function pick(rotation: Rotation, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, rotation[k as keyof Rotation]]));
}
