// An outbox row as a message: pure. Any row is sent the same way (SLA notices, pages, the ticket
// mails, and kinds other domains add later): its subject and plain-text body, an HTML part from
// the template unless the row brings its own (`payload.html`), extra headers from
// `payload.headers`, the threading headers when it is about a ticket, the links it carries
// (`payload.links`: paths under the desk's address, one line each after the body), the files it
// names (read by the caller), and `X-Loop: <support address>` on every message.
import { outboxMessageId, ticketRootId } from './headers.ts';
import type { EmailSettings } from './settings.ts';
import { htmlOf } from './templates.ts';

export type OutboxRow = {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  payload: Record<string, unknown>;
  created_at: Temporal.Instant;
  attempts: number;
};

/**
 * What a message answers: on a ticket's thread, the customer's messages, oldest first; in a side
 * conversation (tickets/side-conversations.ts), its earlier messages both ways, oldest first, and
 * never the ticket's root or the customer's ids (the third party is not in that thread); an answer
 * to a mail that is on no ticket (held for review: email/held-sender.ts), that mail's id.
 */
export type Thread = { ticketId: string; customerMessageIds: string[] } | { sideMessageIds: string[] } | { answersMessageId: string };

export type ComposedMail = {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  date: Date;
  headers: Record<string, string>;
  /** Files the row names (`payload.files`: a reply's files, tickets/files.ts), read at delivery. */
  attachments?: MailFile[];
};

export type MailFile = { filename: string; contentType: string; content: Buffer };

/** The ids of the files an outbox row carries (`payload.files`), in order. */
export function fileIdsOf(row: Pick<OutboxRow, 'payload'>): string[] {
  const ids = row.payload.files;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

// Headers a row may not set through payload.headers: they are Accord's to decide.
const RESERVED = new Set(['from', 'to', 'cc', 'bcc', 'subject', 'message-id', 'date', 'in-reply-to', 'references', 'sender', 'return-path', 'x-loop']);

function extraHeaders(payload: Record<string, unknown>): Record<string, string> {
  const given = payload.headers;
  if (!given || typeof given !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(given as Record<string, unknown>)) {
    // Header injection: a name is a token, a value one line.
    if (!/^[A-Za-z0-9-]{1,64}$/.test(name) || RESERVED.has(name.toLowerCase()) || typeof value !== 'string' || /[\r\n]/.test(value)) continue;
    out[name] = value;
  }
  return out;
}

export type ComposedLink = { label: string; url: string };

/** The row's links (`payload.links`: {label, path}) as full addresses under the desk's; anything else is left out. */
export function linksOf(row: Pick<OutboxRow, 'payload'>, baseUrl: string): ComposedLink[] {
  const given = row.payload.links;
  if (!Array.isArray(given)) return [];
  const base = baseUrl.replace(/\/+$/, '');
  return given
    .filter((l): l is { label: string; path: string } => typeof l?.label === 'string' && typeof l?.path === 'string' && l.path.startsWith('/') && !/[\s]/.test(l.path))
    .map((l) => ({ label: l.label, url: `${base}${l.path}` }));
}

/** A person's words carry `automatic: false`; everything else Accord sends is automatic (RFC 3834). */
export function isAutomatic(row: Pick<OutboxRow, 'payload'>): boolean {
  return row.payload.automatic !== false;
}

export function composeMail(row: OutboxRow, settings: EmailSettings, thread: Thread | null, files: readonly MailFile[] = []): ComposedMail {
  // Every message, a person's too: a forwarding rule or another desk that sends it back keeps it, and
  // both ends know the loop (classify.ts takes mail naming us in X-Loop as our own).
  const headers: Record<string, string> = { ...extraHeaders(row.payload), 'X-Loop': settings.supportAddress };
  if (isAutomatic(row)) {
    headers['Auto-Submitted'] = 'auto-generated';
    // Asks Exchange and others not to answer with out-of-office replies.
    headers['X-Auto-Response-Suppress'] = 'All';
  }
  if (thread && 'answersMessageId' in thread) {
    headers['In-Reply-To'] = thread.answersMessageId;
    headers.References = thread.answersMessageId;
  } else if (thread && 'sideMessageIds' in thread) {
    const last = thread.sideMessageIds.at(-1);
    if (last) {
      headers['In-Reply-To'] = last;
      headers.References = thread.sideMessageIds.slice(-10).join(' ');
    }
  } else if (thread) {
    const root = ticketRootId(thread.ticketId, settings.domain);
    const last = thread.customerMessageIds.at(-1);
    headers['In-Reply-To'] = last ?? root;
    headers.References = [root, ...thread.customerMessageIds.slice(-10)].join(' ');
    if (typeof row.payload.ticket_number === 'number') headers['X-Accord-Ticket'] = String(row.payload.ticket_number);
  }
  const links = linksOf(row, settings.baseUrl);
  const text = links.length > 0 ? `${row.body}\n\n${links.map((l) => `${l.label}: ${l.url}`).join('\n')}` : row.body;
  const html = typeof row.payload.html === 'string' ? row.payload.html : htmlOf({ subject: row.subject, body: row.body, vendor: settings.fromName, links });
  return {
    from: { name: settings.fromName, address: settings.supportAddress },
    to: row.recipient,
    subject: row.subject,
    text,
    html,
    messageId: outboxMessageId(row.id, settings.domain),
    // The row's time, not the attempt's: a retry is the same message.
    date: new Date(row.created_at.epochMilliseconds),
    headers,
    ...(files.length > 0 ? { attachments: [...files] } : {}),
  };
}
