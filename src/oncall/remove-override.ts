// removeOverride: the rotation takes the time back. An override not yet begun is removed; one
// under way ends now (the time already covered stays on record); one that has ended is the
// record of who was on call and stays. Managers and admins may remove any override; another
// agent only one they added for themselves.
import { recordAudit } from '../platform/audit.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { actorId, type Ctx } from '../platform/context.ts';
import { hasAgentRole, MANAGERS, requireAgent } from '../customers/index.ts';
import { RemoveOverrideInput } from './schemas.ts';
import type { Override } from './schemas.ts';
import { OVERRIDE_COLUMNS, toOverride } from './store.ts';

export async function removeOverride({ ctx, input }: { ctx: Ctx; input: RemoveOverrideInput }): Promise<Override> {
  requireAgent(ctx.actor, 'remove on-call overrides');
  const value = parseInput(RemoveOverrideInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query(`SELECT ${OVERRIDE_COLUMNS} FROM oncall_overrides WHERE id = $1 FOR UPDATE`, [value.overrideId]);
    if (!rows[0]) throw new NotFoundError('Override not found', [{ path: 'overrideId', message: 'no such override' }]);
    const override = toOverride(rows[0]);
    const self = actorId(ctx.actor);
    if (!hasAgentRole(ctx.actor, MANAGERS) && !(override.createdBy === self && override.agentId === self)) {
      throw new ForbiddenError('Agents may remove only overrides they added for themselves; ask a manager');
    }
    if (Temporal.Instant.compare(override.endsAt, now) <= 0) {
      throw new ConflictError('That override has ended; it stays as the record of who was on call', [
        { path: 'overrideId', message: 'already ended' },
      ]);
    }
    const started = Temporal.Instant.compare(override.startsAt, now) < 0;
    let result: Override;
    if (started) {
      const ended = await tx.query(`UPDATE oncall_overrides SET ends_at = $2 WHERE id = $1 RETURNING ${OVERRIDE_COLUMNS}`, [
        override.id,
        now,
      ]);
      result = toOverride(ended.rows[0]);
    } else {
      await tx.query('DELETE FROM oncall_overrides WHERE id = $1', [override.id]);
      result = override;
    }
    await recordAudit(tx, {
      at: now,
      actor: ctx.actor,
      type: started ? 'oncall_override.ended' : 'oncall_override.removed',
      subjectKind: 'oncall_override',
      subjectId: override.id,
      data: {
        rotationId: override.rotationId,
        agentId: override.agentId,
        startsAt: override.startsAt,
        endsAt: override.endsAt,
        endedAt: started ? now : null,
      },
    });
    return result;
  });
}
