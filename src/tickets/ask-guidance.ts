// A customer referred to the knowledge base asks for the guidance the policy offers beyond it.
// OpenKey: "If the client reaches out to Support for what is deemed as a Tier 1 issue, they will be
// referred back to our Knowledge Base. Additional guidance will be provided upon request if the
// issue is outside the scope of the knowledge base articles." The referral (the receipt, the case
// page) quotes that sentence (severities[].guidance_on_request); this is the request it speaks of:
// the customer says what the articles do not cover, a public entry records it with the policy's
// sentence it was asked under, a solved or waiting case is open again, and the agents who hold or follow
// it are mailed (the managers when nobody does: a referred case may be on nobody's list), the others
// on the case too (the requester, those copied), as a reply of theirs is. The seed
// gives this guidance no time, so no clock starts.
import { z } from 'zod';
import { agentsTakingMail } from '../customers/index.ts';
import { queueMessage } from '../outbox/index.ts';
import { ConflictError, ForbiddenError, parseInput, type Ctx, type Db } from '../platform/index.ts';
import { deskLink, REPLY_ANSWERS, ticketWatchers } from './agent-notices.ts';
import { applyStatus } from './change-status.ts';
import { isReader } from './ccs.ts';
import { guidanceOffer } from './kb-referral.ts';
import { mailCustomerReplyToOthers, ticketReference } from './customer-mail.ts';
import { eventView, type EventView } from './event-view.ts';
import { Text } from './schemas.ts';
import { writeEvent, type TicketRow } from './store.ts';
import { emitTicketUpdated } from './webhook-events.ts';
import { writeOnTicket } from './write-context.ts';

export const AskGuidanceInput = z.strictObject({
  ticketId: z.string(),
  /** What the knowledge base's articles do not cover: what the agent giving the guidance needs first. */
  body: Text(100_000),
});
export type AskGuidanceInput = z.input<typeof AskGuidanceInput>;

/** Why a solved or waiting case is open again, on its status entry (both readers). */
export const GUIDANCE_REASON = 'the customer asked for guidance beyond the knowledge base articles';

export async function askForGuidance({ ctx, input }: { ctx: Ctx; input: AskGuidanceInput }): Promise<EventView> {
  const data = parseInput(AskGuidanceInput, input);
  return writeOnTicket(ctx, data.ticketId, async (scope) => {
    const { tx, ticket, now, policy } = scope;
    const actor = ctx.actor;
    // The customer asks; an agent who thinks the articles fall short simply answers the case.
    if (actor.kind !== 'contact') throw new ForbiddenError('only the customer asks for guidance beyond the knowledge base: answer the case instead');
    if (!(await isReader(tx, ticket, actor.id))) throw new ForbiddenError('only the requester and the people copied on the case ask for guidance on it');
    if (ticket.status === 'closed') throw new ConflictError('this case is closed; open a new case instead');
    const offer = guidanceOffer(policy, ticket);
    if (!offer) {
      throw new ConflictError('this case is not one our support policy refers to the knowledge base with guidance on request: reply to it instead');
    }
    const before = { ...ticket };
    const id = await writeEvent(tx, { ticketId: ticket.id, at: now, actor, type: 'guidance_requested', visibility: 'public', body: data.body, data: { offer } });
    const reopened = ticket.status === 'solved';
    // A case solved with the articles, or waiting on the customer, is the team's to answer again.
    if (ticket.status !== 'open') await applyStatus(scope, actor, 'open', GUIDANCE_REASON);
    await mailGuidanceAsked(tx, ticket, { contactId: actor.id, body: data.body, offer, reopened, eventId: id, now });
    // The requester and colleagues copied on the case each read their own copy of its mail, so the
    // request, like a reply, is passed on to the others on it (customer-mail.ts): else the requester
    // would not know a colleague asked, and might ask again or take the case as settled.
    await mailCustomerReplyToOthers(tx, ticket, {
      eventId: id, writerId: actor.id, body: data.body, files: [], now, byMail: null,
      did: `asked for more guidance on case #${ticket.number}, beyond the knowledge base articles`,
    });
    await emitTicketUpdated(tx, before, ticket, now, GUIDANCE_REASON);
    const { rows } = await tx.query<Parameters<typeof eventView>[0]>('SELECT * FROM ticket_events WHERE id = $1', [id]);
    return eventView(rows[0], actor);
  });
}

/**
 * The request reaches someone who gives the guidance: the assignee and followers, as a customer's
 * reply does (agent-notices.ts), else the managers and admins (a referred case is often left on the
 * queue unheld). Under the same mail preference as a customer's reply.
 */
async function mailGuidanceAsked(tx: Db, t: TicketRow, input: { contactId: string; body: string; offer: string; reopened: boolean; eventId: string; now: Temporal.Instant }): Promise<void> {
  let ids = await ticketWatchers(tx, t);
  if (ids.length === 0) {
    const { rows } = await tx.query<{ id: string }>("SELECT id FROM agents WHERE role IN ('manager', 'admin') AND deactivated_at IS NULL");
    ids = rows.map((r) => r.id);
  }
  const recipients = await agentsTakingMail(tx, ids, 'customer_replied');
  const { rows } = await tx.query<{ name: string; email: string }>('SELECT name, email FROM contacts WHERE id = $1', [input.contactId]);
  const who = rows[0] ? `${rows[0].name} <${rows[0].email}>` : 'The customer';
  for (const to of recipients) {
    await queueMessage(tx, {
      kind: 'agent_reply_notice', recipient: to.email, createdAt: input.now,
      subject: `${ticketReference(t.number)} Additional guidance asked for: ${t.subject}`,
      body: `${who} was referred to the knowledge base on ticket #${t.number} "${t.subject}" and asks for the guidance the support policy offers beyond it ("${input.offer}")${input.reopened ? '; the ticket was solved and is open again' : ''}. They wrote:\n\n${input.body}\n\n${REPLY_ANSWERS}`,
      payload: { ticket_id: t.id, ticket_number: t.number, automatic: true, links: [deskLink(t)] },
      dedupeKey: `guidance-asked:${input.eventId}:${to.id}`,
    });
  }
}
