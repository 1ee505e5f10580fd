// createApiToken: a bearer token for the API. Anyone may create one for themselves; admins
// (and the system, for the CLI) for any agent or contact. The raw token is returned once.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../platform/audit.ts';
import { ForbiddenError, NotFoundError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { Actor, Ctx } from '../platform/context.ts';
import { CreateApiTokenInput } from './schemas.ts';
import type { CreatedApiToken } from './schemas.ts';
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

export async function createApiToken({ ctx, input }: { ctx: Ctx; input: CreateApiTokenInput }): Promise<CreatedApiToken> {
  const value = parseInput(CreateApiTokenInput, input);
  const owner = resolveOwner(ctx.actor, value);
  const token = generateToken();
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const table = owner.kind === 'agent' ? 'agents' : 'contacts';
    const exists = await tx.query<{ organization_id?: string }>(`SELECT * FROM ${table} WHERE id = $1`, [owner.id]);
    if (!exists.rows[0]) {
      throw new NotFoundError(`The ${owner.kind} was not found`, [{ path: `${owner.kind}Id`, message: 'not found' }]);
    }
    const id = randomUUID();
    const prefix = tokenDisplayPrefix(token);
    await tx.query(
      `INSERT INTO api_tokens (id, token_hash, prefix, name, agent_id, contact_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        hashToken(token),
        prefix,
        value.name ?? null,
        owner.kind === 'agent' ? owner.id : null,
        owner.kind === 'contact' ? owner.id : null,
        now,
      ],
    );
    await recordAudit(tx, {
      at: now,
      actor: ctx.actor,
      type: 'api_token.created',
      subjectKind: 'api_token',
      subjectId: id,
      organizationId: exists.rows[0].organization_id ?? null,
      data: { owner, prefix },
    });
    return { id, token, prefix, name: value.name ?? null, owner, createdAt: now };
  });
}
