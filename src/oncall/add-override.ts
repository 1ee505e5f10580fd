// addOverride: an agent covers a rotation from one instant to another (a swap, sickness),
// winning over the rotation and over overrides added before it. Managers and admins may put
// any agent on call; any other agent may put only themselves on call (taking a shift adds
// duty, it grants nothing).
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../platform/audit.ts';
import { ForbiddenError, InvalidInputError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { actorId, type Ctx } from '../platform/context.ts';
import { hasAgentRole, MANAGERS, requireAgent } from '../customers/index.ts';
import { AddOverrideInput } from './schemas.ts';
import type { Override } from './schemas.ts';
import { assertAgents, OVERRIDE_COLUMNS, rotationById, toOverride } from './store.ts';

/**
 * @example
 * await addOverride({ ctx, input: {
 *   rotationId, startsAt: '2026-03-06T22:00:00Z', endsAt: '2026-03-07T14:00:00Z', reason: 'Swap with Ada' } });
 */
export async function addOverride({ ctx, input }: { ctx: Ctx; input: AddOverrideInput }): Promise<Override> {
  requireAgent(ctx.actor, 'add on-call overrides');
  const value = parseInput(AddOverrideInput, input);
  const agentId = value.agentId ?? actorId(ctx.actor);
  if (!agentId) throw new InvalidInputError('Say who covers', [{ path: 'agentId', message: 'required when acting as the system' }]);
  if (!hasAgentRole(ctx.actor, MANAGERS) && agentId !== actorId(ctx.actor)) {
    throw new ForbiddenError('Agents may put only themselves on call; managers and admins may put anyone on call');
  }
  const now = ctx.clock.now();
  if (Temporal.Instant.compare(value.endsAt, value.startsAt) <= 0) {
    throw new InvalidInputError('An override must end after it starts', [{ path: 'endsAt', message: 'must be after the start' }]);
  }
  if (Temporal.Instant.compare(value.endsAt, now) <= 0) {
    throw new InvalidInputError('That override would already have ended; the past stays as it was', [
      { path: 'endsAt', message: 'must be in the future' },
    ]);
  }
  return ctx.db.transaction(async (tx) => {
    const rotation = await rotationById(tx, value.rotationId, true);
    await assertAgents(tx, [agentId], () => 'agentId');
    const { rows } = await tx.query(
      `INSERT INTO oncall_overrides (id, rotation_id, agent_id, starts_at, ends_at, reason, created_by_kind, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${OVERRIDE_COLUMNS}`,
      [randomUUID(), rotation.id, agentId, value.startsAt, value.endsAt, value.reason ?? null, ctx.actor.kind, actorId(ctx.actor), now],
    );
    const override = toOverride(rows[0]);
    await recordAudit(tx, {
      at: now,
      actor: ctx.actor,
      type: 'oncall_override.added',
      subjectKind: 'oncall_override',
      subjectId: override.id,
      data: { rotationId: rotation.id, agentId, startsAt: override.startsAt, endsAt: override.endsAt, reason: override.reason },
    });
    return override;
  });
}
