// The escalation ladder (escalation.levels): an agent moves a ticket to the next level up, or to
// a named level, with a reason. OPS-COM: front line -> escalation manager (assesses severity,
// enters the bug into JIRA) -> development -> QA; the customer is told on the original ticket.
import { ConflictError, InvalidInputError, parseInput, type Actor, type Ctx, type Db } from '../platform/index.ts';
import { agentsTakingMail } from '../customers/index.ts';
import { AgentRole } from '../customers/schemas.ts';
import { queueMessage } from '../outbox/index.ts';
import type { PolicyModel } from '../policy/index.ts';
import { deskLink, REPLY_NOTES, ticketFactsText } from './agent-notices.ts';
import { ticketReference } from './customer-mail.ts';
import { EscalateTicketInput } from './schemas.ts';
import { requireAgent, writeEvent, type TicketRow } from './store.ts';

const AGENT_ROLES = AgentRole.options;
import { baseView, type TicketView } from './view.ts';
import { emitWebhookEvent } from '../webhooks/index.ts';
import { webhookTicket } from './webhook-events.ts';
import { writeOnTicket } from './write-context.ts';

/**
 * The agents of the level a ticket moved up to hear of it (its reason is theirs: internal), where
 * the level is a role of the team (the escalation managers); a level worked outside Accord (a
 * development team in its tracker) is reached through the ticket's engineering link instead. The
 * one who escalated is not mailed; an agent who turned assignment mail off is not either.
 */
async function mailLevel(
  tx: Db,
  policy: PolicyModel,
  t: TicketRow,
  input: { level: { id: string; name: string; role: string }; fromName: string; reason: string; actor: Actor; now: Temporal.Instant },
): Promise<void> {
  if (!(AGENT_ROLES as readonly string[]).includes(input.level.role)) return;
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM agents WHERE role = $1 AND deactivated_at IS NULL ORDER BY email', [input.level.role]);
  const ids = rows.map((r) => r.id).filter((id) => !(input.actor.kind === 'agent' && input.actor.id === id));
  for (const to of await agentsTakingMail(tx, ids, 'assigned')) {
    await queueMessage(tx, {
      kind: 'agent_escalated', recipient: to.email, createdAt: input.now,
      subject: `${ticketReference(t.number)} Escalated to ${input.level.name}: ${t.subject}`,
      body: [
        `Ticket #${t.number} "${t.subject}" was escalated from ${input.fromName} to ${input.level.name}.`,
        `The reason given (internal):\n${input.reason}`,
        `${ticketFactsText(policy, t)}. Its clocks and the conversation are on its page on the desk.`,
        REPLY_NOTES,
      ].join('\n\n'),
      payload: { ticket_id: t.id, ticket_number: t.number, automatic: true, links: [deskLink(t)] },
      dedupeKey: `escalated:${t.id}:${input.level.id}:${input.now.toString()}:${to.id}`,
    });
  }
}

export async function escalateTicket({ ctx, input }: { ctx: Ctx; input: EscalateTicketInput }): Promise<Omit<TicketView, 'clocks'>> {
  const data = parseInput(EscalateTicketInput, input);
  return writeOnTicket(ctx, data.ticketId, async ({ tx, ticket, now, policy }) => {
    requireAgent(ctx.actor, 'escalate tickets');
    const levels = policy.file.escalation?.levels ?? [];
    if (levels.length === 0) throw new ConflictError('The support policy has no escalation ladder');
    // A ticket starts at the first level (the front line).
    const current = ticket.escalation_level ?? levels[0].id;
    const at = levels.findIndex((l) => l.id === current);
    let target;
    if (data.toLevel !== undefined) {
      target = levels.find((l) => l.id === data.toLevel);
      if (!target) throw new InvalidInputError('unknown escalation level', [{ path: 'toLevel', message: `must be one of ${levels.map((l) => l.id).join(', ')}` }]);
      if (target.id === current) throw new ConflictError(`The ticket is already at ${target.name}`);
    } else {
      target = levels[at + 1];
      if (!target) throw new ConflictError(`The ticket is at the top of the ladder (${levels[at]?.name ?? current})`);
    }
    // The front line hands a ticket one step up, never past the level that assesses it (OPS-COM:
    // "The escalation manager will assess the bug's severity ... and enter the issue into JIRA").
    // Past that level, the ladder is the assessing level's to climb, whatever level the ticket is at.
    const front = levels.findIndex((l) => l.role === 'front_line');
    const assessing = levels[front + 1];
    if (ctx.actor.kind === 'agent' && ctx.actor.role === 'front_line' && front >= 0 && assessing && levels.indexOf(target) > front + 1) {
      throw new InvalidInputError('the front line escalates to the level that assesses it', [{ path: 'toLevel', message: `must be ${assessing.id} (${assessing.name}): that level takes it further` }]);
    }
    await tx.query('UPDATE tickets SET escalation_level = $2 WHERE id = $1', [ticket.id, target.id]);
    await writeEvent(tx, {
      ticketId: ticket.id, at: now, actor: ctx.actor, type: 'escalated', visibility: 'internal', body: data.reason,
      data: { from: current, to: target.id, level: target.name, role: target.role, ...(target.tracker ? { tracker: target.tracker.name } : {}) },
    });
    ticket.escalation_level = target.id;
    await mailLevel(tx, policy, ticket, { level: target, fromName: levels[at]?.name ?? current, reason: data.reason, actor: ctx.actor, now });
    await emitWebhookEvent(tx, { type: 'ticket.escalated', occurredAt: now, data: { ticket: webhookTicket(ticket), escalation: { fromLevel: current, toLevel: target.id } } });
    return baseView(ticket);
  });
}
