// The chat transcript: a customer on the chat page reads an agent's replies there and is not
// mailed them (customer-mail.ts), so once they leave (their presence lapses, chat.ts) they are
// mailed one transcript of the conversation (their messages and those replies), as Zendesk and
// Intercom mail one when a chat ends. A regrade read on the page (regrade-mail.ts) is in it too.
import { queueMessage } from '../outbox/index.ts';
import type { Ctx, Db } from '../platform/index.ts';
import { policyVersion } from '../policy-versions/index.ts';
import { chatWindowStart } from './chat.ts';
import { regradeNotice } from './regrade-words.ts';

/** Notes the replies (and regrades) a contact read on the chat page instead of by mail, for their transcript. */
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
      [chatWindowStart(now)],
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
  const { rows: [to] } = await tx.query<{ email: string; number: string; subject: string; policy_version: number }>(
    `SELECT c.email, t.number::text AS number, t.subject, t.policy_version FROM contacts c, tickets t
     WHERE c.id = $1 AND c.deactivated_at IS NULL AND t.id = $2`,
    [contactId, ticketId],
  );
  // The conversation since support's last reply the customer had by other means (mailed, or in an
  // earlier transcript): their own messages too, as a chat transcript reads, through the last reply
  // read on the page. A first chat starts with the message that opened it.
  const { rows: events } = await tx.query<{ id: string; type: string; body: string; data: Record<string, unknown>; actor_kind: string; actor_id: string | null; name: string | null }>(
    `WITH claimed AS (SELECT unnest($1::uuid[]) AS id),
     span AS (
       SELECT min(e.at) AS first_at, max(e.at) AS last_at FROM ticket_events e JOIN claimed c ON c.id = e.id WHERE e.ticket_id = $2),
     since AS (
       SELECT max(e.at) AS at FROM ticket_events e, span
       WHERE e.ticket_id = $2 AND e.type = 'reply' AND e.actor_kind = 'agent' AND e.visibility = 'public'
         AND e.at < span.first_at AND e.id NOT IN (SELECT id FROM claimed))
     SELECT e.id, e.type, e.body, e.data, e.actor_kind, e.actor_id, k.name
     FROM ticket_events e CROSS JOIN span CROSS JOIN since
     LEFT JOIN contacts k ON e.actor_kind = 'contact' AND k.id = e.actor_id
     WHERE e.ticket_id = $2 AND e.visibility = 'public' AND e.type IN ('created', 'reply', 'regraded') AND e.body IS NOT NULL
       AND e.at <= span.last_at AND (since.at IS NULL OR e.at > since.at)
     ORDER BY e.at, e.seq`,
    [claimed.map((c) => c.event_id), ticketId],
  );
  if (!to || !events.some((e) => e.actor_kind === 'agent')) return false;
  // As the chat page and the portal say it: the team speaks as support (an agent signs by name if they choose).
  const who = (e: (typeof events)[number]) => (e.actor_kind !== 'contact' ? 'Support' : e.actor_id === contactId ? 'You' : e.name ?? 'Your colleague');
  const policy = events.some((e) => e.type === 'regraded') ? await policyVersion(tx, to.policy_version) : null;
  const said = (e: (typeof events)[number]) => {
    if (e.type !== 'regraded' || !policy) return `${who(e)} wrote:\n${e.body}`;
    return regradeNotice(policy, { number: Number(to.number), subject: to.subject }, { from: Number(e.data.from), to: Number(e.data.to), reason: e.body });
  };
  const messages = events.map(said);
  const queued = await queueMessage(tx, {
    kind: 'chat_transcript', recipient: to.email, createdAt: now,
    subject: `Re: [#${to.number}] ${to.subject}`,
    body: [`You left the chat on case #${to.number} "${to.subject}". Here is the conversation, for your records:`, ...messages,
      'Reply to this message to add to the case.'].join('\n\n'),
    payload: { ticket_id: ticketId, ticket_number: Number(to.number), automatic: true, links: [{ label: `Case #${to.number} in the support portal`, path: `/portal/cases/${ticketId}` }] },
    dedupeKey: `chat-transcript:${ticketId}:${contactId}:${claimed.map((c) => c.event_id).toSorted()[0]}`,
  });
  return queued !== null;
}
