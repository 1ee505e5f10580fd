// The CLI's entry (`accord token create --email E`): a new token for whoever has this email.
import { NotFoundError } from '../platform/errors.ts';
import { systemClock } from '../platform/clock.ts';
import { silentLogger } from '../platform/logger.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';
import type { Logger } from '../platform/logger.ts';
import { createApiToken } from './create-api-token.ts';
import type { CreatedApiToken } from './schemas.ts';

/**
 * @example
 * const { token } = await createTokenForEmail(db, 'ada@example.com');
 */
export async function createTokenForEmail(
  db: Db,
  email: string,
  options: { clock?: Clock; logger?: Logger; name?: string } = {},
): Promise<CreatedApiToken & { email: string }> {
  const normalized = email.trim().toLowerCase();
  const { rows } = await db.query<{ kind: 'agent' | 'contact'; id: string }>(
    `SELECT 'agent' AS kind, id FROM agents WHERE email = $1
     UNION ALL SELECT 'contact' AS kind, id FROM contacts WHERE email = $1`,
    [normalized],
  );
  const owner = rows[0];
  if (!owner) throw new NotFoundError(`No agent or contact has the email ${normalized}`, [{ path: 'email', message: 'not found' }]);
  const ctx = { db, clock: options.clock ?? systemClock, logger: options.logger ?? silentLogger(), actor: { kind: 'system' as const } };
  const input = owner.kind === 'agent' ? { agentId: owner.id } : { contactId: owner.id };
  const created = await createApiToken({ ctx, input: { ...input, name: options.name ?? 'cli' } });
  return { ...created, email: normalized };
}
