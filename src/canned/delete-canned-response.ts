// deleteCannedResponse: no longer offered. Replies already sent with it are on their tickets as
// written; the audit row keeps its title. Managers and admins.
import { recordAudit } from '../platform/audit.ts';
import { isUuid } from '../platform/ids.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { requireCannedWriter } from './permissions.ts';
import { cannedNotFound } from './rows.ts';
import { CannedResponseRef } from './schemas.ts';

export async function deleteCannedResponse({ ctx, input }: { ctx: Ctx; input: CannedResponseRef }): Promise<void> {
  requireCannedWriter(ctx.actor, 'delete canned responses');
  const value = parseInput(CannedResponseRef, input);
  if (!isUuid(value.cannedResponseId)) throw cannedNotFound();
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ title: string }>('DELETE FROM canned_responses WHERE id = $1 RETURNING title', [value.cannedResponseId]);
    if (!rows[0]) throw cannedNotFound();
    await recordAudit(tx, { at: now, actor: ctx.actor, type: 'canned_response.deleted', subjectKind: 'canned_response', subjectId: value.cannedResponseId, data: { title: rows[0].title } });
  });
}
