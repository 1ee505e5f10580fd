// A customer asks for their ticket to be escalated, with a reason: a public entry on the timeline
// that agents answer by escalating it (warranted) or marking it unwarranted (the policy's abuse
// rule counts those). Its requester and the contacts copied on it, or an agent on their behalf (they
// called), which records who asked (`asked_by`: the requester unless it names another on the case): the
// reason the agent writes is read by the client, so it carries no link the policy keeps off tickets
// (OPS-COM: never Sentry, nor the JIRA issue linked to it), as a reply does (public-words.ts).
// Only on a case still being worked: a solved one is reopened by a reply (add-reply.ts), a closed
// one is final (a reply there is refused: open a new case), and a merged one goes on where it went.
import { ConflictError, ForbiddenError, InvalidInputError, parseInput, type Ctx, type Db } from '../platform/index.ts';
import type { PolicyModel } from '../policy/index.ts';
import { mailEscalationRequested } from './agent-notices.ts';
import { isReader } from './ccs.ts';
import { eventView, type EventView } from './event-view.ts';
import { internalLinksOn, refuseLinksKeptOff } from './public-words.ts';
import { RequestEscalationInput } from './schemas.ts';
import { mergedEnd, writeEvent, type EventRow, type TicketRow } from './store.ts';
import { writeOnTicket } from './write-context.ts';

/**
 * Whether a customer's escalation request means anything under the policy: it has an escalation
 * ladder to move the ticket up (OPS-COM), or an abuse rule that counts the unwarranted ones
 * (OpenBack's "unwarranted and repeated support request escalations"). Under a policy with neither
 * (OpenKey, OfficeSpace) no one would answer it: the request is refused and no page offers it.
 */
export function escalationRequestsHeard(policy: PolicyModel): boolean {
  return (policy.file.escalation?.levels.length ?? 0) > 0 || policy.file.abuse !== undefined;
}

/** Whether a ticket in this status takes an escalation request: not once solved (a reply reopens it) nor closed. */
export function takesEscalationRequests(status: string): boolean {
  return status !== 'solved' && status !== 'closed';
}

/**
 * Why a ticket takes no escalation request now, with what to do instead, as the other verbs say it:
 * a merged one names the ticket the conversation goes on on (the end of a chain of merges), a closed
 * one asks for a new case (add-reply.ts), a solved one is reopened by a reply first. Null: it takes one.
 */
async function notTakenWhy(tx: Db, ticket: TicketRow, word: 'case' | 'ticket'): Promise<ConflictError | null> {
  const end = await mergedEnd(tx, ticket);
  if (end) {
    const where = `${word} #${end.number}`;
    return new ConflictError(`this ${word} was merged into ${where}: ask for the escalation there, where the conversation continues`, [{ path: 'ticketId', message: `was merged into ${where}` }]);
  }
  if (ticket.status === 'closed') return new ConflictError(`this ${word} is closed; open a new ${word} instead`, [{ path: 'ticketId', message: 'is closed' }]);
  if (ticket.status === 'solved') {
    return new ConflictError(`this ${word} is solved: reply to it to reopen it, then ask for it to be escalated if it still needs to be`, [{ path: 'ticketId', message: 'is solved' }]);
  }
  return null;
}

export async function requestEscalation({ ctx, input }: { ctx: Ctx; input: RequestEscalationInput }): Promise<EventView> {
  const data = parseInput(RequestEscalationInput, input);
  return writeOnTicket(ctx, data.ticketId, async ({ tx, ticket, now, policy }) => {
    if (!escalationRequestsHeard(policy)) {
      throw new ConflictError('the support policy has no escalation ladder nor rule on escalation requests: reply on the ticket instead', [{ path: 'reason', message: 'no escalation to ask for under this policy' }]);
    }
    // A contact asks on a case they are on (its requester, a person copied), as they rate or solve it;
    // a colleague of the organization who is not on it is copied first.
    if (ctx.actor.kind === 'contact' && !(await isReader(tx, ticket, ctx.actor.id))) {
      throw new ForbiddenError('only the requester and the people copied on the case ask for it to be escalated');
    }
    const refused = await notTakenWhy(tx, ticket, ctx.actor.kind === 'contact' ? 'case' : 'ticket');
    if (refused) throw refused;
    // Who asked: the contact asking, or the one an agent records it for (the requester unless named), on the case.
    let askedBy: string | null = null;
    if (ctx.actor.kind === 'contact') {
      if (data.askedBy !== undefined && data.askedBy !== ctx.actor.id) {
        throw new InvalidInputError('a contact asks for an escalation for themselves', [{ path: 'askedBy', message: 'is for an agent recording the request of someone on the case' }]);
      }
    } else {
      askedBy = data.askedBy ?? ticket.requester_id;
      if (!(await isReader(tx, ticket, askedBy))) {
        throw new InvalidInputError('an agent records an escalation request for someone on the case', [{ path: 'askedBy', message: 'must be the requester or a contact copied on the ticket' }]);
      }
    }
    if (ctx.actor.kind !== 'contact') {
      refuseLinksKeptOff(policy, ctx.actor, 'the reason for the escalation request', [{ path: 'reason', text: data.reason }], await internalLinksOn(tx, policy, ticket.id));
    }
    const id = await writeEvent(tx, { ticketId: ticket.id, at: now, actor: ctx.actor, type: 'escalation_requested', visibility: 'public', body: data.reason, data: askedBy ? { asked_by: askedBy } : {} });
    const asker = askedBy ?? (ctx.actor.kind === 'contact' ? ctx.actor.id : null);
    if (asker) await mailEscalationRequested(tx, ticket, { contactId: asker, reason: data.reason, recordedBy: ctx.actor.kind === 'agent' ? ctx.actor.id : null, eventId: id, now });
    const { rows } = await tx.query<EventRow>('SELECT * FROM ticket_events WHERE id = $1', [id]);
    return eventView(rows[0], ctx.actor);
  });
}
