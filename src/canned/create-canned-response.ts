// createCannedResponse: a reply the team sends often. Managers and admins; the title is unique
// (any case), so the picker never offers two of the same name.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../platform/audit.ts';
import { isUniqueViolation } from '../platform/db.ts';
import { ConflictError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { requireCannedWriter } from './permissions.ts';
import { CANNED_COLUMNS, toCannedResponse } from './rows.ts';
import { CreateCannedResponseInput, type CannedResponse } from './schemas.ts';

export const titleTaken = () => new ConflictError('A canned response has this title', [{ path: 'title', message: 'is already used' }]);

export async function createCannedResponse({ ctx, input }: { ctx: Ctx; input: CreateCannedResponseInput }): Promise<CannedResponse> {
  requireCannedWriter(ctx.actor, 'write canned responses');
  const value = parseInput(CreateCannedResponseInput, input);
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const { rows } = await tx.query(
        `INSERT INTO canned_responses (id, title, body, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING ${CANNED_COLUMNS}`,
        [randomUUID(), value.title, value.body, ctx.actor.kind === 'agent' ? ctx.actor.id : null, now],
      );
      const created = toCannedResponse(rows[0]);
      await recordAudit(tx, { at: now, actor: ctx.actor, type: 'canned_response.created', subjectKind: 'canned_response', subjectId: created.id, data: { title: created.title } });
      return created;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw titleTaken();
    throw e;
  }
}
