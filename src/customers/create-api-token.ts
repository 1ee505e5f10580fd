// createApiToken: a bearer token for the API. Anyone may create one for themselves; admins
// (and the system, for the CLI) for any agent or contact. The raw token is returned once.
// Every token expires: after the lifetime configured for its owner's kind, or sooner if asked.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../platform/audit.ts';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { Actor, Ctx } from '../platform/context.ts';
import { CreateApiTokenInput, DEFAULT_TOKEN_LIFETIMES } from './schemas.ts';
import type { CreatedApiToken, TokenLifetimes } from './schemas.ts';
import { generateToken, hashToken, tokenDisplayPrefix } from './secrets.ts';

type Owner = { kind: 'agent' | 'contact'; id: string };

function resolveOwner(actor: Actor, input: { agentId?: string; contactId?: string }): Owner {
  const requested: Owner | null = input.agentId
    ? { kind: 'agent', id: input.agentId }
    : input.contactId
      ? { kind: 'contact', id: input.contactId }
      : null;
  if (actor.kind === 'system') {
    if (!requested) throw new ForbiddenError('The system actor must name the token owner');
    return requested;
  }
  const self: Owner = { kind: actor.kind, id: actor.id };
  if (!requested || (requested.kind === self.kind && requested.id === self.id)) return self;
  if (actor.kind === 'agent' && actor.role === 'admin') return requested;
  throw new ForbiddenError('You may only create tokens for yourself');
}

/**
 * @example
 * const { token, expiresAt } = await createApiToken({ ctx, input: { name: 'laptop', expiresInDays: 30 } });
 */
export async function createApiToken({
  ctx,
  input,
  lifetimes = DEFAULT_TOKEN_LIFETIMES,
}: {
  ctx: Ctx;
  input: CreateApiTokenInput;
  lifetimes?: TokenLifetimes;
}): Promise<CreatedApiToken> {
  const value = parseInput(CreateApiTokenInput, input);
  const owner = resolveOwner(ctx.actor, value);
  const longest = lifetimes[owner.kind];
  if (value.expiresInDays !== undefined && value.expiresInDays > longest) {
    throw new InvalidInputError(`A ${owner.kind}'s token lives at most ${longest} days`, [
      { path: 'expiresInDays', message: `must be at most ${longest}` },
    ]);
  }
  const token = generateToken();
  const now = ctx.clock.now();
  const expiresAt = now.add({ hours: 24 * (value.expiresInDays ?? longest) });
  return ctx.db.transaction(async (tx) => {
    const table = owner.kind === 'agent' ? 'agents' : 'contacts';
    const exists = await tx.query<{ organization_id?: string; deactivated_at: Temporal.Instant | null }>(`SELECT * FROM ${table} WHERE id = $1`, [owner.id]);
    if (!exists.rows[0]) {
      throw new NotFoundError(`The ${owner.kind} was not found`, [{ path: `${owner.kind}Id`, message: 'not found' }]);
    }
    if (exists.rows[0].deactivated_at) {
      throw new ConflictError(`The ${owner.kind} is deactivated: reactivate them first`, [{ path: `${owner.kind}Id`, message: 'is deactivated' }]);
    }
    const id = randomUUID();
    const prefix = tokenDisplayPrefix(token);
    await tx.query(
      `INSERT INTO api_tokens (id, token_hash, prefix, name, agent_id, contact_id, created_at, expires_at, read_only, scopes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        hashToken(token),
        prefix,
        value.name ?? null,
        owner.kind === 'agent' ? owner.id : null,
        owner.kind === 'contact' ? owner.id : null,
        now,
        expiresAt,
        value.readOnly,
        value.scopes ?? null,
      ],
    );
    await recordAudit(tx, {
      at: now,
      actor: ctx.actor,
      type: 'api_token.created',
      subjectKind: 'api_token',
      subjectId: id,
      organizationId: exists.rows[0].organization_id ?? null,
      data: { owner, prefix, expiresAt: expiresAt.toString(), readOnly: value.readOnly, scopes: value.scopes ?? null },
    });
    return { id, token, prefix, name: value.name ?? null, owner, createdAt: now, expiresAt, readOnly: value.readOnly, scopes: value.scopes ?? null };
  });
}
