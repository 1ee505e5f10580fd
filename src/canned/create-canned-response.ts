// createCannedResponse: a reply the team sends often (managers and admins), or an agent's own
// (`private`: any agent, for their eyes only). The title is unique (any case) among the team's and
// among each agent's own, so the picker never offers two of the same name from one source.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../platform/audit.ts';
import { isUniqueViolation } from '../platform/db.ts';
import { ConflictError, InvalidInputError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { requireCannedWriter } from './permissions.ts';
import { CANNED_COLUMNS, ownerOf, toCannedResponse } from './rows.ts';
import { CreateCannedResponseInput, type CannedResponse } from './schemas.ts';

export const titleTaken = () => new ConflictError('A canned response has this title', [{ path: 'title', message: 'is already used' }]);

export async function createCannedResponse({ ctx, input }: { ctx: Ctx; input: CreateCannedResponseInput }): Promise<CannedResponse> {
  const value = parseInput(CreateCannedResponseInput, input);
  if (!value.private) requireCannedWriter(ctx.actor, "write the team's canned responses");
  const owner = value.private ? ownerOf(ctx.actor) : null;
  if (value.private && owner === null) throw new InvalidInputError('Only an agent has canned responses of their own', [{ path: 'private', message: 'needs an agent' }]);
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const { rows } = await tx.query(
        `INSERT INTO canned_responses (id, title, body, set_status, add_tags, created_by, owner_id, created_at, updated_at)
         VALUES ($1, $2, $3, $7, $8::jsonb, $4, $5, $6, $6) RETURNING ${CANNED_COLUMNS}`,
        [randomUUID(), value.title, value.body, ctx.actor.kind === 'agent' ? ctx.actor.id : null, owner, now, value.status, JSON.stringify([...new Set(value.tags)])],
      );
      const created = toCannedResponse(rows[0]);
      await recordAudit(tx, { at: now, actor: ctx.actor, type: 'canned_response.created', subjectKind: 'canned_response', subjectId: created.id, data: { title: created.title, private: owner !== null } });
      return created;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw titleTaken();
    throw e;
  }
}
