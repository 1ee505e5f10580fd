// Admins' view of inbound mail: list it (newest first), read one with its raw source (or as a person
// reads mail: its headers and text), and retry one that was quarantined or held (after adding the
// sender as a contact, say), dismiss one that needs nothing, or block its sender.
import { z } from 'zod';
import { ConflictError, decodeCursor, NotFoundError, parseInput, toPage, type Ctx, type Page } from '../platform/index.ts';
import { recordAudit } from '../platform/audit.ts';
import { checkCounterpart, fileRisk, type TicketRow } from '../tickets/index.ts';
import { blockSender, type BlockedSender } from './blocked-senders.ts';
import { requireMailAdmin } from './permissions.ts';
import { parseEmail } from './parse-message.ts';
import { processInbound, type InboundResult } from './process-inbound.ts';
import { DismissInboundInput, InboundRefInput, ListInboundInput, type InboundMessage, type InboundReading, type InboundSummary } from './schemas.ts';
import type { EmailSettings } from './settings.ts';

const SUMMARY = `id, received_at, source, status, outcome, error, from_address, envelope_from, subject, size, ticket_id, outbox_id,
  held_request_id, automatic, attempts, processed_at, side_conversation_id, mailbox_date`;

type Row = Record<string, any>;

function summaryOf(r: Row): InboundSummary {
  return {
    id: r.id, createdAt: r.received_at, source: r.source, status: r.status, outcome: r.outcome, error: r.error, from: r.from_address,
    envelopeFrom: r.envelope_from, subject: r.subject, size: r.size, ticketId: r.ticket_id, outboxId: r.outbox_id,
    heldRequestId: r.held_request_id, automatic: r.automatic, attempts: r.attempts, processedAt: r.processed_at, sideConversationId: r.side_conversation_id ?? null,
    mailboxDate: r.mailbox_date ?? null,
  };
}

export async function listInboundMessages({ ctx, input }: { ctx: Ctx; input: ListInboundInput }): Promise<Page<InboundSummary>> {
  requireMailAdmin(ctx.actor, 'read inbound mail');
  const value = parseInput(ListInboundInput, input);
  const after = value.cursor ? decodeCursor(value.cursor) : null;
  const { rows } = await ctx.db.query<Row>(
    `SELECT ${SUMMARY} FROM inbound_messages
     WHERE ($1::text IS NULL OR status = $1) AND ($2::timestamptz IS NULL OR (received_at, id) < ($2, $3::uuid))
     ORDER BY received_at DESC, id DESC LIMIT $4`,
    [value.status ?? null, after?.createdAt ?? null, after?.id ?? null, value.limit + 1],
  );
  return toPage(rows.map(summaryOf), value.limit);
}

export async function getInboundMessage({ ctx, input }: { ctx: Ctx; input: InboundRefInput }): Promise<InboundMessage> {
  return (await loadInbound(ctx, input)).message;
}

/** One inbound message with its raw bytes (for parsing again; the view's `raw` is text for reading). */
async function loadInbound(ctx: Ctx, input: InboundRefInput): Promise<{ message: InboundMessage; bytes: Buffer }> {
  requireMailAdmin(ctx.actor, 'read inbound mail');
  const { inboundId } = parseInput(InboundRefInput, input);
  const { rows } = await ctx.db.query<Row>(
    `SELECT ${SUMMARY}, message_id, envelope_to, raw_truncated, raw, text_body, html_sanitized FROM inbound_messages WHERE id = $1`,
    [inboundId],
  );
  const r = rows[0];
  if (!r) throw new NotFoundError('inbound message not found');
  const { rows: files } = await ctx.db.query<Row>('SELECT id, filename, content_type, size FROM inbound_attachments WHERE inbound_id = $1 ORDER BY id', [inboundId]);
  const bytes = Buffer.from(r.raw);
  const message: InboundMessage = {
    ...summaryOf(r), messageId: r.message_id, envelopeTo: r.envelope_to, rawTruncated: r.raw_truncated,
    raw: bytes.toString('utf8'), text: r.text_body, htmlSanitized: r.html_sanitized,
    attachments: files.map((f) => ({ id: f.id, filename: f.filename, contentType: f.content_type, size: f.size, risk: fileRisk(f.filename, f.content_type) })),
  };
  return { message, bytes };
}

/**
 * One inbound message as a person reads mail: its headers (from the message itself, so a message
 * never processed, quarantined or refused for its size has them too) and its text: the text part,
 * or for HTML-only mail the HTML as text (mailparser's conversion, which drops scripts and styles),
 * never markup. Attachments not stored (mail held before they were, or refused) are those parsed.
 */
export async function readInboundMessage({ ctx, input }: { ctx: Ctx; input: InboundRefInput }): Promise<InboundReading> {
  const { message, bytes } = await loadInbound(ctx, input);
  const { mailboxDate } = message;
  const mail = await parseEmail(bytes);
  const dateText = mail.headers.get('date') ?? null;
  const ms = dateText === null ? Number.NaN : Date.parse(dateText);
  return {
    message,
    from: message.from ?? mail.from, fromName: mail.fromName, to: mail.to, subject: message.subject ?? (mail.subject || null),
    date: Number.isNaN(ms) ? null : Temporal.Instant.fromEpochMilliseconds(ms), dateText,
    messageId: message.messageId ?? mail.messageId,
    // Shown only where the desk counts the message from another time (store-inbound.ts receivedAt).
    mailboxDate: mailboxDate && !mailboxDate.equals(message.createdAt) ? mailboxDate : null,
    text: message.text ?? mail.text,
    attachments: message.attachments.length > 0 ? message.attachments.map(({ filename, size, risk }) => ({ filename, size, risk }))
      : mail.attachments.map(({ filename, size, contentType }) => ({ filename, size, risk: fileRisk(filename, contentType) })),
  };
}

/**
 * A held, ignored or quarantined message that needs nothing (spam, a newsletter): dismissed, with
 * who and why added to its outcome. Kept whole; processing it again undoes it.
 */
export async function dismissInboundMessage({ ctx, input }: { ctx: Ctx; input: DismissInboundInput }): Promise<InboundSummary> {
  requireMailAdmin(ctx.actor, 'dismiss inbound mail');
  const { inboundId, reason } = parseInput(DismissInboundInput, input);
  const { rows: who } = await ctx.db.query<{ name: string }>('SELECT name FROM agents WHERE id = $1', [ctx.actor.kind === 'agent' ? ctx.actor.id : null]);
  const note = `Dismissed by ${who[0]?.name ?? 'Accord'}${reason ? `: ${reason}` : ''}`;
  const { rows } = await ctx.db.query<Row>(
    `UPDATE inbound_messages SET status = 'dismissed', outcome = left(CASE WHEN outcome IS NULL THEN $2 ELSE $2 || '. Before: ' || outcome END, 2000)
     WHERE id = $1 AND status IN ('quarantined', 'held', 'ignored') RETURNING ${SUMMARY}`,
    [inboundId, note],
  );
  if (rows.length === 0) {
    const { rows: found } = await ctx.db.query<{ status: string }>('SELECT status FROM inbound_messages WHERE id = $1', [inboundId]);
    if (!found[0]) throw new NotFoundError('inbound message not found');
    throw new ConflictError(`a ${found[0].status} message is not dismissed; only quarantined, held or ignored ones are`);
  }
  return summaryOf(rows[0]);
}

/**
 * Processes a quarantined, held, ignored or dismissed message again, as if it had just arrived, but
 * past the mail-loop limit (mail-loop.ts): this is how a message held as a loop suspected is released.
 */
export async function retryInboundMessage({ ctx, input, settings }: { ctx: Ctx; input: InboundRefInput; settings: EmailSettings }): Promise<InboundResult> {
  requireMailAdmin(ctx.actor, 'retry inbound mail');
  const { inboundId } = parseInput(InboundRefInput, input);
  const { rows } = await ctx.db.query<{ status: string }>(
    `UPDATE inbound_messages SET status = 'received', error = NULL
     WHERE id = $1 AND status IN ('quarantined', 'held', 'ignored', 'dismissed') AND NOT raw_truncated RETURNING status`,
    [inboundId],
  );
  if (rows.length === 0) {
    const { rows: found } = await ctx.db.query<{ status: string }>('SELECT status FROM inbound_messages WHERE id = $1', [inboundId]);
    if (!found[0]) throw new NotFoundError('inbound message not found');
    throw new ConflictError(`a ${found[0].status} message is not retried; only quarantined, held, ignored or dismissed ones are`);
  }
  // An admin's decision: a message held as a mail loop suspected is taken (released).
  const result = await processInbound({ ctx: { ...ctx, actor: { kind: 'system' } }, settings, inboundId, released: true });
  if (!result) throw new ConflictError('another worker is processing this message');
  return result;
}

/**
 * A held answer in a side conversation from someone besides the one written to (the supplier's
 * colleague who replied to all): an admin who knows them takes them into the conversation (their
 * answers, this one and later ones, go on the ticket as the counterpart's), audited, and the
 * message is processed again. The desk's later messages in it go to them too (side-conversations.ts).
 */
export async function takeIntoSideConversation({ ctx, input, settings }: { ctx: Ctx; input: InboundRefInput; settings: EmailSettings }): Promise<InboundResult> {
  requireMailAdmin(ctx.actor, 'take someone into a side conversation');
  const { inboundId } = parseInput(InboundRefInput, input);
  await ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ status: string; from_address: string | null; side_conversation_id: string | null }>(
      'SELECT status, from_address, side_conversation_id FROM inbound_messages WHERE id = $1 FOR UPDATE', [inboundId],
    );
    const m = rows[0];
    if (!m) throw new NotFoundError('inbound message not found');
    if (m.status !== 'held' || !m.side_conversation_id || !m.from_address) {
      throw new ConflictError('only a held answer in a side conversation, from someone besides the one written to, is taken into it');
    }
    const from = m.from_address.toLowerCase();
    // Checked as an agent's "also to" is: never the customer's people, nor an agent of the desk.
    const { rows: [ticket] } = await tx.query<TicketRow>(
      'SELECT t.* FROM tickets t JOIN side_conversations c ON c.ticket_id = t.id WHERE c.id = $1', [m.side_conversation_id],
    );
    if (ticket) await checkCounterpart(tx, ticket, from, 'from');
    const { rows: taken } = await tx.query<{ ticket_id: string; organization_id: string }>(
      `UPDATE side_conversations c SET also_from = CASE WHEN $2 = ANY(c.also_from) THEN c.also_from ELSE array_append(c.also_from, $2) END
       FROM tickets t WHERE c.id = $1 AND t.id = c.ticket_id RETURNING c.ticket_id, t.organization_id`,
      [m.side_conversation_id, from],
    );
    if (!taken[0]) throw new NotFoundError('side conversation not found');
    await recordAudit(tx, {
      at: ctx.clock.now(), actor: ctx.actor, type: 'side_conversation.answerer_added', subjectKind: 'side_conversation', subjectId: m.side_conversation_id,
      organizationId: taken[0].organization_id, data: { address: from, ticketId: taken[0].ticket_id, inboundId },
    });
  });
  return retryInboundMessage({ ctx, input: { inboundId }, settings });
}

export const BlockSenderOfInput = z.strictObject({
  inboundId: z.uuid(),
  /** Everyone at the sender's domain rather than their address alone. */
  wholeDomain: z.boolean().optional(),
  reason: z.string().trim().max(200).optional(),
});
export type BlockSenderOfInput = z.input<typeof BlockSenderOfInput>;

/**
 * A held, ignored, quarantined or dismissed message's sender blocked (blocked-senders.ts): their
 * address, or their whole domain; the message is dismissed with it, in one transaction. Answers
 * the block and the message.
 */
export async function blockSenderOf({ ctx, input, settings }: { ctx: Ctx; input: BlockSenderOfInput; settings: EmailSettings }): Promise<{ block: BlockedSender; message: InboundSummary }> {
  requireMailAdmin(ctx.actor, 'block senders');
  const { inboundId, wholeDomain, reason } = parseInput(BlockSenderOfInput, input);
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<Row>(`SELECT ${SUMMARY} FROM inbound_messages WHERE id = $1 FOR UPDATE`, [inboundId]);
    if (!rows[0]) throw new NotFoundError('inbound message not found');
    const from: string | null = rows[0].from_address;
    if (!from) throw new ConflictError('this message names no sender to block');
    if (!['held', 'ignored', 'quarantined', 'dismissed'].includes(rows[0].status)) {
      throw new ConflictError(`a ${rows[0].status} message came from someone the desk took mail from: only a held, ignored, quarantined or dismissed one's sender is blocked here`);
    }
    const sender = wholeDomain ? from.slice(from.lastIndexOf('@') + 1) : from;
    const block = await blockSender({ ctx: { ...ctx, db: tx }, settings, input: { sender, ...(reason ? { reason } : {}) } });
    const message = rows[0].status === 'dismissed'
      ? summaryOf(rows[0])
      : await dismissInboundMessage({ ctx: { ...ctx, db: tx }, input: { inboundId, reason: `sender blocked (${block.pattern})${reason ? `, ${reason}` : ''}` } });
    return { block, message };
  });
}
