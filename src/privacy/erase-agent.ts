// eraseAgent: someone who left the vendor asks to be forgotten (GDPR art. 17), and an admin erases
// their personal data. Only once they are deactivated (customers/update-agent.ts: their tickets
// went back on the queue, they are on no rotation and designated to nobody). What they wrote on
// tickets is the vendor's record of the work and stays, by "Former agent"; what names them goes:
// their name, address (and those they had before), signature, time zone and sign-in secrets,
// their sessions and sign-in traces, their tokens' names, the addresses their notices were sent
// to, and what the audit trail quoted of them. One transaction; the email typed again confirms
// it. Their id stays, so the timeline, reports and audit keep an author.
import { z } from 'zod';
import { recordAudit } from '../platform/audit.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../platform/errors.ts';
import { isUuid } from '../platform/ids.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { ADMINS, requireAgentRole } from '../customers/permissions.ts';
import { countWritten, eraseAuditQuotes, takeFormerAddresses } from './erase-words.ts';

export const EraseAgentInput = z.strictObject({ agentId: z.string().max(100), confirmEmail: z.string().max(254) });
export type EraseAgentInput = z.input<typeof EraseAgentInput>;

export type AgentErasure = { agentId: string; erasedAt: Temporal.Instant; mailReaddressed: number; auditEntriesErased: number };

export async function eraseAgent({ ctx, input }: { ctx: Ctx; input: EraseAgentInput }): Promise<AgentErasure> {
  requireAgentRole(ctx.actor, ADMINS, "erase an agent's personal data");
  const value = parseInput(EraseAgentInput, input);
  if (!isUuid(value.agentId)) throw new NotFoundError('agent not found');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; email: string; deactivated_at: Temporal.Instant | null; erased_at: Temporal.Instant | null }>(
      'SELECT id, email, deactivated_at, erased_at FROM agents WHERE id = $1 FOR UPDATE', [value.agentId],
    );
    const agent = rows[0];
    if (!agent) throw new NotFoundError('agent not found');
    if (agent.erased_at) throw new ConflictError("this agent's personal data was already erased");
    if (!agent.deactivated_at) throw new ConflictError('deactivate them first (they left): their tickets go back on the queue, then erase');
    if (value.confirmEmail.trim().toLowerCase() !== agent.email) {
      throw new InvalidInputError('the confirmation does not match', [{ path: 'confirm_email', message: "must be the agent's email, to confirm an erasure that cannot be undone" }]);
    }
    const placeholder = `erased-${agent.id}@erased.invalid`;
    const count = (sql: string, params: unknown[]) => countWritten(tx, sql, params);
    // Their address now, and those they had before it was corrected, each only up to when it
    // stopped being theirs (someone who joined later may have it now: what is theirs stays).
    const former = await takeFormerAddresses(tx, { kind: 'agent', id: agent.id, email: agent.email });
    const held: Array<{ email: string; until: Temporal.Instant | null }> = [{ email: agent.email, until: null }, ...former];
    let mailReaddressed = 0;
    for (const { email, until } of held) {
      // Notices sent to them (assignments, notes, pages): kept as a record, to an address that names nobody.
      mailReaddressed += await count('UPDATE outbox SET recipient = $2 WHERE lower(recipient) = $1 AND ($3::timestamptz IS NULL OR created_at <= $3)', [email, placeholder, until]);
      await tx.query('DELETE FROM captured_mail WHERE strpos(lower(recipients::text), $1) > 0 AND ($2::timestamptz IS NULL OR captured_at <= $2)', [email, until]);
      await tx.query('DELETE FROM web_login_attempts WHERE lower(email) = $1 AND ($2::timestamptz IS NULL OR at <= $2)', [email, until]);
    }
    await tx.query('DELETE FROM web_sessions WHERE agent_id = $1', [agent.id]);
    await tx.query('DELETE FROM web_password_resets WHERE agent_id = $1', [agent.id]);
    await tx.query('DELETE FROM web_login_challenges WHERE agent_id = $1', [agent.id]);
    await tx.query('UPDATE api_tokens SET name = NULL, revoked_at = coalesce(revoked_at, $2) WHERE agent_id = $1', [agent.id, now]);
    await tx.query('DELETE FROM ticket_followers WHERE agent_id = $1', [agent.id]);
    await tx.query('DELETE FROM ticket_reminders WHERE agent_id = $1', [agent.id]);
    await tx.query('DELETE FROM ticket_presence WHERE agent_id = $1', [agent.id]);
    await tx.query('DELETE FROM saved_views WHERE owner_id = $1', [agent.id]);
    // Their votes on articles still count; what they wrote with them goes.
    await tx.query('UPDATE kb_article_feedback SET comment = NULL WHERE agent_id = $1 AND comment IS NOT NULL', [agent.id]);
    const auditEntriesErased = await eraseAuditQuotes(tx, { kind: 'agent', id: agent.id, email: agent.email }, former);
    await tx.query(
      `UPDATE agents SET email = $2, name = 'Former agent', password_hash = NULL, time_zone = NULL, signature = NULL, mail_preferences = '{}',
         totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL, totp_recovery = '[]', away_since = NULL, erased_at = $3
       WHERE id = $1`,
      [agent.id, placeholder, now],
    );
    await recordAudit(tx, { at: now, actor: ctx.actor, type: 'agent.erased', subjectKind: 'agent', subjectId: agent.id, data: { mailReaddressed, auditEntriesErased } });
    return { agentId: agent.id, erasedAt: now, mailReaddressed, auditEntriesErased };
  });
}
