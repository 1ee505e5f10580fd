// Processing one stored inbound message: claim it, parse it, decide, act, record the outcome.
// The decision (classify.ts, match.ts) comes before any action, and every action goes through the
// ticket verbs as the sending contact, so email gets exactly the rules the API has:
//   own mail / automatic mail   -> ignored (kept, shown to admins; never answered, no ticket)
//   bounce                      -> attached to the outbox row it returns; never a ticket
//   DMARC failure on From       -> held: the sender is not who it says
//   an agent answering a notice -> their reply to the customer, or internal note (docs/adr/0022)
//   to an agent's forwarding address, from that agent -> a ticket for the customer whose mail it forwards
//   reply the sender may write  -> appended to the ticket (a contact's reply meets no promise)
//   anything else from a contact-> a new ticket for them (the policy may hold it: named contacts)
//   an unknown sender           -> held for review; nothing is sent to them, nothing quoted
// A failure quarantines the message with its error; it is retried by an admin, and the messages
// behind it go on.
import { randomUUID } from 'node:crypto';
import { queueMessage } from '../outbox/index.ts';
import { AccordError, ConflictError, ForbiddenError, InvalidInputError, type Actor, type Ctx, type Db } from '../platform/index.ts';
import { addNote, addReply, copyFromMail, createTicket, deskLink, emitMailFilesAdded, updateTicket } from '../tickets/index.ts';
import { isForwardingTokenOf } from '../customers/index.ts';
import { classifyInbound, type Classification } from './classify.ts';
import { forwardedMessage, forwardTokenOf } from './forward.ts';
import { agentAnswer, matchTicket, senderAgent, senderContact, senderMayWrite, type AgentAnswer, type AgentSender, type MatchedTicket, type Sender } from './match.ts';
import { parseEmail, type ParsedEmail } from './parse-message.ts';
import { replyText, withoutSignature } from './reply-text.ts';
import type { EmailSettings } from './settings.ts';

// Longer than processing one message takes; a worker that died mid-way leaves it to lapse.
const CLAIM = Temporal.Duration.from({ minutes: 5 });
// Ticket fields' limits (tickets/schemas.ts).
const SUBJECT_MAX = 300;
const TEXT_MAX = 100_000;

export type InboundStatus = 'created' | 'appended' | 'held' | 'ignored' | 'bounce' | 'dismissed' | 'quarantined';
export type InboundResult = { id: string; status: InboundStatus; outcome: string; ticketId: string | null };

type Decision = {
  status: Exclude<InboundStatus, 'quarantined'>;
  outcome: string;
  ticketId?: string | null;
  outboxId?: string | null;
  heldRequestId?: string | null;
  /** The ticket event the message became, to note the message and its attachments on. */
  eventId?: string | null;
  /** The contact who wrote it, when it opened a ticket or was added to one. */
  sender?: Sender;
  /** An agent's answer: its files went onto the ticket with it (the event names no mail attachments). */
  byAgent?: boolean;
};

type Claimed = { id: string; raw: Uint8Array; envelope_from: string | null; envelope_to: string[] | null };

async function claim(db: Db, id: string, now: Temporal.Instant): Promise<Claimed | null> {
  const { rows } = await db.query<Claimed>(
    `UPDATE inbound_messages SET status = 'processing', attempts = attempts + 1, claimed_until = $3, error = NULL
     WHERE id = $1 AND (status = 'received' OR (status = 'processing' AND claimed_until < $2))
     RETURNING id, raw, envelope_from, envelope_to`,
    [id, now, now.add(CLAIM)],
  );
  return rows[0] ?? null;
}

function subjectOf(mail: ParsedEmail): string {
  return (mail.subject || '(no subject)').slice(0, SUBJECT_MAX);
}

function textOf(mail: ParsedEmail, reply: boolean): string {
  const text = (reply ? replyText(mail.text) : mail.text.trim()).slice(0, TEXT_MAX).trim();
  if (text) return text;
  return mail.attachments.length > 0 ? '(no text; see the attached files)' : '(no text)';
}

const contactActor = (s: Sender): Actor => ({ kind: 'contact', id: s.id, organizationId: s.organization_id });

/** A new ticket for the sender; `followUpOf`: the closed ticket their mail was written on, which it continues. */
async function openTicketFor(ctx: Ctx, tx: Db, sender: Sender, mail: ParsedEmail, why: string, followUpOf?: string): Promise<Decision> {
  try {
    const ticket = await createTicket({
      ctx: { ...ctx, db: tx, actor: contactActor(sender) },
      input: { subject: subjectOf(mail), description: textOf(mail, false), channel: 'email', ...(followUpOf ? { followUpOf } : {}) },
    });
    const { rows } = await tx.query<{ id: string }>("SELECT id FROM ticket_events WHERE ticket_id = $1 AND type = 'created'", [ticket.id]);
    return { status: 'created', outcome: `${why}: opened ticket #${ticket.number}`, ticketId: ticket.id, eventId: rows[0]?.id ?? null, sender };
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

async function decide(
  ctx: Ctx, tx: Db, mail: ParsedEmail, kind: Classification, now: Temporal.Instant, inboundId: string, domain: string, attachments: readonly StoredAttachment[], forwardToken: string | null,
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
    return { status: 'bounce', outcome: `Bounce (${kind.reason}) of the message to ${first.recipient}: ${kind.diagnostic ?? 'no reason given'}`, outboxId: first.id };
  }
  const ticket = await matchTicket(tx, mail, domain);
  if (kind.kind === 'automatic') {
    const about = ticket ? ` (about ticket #${ticket.number}; not added to it)` : '';
    return { status: 'ignored', outcome: `Automatic mail, not answered and no ticket opened: ${kind.reason}${about}`, ticketId: ticket?.id ?? null };
  }
  // Sent to an agent's forwarding address: a customer's mail they forward, whatever its subject says.
  if (forwardToken) return forwardedByAgent(ctx, tx, mail, kind.forged, forwardToken);
  const sender = await senderContact(tx, mail.from);
  const agent = await senderAgent(tx, mail.from);
  // An agent answering a notice about a ticket: proven by the notice's id in the thread, so a spam
  // filter's guess does not stop it; a From that failed DMARC does (below).
  if (agent && !kind.forged) {
    const answer = await agentAnswer(tx, agent, mail.threadIds, domain);
    if (answer) return answerAsAgent(ctx, tx, mail, answer, inboundId);
  }
  // A stranger's mail a spam filter marked where it came in: kept, listed as dismissed, not put
  // before people (an admin adds the sender and processes it, if the filter was wrong). A contact's
  // goes on: holding a customer's request for a filter's guess would hold the promise's clock too.
  if (!sender && kind.spam) return { status: 'dismissed', outcome: `Dismissed as spam: ${kind.spam} (set where it came in), from ${mail.from}, not a contact; kept: add the sender to process it` };
  if (kind.forged) return { status: 'held', outcome: `Held: DMARC failed for ${mail.from}, so the sender is not proven; a person decides` };
  if (ticket) return replyOrNew(ctx, tx, mail, ticket, sender, attachments, agent);
  if (sender) return openTicketFor(ctx, tx, sender, mail, `New request from ${sender.email}`);
  if (agent) return { status: 'held', outcome: `Held for review: ${mail.from} is ${agent.name}'s address (an agent), and the message answers no mail Accord sent them about a ticket: agents answer on the desk, or by replying to a ticket's notice` };
  return { status: 'held', outcome: `Held for review: ${mail.from} is not a contact of any organization` };
}

/**
 * A customer's mail an agent forwarded to their own forwarding address (docs/adr/0022): a ticket
 * for the customer who wrote it, opened by the agent on the email channel, with what the agent
 * wrote above it as an internal note. Only from that agent's own address; only for a contact.
 */
async function forwardedByAgent(ctx: Ctx, tx: Db, mail: ParsedEmail, forged: boolean, token: string): Promise<Decision> {
  const agent = await senderAgent(tx, mail.from);
  if (!agent || forged || !(await isForwardingTokenOf(tx, agent.id, token))) {
    return { status: 'held', outcome: `Held for review: sent to an agent's forwarding address, but not from that agent's own address (from ${mail.from ?? 'no one'}${forged ? ', which failed DMARC' : ''})` };
  }
  const original = await forwardedMessage(mail);
  if (!original) return { status: 'held', outcome: `Held for review: ${agent.name} sent it to their forwarding address, but it holds no forwarded message: forward the customer's mail itself` };
  const contact = await senderContact(tx, original.from);
  if (!contact) {
    return { status: 'held', outcome: `Held for review: forwarded by ${agent.name}, written by ${original.from ?? 'a sender the forward does not name'}, who is not a contact of any organization: add them, then process it again` };
  }
  const actor: Actor = { kind: 'agent', id: agent.id, role: agent.role };
  const agentCtx = { ...ctx, db: tx, actor };
  try {
    const ticket = await createTicket({
      ctx: agentCtx,
      input: { requesterId: contact.id, subject: (original.subject || '(no subject)').slice(0, SUBJECT_MAX), description: (original.text || '(no text; see the attached files)').slice(0, TEXT_MAX), channel: 'email' },
    });
    const note = withoutSignature(original.note).slice(0, TEXT_MAX).trim();
    if (note) await addNote({ ctx: agentCtx, input: { ticketId: ticket.id, body: note } });
    const { rows } = await tx.query<{ id: string }>("SELECT id FROM ticket_events WHERE ticket_id = $1 AND type = 'created'", [ticket.id]);
    return { status: 'created', outcome: `Forwarded by ${agent.name}: opened ticket #${ticket.number} for ${contact.email}${note ? ', with their words above it as an internal note' : ''}`, ticketId: ticket.id, eventId: rows[0]?.id ?? null };
  } catch (e) {
    if (e instanceof ForbiddenError && e.recorded) {
      const held = e.details.find((d) => d.path === 'heldRequestId')?.message ?? null;
      return { status: 'held', outcome: `Forwarded by ${agent.name} for ${contact.email}, but the policy refused it: ${e.message}`, heldRequestId: held };
    }
    if (e instanceof InvalidInputError) return { status: 'held', outcome: `Held for review: forwarded by ${agent.name} for ${contact.email}, but refused: ${refusal(e)}` };
    throw e;
  }
}

// What the answer's first line may ask, when it holds nothing else: #note (an internal note,
// whatever the notice was), #solved or #pending (the status the ticket takes with it: solved, or
// waiting on the customer). A first line with anything else ("#1 on my list") is the answer's text.
const COMMANDS: Record<string, { note?: true; status?: 'solved' | 'pending_customer' }> = {
  '#note': { note: true }, '#solved': { status: 'solved' }, '#pending': { status: 'pending_customer' },
};

/** The commands of the answer's first line, and the text below it. */
export function answerCommands(text: string): { note: boolean; status: 'solved' | 'pending_customer' | null; body: string } {
  const [first, ...rest] = text.split('\n');
  const words = first.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0 || !words.every((w) => w in COMMANDS)) return { note: false, status: null, body: text };
  const asked = words.map((w) => COMMANDS[w]);
  return { note: asked.some((c) => c.note), status: asked.findLast((c) => c.status)?.status ?? null, body: rest.join('\n').trim() || '(no text)' };
}

/**
 * An agent's answer by mail, as they would write it on the desk: the ticket verbs decide, with the
 * agent as the actor. Refused (a closed ticket, a link the policy keeps off tickets, files too
 * large), nothing reaches the ticket or the customer: the message is held and the agent is told why.
 */
async function answerAsAgent(ctx: Ctx, tx: Db, mail: ParsedEmail, answer: AgentAnswer, inboundId: string): Promise<Decision> {
  const { agent, ticket } = answer;
  const actor: Actor = { kind: 'agent', id: agent.id, role: agent.role };
  const { note, status, body } = answerCommands(withoutSignature(textOf(mail, true)));
  const as = note ? 'note' : answer.as;
  // The files they chose to send; not their signature's embedded logo.
  const files = mail.attachments
    .filter((f) => !f.embedded && f.size > 0)
    .map((f) => ({ filename: f.filename?.trim().slice(0, 255) || 'attachment', contentType: f.contentType, content: f.content }));
  const input = { ticketId: ticket.id, body, ...(files.length > 0 ? { files } : {}) };
  const about = ticket.mergedFrom ? `, about #${ticket.mergedFrom.number}, merged into it` : '';
  try {
    const agentCtx = { ...ctx, db: tx, actor };
    // A note takes no status with it: the status is changed after it, as on the desk.
    const event = as === 'note' ? await addNote({ ctx: agentCtx, input }) : await addReply({ ctx: agentCtx, input: { ...input, ...(status ? { status } : {}) } });
    if (as === 'note' && status) await updateTicket({ ctx: agentCtx, input: { ticketId: ticket.id, status } });
    const what = as === 'note' ? 'internal note' : 'reply to the customer';
    const then = status ? `; the ticket is ${status === 'solved' ? 'solved' : 'waiting on the customer'}` : '';
    return { status: 'appended', outcome: `Added to ticket #${ticket.number} as ${agent.name}'s ${what} (answering the mail Accord sent them about it${about})${then}`, ticketId: ticket.id, eventId: event.id, byAgent: true };
  } catch (e) {
    if (!(e instanceof ConflictError || e instanceof InvalidInputError || e instanceof ForbiddenError)) throw e;
    const reason = refusal(e);
    await queueMessage(tx, {
      kind: 'agent_answer_refused', recipient: agent.email, createdAt: ctx.clock.now(),
      subject: `[#${ticket.number}] Your answer was not added: ${ticket.subject}`.slice(0, 998),
      body: `Your mail answering ticket #${ticket.number} "${ticket.subject}" was not added to it: ${reason}.\n\nNothing was sent to the customer. Answer on the desk; your mail is kept with the messages held for review.`,
      payload: { ticket_id: ticket.id, ticket_number: ticket.number, automatic: true, links: [deskLink(ticket)] },
      dedupeKey: `answer-refused:${inboundId}`,
    });
    return { status: 'held', outcome: `Held: ${agent.name} answered ticket #${ticket.number} by mail${about}, but it was refused: ${reason}; they were told, and nothing reached the customer`, ticketId: ticket.id };
  }
}

/** A verb's refusal in a sentence: its message and the fields it names. */
function refusal(e: AccordError): string {
  const details = e.details.map((d) => `${d.path}: ${d.message}`);
  return details.length > 0 ? `${e.message} (${details.join('; ')})` : e.message;
}

async function replyOrNew(ctx: Ctx, tx: Db, mail: ParsedEmail, ticket: MatchedTicket, sender: Sender | null, attachments: readonly StoredAttachment[], agent: AgentSender | null): Promise<Decision> {
  const how = `${ticket.by === 'thread' ? 'a reply in its thread' : 'its reference in the subject'}${ticket.mergedFrom ? `, about #${ticket.mergedFrom.number}, merged into it` : ''}`;
  if (!senderMayWrite(sender, ticket)) {
    // A stranger guessing "[#12]", or a forged reply: it never reaches the ticket.
    if (!sender && agent) {
      return { status: 'held', outcome: `Held for review: ${mail.from} is ${agent.name}'s address (an agent) and matched ticket #${ticket.number} by ${how}, but answers no mail Accord sent them about it: agents answer on the desk, or by replying to the ticket's notice` };
    }
    if (!sender) return { status: 'held', outcome: `Held for review: ${mail.from} matched ticket #${ticket.number} by ${how} but is not its contact or a named contact of its organization` };
    return openTicketFor(ctx, tx, sender, mail, `${sender.email} may not write on ticket #${ticket.number} (matched by ${how}); a new request instead`);
  }
  try {
    const event = await addReply({ ctx: { ...ctx, db: tx, actor: contactActor(sender!) }, input: { ticketId: ticket.id, body: textOf(mail, true) }, mailFiles: attachments });
    return { status: 'appended', outcome: `Added to ticket #${ticket.number} as ${sender!.email}'s reply (matched by ${how})`, ticketId: ticket.id, eventId: event.id, sender: sender! };
  } catch (e) {
    if (e instanceof ConflictError) return openTicketFor(ctx, tx, sender!, mail, `Ticket #${ticket.number} is closed; a new request instead, following it up`, ticket.id);
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
      const forwardToken = forwardTokenOf([...(claimed.envelope_to ?? []), ...mail.to], settings);
      const d = await decide(ctx, tx, mail, kind, now, claimed.id, settings.domain, attachments, forwardToken);
      if (kind.kind === 'person' && kind.spam && d.status !== 'dismissed') {
        d.outcome += d.status === 'held' ? ` (also marked as spam where it came in: ${kind.spam})` : ` (marked as spam where it came in, ${kind.spam}; from a contact, so processed)`;
      }
      if (d.status === 'created' && d.ticketId && d.eventId) await emitMailFilesAdded(tx, { ticketId: d.ticketId, eventId: d.eventId, at: now, files: attachments });
      // Colleagues the customer copied (To, Cc) who are contacts of the organization are copied on the ticket.
      if ((d.status === 'created' || d.status === 'appended') && d.ticketId && d.sender) {
        const ours = (a: string) => a === settings.supportAddress || settings.ownAddresses.includes(a) || a.endsWith(`@${settings.domain}`);
        const emails = mail.to.filter((a) => !ours(a) && a !== mail.from?.toLowerCase());
        const { copied, passedOver } = await copyFromMail(tx, { ticketId: d.ticketId, emails, at: now, actor: contactActor(d.sender) });
        if (copied.length > 0) d.outcome += `; copied ${copied.join(', ')} on it`;
        if (passedOver.length > 0) d.outcome += `; not copied (no contact of the organization): ${passedOver.join(', ')}`;
      }
      // An agent's answer: its files went onto the ticket with it, with the answer's visibility (a
      // note's are the team's); kept as mail attachments too they would be listed, and handed, to
      // the customer as the mail's. The raw message keeps them for admins.
      if (d.byAgent && attachments.length > 0) {
        await tx.query('DELETE FROM inbound_attachments WHERE inbound_id = $1', [claimed.id]);
        d.outcome += `; its ${attachments.length === 1 ? 'file went' : `${attachments.length} files went`} onto the ticket with it`;
      }
      if (d.eventId) {
        const named = d.byAgent ? [] : attachments;
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
           message_id = $8, from_address = $9, subject = $10, automatic = $11, text_body = $12, html_sanitized = $13, claimed_until = NULL
         WHERE id = $1 AND status = 'processing' RETURNING id`,
        [
          claimed.id, d.status, d.outcome.slice(0, 2000), d.ticketId ?? null, d.outboxId ?? null, d.heldRequestId ?? null, now,
          mail.messageId?.slice(0, 998) ?? null, mail.from?.slice(0, 320) ?? null, mail.subject.slice(0, 998),
          kind.kind === 'automatic' || kind.kind === 'bounce' || kind.kind === 'own' ? kind.reason : null,
          mail.text.slice(0, 1_000_000), mail.html?.slice(0, 1_000_000) ?? null,
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
