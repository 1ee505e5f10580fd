// The fix is released: recorded on the timeline (internal, with the release), and by default the
// customer is told on this, the original ticket, with a public reply (OPS-COM: "The client will
// be informed that the issue is addressed and available through the original Support ticket").
import { ConflictError, parseInput, type Ctx } from '../platform/index.ts';
import { internalLinksOn, refuseLinksKeptOff } from './public-words.ts';
import { InvalidInputError } from '../platform/index.ts';
import { mailPublicReply } from './customer-mail.ts';
import { MarkFixReleasedInput } from './schemas.ts';
import { requireAgent, withMergedHere, writeEvent } from './store.ts';
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
      // Verified since the fix was last sent back to be worked on (a regression escalated again needs QA again).
      const { rows: [last] } = await tx.query<{ verified: Temporal.Instant | null; escalated: Temporal.Instant | null }>(
        `${withMergedHere('$1')}
         SELECT max(at) FILTER (WHERE type = 'qa_verified') AS verified, max(at) FILTER (WHERE type = 'escalated') AS escalated
         FROM ticket_events WHERE ticket_id IN (SELECT id FROM here)`,
        [ticket.id],
      );
      if (!last.verified || (last.escalated && Temporal.Instant.compare(last.verified, last.escalated) < 0)) {
        throw new ConflictError(`${qa.name} has not verified the fix on this ticket since it was last escalated: the customer is told once it has`, [
          { path: 'notifyCustomer', message: 'only once QA verified it: record the QA verification first, or record the release without telling the customer' },
        ]);
      }
    }
    await writeEvent(tx, {
      ticketId: ticket.id, at: now, actor: ctx.actor, type: 'fix_released', visibility: 'internal', body: data.note ?? null,
      data: { ...(data.release ? { release: data.release } : {}), customer_told: data.notifyCustomer },
    });
    if (data.notifyCustomer && data.body) {
      refuseLinksKeptOff(policy, ctx.actor, 'this reply', [{ path: 'body', text: data.body }], await internalLinksOn(tx, policy, ticket.id));
      const id = await writeEvent(tx, { ticketId: ticket.id, at: now, actor: ctx.actor, type: 'reply', visibility: 'public', body: data.body, data: { fix_available: true } });
      if (ctx.actor.kind === 'agent') {
        await emitTicketReplied(tx, ticket, { id, at: now, author: { kind: 'agent', id: ctx.actor.id }, body: data.body, files: [] });
        await mailPublicReply(tx, policy, ticket, { eventId: id, body: data.body, eta: null, files: [], now, authorId: ctx.actor.id, fix: { release: data.release ?? null } });
      }
    }
    return baseView(ticket);
  });
}
