// A customer asks for their ticket to be escalated, with a reason: a public entry on the timeline
// that agents answer by escalating it (warranted) or marking it unwarranted (the policy's abuse
// rule counts those). Contacts of the ticket's organization, or an agent on their behalf: the
// reason the agent writes is read by the client, so it carries no link the policy keeps off tickets
// (OPS-COM: never Sentry, nor the JIRA issue linked to it), as a reply does (public-words.ts).
import { parseInput, type Ctx } from '../platform/index.ts';
import { eventView, type EventView } from './event-view.ts';
import { internalLinksOn, refuseLinksKeptOff } from './public-words.ts';
import { RequestEscalationInput } from './schemas.ts';
import { writeEvent, type EventRow } from './store.ts';
import { writeOnTicket } from './write-context.ts';

export async function requestEscalation({ ctx, input }: { ctx: Ctx; input: RequestEscalationInput }): Promise<EventView> {
  const data = parseInput(RequestEscalationInput, input);
  return writeOnTicket(ctx, data.ticketId, async ({ tx, ticket, now, policy }) => {
    if (ctx.actor.kind !== 'contact') {
      refuseLinksKeptOff(policy, ctx.actor, 'the reason for the escalation request', [{ path: 'reason', text: data.reason }], await internalLinksOn(tx, policy, ticket.id));
    }
    const id = await writeEvent(tx, { ticketId: ticket.id, at: now, actor: ctx.actor, type: 'escalation_requested', visibility: 'public', body: data.reason });
    const { rows } = await tx.query<EventRow>('SELECT * FROM ticket_events WHERE id = $1', [id]);
    return eventView(rows[0], ctx.actor);
  });
}
