// A mail storm: more messages from one address within an hour than the desk's limit
// (EmailSettings.mailLoopLimit, 20 by default as Zendesk's) is a mail loop suspected: an
// autoresponder or a forwarding rule answering our answers, a script gone wrong. A person's message
// past the limit opens no ticket, is added to none and is answered by nothing: it is held, kept whole
// for an admin, who releases it by processing it again (inbound-admin.ts retryInboundMessage).
// Counted from the stored inbound mail by its From (as processed: from_address), every message in
// the hour whatever became of it, held ones too: a loop that goes on stays held, rather than letting
// the limit's worth through each hour. Not those whose From failed DMARC (forged, migration 0075): a
// loop is real mail from a real system answering ours, and forged mail is held as forged anyway
// (decide-inbound.ts); counted, 21 messages forged in a customer's name would get the customer's own
// mail held. The hour is the 60 minutes up to when this message reached the desk; one exactly 60
// minutes earlier has left it (migration 0074: the index it is counted by).
import type { Db } from '../platform/index.ts';
import { blockOf } from './blocked-senders.ts';
import type { Decision } from './decision.ts';
import { senderAgent, senderContact } from './match.ts';

const WINDOW = Temporal.Duration.from({ minutes: 60 });

/** The messages not forged from a sender ($1) in the hour ($2, $3] besides this one ($4): through 0074's index. */
export const MAIL_LOOP_COUNT_SQL = `SELECT count(*)::int AS n FROM inbound_messages
  WHERE from_address = $1 AND received_at > $2 AND received_at <= $3 AND id <> $4 AND NOT forged`;

/**
 * The hold of a message past the limit, or null when it is within it. A stranger's mail that is
 * dismissed anyway (blocked, or marked as spam where it came in: decide-inbound.ts) is left to be:
 * held, it would be put before admins.
 */
export async function mailLoopHold(
  tx: Db, message: { inboundId: string; from: string | null; receivedAt: Temporal.Instant; now: Temporal.Instant; spam: string | null; forged: boolean }, limit: number,
): Promise<Decision | null> {
  const from = message.from?.toLowerCase().slice(0, 320);
  if (!from) return null;
  // A message whose From failed DMARC is not counted against the limit, nor held by it: whatever the
  // hour holds, decide-inbound.ts holds it as forged (or dismisses it, a blocked or spam-marked
  // stranger's), which is the reason an admin is to see; it opens nothing and is answered by nothing.
  // Held as a loop, it would be released into the same hold as forged.
  if (message.forged) return null;
  // An agent's own mail (not forged: DMARC passed or was not failed) is the team at work, answering
  // notices and forwarding customers' mail (docs/adr/0022), however busy the hour: the limit is for
  // loops with other systems, which the loop headers and Auto-Submitted already catch on agents' mail.
  if (await senderAgent(tx, from)) return null;
  const { rows } = await tx.query<{ n: number }>(
    MAIL_LOOP_COUNT_SQL,
    [from, message.receivedAt.subtract(WINDOW), message.receivedAt, message.inboundId],
  );
  const count = rows[0].n + 1;
  if (count <= limit) return null;
  if (!(await senderContact(tx, from)) && !(await senderAgent(tx, from)) && (message.spam || (await blockOf(tx, from, message.now)))) return null;
  return {
    status: 'held',
    outcome: `Held: mail loop suspected: ${count} messages from ${from} in the last hour (more than ${limit}); no ticket opened and nothing sent: process it again to take it`,
  };
}
