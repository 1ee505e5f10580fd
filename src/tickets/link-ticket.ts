// An internal-only link (an engineering tracker issue, say). Hosts the policy forbids on
// tickets (OPS-COM: never Sentry) are refused with the policy's reason.
import { InvalidInputError, parseInput, type Ctx } from '../platform/index.ts';
import { forbiddenLink } from '../policy/index.ts';
import { eventView, type EventView } from './event-view.ts';
import { LinkInput } from './schemas.ts';
import { requireAgent, writeEvent, type EventRow } from './store.ts';
import { writeOnTicket } from './write-context.ts';

export async function linkTicket({ ctx, input }: { ctx: Ctx; input: LinkInput }): Promise<EventView> {
  return writeOnTicket(ctx, input.ticketId, async ({ tx, ticket, now, policy }) => {
    // Looked up first: another organization's ticket is 404 for a contact, whatever the body.
    requireAgent(ctx.actor, 'link tickets');
    const data = parseInput(LinkInput, input);
    // Hosts are compared normalised (case, trailing dot, port, userinfo, subdomains): policy/links.ts.
    const rule = forbiddenLink(policy, data.url);
    if (rule) throw new InvalidInputError('this link may not be attached to a ticket', [{ path: 'url', message: rule.reason }]);
    const id = await writeEvent(tx, { ticketId: ticket.id, at: now, actor: ctx.actor, type: 'link_added', visibility: 'internal', data: { url: data.url, title: data.title } });
    const { rows } = await tx.query<EventRow>('SELECT * FROM ticket_events WHERE id = $1', [id]);
    return eventView(rows[0], ctx.actor);
  });
}
