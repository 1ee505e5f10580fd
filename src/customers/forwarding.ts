// An agent's forwarding token: the secret part of the address they forward a customer's mail to,
// which then becomes a ticket for that customer (email/forward.ts, docs/adr/0022). Each agent has
// their own, made when first asked for, and may renew it (the old address then opens nothing).
// The token is no credential of any other kind: it only proves mail from the agent's own address.
import { randomBytes } from 'node:crypto';
import { recordAudit } from '../platform/audit.ts';
import type { Ctx } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import { ForbiddenError } from '../platform/errors.ts';

const newToken = () => randomBytes(12).toString('hex');

function self(ctx: Ctx): string {
  if (ctx.actor.kind !== 'agent') throw new ForbiddenError('A forwarding address is an agent\'s own');
  return ctx.actor.id;
}

/** The signed-in agent's token, made on first asking. */
export async function getForwardingToken({ ctx }: { ctx: Ctx }): Promise<string> {
  const id = self(ctx);
  const { rows } = await ctx.db.query<{ forward_token: string | null }>('SELECT forward_token FROM agents WHERE id = $1', [id]);
  if (rows[0]?.forward_token) return rows[0].forward_token;
  // Made once: of two first askings at the same moment, both read the one that was kept.
  await ctx.db.query('UPDATE agents SET forward_token = $2 WHERE id = $1 AND forward_token IS NULL', [id, newToken()]);
  const { rows: made } = await ctx.db.query<{ forward_token: string }>('SELECT forward_token FROM agents WHERE id = $1', [id]);
  return made[0].forward_token;
}

/** A new token for the signed-in agent: mail to the old address opens nothing from now on. */
export async function renewForwardingToken({ ctx }: { ctx: Ctx }): Promise<string> {
  const id = self(ctx);
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ forward_token: string }>('UPDATE agents SET forward_token = $2 WHERE id = $1 RETURNING forward_token', [id, newToken()]);
    await recordAudit(tx, { at: ctx.clock.now(), actor: ctx.actor, type: 'agent.forwarding_address_renewed', subjectKind: 'agent', subjectId: id });
    return rows[0].forward_token;
  });
}

/** Whether `token` is the forwarding token of the active agent `agentId`. */
export async function isForwardingTokenOf(db: Db, agentId: string, token: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM agents WHERE id = $1 AND forward_token = $2 AND deactivated_at IS NULL', [agentId, token]);
  return rows.length > 0;
}
