// Live chat, as the policy offers it (a channel of kind "chat" in the plan, with its hours: OpenBack's
// "Live Chat Support", staffed on weekdays): a chat is a ticket opened on that channel by the
// customer from the portal, whose page shows the conversation live (the timeline's live stream).
// The same promises run on it as on any ticket; the channel's hours decide when one may start
// (intake.ts channelRefusal: someone has to answer a chat at once). While the customer has the chat
// page open (a heartbeat every CHAT_HEARTBEAT_S), an agent's reply reaches them there and is not
// also mailed; once they leave, replies are mailed as on any ticket, so nothing said is lost.
import type { Ctx, Db } from '../platform/index.ts';
import { ForbiddenError } from '../platform/index.ts';
import type { PolicyModel } from '../policy/index.ts';
import { channelRefusal } from './intake.ts';
import { presenceWindowStart, supportWritingSql } from './presence.ts';
import { ticketForActor } from './store.ts';

export const CHAT_HEARTBEAT_S = 15;
// Three heartbeats: one lost touch does not make the customer vanish (and their replies mailed).
export const CHAT_WINDOW_S = 45;
/** The chat window's start at `now`: a customer seen after it is on the chat page. */
export const chatWindowStart = (now: Temporal.Instant): Temporal.Instant => now.subtract({ seconds: CHAT_WINDOW_S });

export type ChatOffer =
  | { offered: false }
  | { offered: true; channelName: string; open: true }
  | { offered: true; channelName: string; open: false; closedText: string };

/**
 * Whether the plan offers live chat and whether it is staffed at `at` (ms), in the policy's words;
 * when closed, each time it names has the reader's own beside it where they chose a zone.
 */
export function chatOffer(policy: PolicyModel, planId: string, at: number, readerZone: string | null = null): ChatOffer {
  const plan = policy.plans.get(planId);
  const channel = policy.file.channels.find((c) => c.kind === 'chat' && plan?.channels[c.id] !== undefined);
  if (!plan || !channel) return { offered: false };
  // No severity yet: an after-hours rule for some severities does not open chat to every request.
  const refusal = channelRefusal(policy, { planId, channelKind: 'chat', severity: Number.NaN, at, readerZone });
  if (refusal === null) return { offered: true, channelName: channel.name, open: true };
  return { offered: true, channelName: channel.name, open: false, closedText: refusal.message };
}

/**
 * The contact is on the chat page of their organization's chat ticket now; `leave` says they left it.
 * `writing` says whether their message box holds text (true: since when is kept from the first touch
 * that said so; false: no longer; left out, it stays as it was). Answers whether someone from support
 * is writing a reply to them now (tickets/presence.ts), for the page to say so.
 */
export async function markChatPresence({ ctx, input }: { ctx: Ctx; input: { ticketId: string; leave?: boolean; writing?: boolean } }): Promise<{ supportWriting: boolean }> {
  if (ctx.actor.kind !== 'contact') throw new ForbiddenError('only the customer is shown in a chat');
  const t = await ticketForActor(ctx.db, ctx.actor, input.ticketId);
  if (t.channel !== 'chat') throw new ForbiddenError('this ticket is no chat');
  if (input.leave) {
    await ctx.db.query('DELETE FROM chat_presence WHERE ticket_id = $1 AND contact_id = $2', [t.id, ctx.actor.id]);
    return { supportWriting: false };
  }
  const now = ctx.clock.now();
  const { rows } = await ctx.db.query<{ support_writing: boolean }>(
    `WITH touched AS (
       INSERT INTO chat_presence AS p (ticket_id, contact_id, seen_at, writing_since) VALUES ($1, $2, $3::timestamptz, CASE WHEN $4::boolean THEN $3::timestamptz END)
       ON CONFLICT (ticket_id, contact_id) DO UPDATE SET seen_at = excluded.seen_at,
         writing_since = CASE WHEN $4::boolean IS NULL THEN p.writing_since WHEN $4::boolean THEN coalesce(p.writing_since, excluded.seen_at) END
       RETURNING 1)
     SELECT ${supportWritingSql('$1', '$5')} AS support_writing FROM touched`,
    [t.id, ctx.actor.id, now, input.writing ?? null, presenceWindowStart(now)],
  );
  return { supportWriting: rows[0]?.support_writing === true };
}

/** Whether the customer is on a chat ticket's page, and writing a message there: what an agent on it is told. */
export type ChatCustomer = { here: boolean; writing: boolean };

/**
 * A scalar subquery (JSON `{here, writing}`, or null for a ticket that is no chat) for a statement
 * that reads it beside something else (the live stream's poll): the ticket's customer on its chat
 * page within the window starting at `seenAfter`, and writing. The arguments are the statement's placeholders.
 */
export function chatCustomerJsonSql(ticket: string, seenAfter: string): string {
  return `(SELECT json_build_object('here', count(*) > 0, 'writing', coalesce(bool_or(c.writing_since IS NOT NULL), false))
     FROM chat_presence c WHERE c.ticket_id = ${ticket}::uuid AND c.seen_at > ${seenAfter}::timestamptz
     HAVING (SELECT channel FROM tickets WHERE id = ${ticket}::uuid) = 'chat')`;
}

/** The customer of a chat ticket, on its page and writing, at `now` (null for a ticket that is no chat). */
export async function chatCustomer(db: Db, ticketId: string, now: Temporal.Instant): Promise<ChatCustomer | null> {
  const { rows } = await db.query<{ customer: ChatCustomer | null }>(`SELECT ${chatCustomerJsonSql('$1', '$2')} AS customer`, [ticketId, chatWindowStart(now)]);
  return rows[0].customer;
}

/** The contacts on a chat ticket's page within the window at `now` (none for a ticket of another channel). */
export async function contactsInChat(db: Db, ticketId: string, now: Temporal.Instant): Promise<string[]> {
  const { rows } = await db.query<{ contact_id: string }>(
    'SELECT contact_id FROM chat_presence WHERE ticket_id = $1 AND seen_at > $2',
    [ticketId, chatWindowStart(now)],
  );
  return rows.map((r) => r.contact_id);
}

/** A chat whose customer is on the chat page waiting for support: the last word on it is theirs. */
export type WaitingChat = { id: string; number: number; since: string };

/**
 * A scalar subquery (JSON array of `{id, number, since}`, longest waiting first, at most 20): the open
 * chats whose customer is on the chat page (seen after `seenAfter`, a placeholder) and whose last
 * public message (the one that opened it, or a reply) is the customer's. Every agent page names
 * them, and the live stream tells agents when they change, so a chat started while an agent is on
 * a ticket is not missed. Read from the pages open now (chat_presence_seen), not from every open ticket.
 */
export function chatsWaitingJsonSql(seenAfter: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('id', w.id, 'number', w.number, 'since', w.since) ORDER BY w.since), '[]'::json)
     FROM (SELECT t.id, t.number, last.at AS since
       FROM (SELECT DISTINCT p.ticket_id FROM chat_presence p WHERE p.seen_at > ${seenAfter}) here
       JOIN tickets t ON t.id = here.ticket_id
       JOIN LATERAL (SELECT e.at, e.actor_kind FROM ticket_events e
         WHERE e.ticket_id = t.id AND e.visibility = 'public' AND e.type IN ('created', 'reply')
         ORDER BY e.at DESC, e.seq DESC LIMIT 1) last ON last.actor_kind = 'contact'
       WHERE t.channel = 'chat' AND t.status IN ('open', 'pending_customer', 'pending_third_party')
       ORDER BY last.at LIMIT 20) w)`;
}

/** The chats customers are waiting on now (chatsWaitingJsonSql), for an agent's page. */
export async function chatsWaiting(db: Db, now: Temporal.Instant): Promise<WaitingChat[]> {
  const { rows } = await db.query<{ chats: WaitingChat[] }>(`SELECT ${chatsWaitingJsonSql('$1')} AS chats`, [chatWindowStart(now)]);
  return rows[0].chats.map((c) => ({ ...c, since: Temporal.Instant.from(c.since).toString() }));
}
