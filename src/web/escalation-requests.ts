// The escalations a customer asked for on a ticket, as the agent's ticket page lists them: each
// request with what answered it, escalating the ticket (warranted) or marking it unwarranted (the
// policy's abuse rule counts those: tickets/mark-escalation-unwarranted.ts). Pure: read from the timeline.
import type { EventView } from '../tickets/index.ts';

export type EscalationRequestState = 'pending' | 'escalated' | 'unwarranted';
export type EscalationRequest = { at: Temporal.Instant; reason: string; byContact: boolean; actorId: string | null; state: EscalationRequestState };
export type EscalationRequests = { requests: EscalationRequest[]; pending: number; mayMark: boolean };

/**
 * In the order of the timeline: an escalation answers every request open before it; a mark answers
 * the oldest open one (else the latest not marked, as the verb marks by count: one asked for, one
 * mark). Marking is offered while fewer are marked than asked for, as the verb allows.
 */
export function escalationRequestsOf(events: readonly EventView[]): EscalationRequests {
  const requests: EscalationRequest[] = [];
  for (const e of events) {
    if (e.type === 'escalation_requested') {
      requests.push({ at: e.at, reason: e.body ?? '', byContact: e.actor.kind === 'contact', actorId: e.actor.id, state: 'pending' });
    } else if (e.type === 'escalated') {
      for (const r of requests) if (r.state === 'pending') r.state = 'escalated';
    } else if (e.type === 'escalation_unwarranted') {
      const r = requests.find((x) => x.state === 'pending') ?? requests.findLast((x) => x.state !== 'unwarranted');
      if (r) r.state = 'unwarranted';
    }
  }
  const marked = requests.filter((r) => r.state === 'unwarranted').length;
  return { requests, pending: requests.filter((r) => r.state === 'pending').length, mayMark: marked < requests.length };
}
