// deleteRotation: the rotation and its overrides go; the audit row keeps what it was.
// Managers and admins.
import { recordAudit } from '../platform/audit.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { MANAGERS, requireAgentRole } from '../customers/index.ts';
import { DeleteRotationInput } from './schemas.ts';
import type { Rotation } from './schemas.ts';
import { rotationById } from './store.ts';

export async function deleteRotation({ ctx, input }: { ctx: Ctx; input: DeleteRotationInput }): Promise<Rotation> {
  requireAgentRole(ctx.actor, MANAGERS, 'delete on-call rotations');
  const value = parseInput(DeleteRotationInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rotation = await rotationById(tx, value.rotationId, true);
    // Members and overrides go with it (ON DELETE CASCADE).
    const { rows } = await tx.query('DELETE FROM oncall_overrides WHERE rotation_id = $1 RETURNING id', [rotation.id]);
    await tx.query('DELETE FROM oncall_rotations WHERE id = $1', [rotation.id]);
    await recordAudit(tx, {
      at: now,
      actor: ctx.actor,
      type: 'oncall_rotation.deleted',
      subjectKind: 'oncall_rotation',
      subjectId: rotation.id,
      data: { rotation, overridesRemoved: rows.length },
    });
    return rotation;
  });
}
