// What the desk knows of each IMAP mailbox it polls (imap_mailboxes, migration 0068): since when it
// watches it and when its last successful poll began. They bound how early a message a poll finds
// can have reached the desk: its INTERNALDATE says when the mailbox got it, but IMAP COPY and
// APPEND keep a message's old date, so an archive dragged into the inbox would otherwise open
// tickets two years old with every clock breached at once.
import type { Db } from '../platform/index.ts';

/** The mailbox's key: its URL without the password (a new password is the same mailbox; another host or user is not). */
export function mailboxKeyOf(o: { secure: boolean; user: string; host: string; port: number; mailbox: string }): string {
  return `${o.secure ? 'imaps' : 'imap'}://${encodeURIComponent(o.user)}@${o.host}:${o.port}/${encodeURIComponent(o.mailbox)}`;
}

/**
 * The earliest a message this poll (begun at `startedAt`) sees new can have reached the desk: the
 * start of the previous successful poll, which would have taken anything already there. A mailbox
 * never polled successfully has none: then since when the desk watches it, recorded now on its
 * first poll (before connecting, so a first poll that fails counts: mail the mailbox got while the
 * desk could not reach it was still mail to a desk that had taken on the mailbox, and keeps its
 * date). What sat there before the desk watched it reached the vendor's earlier way of reading
 * mail, not this desk: it counts from when the desk began, not from a date nobody here could act on.
 */
export async function pollBound(db: Db, key: string, startedAt: Temporal.Instant): Promise<Temporal.Instant> {
  // One round trip, no write when the mailbox is known: the insert returns the new row, the select the existing one.
  const { rows } = await db.query<{ watched_since: Temporal.Instant; last_poll_started_at: Temporal.Instant | null }>(
    `WITH added AS (INSERT INTO imap_mailboxes (mailbox, watched_since) VALUES ($1, $2) ON CONFLICT (mailbox) DO NOTHING
       RETURNING watched_since, last_poll_started_at)
     SELECT watched_since, last_poll_started_at FROM added
     UNION ALL SELECT watched_since, last_poll_started_at FROM imap_mailboxes WHERE mailbox = $1`,
    [key, startedAt],
  );
  // No row: another instance added it in the same instant; its watch began about now.
  return rows[0] ? (rows[0].last_poll_started_at ?? rows[0].watched_since) : startedAt;
}

/** A poll that stored every message it saw and marked them seen: the next poll's bound. Never moved back (two instances' polls may overlap). */
export async function recordPoll(db: Db, key: string, startedAt: Temporal.Instant): Promise<void> {
  await db.query(
    `UPDATE imap_mailboxes SET last_poll_started_at = GREATEST(last_poll_started_at, $2) WHERE mailbox = $1`,
    [key, startedAt],
  );
}
