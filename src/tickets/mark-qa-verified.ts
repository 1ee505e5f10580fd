// QA has verified the fix: a step of the escalation ladder, recorded on the timeline (internal).
// The ticket moves to the ladder's QA level when the policy has one, from the level before it only.
import { ConflictError, parseInput, type Ctx } from '../platform/index.ts';
import { MarkQaVerifiedInput } from './schemas.ts';
import { requireAgent, writeEvent } from './store.ts';
import { baseView, type TicketView } from './view.ts';
import { writeOnTicket } from './write-context.ts';

export async function markQaVerified({ ctx, input }: { ctx: Ctx; input: MarkQaVerifiedInput }): Promise<Omit<TicketView, 'clocks'>> {
  const data = parseInput(MarkQaVerifiedInput, input);
  return writeOnTicket(ctx, data.ticketId, async ({ tx, ticket, now, policy }) => {
    requireAgent(ctx.actor, 'record QA verification');
    const levels = policy.file.escalation?.levels ?? [];
    const qa = levels.find((l) => l.role === 'qa');
    // "The Development team will address the bug. Once addressed, it will be passed to the Quality
    // Assurance team for testing" (OPS-COM): QA verifies a ticket the level before it had, never one
    // that skipped it (nor the assessment before: the front line may not skip it, escalate-ticket.ts).
    const before = qa ? levels[levels.indexOf(qa) - 1] : undefined;
    const at = ticket.escalation_level ?? levels[0]?.id;
    if (qa && before && at !== qa.id && at !== before.id) {
      const name = levels.find((l) => l.id === at)?.name ?? at;
      throw new ConflictError(`The ticket is at ${name}: ${qa.name} tests a fix once it reached ${before.name}`, [
        { path: 'escalation_level', message: `must be ${before.id} (${before.name}) or ${qa.id}: escalate it there first` },
      ]);
    }
    if (qa && ticket.escalation_level !== qa.id) {
      await tx.query('UPDATE tickets SET escalation_level = $2 WHERE id = $1', [ticket.id, qa.id]);
      ticket.escalation_level = qa.id;
    }
    await writeEvent(tx, { ticketId: ticket.id, at: now, actor: ctx.actor, type: 'qa_verified', visibility: 'internal', body: data.note ?? null, data: qa ? { level: qa.id } : {} });
    return baseView(ticket);
  });
}
