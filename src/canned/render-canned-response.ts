// renderCannedResponse: a canned response filled for one ticket, for the agent to edit and send as
// their own reply (nothing is sent here; the reply is the agent's, and meets first response as
// any reply does). Every agent; the ticket is read as the agent may read it.
import { listAgents, listContacts } from '../customers/index.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { policyVersion } from '../policy-versions/index.ts';
import { getTicket } from '../tickets/index.ts';
import { requireCannedReader } from './permissions.ts';
import { fillPlaceholders } from './placeholders.ts';
import { cannedById } from './rows.ts';
import { RenderCannedResponseInput, type CannedResponse } from './schemas.ts';

/** Filled for the ticket, with what it does to the ticket when sent (the reply form's status and tags). */
export type RenderedCannedResponse = { id: string; title: string; body: string; status: CannedResponse['status']; tags: string[] };

export async function renderCannedResponse({ ctx, input }: { ctx: Ctx; input: RenderCannedResponseInput }): Promise<RenderedCannedResponse> {
  requireCannedReader(ctx.actor);
  const value = parseInput(RenderCannedResponseInput, input);
  const ticket = await getTicket({ ctx, input: { ticketId: value.ticketId } });
  const canned = await cannedById(ctx.db, value.cannedResponseId, ctx.actor);
  const [requester, agent, policy] = await Promise.all([
    listContacts({ ctx, input: { ids: [ticket.requesterId], limit: 1 } }),
    ctx.actor.kind === 'agent' ? listAgents({ ctx, input: { ids: [ctx.actor.id], limit: 1 } }) : Promise.resolve({ items: [] }),
    policyVersion(ctx.db, ticket.policyVersion),
  ]);
  const body = fillPlaceholders(canned.body, {
    'requester.name': requester.items[0]?.name ?? '',
    'ticket.number': String(ticket.number),
    'ticket.subject': ticket.subject,
    'agent.name': agent.items[0]?.name ?? '',
    'vendor.name': policy.file.vendor.name,
  });
  return { id: canned.id, title: canned.title, body, status: canned.status, tags: canned.tags };
}
