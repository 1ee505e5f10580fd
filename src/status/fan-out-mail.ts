// What the two fan-outs (fan-out.ts, fan-out-customers.ts) share for the messages they render in
// code: a notice's body for a reader in their own zone, the link to its entry on the status page,
// which subscribers a notice is for, and the insert of those messages, one statement for the batch
// (unnest), with the same dedupe as the subscribers' INSERT ... SELECT.
import type { Db } from '../platform/index.ts';
import { withReaderSpan, withReaderTimes } from '../sla/index.ts';
import { postedLine } from './notify.ts';
import type { StatusPageConfig } from './page-config.ts';
import { linkTo, type LinkSettings } from './tokens.ts';

/**
 * SQL: whether the subscriber `s` is mailed a notification posted at `postedAt` about the components
 * `noticeIds` (jsonb): confirmed by then, not unsubscribed, and, where they chose components, one of
 * theirs among the notice's (a notice naming none is for every subscriber). One rule for the two
 * fan-outs and for the linked cases' mail that stands for a subscriber's notice (linked-ticket-mail.ts).
 */
export function subscriberMailedSql(s: string, postedAt: string, noticeIds: string): string {
  return `(${s}.confirmed_at IS NOT NULL AND ${s}.confirmed_at <= ${postedAt} AND ${s}.unsubscribed_at IS NULL
    AND (${s}.component_ids IS NULL OR jsonb_array_length(${noticeIds}) = 0
         OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(${s}.component_ids) chosen
                    WHERE ${noticeIds} @> jsonb_build_array(chosen.value))))`;
}

/** The words of the link to a notice's incident or maintenance on the public status page. */
export const ENTRY_LINK_TEXT = 'On the status page';

/** The public page of a notice's incident or maintenance (`/status/incidents/:id`); null for a notice of neither. */
export function entryPath(incidentId: string | null): string | null {
  return incidentId ? `/status/incidents/${incidentId}` : null;
}

/** That page's full address under the desk's, or null. */
export function entryUrl(settings: LinkSettings, incidentId: string | null): string | null {
  const path = entryPath(incidentId);
  return path && linkTo(settings, path);
}

/**
 * A notice's text with the link to its entry's page after its words, before a closing "--" block of
 * its own (the customers' "Sent to the contacts of ..."); the text as it is for a notice of no entry.
 */
export function withEntryLink(settings: LinkSettings, body: string, incidentId: string | null): string {
  const url = entryUrl(settings, incidentId);
  if (!url) return body;
  const line = `${ENTRY_LINK_TEXT}: ${url}`;
  const cut = body.lastIndexOf('\n\n--\n');
  return cut < 0 ? `${body}\n\n${line}` : `${body.slice(0, cut)}\n\n${line}${body.slice(cut)}`;
}

/** A maintenance's window as its notice gives it, in the status page's zone. */
export type NoticeWindow = { from: Temporal.Instant; until: Temporal.Instant; zone: string };

/**
 * The maintenance's times as the notice gives them, in the status page's zone (the vendor's: the page
 * publishes them so), for a reader's own time beside them. Its current times: a notice written
 * before a new time was set names the old ones, which are then left as they are.
 */
export async function noticeWindow(tx: Db, page: StatusPageConfig | null, incidentId: string | null): Promise<NoticeWindow | null> {
  if (!incidentId || !page) return null;
  const { rows } = await tx.query<{ scheduled_for: Temporal.Instant | null; scheduled_until: Temporal.Instant | null }>(
    'SELECT scheduled_for, scheduled_until FROM status_incidents WHERE id = $1', [incidentId],
  );
  const r = rows[0];
  if (!r?.scheduled_for || !r.scheduled_until) return null;
  return { from: r.scheduled_for, until: r.scheduled_until, zone: page.zone.timeZone };
}

/**
 * A notice's body (written in the page's zone, notify.ts) for a reader who chose `zone`: when it was
 * posted said in their zone, each mention of the window (its "Scheduled for" line, notify.ts
 * scheduledLine; a new time's text) with theirs beside it, and each mention of its start or end alone
 * (a reminder; a new time stored with both times in full) with theirs beside it. The body as it is without a zone.
 */
export function bodyForZone(page: StatusPageConfig | null, n: { body: string; created_at: Temporal.Instant }, window: NoticeWindow | null, zone: string | null): string {
  if (!page || !zone) return n.body;
  const own = n.body.replace(postedLine(page, n.created_at), postedLine(page, n.created_at, zone));
  if (!window) return own;
  const [from, until] = [window.from.epochMilliseconds, window.until.epochMilliseconds];
  return withReaderTimes(withReaderSpan(own, from, until, window.zone, zone), [from, until], window.zone, zone);
}

export type RenderedMessage = { email: string; body: string; payload: string; key: string };

/** Inserts messages rendered in code into the outbox, each once (its dedupe key); returns how many were queued. */
export async function insertRendered(tx: Db, subject: string, now: Temporal.Instant, messages: readonly RenderedMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const { rows } = await tx.query(
    `INSERT INTO outbox (id, kind, recipient, subject, body, payload, dedupe_key, created_at)
     SELECT gen_random_uuid(), 'status_notice', m.email, $1, m.body, m.payload::jsonb, m.key, $2
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS m(email, body, payload, key)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1`,
    [subject, now, messages.map((m) => m.email), messages.map((m) => m.body), messages.map((m) => m.payload), messages.map((m) => m.key)],
  );
  return rows.length;
}
