// Who besides the counterpart is in a side conversation (tickets/side-conversations.ts): everyone in
// it gets its messages, a copy each, and their answers are taken as the counterpart's. An agent
// takes someone in when writing (`alsoTo`), or sets the list as it is to be (an address taken in by
// mistake, someone who left the supplier, someone new before writing to them), or leaves one person
// out from the ticket's page. Each change is audited; one left out gets no more of its messages, and
// an answer of theirs is held for review again (email/match.ts).
import { z } from 'zod';
import { InvalidInputError, parseInput, type Ctx, type Db } from '../platform/index.ts';
import { recordAudit } from '../platform/audit.ts';
import { checkCounterpart, lockConversation, sideConversationsOf, type Row, type SideConversation } from './side-conversation-rows.ts';
import { requireAgentPerson, type TicketRow } from './store.ts';
import { writeOnTicket } from './write-context.ts';

export const SideConversationPeopleInput = z.strictObject({
  ticketId: z.string(),
  conversationId: z.string().max(100),
  /** Everyone in it besides the counterpart, as it is to be: one left out gets no more of its messages, and an answer of theirs is held for review again. */
  alsoFrom: z.array(z.email('is not an email address').max(320)).max(20, 'takes at most 20 addresses: write to a list that reaches the rest'),
});
export type SideConversationPeopleInput = z.input<typeof SideConversationPeopleInput>;

export const LeaveSideConversationInput = z.strictObject({
  ticketId: z.string(),
  conversationId: z.string().max(100),
  /** One of those in it besides the counterpart; someone not in it is no change. */
  address: z.email('is not an email address').max(320),
});
export type LeaveSideConversationInput = z.input<typeof LeaveSideConversationInput>;

/**
 * Agents: who besides the counterpart is in a side conversation, as it is to be. Those added are
 * checked as the counterpart is; the change is audited. Answers the conversation.
 */
export async function setSideConversationPeople({ ctx, input }: { ctx: Ctx; input: SideConversationPeopleInput }): Promise<SideConversation> {
  return writeOnTicket(ctx, input.ticketId, async ({ tx, ticket, now }) => {
    requireAgentPerson(ctx.actor, 'change who is in a side conversation');
    const data = parseInput(SideConversationPeopleInput, input);
    const conversation = await lockConversation(tx, ticket.id, data.conversationId);
    const wanted: string[] = [];
    for (const [i, raw] of data.alsoFrom.entries()) {
      const address = raw.toLowerCase();
      if (address === conversation.counterpart) {
        throw new InvalidInputError(`${address} is the one the conversation writes to`, [{ path: `alsoFrom.${i}`, message: 'is its counterpart, in it already' }]);
      }
      if (wanted.includes(address)) continue;
      if (!conversation.also_from.includes(address)) await checkCounterpart(tx, ticket, address, `alsoFrom.${i}`);
      wanted.push(address);
    }
    return changePeople(tx, ctx, ticket, conversation, wanted, now);
  });
}

/**
 * Agents: one person left out of a side conversation (the ticket page's "Stop writing to" button),
 * read and changed in one transaction, so someone taken in meanwhile stays in. Answers the conversation.
 */
export async function leaveSideConversation({ ctx, input }: { ctx: Ctx; input: LeaveSideConversationInput }): Promise<SideConversation> {
  return writeOnTicket(ctx, input.ticketId, async ({ tx, ticket, now }) => {
    requireAgentPerson(ctx.actor, 'change who is in a side conversation');
    const data = parseInput(LeaveSideConversationInput, input);
    const conversation = await lockConversation(tx, ticket.id, data.conversationId);
    const address = data.address.toLowerCase();
    if (address === conversation.counterpart) {
      throw new InvalidInputError(`${address} is the one the conversation writes to`, [{ path: 'address', message: 'is its counterpart: a conversation always writes to them' }]);
    }
    return changePeople(tx, ctx, ticket, conversation, conversation.also_from.filter((a) => a !== address), now);
  });
}

/** The list stored and the change audited, when there is one; answers the conversation as listed (with the tickets merged into this one that hold earlier messages of it). */
async function changePeople(tx: Db, ctx: Ctx, ticket: TicketRow, conversation: Row, wanted: string[], now: Temporal.Instant): Promise<SideConversation> {
  const added = wanted.filter((a) => !conversation.also_from.includes(a));
  const removed = conversation.also_from.filter((a) => !wanted.includes(a));
  if (added.length > 0 || removed.length > 0) {
    await tx.query('UPDATE side_conversations SET also_from = $2 WHERE id = $1', [conversation.id, wanted]);
    await recordAudit(tx, {
      at: now, actor: ctx.actor, type: 'side_conversation.people_changed', subjectKind: 'side_conversation', subjectId: conversation.id,
      organizationId: ticket.organization_id, data: { ticketId: ticket.id, added, removed },
    });
  }
  return (await sideConversationsOf(tx, ticket.id)).find((c) => c.id === conversation.id)!;
}
