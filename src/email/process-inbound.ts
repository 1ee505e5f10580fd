// Processing one stored inbound message: claim it, parse it, decide, act, record the outcome.
// The decision (classify.ts, match.ts) comes before any action, and every action goes through the
// ticket verbs as the sending contact, so email gets exactly the rules the API has:
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
// A failure quarantines the message with its error; it is retried by an admin, and the messages
// behind it go on.
import { randomUUID } from 'node:crypto';
import { AccordError, ConflictError, ForbiddenError, type Actor, type Ctx, type Db } from '../platform/index.ts';
import { addReply, copyFromMail, createTicket, emitMailFilesAdded, recordUndeliveredMail } from '../tickets/index.ts';
import { answerAsAgent, forwardedByAgent } from './agent-mail.ts';
import { tellHeldSender } from './held-sender.ts';
import { blockOf } from './blocked-senders.ts';
import { classifyInbound, type Classification } from './classify.ts';
import { subjectOf, textOf, type Decision, type InboundStatus } from './decision.ts';
import { forwardTokenOf } from './forward.ts';
import { requestTypeOfMail } from './request-type-of-mail.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { answerInSideConversation } from './side-mail.ts';
import { agentAnswer, matchTicket, sideAnswer, sideConversationInThread, senderAgent, senderContact, senderMayWrite, type AgentSender, type MatchedTicket, type Sender } from './match.ts';
import { parseEmail, type ParsedEmail } from './parse-message.ts';
import type { EmailSettings } from './settings.ts';
import { utcMinuteText } from '../platform/clock.ts';

// Longer than processing one message takes; a worker that died mid-way leaves it to lapse.
const CLAIM = Temporal.Duration.from({ minutes: 5 });

export type { InboundStatus } from './decision.ts';
export type InboundResult = { id: string; status: InboundStatus; outcome: string; ticketId: string | null };

type Claimed = { id: string; raw: Uint8Array; envelope_from: string | null; envelope_to: string[] | null; received_at: Temporal.Instant };

async function claim(db: Db, id: string, now: Temporal.Instant): Promise<Claimed | null> {
  const { rows } = await db.query<Claimed>(
    `UPDATE inbound_messages SET status = 'processing', attempts = attempts + 1, claimed_until = $3, error = NULL
     WHERE id = $1 AND (status = 'received' OR (status = 'processing' AND claimed_until < $2))
     RETURNING id, raw, envelope_from, envelope_to, received_at`,
    [id, now, now.add(CLAIM)],
  );
  return rows[0] ?? null;
}

const contactActor = (s: Sender): Actor => ({ kind: 'contact', id: s.id, organizationId: s.organization_id });

/** A new ticket for the sender; `followUpOf`: the closed ticket their mail was written on, which it continues. */
async function openTicketFor(ctx: Ctx, tx: Db, sender: Sender, mail: ParsedEmail, why: string, route: Route, followUpOf?: string): Promise<Decision> {
  try {
    const ticket = await createTicket({
      ctx: { ...ctx, db: tx, actor: contactActor(sender) },
      input: {
        subject: subjectOf(mail), description: textOf(mail, false), channel: 'email', ...(followUpOf ? { followUpOf } : {}),
        ...(route.requestType ? { requestType: route.requestType } : {}),
      },
      options: { receivedAt: route.receivedAt },
    });
    const { rows } = await tx.query<{ id: string }>("SELECT id FROM ticket_events WHERE ticket_id = $1 AND type = 'created'", [ticket.id]);
    const as = route.requestType ? ` (${route.requestType}, by the address it was sent to)` : '';
    return { status: 'created', outcome: `${why}: opened ticket #${ticket.number}${as}`, ticketId: ticket.id, eventId: rows[0]?.id ?? null, sender };
  } catch (e) {
    // The policy refused it (a contact who is not a named contact, a channel the plan lacks): the
    // ticket verb kept it as a held request for an agent to review.
    if (e instanceof ForbiddenError && e.recorded) {
      const held = e.details.find((d) => d.path === 'heldRequestId')?.message ?? null;
      return { status: 'held', outcome: `${why}, but the policy refused it: ${e.message}`, heldRequestId: held };
    }
    throw e;
  }
}

/**
 * Where a new ticket from the mail goes: the request type its address names (request-type-of-mail.ts),
 * or none; and when the mail reached the desk, which is when the ticket opens and its clocks start
 * (however long it waited to be processed).
 */
type Route = { requestType: string | null; receivedAt: Temporal.Instant };

async function decide(
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
  if (agent) return { status: 'held', outcome: `Held for review: ${mail.from} is ${agent.name}'s address (an agent), and the message answers no mail Accord sent them about a ticket: agents answer on the desk, or by replying to a ticket's notice` };
  return { status: 'held', outcome: `Held for review: ${mail.from} is not a contact of any organization` };
}

async function replyOrNew(
  ctx: Ctx, tx: Db, mail: ParsedEmail, ticket: MatchedTicket, sender: Sender | null, attachments: readonly StoredAttachment[], agent: AgentSender | null, route: Route,
): Promise<Decision> {
  const how = `${ticket.by === 'thread' ? 'a reply in its thread' : 'its reference in the subject'}${ticket.mergedFrom ? `, about #${ticket.mergedFrom.number}, merged into it` : ''}`;
  if (!senderMayWrite(sender, ticket)) {
    // A stranger guessing "[#12]", or a forged reply: it never reaches the ticket.
    if (!sender && agent) {
      return { status: 'held', outcome: `Held for review: ${mail.from} is ${agent.name}'s address (an agent) and matched ticket #${ticket.number} by ${how}, but answers no mail Accord sent them about it: agents answer on the desk, or by replying to the ticket's notice` };
    }
    if (!sender) return { status: 'held', outcome: `Held for review: ${mail.from} matched ticket #${ticket.number} by ${how} but is not its contact or a named contact of its organization` };
    return openTicketFor(ctx, tx, sender, mail, `${sender.email} may not write on ticket #${ticket.number} (matched by ${how}); a new request instead`, route);
  }
  try {
    // Those it went to already (To, Cc) are not sent it again by the desk.
    const event = await addReply({ ctx: { ...ctx, db: tx, actor: contactActor(sender!) }, input: { ticketId: ticket.id, body: textOf(mail, true) }, byMail: { to: mail.to, files: attachments }, at: route.receivedAt });
    return { status: 'appended', outcome: `Added to ticket #${ticket.number} as ${sender!.email}'s reply (matched by ${how})`, ticketId: ticket.id, eventId: event.id, sender: sender! };
  } catch (e) {
    if (e instanceof ConflictError) return openTicketFor(ctx, tx, sender!, mail, `Ticket #${ticket.number} is closed; a new request instead, following it up`, route, ticket.id);
    throw e;
  }
}

type StoredAttachment = { id: string; filename: string | null; content_type: string; size: number };

async function storeAttachments(tx: Db, inboundId: string, mail: ParsedEmail): Promise<StoredAttachment[]> {
  const out = [];
  for (const a of mail.attachments) {
    const id = randomUUID();
    // As stored (a name or type past 255 characters is cut), which is what webhooks name.
    const stored = { id, filename: a.filename?.slice(0, 255) ?? null, content_type: a.contentType.slice(0, 255), size: a.size };
    await tx.query('INSERT INTO inbound_attachments (id, inbound_id, filename, content_type, size, content) VALUES ($1, $2, $3, $4, $5, $6)', [
      id, inboundId, stored.filename, stored.content_type, a.size, a.content,
    ]);
    out.push(stored);
  }
  return out;
}

/**
 * Processes one stored message, if it is waiting (or its claim lapsed); null when another worker has it.
 * @example
 * await processInbound({ ctx, settings, inboundId });
 */
export async function processInbound({ ctx, settings, inboundId }: { ctx: Ctx; settings: EmailSettings; inboundId: string }): Promise<InboundResult | null> {
  const now = ctx.clock.now();
  const claimed = await claim(ctx.db, inboundId, now);
  if (!claimed) return null;
  const raw = Buffer.from(claimed.raw);
  try {
    const mail = await parseEmail(raw);
    const kind = classifyInbound(mail, claimed.envelope_from, raw.toString('latin1'), {
      addresses: [settings.supportAddress, ...settings.ownAddresses],
      domain: settings.domain,
    });
    const decision = await ctx.db.transaction(async (tx) => {
      // Stored first, so that a reply's webhook names them (replyOrNew).
      const attachments = kind.kind === 'person' ? await storeAttachments(tx, claimed.id, mail) : [];
      const recipients = [...(claimed.envelope_to ?? []), ...mail.to];
      const forwardToken = forwardTokenOf(recipients, settings);
      const policy = kind.kind === 'person' ? (await activePolicy(tx)).model.file : null;
      const route: Route = {
        requestType: policy ? requestTypeOfMail(policy, { envelope: claimed.envelope_to ?? [], headers: mail.to }, settings) : null,
        receivedAt: claimed.received_at,
      };
      const d = await decide(ctx, tx, mail, kind, now, claimed.id, settings.domain, attachments, forwardToken, route);
      // A contact held for not being a named support contact hears so at once, and whom to ask.
      if (d.status === 'held' && d.heldRequestId && kind.kind === 'person' && policy) {
        const told = await tellHeldSender(tx, policy, { inboundId: claimed.id, heldRequestId: d.heldRequestId, from: mail.from, subject: subjectOf(mail), now, suppressed: kind.suppressAutoReply ? kind.reason : null });
        if (told) d.outcome += `; ${told}`;
      }
      if (kind.kind === 'person' && kind.spam && d.status !== 'dismissed') {
        d.outcome += d.status === 'held' ? ` (also marked as spam where it came in: ${kind.spam})` : ` (marked as spam where it came in, ${kind.spam}; from a contact, so processed)`;
      }
      // Files that went onto the ticket with a person's words (an agent's forward: on their internal note) are not the mail's.
      if (d.status === 'created' && d.ticketId && d.eventId && !d.filesOnTicket) await emitMailFilesAdded(tx, { ticketId: d.ticketId, eventId: d.eventId, at: now, files: attachments });
      // Colleagues the customer copied (To, Cc) who are contacts of the organization are copied on the ticket.
      if ((d.status === 'created' || d.status === 'appended') && d.ticketId && d.sender) {
        const ours = (a: string) => a === settings.supportAddress || settings.ownAddresses.includes(a) || a.endsWith(`@${settings.domain}`);
        const emails = mail.to.filter((a) => !ours(a) && a !== mail.from?.toLowerCase());
        const { copied, passedOver } = await copyFromMail(tx, { ticketId: d.ticketId, emails, at: now, actor: contactActor(d.sender) });
        if (copied.length > 0) d.outcome += `; copied ${copied.join(', ')} on it`;
        if (passedOver.length > 0) d.outcome += `; not copied (no contact of the organization): ${passedOver.join(', ')}`;
      }
      // An agent's answer, or one in a side conversation: its files went onto the ticket with it, with
      // the answer's visibility (a note's, a side conversation's are the team's); kept as mail attachments too they would be listed, and handed, to
      // the customer as the mail's. The raw message keeps them for admins.
      if (d.filesOnTicket && attachments.length > 0) {
        await tx.query('DELETE FROM inbound_attachments WHERE inbound_id = $1', [claimed.id]);
        d.outcome += `; its ${attachments.length === 1 ? 'file went' : `${attachments.length} files went`} onto the ticket with it`;
      }
      if (d.eventId) {
        const named = d.filesOnTicket ? [] : attachments;
        const note = { email: { inbound_id: claimed.id, attachments: named.map((a) => ({ id: a.id, filename: a.filename, size: a.size })) } };
        await tx.query('UPDATE ticket_events SET data = data || $2::jsonb WHERE id = $1', [d.eventId, JSON.stringify(note)]);
      }
      // The sender asked for no automatic replies: the receipt is kept, marked, and not sent.
      if (d.status === 'created' && kind.kind === 'person' && kind.suppressAutoReply) {
        await tx.query(
          `UPDATE outbox SET status = 'suppressed', last_error = $2 WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1 AND status = 'pending'`,
          [d.ticketId, kind.reason],
        );
      }
      const { rows } = await tx.query(
        `UPDATE inbound_messages SET status = $2, outcome = $3, ticket_id = $4, outbox_id = $5, held_request_id = $6, processed_at = $7,
           message_id = $8, from_address = $9, subject = $10, automatic = $11, text_body = $12, html_sanitized = $13, claimed_until = NULL,
           side_conversation_id = $14
         WHERE id = $1 AND status = 'processing' RETURNING id`,
        [
          claimed.id, d.status, d.outcome.slice(0, 2000), d.ticketId ?? null, d.outboxId ?? null, d.heldRequestId ?? null, now,
          mail.messageId?.slice(0, 998) ?? null, mail.from?.slice(0, 320) ?? null, mail.subject.slice(0, 998),
          kind.kind === 'automatic' || kind.kind === 'bounce' || kind.kind === 'own' ? kind.reason : null,
          mail.text.slice(0, 1_000_000), mail.html?.slice(0, 1_000_000) ?? null, d.sideConversationId ?? null,
        ],
      );
      if (rows.length === 0) throw new ConflictError('the message was taken over by another worker');
      return d;
    });
    ctx.logger.info({ inboundId, status: decision.status }, 'inbound mail processed');
    return { id: claimed.id, status: decision.status, outcome: decision.outcome, ticketId: decision.ticketId ?? null };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    await ctx.db.query(
      "UPDATE inbound_messages SET status = 'quarantined', error = $2, outcome = $3, claimed_until = NULL, processed_at = $4 WHERE id = $1 AND status = 'processing'",
      [claimed.id, error.slice(0, 2000), 'Quarantined: processing failed; an admin can read it and retry', now],
    );
    ctx.logger.warn({ inboundId, err: e }, 'inbound mail quarantined');
    return { id: claimed.id, status: 'quarantined', outcome: error, ticketId: null };
  }
}

/** Every waiting message (received, or claimed by a worker that died), oldest first, one at a time. */
export async function processWaitingInbound({ ctx, settings, limit = 100 }: { ctx: Ctx; settings: EmailSettings; limit?: number }): Promise<InboundResult[]> {
  const { rows } = await ctx.db.query<{ id: string }>(
    `SELECT id FROM inbound_messages WHERE status = 'received' OR (status = 'processing' AND claimed_until < $1)
     ORDER BY received_at, id LIMIT $2`,
    [ctx.clock.now(), limit],
  );
  const out: InboundResult[] = [];
  for (const { id } of rows) {
    const result = await processInbound({ ctx, settings, inboundId: id });
    if (result) out.push(result);
  }
  return out;
}
