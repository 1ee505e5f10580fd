// The CLI's entries (`accord token create|list|revoke`): the same verbs, acting as the system
// for whoever has the given email. The CLI runs with the operator's access to the database.
import { NotFoundError } from '../platform/errors.ts';
import { systemClock } from '../platform/clock.ts';
import { silentLogger } from '../platform/logger.ts';
import type { Clock } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import type { Logger } from '../platform/logger.ts';
import { createApiToken } from './create-api-token.ts';
import { listApiTokens } from './list-api-tokens.ts';
import { revokeApiToken } from './revoke-api-token.ts';
import type { ApiToken, CreatedApiToken, TokenLifetimes } from './schemas.ts';

type Options = { clock?: Clock; logger?: Logger };

function systemCtx(db: Db, options: Options): Ctx {
  return { db, clock: options.clock ?? systemClock, logger: options.logger ?? silentLogger(), actor: { kind: 'system' } };
}

async function ownerByEmail(db: Db, email: string): Promise<{ email: string; input: { agentId: string } | { contactId: string } }> {
  const normalized = email.trim().toLowerCase();
  const { rows } = await db.query<{ kind: 'agent' | 'contact'; id: string }>(
    `SELECT 'agent' AS kind, id FROM agents WHERE email = $1
     UNION ALL SELECT 'contact' AS kind, id FROM contacts WHERE email = $1`,
    [normalized],
  );
  const owner = rows[0];
  if (!owner) throw new NotFoundError(`No agent or contact has the email ${normalized}`, [{ path: 'email', message: 'not found' }]);
  return { email: normalized, input: owner.kind === 'agent' ? { agentId: owner.id } : { contactId: owner.id } };
}

/**
 * @example
 * const { token } = await createTokenForEmail(db, 'ada@example.com');
 */
export async function createTokenForEmail(
  db: Db,
  email: string,
  options: Options & { name?: string; expiresInDays?: number; lifetimes?: TokenLifetimes; readOnly?: boolean; scopes?: string[] } = {},
): Promise<CreatedApiToken & { email: string }> {
  const owner = await ownerByEmail(db, email);
  const input = { ...owner.input, name: options.name ?? 'cli', expiresInDays: options.expiresInDays, readOnly: options.readOnly ?? false, ...(options.scopes ? { scopes: options.scopes } : {}) };
  const created = await createApiToken({ ctx: systemCtx(db, options), input, lifetimes: options.lifetimes });
  return { ...created, email: owner.email };
}

/** Every token of the person with this email, oldest first. */
export async function listTokensForEmail(db: Db, email: string, options: Options = {}): Promise<ApiToken[]> {
  const owner = await ownerByEmail(db, email);
  const tokens: ApiToken[] = [];
  let cursor: string | undefined;
  do {
    const page = await listApiTokens({ ctx: systemCtx(db, options), input: { ...owner.input, limit: 200, cursor } });
    tokens.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return tokens;
}

export async function revokeTokenById(db: Db, tokenId: string, options: Options = {}): Promise<ApiToken> {
  return revokeApiToken({ ctx: systemCtx(db, options), input: { tokenId } });
}
