// A customer asks for their ticket to be escalated, with a reason: a public entry on the timeline
// that agents answer by escalating it (warranted) or marking it unwarranted (the policy's abuse
// rule counts those). Contacts of the ticket's organization, or an agent on their behalf.
import { parseInput, type Ctx } from '../platform/index.ts';
import { eventView, type EventView } from './event-view.ts';
import { RequestEscalationInput } from './schemas.ts';
import { writeEvent, type EventRow } from './store.ts';
import { writeOnTicket } from './write-context.ts';

export async function requestEscalation({ ctx, input }: { ctx: Ctx; input: RequestEscalationInput }): Promise<EventView> {
  const data = parseInput(RequestEscalationInput, input);
  return writeOnTicket(ctx, data.ticketId, async ({ tx, ticket, now }) => {
    const id = await writeEvent(tx, { ticketId: ticket.id, at: now, actor: ctx.actor, type: 'escalation_requested', visibility: 'public', body: data.reason });
    const { rows } = await tx.query<EventRow>('SELECT * FROM ticket_events WHERE id = $1', [id]);
    return eventView(rows[0], ctx.actor);
  });
}
