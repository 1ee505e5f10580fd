// What one inbound message becomes, decided before any action (classify.ts, match.ts), every action
// going through the ticket verbs as the sending contact, so email gets exactly the rules the API has:
//   own mail / automatic mail   -> ignored (kept, shown to admins; never answered, no ticket)
//   bounce                      -> attached to the outbox row it returns; never a ticket (a ticket's mail
//                                  that came back is on its timeline: tickets/undelivered-mail.ts)
//   DMARC failure on From       -> held: the sender is not who it says
//   an answer in a side conversation (from the address written to, to a message we sent it)
//                               -> on the ticket for the team only (tickets/side-conversations.ts)
//   an agent answering a notice -> their reply to the customer, or internal note (docs/adr/0022)
//   to an agent's forwarding address, from that agent -> a ticket for the customer whose mail it forwards
//   reply the sender may write  -> appended to the ticket (a contact's reply meets no promise)
//   anything else from a contact-> a new ticket for them (the policy may hold it: named contacts;
//                                  held for not being one, they are told so once, and whom to ask)
//   an unknown sender           -> held for review; nothing is sent to them, nothing quoted
import { ConflictError, ForbiddenError, type Actor, type Ctx, type Db } from '../platform/index.ts';
import { addReply, createTicket, recordUndeliveredMail } from '../tickets/index.ts';
import { answerAsAgent, forwardedByAgent } from './agent-mail.ts';
import { blockOf } from './blocked-senders.ts';
import type { Classification } from './classify.ts';
import { heldReason, subjectOf, textOf, type Decision } from './decision.ts';
import { answerInSideConversation } from './side-mail.ts';
import { agentAnswer, matchTicket, sideAnswer, sideConversationInThread, senderAgent, senderContact, senderMayWrite, type AgentSender, type MatchedTicket, type Sender } from './match.ts';
import type { ParsedEmail } from './parse-message.ts';
import { utcMinuteText } from '../platform/clock.ts';
import { possessive } from '../policy/index.ts';

/** A mail attachment as stored (inbound_attachments), which is what webhooks and the ticket name. */
export type StoredAttachment = { id: string; filename: string | null; content_type: string; size: number };

export const contactActor = (s: Sender): Actor => ({ kind: 'contact', id: s.id, organizationId: s.organization_id });

/** A new ticket for the sender; `followUpOf`: the closed ticket their mail was written on, which it continues. */
async function openTicketFor(ctx: Ctx, tx: Db, sender: Sender, mail: ParsedEmail, why: string, route: Route, followUpOf?: string): Promise<Decision> {
  try {
    const ticket = await createTicket({
      ctx: { ...ctx, db: tx, actor: contactActor(sender) },
      input: {
        subject: subjectOf(mail), description: textOf(mail, false), channel: 'email', ...(followUpOf ? { followUpOf } : {}),
        ...(route.requestType ? { requestType: route.requestType } : {}),
      },
      options: { receivedAt: route.receivedAt, receiptCopies: route.copies ?? [] },
    });
    const { rows } = await tx.query<{ id: string }>("SELECT id FROM ticket_events WHERE ticket_id = $1 AND type = 'created'", [ticket.id]);
    const as = route.requestType ? ` (${route.requestType}, by the address it was sent to)` : '';
    return { status: 'created', outcome: `${why}: opened ticket #${ticket.number}${as}`, ticketId: ticket.id, eventId: rows[0]?.id ?? null, sender };
  } catch (e) {
    // The policy refused it (a contact who is not a named contact, a channel the plan lacks): the
    // ticket verb kept it as a held request for an agent to review.
    if (e instanceof ForbiddenError && e.recorded) {
      const held = e.details.find((d) => d.path === 'heldRequestId')?.message ?? null;
      return { status: 'held', outcome: `${why}, held for review (the policy refused it): ${heldReason(e)}`, heldRequestId: held };
    }
    throw e;
  }
}

/**
 * Where a new ticket from the mail goes: the request type its address names (request-type-of-mail.ts),
 * or none; and when the mail reached the desk, which is when the ticket opens and its clocks start
 * (however long it waited to be processed).
 */
export type Route = {
  requestType: string | null; receivedAt: Temporal.Instant;
  /** The addresses the mail copied (To, Cc, not ours nor the sender's): a new ticket's receipt is copied to those of its organization's contacts. */
  copies?: readonly string[];
};

export async function decide(
  ctx: Ctx, tx: Db, mail: ParsedEmail, kind: Classification, now: Temporal.Instant, inboundId: string, domain: string, attachments: readonly StoredAttachment[], forwardToken: string | null,
  route: Route,
): Promise<Decision> {
  if (kind.kind === 'own') return { status: 'ignored', outcome: `Ignored: ${kind.reason}` };
  if (kind.kind === 'bounce') {
    if (kind.outboxIds.length === 0) return { status: 'bounce', outcome: `A bounce (${kind.reason}) of no message Accord sent: ${kind.diagnostic ?? 'no reason given'}` };
    const { rows } = await tx.query<{ id: string; recipient: string }>(
      `UPDATE outbox SET bounced_at = $2, bounce_reason = $3, bounce_inbound_id = $4 WHERE id = ANY($1::uuid[]) RETURNING id, recipient`,
      [kind.outboxIds, now, kind.diagnostic?.slice(0, 1000) ?? kind.reason, inboundId],
    );
    const first = rows[0];
    if (!first) return { status: 'bounce', outcome: `A bounce (${kind.reason}) of a message no longer in the outbox` };
    // Mail to a ticket's customer that came back: the ticket says so, and whoever holds it hears.
    for (const r of rows) await recordUndeliveredMail({ ctx: { ...ctx, db: tx }, input: { outboxId: r.id, how: 'bounced' } });
    return { status: 'bounce', outcome: `Bounce (${kind.reason}) of the message to ${first.recipient}: ${kind.diagnostic ?? 'no reason given'}`, outboxId: first.id };
  }
  const ticket = await matchTicket(tx, mail, domain);
  if (kind.kind === 'automatic') {
    const about = ticket ? ` (about ticket #${ticket.number}; not added to it)` : '';
    return { status: 'ignored', outcome: `Automatic mail, not answered and no ticket opened: ${kind.reason}${about}`, ticketId: ticket?.id ?? null };
  }
  // Sent to an agent's forwarding address: a customer's mail they forward, whatever its subject says.
  if (forwardToken) return forwardedByAgent(ctx, tx, mail, kind.forged, forwardToken);
  // An answer in a side conversation: proven by the id of what we sent that address in the thread,
  // so a spam filter's guess does not stop it; a From that failed DMARC does (it is held below).
  if (!kind.forged) {
    const side = await sideAnswer(tx, mail.from, mail.threadIds, domain);
    if (side) return answerInSideConversation(ctx, tx, mail, side);
  }
  const sender = await senderContact(tx, mail.from);
  const agent = await senderAgent(tx, mail.from);
  // An agent answering a notice about a ticket: proven by the notice's id in the thread, so a spam
  // filter's guess does not stop it; a From that failed DMARC does (below).
  if (agent && !kind.forged) {
    const answer = await agentAnswer(tx, agent, mail.threadIds, domain);
    if (answer) return answerAsAgent(ctx, tx, mail, answer, inboundId, route.receivedAt);
  }
  // A stranger's mail a spam filter marked where it came in: kept, listed as dismissed, not put
  // before people (an admin adds the sender and processes it, if the filter was wrong). A contact's
  // goes on: holding a customer's request for a filter's guess would hold the promise's clock too.
  if (!sender && kind.spam) return { status: 'dismissed', outcome: `Dismissed as spam: ${kind.spam} (set where it came in), from ${mail.from}, not a contact; kept: add the sender to process it` };
  // Someone besides the one written to, answering in a side conversation's thread (the supplier's
  // colleague who replied to all): held, naming the conversation, for an admin to take them in.
  // One of the customer's own people there (it reached them somehow) is held too, never put on
  // the ticket as their reply: the conversation is the team's, and a reply is read by all of them.
  // (A From that failed DMARC is no one's proven answer: held as forged below, unless blocked.)
  if (!agent && !kind.forged) {
    const thread = await sideConversationInThread(tx, mail.threadIds, domain);
    if (thread && sender && sender.organization_id === thread.organizationId) {
      return {
        status: 'held',
        outcome: `Held for review: ${mail.from}, a contact of the ticket's organization, answered in the side conversation "${thread.subject}" on ticket #${thread.ticketNumber}, which is the team's only: their words are not put on the ticket; write to them there with a reply`,
      };
    }
    if (thread) {
      return {
        status: 'held', sideConversationId: thread.conversationId,
        outcome: `Held for review: ${mail.from} answered the side conversation "${thread.subject}" on ticket #${thread.ticketNumber}, written to ${thread.counterpart}; an admin who knows them takes them into it, and their answer goes on the ticket`,
      };
    }
  }
  // A stranger an admin blocked (blocked-senders.ts): kept, listed as dismissed with the block named,
  // a forged From too. Asked after the side conversation's thread: a supplier's colleague answering
  // in it is held, as above.
  if (!sender && !agent) {
    const block = await blockOf(tx, mail.from, now);
    if (block) {
      return {
        status: 'dismissed',
        outcome: `Dismissed: ${mail.from} is blocked (${block.pattern}, since ${utcMinuteText(block.createdAt)}${block.reason ? `: ${block.reason}` : ''}); kept: unblock the sender and process it again to take it`,
      };
    }
  }
  if (kind.forged) return { status: 'held', outcome: `Held: DMARC failed for ${mail.from}, so the sender is not proven; a person decides` };
  if (ticket) return replyOrNew(ctx, tx, mail, ticket, sender, attachments, agent, route);
  if (sender) return openTicketFor(ctx, tx, sender, mail, `New request from ${sender.email}`, route);
  if (agent) return { status: 'held', outcome: `Held for review: ${mail.from} is ${possessive(agent.name)} address (an agent), and the message answers no mail Accord sent them about a ticket: agents answer on the desk, or by replying to a ticket's notice` };
  return { status: 'held', outcome: `Held for review: ${mail.from} is not a contact of any organization` };
}

async function replyOrNew(
  ctx: Ctx, tx: Db, mail: ParsedEmail, ticket: MatchedTicket, sender: Sender | null, attachments: readonly StoredAttachment[], agent: AgentSender | null, route: Route,
): Promise<Decision> {
  const how = `${ticket.by === 'thread' ? 'a reply in its thread' : 'its reference in the subject'}${ticket.mergedFrom ? `, about #${ticket.mergedFrom.number}, merged into it` : ''}`;
  if (!senderMayWrite(sender, ticket)) {
    // A stranger guessing "[#12]", or a forged reply: it never reaches the ticket.
    if (!sender && agent) {
      return { status: 'held', outcome: `Held for review: ${mail.from} is ${possessive(agent.name)} address (an agent) and matched ticket #${ticket.number} by ${how}, but answers no mail Accord sent them about it: agents answer on the desk, or by replying to the ticket's notice` };
    }
    if (!sender) return { status: 'held', outcome: `Held for review: ${mail.from} matched ticket #${ticket.number} by ${how} but is not its contact or a named contact of its organization` };
    return openTicketFor(ctx, tx, sender, mail, `${sender.email} may not write on ticket #${ticket.number} (matched by ${how}); a new request instead`, route);
  }
  try {
    // Those it went to already (To, Cc) are not sent it again by the desk.
    const event = await addReply({ ctx: { ...ctx, db: tx, actor: contactActor(sender!) }, input: { ticketId: ticket.id, body: textOf(mail, true) }, byMail: { to: mail.to, files: attachments }, at: route.receivedAt });
    return { status: 'appended', outcome: `Added to ticket #${ticket.number} as ${possessive(sender!.email)} reply (matched by ${how})`, ticketId: ticket.id, eventId: event.id, sender: sender! };
  } catch (e) {
    if (e instanceof ConflictError) return openTicketFor(ctx, tx, sender!, mail, `Ticket #${ticket.number} is closed; a new request instead, following it up`, route, ticket.id);
    throw e;
  }
}
