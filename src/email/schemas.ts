// Inputs of the inbound-mail verbs, and the views they return.
import { z } from 'zod';
import { PageInput } from '../platform/index.ts';

export const INBOUND_STATUSES = ['received', 'processing', 'created', 'appended', 'held', 'ignored', 'bounce', 'refused', 'quarantined', 'dismissed'] as const;

export const ListInboundInput = PageInput.extend({ status: z.enum(INBOUND_STATUSES).optional() }).strict();
export type ListInboundInput = z.input<typeof ListInboundInput>;

export const InboundRefInput = z.strictObject({ inboundId: z.uuid() });
export type InboundRefInput = z.input<typeof InboundRefInput>;

export const DismissInboundInput = z.strictObject({ inboundId: z.uuid(), reason: z.string().trim().max(500).optional() });
export type DismissInboundInput = z.input<typeof DismissInboundInput>;

export type InboundSummary = {
  id: string;
  createdAt: Temporal.Instant;
  source: string;
  status: (typeof INBOUND_STATUSES)[number];
  outcome: string | null;
  error: string | null;
  from: string | null;
  envelopeFrom: string | null;
  subject: string | null;
  size: number;
  ticketId: string | null;
  outboxId: string | null;
  heldRequestId: string | null;
  automatic: string | null;
  attempts: number;
  processedAt: Temporal.Instant | null;
  /** Held: the side conversation it answered, from someone besides the one written to (an admin may take them in). */
  sideConversationId: string | null;
  /**
   * IMAP: the date the mailbox gave it (its INTERNALDATE), as it was; null for mail that came by
   * SMTP. `createdAt` is when the desk counts it received: this, bounded by the polls and by now
   * (store-inbound.ts receivedAt), so the two differ for mail copied in with an old date.
   */
  mailboxDate: Temporal.Instant | null;
};

export type InboundMessage = InboundSummary & {
  messageId: string | null;
  envelopeTo: string[];
  rawTruncated: boolean;
  /** The raw message as text (UTF-8, invalid bytes replaced): for reading, not for re-parsing. */
  raw: string;
  text: string | null;
  htmlSanitized: string | null;
  /** risk: why the file may run code when opened (tickets/file-risk.ts), or null: flagged as ticket files are. */
  attachments: Array<{ id: string; filename: string | null; contentType: string; size: number; risk: string | null }>;
};

/** An inbound message as a person reads it (readInboundMessage): headers from the message itself, its text, never markup. */
export type InboundReading = {
  message: InboundMessage;
  from: string | null;
  fromName: string | null;
  /** To and Cc, as addresses. */
  to: string[];
  subject: string | null;
  /** The Date header as an instant; null when missing or unreadable (dateText then says what it was). */
  date: Temporal.Instant | null;
  dateText: string | null;
  messageId: string | null;
  /**
   * IMAP: the date the mailbox gave it (INTERNALDATE), when the desk counts it from another time: it
   * is never received before the previous poll began (a copied archive keeps its old date) nor after now.
   */
  mailboxDate: Temporal.Instant | null;
  /** The text part, or the HTML turned to text when there was none; '' when the message has no text. */
  text: string;
  attachments: Array<{ filename: string | null; size: number; risk: string | null }>;
};
