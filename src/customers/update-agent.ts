// updateAgent: a member of the team changes name or role, or leaves. Admins only, since roles
// grant powers. Deactivating (`active: false`) keeps the agent's history (tickets worked, audit,
// timeline) and at once: ends their web sessions, revokes their API tokens, and puts the open
// tickets they held back on the queue unassigned (an internal event on each). It is refused,
// naming what to change first, while they are on an on-call rotation or designated to a customer
// (someone must take those over: Accord will not page or promise a person who left), for one's
// own account (another admin does it) and for the last active admin (Accord would have none).
// `active: true` brings them back, without their old tokens.
//
// Their email is corrected when it was mistyped or the vendor's domain changed: they sign in with
// the new one, notices not sent yet go to it, a sign-in link mailed to the old one works no more,
// and (while active) they are told at both, so a change they did not ask for is seen where they
// read. Notices already sent to the old one can still be answered by mail, from the new one. Refused when another agent or a contact has it (one address, one person at the desk).
import { queueMessage } from '../outbox/index.ts';
import { recordAudit } from '../platform/audit.ts';
import { ConflictError, NotFoundError } from '../platform/errors.ts';
import type { Ctx } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import { emitWebhookEvent, webhookTicket, type TicketPayloadRow } from '../webhooks/index.ts';
import { ADMINS } from './permissions.ts';
import { emailTaken } from './create-contact.ts';
import { suppressVoidLinks } from './update-contact.ts';
import { AGENT_COLUMNS, toAgent } from './rows.ts';
import { UpdateAgentInput } from './schemas.ts';
import type { Agent } from './schemas.ts';
import { accountMailTime } from './mail-time.ts';
import { personChanges, updatePerson } from './update-person.ts';

/** What holds a person who is leaving: the rotations they take turns on or cover (an override not ended), the organizations they are designated to. */
async function stillHeld(tx: Db, agentId: string, now: Temporal.Instant): Promise<Array<{ path: string; message: string }>> {
  const { rows: rotations } = await tx.query<{ name: string }>(
    `SELECT r.name FROM oncall_rotations r
     WHERE EXISTS (SELECT 1 FROM oncall_rotation_members m WHERE m.rotation_id = r.id AND m.agent_id = $1)
        OR EXISTS (SELECT 1 FROM oncall_overrides o WHERE o.rotation_id = r.id AND o.agent_id = $1 AND o.ends_at > $2)
     ORDER BY r.name`,
    [agentId, now],
  );
  const { rows: orgs } = await tx.query<{ name: string }>(
    'SELECT o.name FROM organizations o WHERE EXISTS (SELECT 1 FROM jsonb_each_text(o.designated_agents) d WHERE d.value = $1) ORDER BY o.name',
    [agentId],
  );
  return [
    ...rotations.map((r) => ({ path: 'active', message: `is on the on-call rotation "${r.name}" (or covers it): take them off it first` })),
    ...orgs.map((o) => ({ path: 'active', message: `is designated to ${o.name}: designate someone else first` })),
  ];
}

export async function updateAgent({ ctx, input }: { ctx: Ctx; input: UpdateAgentInput }): Promise<Agent> {
  return updatePerson(ctx, input, {
    roles: ADMINS, action: 'change agents', schema: UpdateAgentInput, id: (value) => value.agentId, notFound: 'agent not found',
    change: (value, now) => change(ctx, value, now),
  });
}

async function change(ctx: Ctx, value: ReturnType<typeof UpdateAgentInput.parse>, now: Temporal.Instant): Promise<Agent> {
  return ctx.db.transaction(async (tx) => {
    // Admins change one at a time (their rows locked in a fixed order), so two admins demoting
    // each other at once cannot leave Accord with none.
    await tx.query("SELECT id FROM agents WHERE role = 'admin' ORDER BY id FOR UPDATE");
    const { rows } = await tx.query(`SELECT ${AGENT_COLUMNS} FROM agents WHERE id = $1 FOR UPDATE`, [value.agentId]);
    if (!rows[0]) throw new NotFoundError('agent not found');
    const before = toAgent(rows[0]);
    // Erased on request (privacy/erase-agent.ts): the row names nobody, and nobody comes back through it.
    if (before.erasedAt) throw new ConflictError("this agent's personal data was erased: add the person again as a new agent");
    const leaving = value.active === false && before.deactivatedAt === null;
    const returning = value.active === true && before.deactivatedAt !== null;
    const role = value.role ?? before.role;
    const activeAfter = value.active ?? before.deactivatedAt === null;
    if (leaving && ctx.actor.kind === 'agent' && ctx.actor.id === before.id) {
      throw new ConflictError('You cannot deactivate yourself: another admin does it', [{ path: 'active', message: 'is your own account' }]);
    }
    if (before.role === 'admin' && before.deactivatedAt === null && (role !== 'admin' || !activeAfter)) {
      const { rows: others } = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM agents WHERE role = 'admin' AND deactivated_at IS NULL AND id <> $1", [before.id]);
      if (others[0].n === 0) {
        throw new ConflictError('Accord needs an active admin: make another agent admin first', [{ path: value.role !== undefined ? 'role' : 'active', message: 'is the last active admin' }]);
      }
    }
    if (leaving) {
      const held = await stillHeld(tx, before.id, now);
      if (held.length > 0) throw new ConflictError(`${before.name} still has work only a person on the team can do`, held);
    }
    const emailAfter = value.email ?? before.email;
    const newEmail = emailAfter !== before.email;
    if (newEmail) {
      const { rows: contact } = await tx.query('SELECT 1 FROM contacts WHERE email = $1', [emailAfter]);
      if (contact.length > 0) throw emailTaken();
    }
    const { rows: updated } = await tx.query(
      `UPDATE agents SET name = $2, role = $3, deactivated_at = $4, email = $5 WHERE id = $1 RETURNING ${AGENT_COLUMNS}`,
      [before.id, value.name ?? before.name, role, activeAfter ? null : before.deactivatedAt ?? now, emailAfter],
    );
    const agent = toAgent(updated[0]);
    let redirected = 0;
    if (newEmail) {
      // Notices not sent yet go where they now reach them; a link mailed to the old address is void.
      await suppressVoidLinks(tx, before.email.toLowerCase());
      const moved = await tx.query("UPDATE outbox SET recipient = $2 WHERE lower(recipient) = $1 AND status = 'pending' RETURNING id", [before.email.toLowerCase(), emailAfter]);
      redirected = moved.rows.length;
      await tx.query('DELETE FROM web_password_resets WHERE agent_id = $1 AND used_at IS NULL', [agent.id]);
      // Kept as theirs until then: an answer by mail to a notice sent there still reaches the ticket.
      await tx.query(
        `INSERT INTO agent_former_emails (email, agent_id, changed_at) VALUES ($1, $2, $3)
         ON CONFLICT (email, agent_id) DO UPDATE SET changed_at = excluded.changed_at`,
        [before.email.toLowerCase(), agent.id, now],
      );
      if (activeAfter) await tellAgentOfNewAddress(tx, { agentId: agent.id, from: before.email, to: emailAfter, now });
    }
    let unassigned = 0;
    if (leaving) {
      await tx.query('DELETE FROM web_sessions WHERE agent_id = $1', [agent.id]);
      await tx.query('UPDATE api_tokens SET revoked_at = $2 WHERE agent_id = $1 AND revoked_at IS NULL', [agent.id, now]);
      unassigned = await unassignOpenTickets(tx, ctx, agent.id, now);
    }
    const changes = personChanges(['name', 'email', 'role'], value, before, agent);
    if (redirected > 0) changes.mailRedirected = redirected;
    await recordAudit(tx, {
      at: now, actor: ctx.actor, type: leaving ? 'agent.deactivated' : returning ? 'agent.reactivated' : 'agent.updated', subjectKind: 'agent', subjectId: agent.id,
      data: { ...changes, ...(leaving ? { unassignedTickets: unassigned } : {}) },
    });
    return agent;
  });
}

/** The agent told of their new address: at it, and at the old one (a change they did not ask for is seen there); when, in their zone (mail-time.ts). */
async function tellAgentOfNewAddress(tx: Db, m: { agentId: string; from: string; to: string; now: Temporal.Instant }): Promise<void> {
  const at = await accountMailTime(tx, { kind: 'agent', id: m.agentId }, m.now);
  for (const [recipient, body] of [
    [m.to, `An admin changed the address you sign in to the support desk with from ${m.from} to this one, ${m.to}, at ${at}. Notices about your work come here from now on; your password is unchanged.\n`],
    [m.from, `An admin changed the address you sign in to the support desk with from this one, ${m.from}, to ${m.to}, at ${at}. Notices about your work go there from now on.\n\nIf you did not expect this, tell another admin at once: someone may be trying to take over your account.\n`],
  ] as const) {
    await queueMessage(tx, {
      kind: 'address_changed', recipient, createdAt: m.now, payload: { automatic: true },
      subject: 'Your address for the support desk was changed', body, dedupeKey: `agent-address-changed:${recipient}:${m.now.epochMilliseconds}`,
    });
  }
}

/**
 * The open tickets the agent held go back on the queue, each with an internal event saying why
 * and the `ticket.updated` webhook an assignment change sends (written here: the tickets domain
 * builds on this one, not the other way round).
 */
async function unassignOpenTickets(tx: Db, ctx: Ctx, agentId: string, now: Temporal.Instant): Promise<number> {
  const reason = 'the agent was deactivated';
  const { rows } = await tx.query<TicketPayloadRow>(
    `WITH moved AS (
       UPDATE tickets SET assignee_id = NULL, updated_at = GREATEST(updated_at, $2) WHERE assignee_id = $1 AND status <> 'closed' RETURNING *),
     logged AS (
       INSERT INTO ticket_events (id, ticket_id, at, actor_kind, actor_id, type, visibility, body, data)
       SELECT gen_random_uuid(), id, updated_at, $3, $4::uuid, 'assigned', 'internal', NULL, $5::jsonb FROM moved)
     SELECT id, number, organization_id, requester_id, subject, status, severity, plan_id, channel, assignee_id, created_at, updated_at FROM moved ORDER BY id`,
    [agentId, now, ctx.actor.kind, ctx.actor.kind === 'system' ? null : ctx.actor.id, JSON.stringify({ from: agentId, to: null, reason })],
  );
  for (const t of rows) {
    await emitWebhookEvent(tx, { type: 'ticket.updated', occurredAt: t.updated_at, data: { ticket: webhookTicket(t), changes: { assigneeId: { from: agentId, to: null } }, reason } });
  }
  return rows.length;
}
