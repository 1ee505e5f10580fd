// The first thing done with any message that reaches Accord: store it, raw, in its own
// transaction. Only then is it acknowledged (SMTP 250, IMAP \Seen) and processed, so a crash or a
// failure while processing loses nothing: the row waits, and the inbound sweep takes it up again.
import { randomUUID } from 'node:crypto';
import type { Clock, Db } from '../platform/index.ts';

export type InboundSource = {
  source: 'smtp' | 'imap'; sourceKey?: string; envelopeFrom: string | null; envelopeTo: string[];
  /** When the mailbox got it, if earlier than now (IMAP's INTERNALDATE: the mail waited there for a poll). Kept as mailbox_date. */
  deliveredAt?: Temporal.Instant | null;
  /** The earliest it can have reached the desk (IMAP: the previous poll's start; imap-mailboxes.ts), whatever deliveredAt says. */
  notBefore?: Temporal.Instant;
};

/** When a message reached the desk: its mailbox's delivery time if it waited there, never before notBefore, never later than now. */
function receivedAt(clock: Clock, from: InboundSource): Temporal.Instant {
  const now = clock.now();
  let at = from.deliveredAt ?? now;
  if (from.notBefore && Temporal.Instant.compare(at, from.notBefore) < 0) at = from.notBefore;
  return Temporal.Instant.compare(at, now) < 0 ? at : now;
}

// What is kept of a refused (oversized) message: its headers and the start of its body.
export const REFUSED_KEEP_BYTES = 64 * 1024;

/** Stores a received message; returns its id, or null when its source key was stored before (an IMAP re-poll). */
export async function storeInbound(db: Db, clock: Clock, raw: Buffer, from: InboundSource): Promise<string | null> {
  const id = randomUUID();
  const { rows } = await db.query(
    `INSERT INTO inbound_messages (id, source, source_key, envelope_from, envelope_to, received_at, size, raw, status, mailbox_date)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, 'received', $9) ON CONFLICT (source_key) DO NOTHING RETURNING id`,
    [id, from.source, from.sourceKey ?? null, from.envelopeFrom, JSON.stringify(from.envelopeTo), receivedAt(clock, from), raw.length, raw, from.deliveredAt ?? null],
  );
  return rows.length === 1 ? id : null;
}

/**
 * Records a message refused for its size: the first bytes (its headers) and its size, so an admin
 * sees that it came and from whom. The sender's server was told (552) and returns it to them.
 */
export async function storeRefused(db: Db, clock: Clock, head: Buffer, size: number, from: InboundSource, outcome: string): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO inbound_messages (id, source, source_key, envelope_from, envelope_to, received_at, size, raw, raw_truncated, status, outcome, processed_at, mailbox_date)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, true, 'refused', $9, $10, $11) ON CONFLICT (source_key) DO NOTHING`,
    [id, from.source, from.sourceKey ?? null, from.envelopeFrom, JSON.stringify(from.envelopeTo), receivedAt(clock, from), size, head.subarray(0, REFUSED_KEEP_BYTES), outcome, clock.now(), from.deliveredAt ?? null],
  );
  return id;
}
