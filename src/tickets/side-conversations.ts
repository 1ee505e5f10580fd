// Side conversations: an agent writes from a ticket to someone who is not its customer (the
// vendor's own supplier, a partner, a colleague who has no seat on the desk) and their answers come
// back onto the ticket, for the team only. Each conversation is one address and a subject on one
// ticket (side_conversations, 0057); its messages are the ticket's internal events, `side_message`
// (sent, by the agent) and `side_reply` (received, by mail: email/decide-inbound.ts takes it only
// from that address and only answering a message we sent it, proven by its Message-ID, docs/adr/0022).
// The customer sees none of it. The customer and the people copied on the ticket are written to
// with a reply, and colleagues on the desk with a note that asks them, so neither is a side
// conversation. An answer tells the agents who wrote and hold the ticket; a ticket waiting on a
// third party is open again once the third party answered (the ball is back with the team).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { queueMessage } from '../outbox/index.ts';
import { ConflictError, InvalidInputError, NotFoundError, parseInput, type Actor, type Ctx, type Db } from '../platform/index.ts';
import { agentsTakingMail, mailSignature } from '../customers/index.ts';
import { applyStatus } from './change-status.ts';
import { deskLink } from './agent-notices.ts';
import { ticketReference } from './customer-mail.ts';
import { eventView, type EventView } from './event-view.ts';
import { checkCounterpart, lockConversation, newcomers, refuseCustomersIn, sideConversation, sideConversationsOf, type Row, type SideConversation } from './side-conversation-rows.ts';
import { storeFiles, type FileRef } from './files.ts';
import { Files, MAX_MAILED_BYTES, Text, type FileInput } from './schemas.ts';
import { requireAgent, requireAgentPerson, ticketForActor, writeEvent, type EventRow, type TicketRow } from './store.ts';
import { emitTicketUpdated } from './webhook-events.ts';
import { writeOnTicket } from './write-context.ts';


export const SideMessageInput = z
  .strictObject({
    ticketId: z.string(),
    /** A conversation of this ticket to write on; without it, `to` starts a new one. */
    conversationId: z.string().max(100).optional(),
    /** Whom a new conversation writes to: one address. */
    to: z.email('is not an email address').max(320).optional(),
    /** A new conversation's subject; the ticket's when none is given. */
    subject: Text(300).optional(),
    /**
     * Others to take into the conversation (the counterpart's colleague): they get this message and
     * every later one, and their answers are taken as the counterpart's. Checked as `to` is.
     */
    alsoTo: z.array(z.email('is not an email address').max(320)).max(10, 'takes at most 10 addresses: write to a list that reaches the rest').optional(),
    body: Text(100_000),
    files: Files.optional(),
    /** The customer's request (the ticket's subject and description) quoted below the message, for them to read. */
    quoteRequest: z.boolean().optional(),
  })
  .superRefine((v, add) => {
    if (!v.conversationId && !v.to) add.addIssue({ code: 'custom', path: ['to'], message: 'is required to start a side conversation (or name the conversation to write on)' });
    if (v.conversationId && v.to) add.addIssue({ code: 'custom', path: ['to'], message: 'is the conversation\'s already: leave it out when writing on one' });
    if (v.conversationId && v.subject) add.addIssue({ code: 'custom', path: ['subject'], message: 'is the conversation\'s already: leave it out when writing on one' });
  });
export type SideMessageInput = z.input<typeof SideMessageInput>;

/** Agents: the ticket's side conversations (a contact: the ticket's 404 first, then forbidden). */
export async function listSideConversations({ ctx, input }: { ctx: Ctx; input: { ticketId: string } }): Promise<SideConversation[]> {
  const ticket = await ticketForActor(ctx.db, ctx.actor, input.ticketId, false);
  requireAgent(ctx.actor, 'read side conversations');
  return sideConversationsOf(ctx.db, ticket.id);
}

/**
 * Agents: a message to someone outside the ticket, starting a side conversation (`to`) or written on
 * one (`conversationId`). Mailed as the agent's words (with their signature) from the support address,
 * so the answer comes back to the desk; answers the timeline's new internal event.
 */
export async function sendSideMessage({ ctx, input }: { ctx: Ctx; input: SideMessageInput }): Promise<EventView> {
  return writeOnTicket(ctx, input.ticketId, async ({ tx, ticket, now }) => {
    // Looked up first: another organization's ticket is 404 for a contact, whatever the body.
    requireAgentPerson(ctx.actor, 'write side conversations');
    const data = parseInput(SideMessageInput, input);
    // The files go with the mail or not at all: the third party cannot read the ticket, as a customer
    // reads theirs on the portal, so what a mailbox would not take is refused (customer-mail.ts).
    if ((data.files ?? []).reduce((n, f) => n + f.content.byteLength, 0) > MAX_MAILED_BYTES) {
      throw new InvalidInputError('These files are too large to send by email', [
        { path: 'files', message: `together larger than the ${MAX_MAILED_BYTES / 1024 / 1024} MiB a mail may carry: they cannot read the ticket, so send fewer or smaller files` },
      ]);
    }
    if (ticket.merged_into) throw new ConflictError('this ticket was merged into another: write from that one');
    let conversation: Row;
    if (data.conversationId) {
      conversation = await lockConversation(tx, ticket.id, data.conversationId);
    } else {
      const to = data.to!.toLowerCase();
      await checkCounterpart(tx, ticket, to);
      const { rows } = await tx.query<Row>(
        `INSERT INTO side_conversations (id, ticket_id, counterpart, subject, started_by, started_at, last_message_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING *`,
        [randomUUID(), ticket.id, to, data.subject ?? ticket.subject, ctx.actor.id, now],
      );
      conversation = rows[0];
    }
    // Those the agent takes in now (side-conversation-people.ts); one already in is no change.
    const taken = await newcomers(tx, ticket, conversation, data.alsoTo ?? [], 'alsoTo');
    if (taken.length > 0) {
      const { rows } = await tx.query<Row>('UPDATE side_conversations SET also_from = also_from || $2::text[] WHERE id = $1 RETURNING *', [conversation.id, taken]);
      conversation = rows[0];
    }
    await refuseCustomersIn(tx, ticket, conversation);
    const first = Number(conversation.sent) + Number(conversation.received) === 0;
    const id = await writeEvent(tx, {
      ticketId: ticket.id, at: now, actor: ctx.actor, type: 'side_message', visibility: 'internal', body: data.body,
      data: {
        conversation_id: conversation.id, to: conversation.counterpart, subject: conversation.subject,
        ...(conversation.also_from.length > 0 ? { also_to: conversation.also_from } : {}), ...(taken.length > 0 ? { taken_in: taken } : {}),
        ...(data.quoteRequest ? { quoted_request: true } : {}),
      },
    });
    const files = await storeFiles(tx, { ticketId: ticket.id, eventId: id, now, files: data.files ?? [] });
    const signature = await mailSignature(tx, ctx.actor.id);
    // The agent's choice: the customer's words go to the third party only when asked, quoted as written.
    const quoted = data.quoteRequest ? `\n\n----- The request -----\n${ticket.subject}\n\n${ticket.description}` : '';
    // Everyone in the conversation gets a copy of their own, as people copied on a ticket do
    // (customer-mail.ts): an answer to any of them is matched by its own Message-ID (email/match.ts).
    // The counterpart's copy is the event's `outbox_id`, which later messages thread on.
    let outboxId: string | null = null;
    for (const recipient of [conversation.counterpart, ...conversation.also_from]) {
      const queued = await queueMessage(tx, {
        kind: 'side_message', recipient, createdAt: now,
        subject: (first ? conversation.subject : `Re: ${conversation.subject}`).slice(0, 998), body: `${data.body}${quoted}${signature}`,
        // The ticket it is about (erasure, a stranger's answer held as about it) but not its number:
        // the mail threads on the conversation (email/deliver.ts), never on the customer's messages.
        payload: { ticket_id: ticket.id, side_conversation_id: conversation.id, event_id: id, automatic: false, ...(files.length > 0 ? { files: files.map((f) => f.id) } : {}) },
        dedupeKey: recipient === conversation.counterpart ? `side:${id}` : `side:${id}:${recipient}`,
      });
      outboxId ??= queued;
    }
    await tx.query(`UPDATE ticket_events SET data = data || jsonb_build_object('outbox_id', $2::text) WHERE id = $1`, [id, outboxId]);
    await tx.query('UPDATE side_conversations SET sent = sent + 1, last_message_at = $2 WHERE id = $1', [conversation.id, now]);
    const { rows } = await tx.query<EventRow>('SELECT * FROM ticket_events WHERE id = $1', [id]);
    return eventView(rows[0], ctx.actor);
  });
}

export type SideReplyInput = {
  conversationId: string;
  /** Who answered: the counterpart, or someone an admin took into the conversation (its counterpart when not given). */
  from?: string | null;
  /** The answer's text (its quote of our message left out by the caller). */
  body: string;
  /** The answer's Message-ID, bare: later messages of the conversation refer to it. */
  messageId: string | null;
  files: readonly FileInput[];
};

/**
 * The counterpart's answer, proven by the email channel: an internal `side_reply` event by the
 * desk itself (the writer is no person of the desk: `from` names them), its files on the ticket
 * for the team. A ticket waiting on a third party is open again. The agents who wrote on the
 * conversation and the ticket's assignee are mailed (mail-preferences: side_reply).
 */
export async function receiveSideReply({ ctx, input }: { ctx: Ctx; input: SideReplyInput }): Promise<{ event: EventView; ticket: { id: string; number: number; subject: string }; reopened: boolean }> {
  const conversation = await sideConversation(ctx.db, input.conversationId);
  if (!conversation) throw new NotFoundError('no such side conversation');
  // Checked before anything is written: the caller's transaction goes on with its refusal.
  const { files: checked } = parseInput(z.strictObject({ files: Files }), { files: [...input.files] });
  const system: Actor = { kind: 'system' };
  const answerer = input.from?.toLowerCase() ?? conversation.counterpart;
  return writeOnTicket({ ...ctx, actor: system }, conversation.ticketId, async (scope) => {
    const { tx, ticket, now } = scope;
    const id = await writeEvent(tx, {
      ticketId: ticket.id, at: now, actor: system, type: 'side_reply', visibility: 'internal', body: input.body,
      data: { conversation_id: conversation.id, from: answerer, subject: conversation.subject, ...(input.messageId ? { message_id: input.messageId } : {}) },
    });
    const files = await storeFiles(tx, { ticketId: ticket.id, eventId: id, now, files: checked });
    await tx.query('UPDATE side_conversations SET received = received + 1, last_message_at = $2 WHERE id = $1', [conversation.id, now]);
    const reopened = ticket.status === 'pending_third_party';
    if (reopened) {
      const before = { ...ticket };
      await applyStatus(scope, system, 'open', 'the third party answered');
      // As any status change: the ticket.updated webhook, with the reason.
      await emitTicketUpdated(tx, before, ticket, now, 'the third party answered');
    }
    await mailSideReplyNotice(tx, ticket, conversation, { eventId: id, from: answerer, body: input.body, files, now });
    const { rows } = await tx.query<EventRow>('SELECT * FROM ticket_events WHERE id = $1', [id]);
    return { event: eventView(rows[0]), ticket: { id: ticket.id, number: Number(ticket.number), subject: ticket.subject }, reopened };
  });
}

/** What a reply to the notice of an answer does (email/match.ts ANSWERABLE): a note, among the team. */
const NOTICE_ANSWERS = `Reply to this message to add an internal note on the ticket (the customer does not see it). To answer them, write on the side conversation on the ticket's page.`;

async function mailSideReplyNotice(tx: Db, t: TicketRow, c: SideConversation, input: { eventId: string; from: string; body: string; files: readonly FileRef[]; now: Temporal.Instant }): Promise<void> {
  // Whoever wrote on it, on this ticket or on one merged into it (the index of 0059).
  const { rows } = await tx.query<{ actor_id: string }>(
    `SELECT DISTINCT actor_id::text FROM ticket_events
     WHERE type IN ('side_message', 'side_reply') AND data->>'conversation_id' = $1 AND actor_kind = 'agent'`,
    [c.id],
  );
  const ids = [...new Set([c.startedBy, ...rows.map((r) => r.actor_id), ...(t.assignee_id ? [t.assignee_id] : [])])];
  const files = input.files.length > 0 ? `\n\nWith ${input.files.length === 1 ? 'a file' : `${input.files.length} files`}, on the ticket: ${input.files.map((f) => f.filename).join(', ')}` : '';
  for (const to of await agentsTakingMail(tx, ids, 'side_reply')) {
    await queueMessage(tx, {
      kind: 'agent_side_reply_notice', recipient: to.email, createdAt: input.now,
      subject: `${ticketReference(t.number)} ${input.from} answered: ${c.subject}`.slice(0, 998),
      body: `${input.from} answered the side conversation "${c.subject}" on ticket #${t.number} "${t.subject}" (the customer does not see it):\n\n${input.body}${files}\n\n${NOTICE_ANSWERS}`,
      payload: { ticket_id: t.id, ticket_number: t.number, automatic: true, links: [deskLink(t)] },
      dedupeKey: `side-notice:${input.eventId}:${to.id}`,
    });
  }
}
