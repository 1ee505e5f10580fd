// The escalations a customer asked for on a ticket, as the agent's ticket page lists them: each
// request with what answered it, escalating the ticket (warranted) or marking it unwarranted (the
// policy's abuse rule counts those: tickets/mark-escalation-unwarranted.ts). Pure: read from the
// events tickets/escalation-events.ts gives, the ticket's and those of the tickets merged into it.
import type { EscalationEvent } from '../tickets/index.ts';

export type EscalationRequestState = 'pending' | 'escalated' | 'unwarranted' | 'moved';
export type EscalationRequest = {
  at: Temporal.Instant; reason: string; byContact: boolean; actorId: string | null;
  /** Who asked, by name (the customer's own, or the one an agent recorded it for); the agent who recorded it, else null. */
  asker: string; recorder: string | null;
  /** The number of the ticket merged into this one it was asked on; null: asked on this one. */
  mergedFrom: number | null;
  state: EscalationRequestState;
};
/** `movedTo`: the ticket this one was merged into, where its requests still waiting went (state `moved`). */
export type EscalationRequests = { requests: EscalationRequest[]; pending: number; mayMark: boolean; movedTo: number | null };
/** The people the list names, by id; one not found is "the customer" (who asked) or "an agent" (who recorded it). */
export type RequestNames = { contactName: ReadonlyMap<string, string>; agentName: ReadonlyMap<string, string> };

/**
 * In the order of each ticket's timeline: an escalation answers every request open before it; a mark
 * answers the oldest open one (else the latest not marked, as the verb marks by count: one asked for,
 * one mark). A ticket merged into this one brings its requests at the merge, as they stood: one still
 * waiting waits here, and is answered here. On a ticket merged away, those still waiting went with it.
 * Marking is offered while fewer are marked than asked for, as the verb allows, and not on a ticket
 * merged away (they are marked where they went).
 */
export function escalationRequestsOf(events: readonly EscalationEvent[], ticketId: string, names: RequestNames = { contactName: new Map(), agentName: new Map() }): EscalationRequests {
  // An agent's entry records whom it was for (asked_by, tickets/request-escalation.ts); one from before that, no one.
  const askerOf = (e: EscalationEvent) => {
    const id = e.actor.kind === 'contact' ? e.actor.id : typeof e.data.asked_by === 'string' ? e.data.asked_by : null;
    return (id && names.contactName.get(id)) || 'the customer';
  };
  const byTicket = new Map<string, EscalationEvent[]>();
  for (const e of events) byTicket.set(e.ticketId, [...(byTicket.get(e.ticketId) ?? []), e]);
  const seen = new Set<string>();
  const on = (id: string): EscalationRequest[] => {
    if (seen.has(id)) return [];
    seen.add(id);
    const requests: EscalationRequest[] = [];
    for (const e of byTicket.get(id) ?? []) {
      if (e.type === 'merged_from' && typeof e.data.ticket_id === 'string') {
        requests.push(...on(e.data.ticket_id));
      } else if (e.type === 'escalation_requested') {
        requests.push({
          at: e.at, reason: e.body ?? '', byContact: e.actor.kind === 'contact', actorId: e.actor.id,
          asker: askerOf(e), recorder: e.actor.kind === 'agent' ? (e.actor.id && names.agentName.get(e.actor.id)) || 'an agent' : null,
          mergedFrom: e.ticketId === ticketId ? null : e.ticketNumber, state: 'pending',
        });
      } else if (e.type === 'escalated') {
        for (const r of requests) if (r.state === 'pending') r.state = 'escalated';
      } else if (e.type === 'escalation_unwarranted') {
        const r = requests.find((x) => x.state === 'pending') ?? requests.findLast((x) => x.state !== 'unwarranted');
        if (r) r.state = 'unwarranted';
      }
    }
    return requests;
  };
  const requests = on(ticketId);
  const away = (byTicket.get(ticketId) ?? []).find((e) => e.type === 'merged_into');
  const movedTo = away && typeof away.data.number === 'number' ? away.data.number : null;
  if (movedTo !== null) for (const r of requests) if (r.state === 'pending') r.state = 'moved';
  const marked = requests.filter((r) => r.state === 'unwarranted').length;
  return { requests, pending: requests.filter((r) => r.state === 'pending').length, mayMark: movedTo === null && marked < requests.length, movedTo };
}
