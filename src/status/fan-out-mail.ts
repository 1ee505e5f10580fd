// What the two fan-outs (fan-out.ts, fan-out-customers.ts) share for the messages they render in
// code: a notice's body for a reader in their own zone, and the insert of those messages, one
// statement for the batch (unnest), with the same dedupe as the subscribers' INSERT ... SELECT.
import type { Db } from '../platform/index.ts';
import { withReaderSpan, withReaderTimes } from '../sla/index.ts';
import { postedLine } from './notify.ts';
import type { StatusPageConfig } from './page-config.ts';

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
