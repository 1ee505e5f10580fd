// The retention schedule (config ACCORD_RETENTION_TICKET_DAYS, ACCORD_RETENTION_MAIL_DAYS; the
// retention job runs it daily): personal data kept no longer than needed (GDPR art. 5(1)(e)).
// - Tickets closed that many days ago (by when they last changed) lose their words and files, as
//   on an erasure (erase-words.ts); their history and SLA clocks stay for the reports.
// - Mail that needed nothing (ignored: automatic or our own; bounces; refused; dismissed) is
//   deleted that many days after it arrived, with the demo's captured mail. Held and quarantined
//   mail waits for a person, and mail that opened or joined a ticket goes with that ticket's words.
// - A request the policy held and an agent dismissed (tickets/held-requests.ts) never became a
//   ticket, so no ticket's retention takes its words: they go that many days after it was
//   dismissed, with its files and the words of the mail Accord sent about it (the managers'
//   notice, the answer to a sender who is not a named contact). Who asked, when, why it was held
//   and who decided stay. A request still held waits for a person, as held mail does.
// - A reader's comment on a knowledge base article ("No: it says nothing of Android") is words a
//   person wrote, often a visitor who cannot ask for its erasure: cleared as old tickets' words are
//   (kept as many days after it was last written), the vote kept for the article's counts.
// Off (0) by default: nothing is erased unless the desk says how long it keeps things. Tickets are
// erased in batches, each one short transaction under the tickets' row locks (SKIP LOCKED: one a
// colleague is changing is taken next time), so a run can stop anywhere and the next goes on.
import type { Ctx } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import { emitWebhookEvent } from '../webhooks/index.ts';
import { ERASE_WORDS_SQL, ERASED, eraseWords } from './erase-words.ts';

export type RetentionSettings = { ticketDays: number | null; mailDays: number | null };
export const RETENTION_BATCH = 100;
export type RetentionDone = { ticketsErased: number; heldRequestsCleared: number; commentsCleared: number; mailDeleted: number };
const UNUSED_MAIL = ['ignored', 'bounce', 'refused', 'dismissed'];

/** One pass: up to `batches` batches of tickets, then the unused mail. Answers what went. */
export async function applyRetention({ ctx, settings, batches = 100 }: { ctx: Ctx; settings: RetentionSettings; batches?: number }): Promise<RetentionDone> {
  const now = ctx.clock.now();
  let ticketsErased = 0;
  if (settings.ticketDays !== null) {
    const before = now.subtract({ hours: 24 * settings.ticketDays });
    for (let i = 0; i < batches; i++) {
      const erased = await ctx.db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string; number: string }>(
          `SELECT id, number FROM tickets WHERE status = 'closed' AND erased_at IS NULL AND updated_at < $1 ORDER BY updated_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [before, RETENTION_BATCH],
        );
        if (rows.length === 0) return 0;
        await eraseWords(tx, {
          ticketIds: rows.map((r) => r.id), person: null, now, actor: { kind: 'system' },
          note: `Closed more than ${settings.ticketDays} days ago: the words and files of this ticket were erased as the desk's retention schedule says; its history stays.`,
        });
        // Integrations that were sent these tickets are told, after their stored bodies were erased.
        for (const r of rows) await emitWebhookEvent(tx, { type: 'ticket.erased', occurredAt: now, data: { ticketId: r.id, number: Number(r.number), erasedAt: now } });
        return rows.length;
      });
      ticketsErased += erased;
      if (erased < RETENTION_BATCH) break;
    }
  }
  let heldRequestsCleared = 0;
  let commentsCleared = 0;
  if (settings.ticketDays !== null) {
    const before = now.subtract({ hours: 24 * settings.ticketDays });
    heldRequestsCleared = await ctx.db.transaction((tx) => eraseDismissedRequests(tx, { before, erased: ERASED }));
    const { rows } = await ctx.db.query('UPDATE kb_article_feedback SET comment = NULL WHERE comment IS NOT NULL AND updated_at < $1 RETURNING 1', [before]);
    commentsCleared = rows.length;
  }
  let mailDeleted = 0;
  if (settings.mailDays !== null) {
    const before = now.subtract({ hours: 24 * settings.mailDays });
    const { rows } = await ctx.db.query('DELETE FROM inbound_messages WHERE status = ANY($1::text[]) AND received_at < $2 RETURNING 1', [UNUSED_MAIL, before]);
    mailDeleted = rows.length;
    await ctx.db.query('DELETE FROM captured_mail WHERE captured_at < $1', [before]);
  }
  return { ticketsErased, heldRequestsCleared, commentsCleared, mailDeleted };
}

/** The statements only the schedule runs, each by an index (test/privacy/erasure-plans.test.ts). */
export const DISMISSED_REQUESTS_SQL = {
  // Requests dismissed before $1, not yet cleared, and the mail sent about them ($1: their ids).
  held: `UPDATE held_requests SET request = '{}', review_note = NULL
    WHERE status = 'dismissed' AND reviewed_at < $1 AND request <> '{}'::jsonb RETURNING id`,
  outbox: `UPDATE outbox SET subject = $2, body = $2,
      payload = jsonb_build_object('held_request_id', payload->'held_request_id', 'erased', true),
      status = CASE WHEN status = 'pending' THEN 'suppressed' ELSE status END,
      last_error = CASE WHEN status = 'pending' THEN 'not sent: its words were erased' ELSE last_error END
    WHERE payload->>'held_request_id' = ANY($1::text[])`,
} as const;

/**
 * Requests the policy held and an agent dismissed before `before` (reviewed_at): what was asked,
 * the review note and the files go, the mail it came as (if it came by mail), and the words of the mail sent about each request (the
 * managers' notice, the answer to its sender); who asked, when, why and who decided stay. Answers
 * how many requests were cleared (each once: a cleared request's `request` is `{}`).
 */
async function eraseDismissedRequests(tx: Db, { before, erased }: { before: Temporal.Instant; erased: string }): Promise<number> {
  const { rows } = await tx.query<{ id: string }>(DISMISSED_REQUESTS_SQL.held, [before]);
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return 0;
  await tx.query('DELETE FROM held_request_files WHERE held_request_id = ANY($1::uuid[])', [ids]);
  await tx.query(ERASE_WORDS_SQL.heldInbound, [ids]);
  await tx.query(DISMISSED_REQUESTS_SQL.outbox, [ids, erased]);
  return ids.length;
}
