// listOverrides: the overrides not yet ended (under way or to come), of one rotation or of all,
// in the order they start: the ones removeOverride may still remove (an override that has ended
// is the record of who was on call and stays). What the admin's on-call page lists, with the
// form that removes each, so that an agent who covers a rotation can be taken off it. Agents only.
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { requireAgent } from '../customers/index.ts';
import { ListOverridesInput } from './schemas.ts';
import type { Override } from './schemas.ts';
import { OVERRIDE_COLUMNS, toOverride } from './store.ts';

export async function listOverrides({ ctx, input }: { ctx: Ctx; input: ListOverridesInput }): Promise<Override[]> {
  requireAgent(ctx.actor, 'see on-call overrides');
  const value = parseInput(ListOverridesInput, input);
  // Not ended: a handful per rotation (each is someone covering a while), so not paged.
  const { rows } = await ctx.db.query(
    `SELECT ${OVERRIDE_COLUMNS} FROM oncall_overrides
     WHERE ends_at > $1 AND ($2::uuid IS NULL OR rotation_id = $2::uuid)
     ORDER BY starts_at, created_at, id`,
    [ctx.clock.now(), value.rotationId ?? null],
  );
  return rows.map(toOverride);
}
