// The fix is released: recorded on the timeline (internal, with the release), and by default the
// customer is told on this, the original ticket, with a public reply (OPS-COM: "The client will
// be informed that the issue is addressed and available through the original Support ticket").
import { ConflictError, parseInput, type Ctx } from '../platform/index.ts';
import { refuseLinksKeptOff } from './public-words.ts';
import { InvalidInputError } from '../platform/index.ts';
import { mailPublicReply } from './customer-mail.ts';
import { MarkFixReleasedInput } from './schemas.ts';
import { requireAgent, writeEvent } from './store.ts';
import { baseView, type TicketView } from './view.ts';
import { emitTicketReplied } from './webhook-events.ts';
import { writeOnTicket } from './write-context.ts';

export async function markFixReleased({ ctx, input }: { ctx: Ctx; input: MarkFixReleasedInput }): Promise<Omit<TicketView, 'clocks'>> {
  const data = parseInput(MarkFixReleasedInput, input);
  return writeOnTicket(ctx, data.ticketId, async ({ tx, ticket, now, policy }) => {
    requireAgent(ctx.actor, 'record a released fix');
    if (ticket.status === 'closed') throw new ConflictError('this ticket is closed; open a new ticket instead');
    // "Once addressed, it will be passed to the Quality Assurance team for testing. The client will
    // be informed that the issue is addressed": where the ladder has QA, not before it verified.
    const qa = policy.file.escalation?.levels.find((l) => l.role === 'qa');
    if (data.notifyCustomer && qa) {
      const { rows } = await tx.query("SELECT 1 FROM ticket_events WHERE ticket_id = $1 AND type = 'qa_verified' LIMIT 1", [ticket.id]);
      if (rows.length === 0) {
        throw new ConflictError(`${qa.name} has not verified the fix on this ticket: the customer is told once it has`, [{ path: 'notifyCustomer', message: 'verify it first (qa-verified), or record the release without telling the customer' }]);
      }
    }
    await writeEvent(tx, {
      ticketId: ticket.id, at: now, actor: ctx.actor, type: 'fix_released', visibility: 'internal', body: data.note ?? null,
      data: { ...(data.release ? { release: data.release } : {}), customer_told: data.notifyCustomer },
    });
    if (data.notifyCustomer && data.body) {
      refuseLinksKeptOff(policy, ctx.actor, 'this reply', [{ path: 'body', text: data.body }]);
      const id = await writeEvent(tx, { ticketId: ticket.id, at: now, actor: ctx.actor, type: 'reply', visibility: 'public', body: data.body, data: { fix_available: true } });
      if (ctx.actor.kind === 'agent') {
        await emitTicketReplied(tx, ticket, { id, at: now, author: { kind: 'agent', id: ctx.actor.id }, body: data.body, files: [] });
        await mailPublicReply(tx, policy, ticket, { eventId: id, body: data.body, eta: null, files: [], now, authorId: ctx.actor.id });
      }
    }
    return baseView(ticket);
  });
}
