// listRotations: every rotation with its members in turn order, oldest first. Agents only.
import { decodeCursor, toPage } from '../platform/pagination.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import type { Page } from '../platform/pagination.ts';
import { requireAgent } from '../customers/index.ts';
import { ListRotationsInput } from './schemas.ts';
import type { Rotation } from './schemas.ts';
import { ROTATION_COLUMNS, toRotation } from './store.ts';

export async function listRotations({ ctx, input }: { ctx: Ctx; input: ListRotationsInput }): Promise<Page<Rotation>> {
  requireAgent(ctx.actor, 'list on-call rotations');
  const value = parseInput(ListRotationsInput, input);
  const after = value.cursor ? decodeCursor(value.cursor) : null;
  const { rows } = await ctx.db.query(
    `SELECT ${ROTATION_COLUMNS} FROM oncall_rotations r
     WHERE ($1::timestamptz IS NULL OR (r.created_at, r.id) > ($1, $2::uuid))
     ORDER BY r.created_at, r.id LIMIT $3`,
    [after?.createdAt ?? null, after?.id ?? null, value.limit + 1],
  );
  return toPage(rows.map(toRotation), value.limit);
}
