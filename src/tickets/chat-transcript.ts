// The chat transcript: a customer on the chat page reads an agent's replies there and is not
// mailed them (customer-mail.ts), so once they leave (their presence lapses, chat.ts) they are
// mailed one transcript of those replies, as Zendesk and Intercom mail one when a chat ends.
import { queueMessage } from '../outbox/index.ts';
import type { Ctx, Db } from '../platform/index.ts';
import { CHAT_WINDOW_S } from './chat.ts';

/** Notes the replies a contact read on the chat page instead of by mail, for their transcript. */
export async function recordChatUnmailed(tx: Db, ticketId: string, eventId: string, contactIds: Iterable<string>): Promise<void> {
  for (const contactId of contactIds) {
    await tx.query('INSERT INTO chat_unmailed (ticket_id, contact_id, event_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [ticketId, contactId, eventId]);
  }
}

type Claimed = { ticket_id: string; contact_id: string; event_id: string };

/** Mails a transcript to each contact who left a chat with replies they were not mailed; answers how many. */
export async function mailChatTranscripts({ ctx }: { ctx: Ctx }): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // The claim: the rows of contacts no longer on the page are deleted here, so a second worker
    // (waiting on the same rows, or coming later) finds none of them, and mails nothing twice.
    const { rows } = await tx.query<Claimed>(
      `DELETE FROM chat_unmailed u WHERE (u.ticket_id, u.contact_id, u.event_id) IN (
         SELECT c.ticket_id, c.contact_id, c.event_id FROM chat_unmailed c
         WHERE NOT EXISTS (SELECT 1 FROM chat_presence p WHERE p.ticket_id = c.ticket_id AND p.contact_id = c.contact_id AND p.seen_at > $1)
         FOR UPDATE SKIP LOCKED)
       RETURNING u.ticket_id, u.contact_id, u.event_id`,
      [now.subtract({ seconds: CHAT_WINDOW_S })],
    );
    const sessions = Map.groupBy(rows, (r) => `${r.ticket_id}:${r.contact_id}`);
    let mailed = 0;
    for (const claimed of sessions.values()) {
      if (await queueTranscript(tx, claimed, now)) mailed++;
    }
    return mailed;
  });
}

async function queueTranscript(tx: Db, claimed: Claimed[], now: Temporal.Instant): Promise<boolean> {
  const { ticket_id: ticketId, contact_id: contactId } = claimed[0];
  const { rows: [to] } = await tx.query<{ email: string; number: string; subject: string }>(
    `SELECT c.email, t.number::text AS number, t.subject FROM contacts c, tickets t
     WHERE c.id = $1 AND c.deactivated_at IS NULL AND t.id = $2`,
    [contactId, ticketId],
  );
  const { rows: events } = await tx.query<{ id: string; body: string; name: string | null }>(
    `SELECT e.id, e.body, a.name FROM ticket_events e LEFT JOIN agents a ON a.id = e.actor_id
     WHERE e.id = ANY($1::uuid[]) AND e.ticket_id = $2 AND e.visibility = 'public' ORDER BY e.at, e.seq`,
    [claimed.map((c) => c.event_id), ticketId],
  );
  if (!to || events.length === 0) return false;
  const messages = events.map((e) => `${e.name ?? 'Support'} wrote:\n${e.body}`);
  return queueMessage(tx, {
    kind: 'chat_transcript', recipient: to.email, createdAt: now,
    subject: `Re: [#${to.number}] ${to.subject}`,
    body: [`You left the chat on case #${to.number} "${to.subject}". Here is what support wrote to you there, for your records:`, ...messages,
      'Reply to this message to add to the case.'].join('\n\n'),
    payload: { ticket_id: ticketId, ticket_number: Number(to.number), automatic: true, links: [{ label: `Case #${to.number} in the support portal`, path: `/portal/cases/${ticketId}` }] },
    dedupeKey: `chat-transcript:${ticketId}:${contactId}:${events[0].id}`,
  });
}
