// A customer asks for their ticket to be escalated, with a reason: a public entry on the timeline
// that agents answer by escalating it (warranted) or marking it unwarranted (the policy's abuse
// rule counts those). Its requester and the contacts copied on it, or an agent on their behalf: the
// reason the agent writes is read by the client, so it carries no link the policy keeps off tickets
// (OPS-COM: never Sentry, nor the JIRA issue linked to it), as a reply does (public-words.ts).
import { ConflictError, ForbiddenError, parseInput, type Ctx } from '../platform/index.ts';
import type { PolicyModel } from '../policy/index.ts';
import { isReader } from './ccs.ts';
import { eventView, type EventView } from './event-view.ts';
import { internalLinksOn, refuseLinksKeptOff } from './public-words.ts';
import { RequestEscalationInput } from './schemas.ts';
import { writeEvent, type EventRow } from './store.ts';
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
    if (ctx.actor.kind !== 'contact') {
      refuseLinksKeptOff(policy, ctx.actor, 'the reason for the escalation request', [{ path: 'reason', text: data.reason }], await internalLinksOn(tx, policy, ticket.id));
    }
    const id = await writeEvent(tx, { ticketId: ticket.id, at: now, actor: ctx.actor, type: 'escalation_requested', visibility: 'public', body: data.reason });
    const { rows } = await tx.query<EventRow>('SELECT * FROM ticket_events WHERE id = $1', [id]);
    return eventView(rows[0], ctx.actor);
  });
}
