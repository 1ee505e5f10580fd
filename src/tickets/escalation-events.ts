// What became of the escalations a customer asked for on a ticket, as events, for the agent's ticket
// page (web/escalation-requests.ts): the requests, escalations and marks of the ticket and of every
// ticket merged into it, through merges of merges (store.ts withMergedHere, as the mark counts them:
// mark-escalation-unwarranted.ts), with the merges that brought them in and the one that took this
// ticket away (its own only); each with the ticket it is on. A request asked on a ticket merged away is pending
// on the ticket the work goes on on, not left behind on a closed one.
import type { Ctx } from '../platform/index.ts';
import { eventView, type EventView } from './event-view.ts';
import type { TicketRefInput } from './schemas.ts';
import { requireAgent, ticketForActor, withMergedHere, type EventRow } from './store.ts';

export type EscalationEvent = EventView & { ticketId: string; ticketNumber: number };

export const ESCALATION_EVENT_TYPES = ['escalation_requested', 'escalated', 'escalation_unwarranted', 'merged_from', 'merged_into'] as const;

export async function escalationEventsOf({ ctx, input }: { ctx: Ctx; input: TicketRefInput }): Promise<EscalationEvent[]> {
  requireAgent(ctx.actor, 'read the escalations asked for on tickets');
  const t = await ticketForActor(ctx.db, ctx.actor, input.ticketId);
  const { rows } = await ctx.db.query<EventRow & { ticket_number: string }>(
    `${withMergedHere('$1')}
     SELECT e.*, t.number AS ticket_number FROM ticket_events e JOIN here ON e.ticket_id = here.id JOIN tickets t ON t.id = e.ticket_id
     WHERE e.type = ANY($2::text[]) AND (e.type <> 'merged_into' OR e.ticket_id = $1) ORDER BY e.at, e.seq`,
    [t.id, [...ESCALATION_EVENT_TYPES]],
  );
  return rows.map((r) => ({ ...eventView(r, ctx.actor), ticketId: r.ticket_id, ticketNumber: Number(r.ticket_number) }));
}
