// Threading identifiers: pure. Every outbox row is sent with a Message-ID derived from its id
// (the same on every retry), every ticket has one stable root id its messages refer to, and the
// subject carries the ticket reference. Inbound replies are matched by these, in that order.
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const OUTBOX_ID = new RegExp(`^outbox\\.(${UUID})@`, 'i');
const TICKET_ROOT = new RegExp(`^ticket\\.(${UUID})@`, 'i');
const SUBJECT_REFERENCE = /\[#(\d{1,12})\]/;

/** "<outbox.<id>@domain>": the Message-ID of one outbox row, on every attempt. */
export function outboxMessageId(outboxId: string, domain: string): string {
  return `<outbox.${outboxId}@${domain}>`;
}

/** "<ticket.<id>@domain>": the root every message about a ticket refers to. */
export function ticketRootId(ticketId: string, domain: string): string {
  return `<ticket.${ticketId}@${domain}>`;
}

/**
 * "<status.<id>@domain>": the root every status page notice of one incident or maintenance refers
 * to (status/fan-out.ts `status_entry_id`), so that its notices are one thread for the subscriber.
 */
export function statusEntryRootId(entryId: string, domain: string): string {
  return `<status.${entryId}@${domain}>`;
}

/** A Message-ID without its angle brackets, lower-cased for comparison. */
export function bareId(id: string): string {
  return id.trim().replace(/^<|>$/g, '').toLowerCase();
}

/** What an id in In-Reply-To or References points at, when it is one of ours. */
export function ourIdTarget(id: string, domain: string): { outboxId: string } | { ticketId: string } | null {
  const bare = bareId(id);
  if (!bare.endsWith(`@${domain.toLowerCase()}`)) return null;
  const outbox = OUTBOX_ID.exec(bare);
  if (outbox) return { outboxId: outbox[1] };
  const ticket = TICKET_ROOT.exec(bare);
  if (ticket) return { ticketId: ticket[1] };
  return null;
}

/** Outbox ids of our domain quoted anywhere in a text (a bounce quotes the message it returns). */
export function outboxIdsIn(text: string, domain: string): string[] {
  const escaped = domain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`<outbox\\.(${UUID})@${escaped}>`, 'gi');
  return [...new Set([...text.matchAll(pattern)].map((m) => m[1].toLowerCase()))];
}

/** The ticket number of a subject's "[#42]", or null. */
export function subjectTicketNumber(subject: string): number | null {
  const m = SUBJECT_REFERENCE.exec(subject);
  return m ? Number(m[1]) : null;
}

/** In-Reply-To and References as a list of ids, most recent first (In-Reply-To, then References backwards). */
export function threadIds(inReplyTo: string | undefined, references: string | string[] | undefined): string[] {
  const refs = (Array.isArray(references) ? references.join(' ') : references ?? '').match(/<[^<>\s]+>/g) ?? [];
  const reply = (inReplyTo ?? '').match(/<[^<>\s]+>/g) ?? [];
  return [...new Set([...reply, ...refs.reverse()].map(bareId))];
}
