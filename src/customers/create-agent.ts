// createAgent: a member of the support team. Admins only, since roles grant powers.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../platform/audit.ts';
import { isUniqueViolation } from '../platform/db.ts';
import { ConflictError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { ADMINS, requireAgentRole } from './permissions.ts';
import { AGENT_COLUMNS, toAgent } from './rows.ts';
import { CreateAgentInput } from './schemas.ts';
import type { Agent } from './schemas.ts';
import { hashPassword } from './secrets.ts';

export async function createAgent({ ctx, input }: { ctx: Ctx; input: CreateAgentInput }): Promise<Agent> {
  requireAgentRole(ctx.actor, ADMINS, 'create agents');
  const value = parseInput(CreateAgentInput, input);
  const passwordHash = value.password ? await hashPassword(value.password) : null;
  const now = ctx.clock.now();
  const taken = () => new ConflictError('The email is already in use', [{ path: 'email', message: 'already in use' }]);
  try {
    return await ctx.db.transaction(async (tx) => {
      const contact = await tx.query('SELECT 1 FROM contacts WHERE email = $1', [value.email]);
      if (contact.rows.length > 0) throw taken();
      const { rows } = await tx.query(
        `INSERT INTO agents (id, email, name, role, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${AGENT_COLUMNS}`,
        [randomUUID(), value.email, value.name, value.role, passwordHash, now],
      );
      const agent = toAgent(rows[0]);
      await recordAudit(tx, {
        at: now,
        actor: ctx.actor,
        type: 'agent.created',
        subjectKind: 'agent',
        subjectId: agent.id,
        data: { email: agent.email, role: agent.role },
      });
      return agent;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}
