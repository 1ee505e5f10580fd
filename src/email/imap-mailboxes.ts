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

const sourceKeyPrefix = (mailbox: string) => `imap:${mailbox}:`;

/** The key a message is stored under (inbound_messages.source_key): its mailbox, UIDVALIDITY and UID, so a re-poll stores nothing twice. */
export function sourceKeyOf(mailbox: string, validity: string, uid: number): string {
  return `${sourceKeyPrefix(mailbox)}${validity}:${uid}`;
}

/** A LIKE pattern for the source keys of a mailbox's messages: `%` and `_` in its name taken as themselves (LIKE escapes with `\`). */
function sourceKeysLike(mailbox: string): string {
  return `${sourceKeyPrefix(mailbox).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The earliest a message this poll (begun at `startedAt`) sees new can have reached the desk: the
 * start of the previous successful poll, which would have taken anything already there. A mailbox
 * never polled successfully has none: then since when the desk watches it, recorded on its first
 * poll (before connecting, so a first poll that fails counts: mail the mailbox got while the desk
 * could not reach it was still mail to a desk that had taken on the mailbox, and keeps its date).
 * What sat there before the desk watched it reached the vendor's earlier way of reading mail, not
 * this desk: it counts from when the desk began, not from a date nobody here could act on.
 *
 * But a desk that read this mailbox before it had a row (mail taken before migration 0068, or under
 * another key: a new port, TLS or user) watched it already: its watch began no later than the
 * latest message it took from it. Every stored message's received_at is no later than the fetch
 * that took it (clamped to now), and anything delivered before that fetch was taken by it; so what
 * a poll finds new now came after the latest stored received_at, and mail that reached the mailbox
 * while the desk was down for the upgrade keeps its own date instead of counting from the upgrade.
 * The source keys name the mailbox only, not its host or user: a desk moved to another server's
 * INBOX counts that one's mail from the last the old one gave, at worst earlier than the move,
 * never earlier than mail the desk was reading. Looked up once per key, when its row is made (the
 * LIKE may read the whole table; a poll of a known mailbox never runs it: EXPLAIN says so).
 */
export async function pollBound(db: Db, key: string, mailbox: string, startedAt: Temporal.Instant): Promise<Temporal.Instant> {
  // One round trip, no write when the mailbox is known: the insert, and its look-up of stored mail,
  // run only when `known` is empty; the insert returns the new row, `known` the existing one.
  // LEAST ignores a NULL (no stored mail: the watch begins now) and never starts it after now.
  const { rows } = await db.query<{ watched_since: Temporal.Instant; last_poll_started_at: Temporal.Instant | null }>(
    `WITH known AS (SELECT watched_since, last_poll_started_at FROM imap_mailboxes WHERE mailbox = $1),
     added AS (INSERT INTO imap_mailboxes (mailbox, watched_since)
       SELECT $1, LEAST((SELECT max(received_at) FROM inbound_messages WHERE source = 'imap' AND source_key LIKE $3), $2)
       WHERE NOT EXISTS (SELECT 1 FROM known)
       ON CONFLICT (mailbox) DO NOTHING RETURNING watched_since, last_poll_started_at)
     SELECT watched_since, last_poll_started_at FROM added
     UNION ALL SELECT watched_since, last_poll_started_at FROM known`,
    [key, startedAt, sourceKeysLike(mailbox)],
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
