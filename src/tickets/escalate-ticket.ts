// The escalation ladder (escalation.levels): an agent moves a ticket to the next level up, or to
// a named level, with a reason. OPS-COM: front line -> escalation manager (assesses severity,
// enters the bug into JIRA) -> development -> QA; the customer is told on the original ticket.
import { ConflictError, InvalidInputError, parseInput, type Ctx } from '../platform/index.ts';
import { EscalateTicketInput } from './schemas.ts';
import { requireAgent, writeEvent } from './store.ts';
import { baseView, type TicketView } from './view.ts';
import { emitWebhookEvent } from '../webhooks/index.ts';
import { webhookTicket } from './webhook-events.ts';
import { writeOnTicket } from './write-context.ts';

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
    await tx.query('UPDATE tickets SET escalation_level = $2 WHERE id = $1', [ticket.id, target.id]);
    await writeEvent(tx, {
      ticketId: ticket.id, at: now, actor: ctx.actor, type: 'escalated', visibility: 'internal', body: data.reason,
      data: { from: current, to: target.id, level: target.name, role: target.role, ...(target.tracker ? { tracker: target.tracker.name } : {}) },
    });
    ticket.escalation_level = target.id;
    await emitWebhookEvent(tx, { type: 'ticket.escalated', occurredAt: now, data: { ticket: webhookTicket(ticket), escalation: { fromLevel: current, toLevel: target.id } } });
    return baseView(ticket);
  });
}
