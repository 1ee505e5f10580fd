// listApiTokens: your own tokens (never the raw values, which are not stored); admins may
// list anyone's. Revoked and expired tokens are listed too, so their history stays visible.
import { ForbiddenError } from '../platform/errors.ts';
import { decodeCursor, toPage } from '../platform/pagination.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import type { Page } from '../platform/pagination.ts';
import { API_TOKEN_COLUMNS, toApiToken } from './rows.ts';
import { ListApiTokensInput } from './schemas.ts';
import type { ApiToken } from './schemas.ts';

export async function listApiTokens({ ctx, input }: { ctx: Ctx; input: ListApiTokensInput }): Promise<Page<ApiToken>> {
  const value = parseInput(ListApiTokensInput, input);
  const admin = ctx.actor.kind === 'system' || (ctx.actor.kind === 'agent' && ctx.actor.role === 'admin');
  let agentId = value.agentId ?? null;
  let contactId = value.contactId ?? null;
  if (!admin) {
    const self = ctx.actor.kind === 'agent' ? { agentId: ctx.actor.id, contactId: null } : ctx.actor.kind === 'contact' ? { agentId: null, contactId: ctx.actor.id } : null;
    if (!self) throw new ForbiddenError('You may not list tokens');
    if ((agentId && agentId !== self.agentId) || (contactId && contactId !== self.contactId)) {
      throw new ForbiddenError("Only admins may list other people's tokens");
    }
    ({ agentId, contactId } = self);
  }
  const after = value.cursor ? decodeCursor(value.cursor) : null;
  const { rows } = await ctx.db.query(
    `SELECT ${API_TOKEN_COLUMNS} FROM api_tokens
     WHERE ($1::uuid IS NULL OR agent_id = $1) AND ($2::uuid IS NULL OR contact_id = $2)
       AND ($3::timestamptz IS NULL OR (created_at, id) > ($3, $4::uuid))
     ORDER BY created_at, id LIMIT $5`,
    [agentId, contactId, after?.createdAt ?? null, after?.id ?? null, value.limit + 1],
  );
  return toPage(rows.map(toApiToken), value.limit);
}
