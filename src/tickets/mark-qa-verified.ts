// QA has verified the fix: a step of the escalation ladder, recorded on the timeline (internal).
// The ticket moves to the ladder's QA level when the policy has one.
import { parseInput, type Ctx } from '../platform/index.ts';
import { MarkQaVerifiedInput } from './schemas.ts';
import { requireAgent, writeEvent } from './store.ts';
import { baseView, type TicketView } from './view.ts';
import { writeOnTicket } from './write-context.ts';

export async function markQaVerified({ ctx, input }: { ctx: Ctx; input: MarkQaVerifiedInput }): Promise<Omit<TicketView, 'clocks'>> {
  const data = parseInput(MarkQaVerifiedInput, input);
  return writeOnTicket(ctx, data.ticketId, async ({ tx, ticket, now, policy }) => {
    requireAgent(ctx.actor, 'record QA verification');
    const qa = policy.file.escalation?.levels.find((l) => l.role === 'qa');
    if (qa && ticket.escalation_level !== qa.id) {
      await tx.query('UPDATE tickets SET escalation_level = $2 WHERE id = $1', [ticket.id, qa.id]);
      ticket.escalation_level = qa.id;
    }
    await writeEvent(tx, { ticketId: ticket.id, at: now, actor: ctx.actor, type: 'qa_verified', visibility: 'internal', body: data.note ?? null, data: qa ? { level: qa.id } : {} });
    return baseView(ticket);
  });
}
