// What processing one inbound message decided (decide-inbound.ts), and the helpers its deciders
// share: the ticket fields a mail fills and a verb's refusal in a sentence.
import type { AccordError } from '../platform/index.ts';
import type { Sender } from './match.ts';
import type { ParsedEmail } from './parse-message.ts';
import { replyText } from './reply-text.ts';

// Ticket fields' limits (tickets/schemas.ts).
export const SUBJECT_MAX = 300;
export const TEXT_MAX = 100_000;

export type InboundStatus = 'created' | 'appended' | 'held' | 'ignored' | 'bounce' | 'dismissed' | 'quarantined';

export type Decision = {
  status: Exclude<InboundStatus, 'quarantined'>;
  outcome: string;
  ticketId?: string | null;
  outboxId?: string | null;
  heldRequestId?: string | null;
  /** The ticket event the message became, to note the message and its attachments on. */
  eventId?: string | null;
  /** The contact who wrote it, when it opened a ticket or was added to one. */
  sender?: Sender;
  /** An agent's answer, or one in a side conversation: its files went onto the ticket with it (the event names no mail attachments). */
  filesOnTicket?: boolean;
  /** Held: someone besides the one written to answered this side conversation (an admin may take them in). */
  sideConversationId?: string | null;
};

export function subjectOf(mail: ParsedEmail): string {
  return (mail.subject || '(no subject)').slice(0, SUBJECT_MAX);
}

export function textOf(mail: ParsedEmail, reply: boolean): string {
  const text = (reply ? replyText(mail.text) : mail.text.trim()).slice(0, TEXT_MAX).trim();
  if (text) return text;
  return mail.attachments.length > 0 ? '(no text; see the attached files)' : '(no text)';
}

/** A verb's refusal in a sentence: its message and the fields it names. */
export function refusal(e: AccordError): string {
  const details = e.details.map((d) => `${d.path}: ${d.message}`);
  return details.length > 0 ? `${e.message} (${details.join('; ')})` : e.message;
}

/** The files a person chose to send with their mail, as a ticket takes them; not a signature's embedded logo. */
export function chosenFiles(mail: ParsedEmail): Array<{ filename: string; contentType: string; content: Buffer }> {
  return mail.attachments
    .filter((f) => !f.embedded && f.size > 0)
    .map((f) => ({ filename: f.filename?.trim().slice(0, 255) || 'attachment', contentType: f.contentType, content: f.content }));
}

/**
 * Why the policy held a request, for the inbound mail list (read by admins and agents): the
 * refusal's reason as its field names it, without the sentence to the customer ("Your request is
 * kept...") that the verb's message ends with.
 */
export function heldReason(error: AccordError): string {
  return error.details.find((d) => d.path !== 'heldRequestId')?.message ?? error.message;
}
