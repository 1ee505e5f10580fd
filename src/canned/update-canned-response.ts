// updateCannedResponse: a new title or wording, or what it does to the ticket (status, tags). The team's: managers and admins; one's own: its
// owner. Audited with what changed.
import { recordAudit } from '../platform/audit.ts';
import { isUniqueViolation } from '../platform/db.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { titleTaken } from './create-canned-response.ts';
import { requireCannedReader, requireCannedWriterOf } from './permissions.ts';
import { CANNED_COLUMNS, cannedById, toCannedResponse } from './rows.ts';
import { UpdateCannedResponseInput, type CannedResponse } from './schemas.ts';

export async function updateCannedResponse({ ctx, input }: { ctx: Ctx; input: UpdateCannedResponseInput }): Promise<CannedResponse> {
  requireCannedReader(ctx.actor);
  const value = parseInput(UpdateCannedResponseInput, input);
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const before = await cannedById(tx, value.cannedResponseId, ctx.actor, true);
      requireCannedWriterOf(ctx.actor, before, 'change this canned response');
      const { rows } = await tx.query(
        `UPDATE canned_responses SET title = $2, body = $3, set_status = $5, add_tags = $6::jsonb, updated_at = $4 WHERE id = $1 RETURNING ${CANNED_COLUMNS}`,
        [before.id, value.title ?? before.title, value.body ?? before.body, now, value.status === undefined ? before.status : value.status, JSON.stringify(value.tags === undefined ? before.tags : [...new Set(value.tags)])],
      );
      const after = toCannedResponse(rows[0]);
      const changed = (['title', 'body', 'status', 'tags'] as const).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      await recordAudit(tx, { at: now, actor: ctx.actor, type: 'canned_response.updated', subjectKind: 'canned_response', subjectId: after.id, data: { changed, title: after.title } });
      return after;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw titleTaken();
    throw e;
  }
}
