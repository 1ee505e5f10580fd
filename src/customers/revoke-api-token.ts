// revokeApiToken: the token stops working on the next request. Its owner or an admin may
// revoke it; for anyone else it does not exist. Revoking twice is harmless.
import { recordAudit } from '../platform/audit.ts';
import { NotFoundError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { API_TOKEN_COLUMNS, toApiToken } from './rows.ts';
import { RevokeApiTokenInput } from './schemas.ts';
import type { ApiToken } from './schemas.ts';

export async function revokeApiToken({ ctx, input }: { ctx: Ctx; input: RevokeApiTokenInput }): Promise<ApiToken> {
  const value = parseInput(RevokeApiTokenInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ agent_id: string | null; contact_id: string | null; organization_id: string | null; revoked_at: unknown }>(
      `SELECT t.agent_id, t.contact_id, t.revoked_at, c.organization_id FROM api_tokens t LEFT JOIN contacts c ON c.id = t.contact_id
       WHERE t.id = $1 FOR UPDATE OF t`,
      [value.tokenId],
    );
    const row = rows[0];
    const actor = ctx.actor;
    const mayRevoke =
      row &&
      (actor.kind === 'system' ||
        (actor.kind === 'agent' && (actor.role === 'admin' || row.agent_id === actor.id)) ||
        (actor.kind === 'contact' && row.contact_id === actor.id));
    // Someone else's token reads as missing, so token ids cannot be probed.
    if (!mayRevoke) throw new NotFoundError('Token not found', [{ path: 'tokenId', message: 'no such token of yours' }]);
    const updated = await tx.query(
      `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1 RETURNING ${API_TOKEN_COLUMNS}`,
      [value.tokenId, now],
    );
    const token = toApiToken(updated.rows[0]);
    if (row.revoked_at === null) {
      await recordAudit(tx, {
        at: now,
        actor,
        type: 'api_token.revoked',
        subjectKind: 'api_token',
        subjectId: token.id,
        organizationId: row.organization_id,
        data: { owner: token.owner, prefix: token.prefix },
      });
    }
    return token;
  });
}
