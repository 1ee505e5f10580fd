// deleteCannedResponse: no longer offered. Replies already sent with it are on their tickets as
// written; the audit row keeps its title. The team's: managers and admins; one's own: its owner.
import { recordAudit } from '../platform/audit.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { requireCannedReader, requireCannedWriterOf } from './permissions.ts';
import { cannedById } from './rows.ts';
import { CannedResponseRef } from './schemas.ts';

export async function deleteCannedResponse({ ctx, input }: { ctx: Ctx; input: CannedResponseRef }): Promise<void> {
  requireCannedReader(ctx.actor);
  const value = parseInput(CannedResponseRef, input);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const canned = await cannedById(tx, value.cannedResponseId, ctx.actor, true);
    requireCannedWriterOf(ctx.actor, canned, 'delete this canned response');
    await tx.query('DELETE FROM canned_responses WHERE id = $1', [canned.id]);
    await recordAudit(tx, { at: now, actor: ctx.actor, type: 'canned_response.deleted', subjectKind: 'canned_response', subjectId: canned.id, data: { title: canned.title } });
  });
}
