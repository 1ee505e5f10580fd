// Who else is on a ticket right now ("agent collision"): two agents answering one customer at once
// send two answers, or contradict each other. The ticket page marks its reader as there when it is
// shown, and its script touches the mark every PRESENCE_HEARTBEAT_S while the page stays open,
// saying whether the reader is writing a public reply (the reply box holds text); leaving the page
// removes the mark. Other agents' pages name who is there and, above the reply box, who is writing
// a reply. A mark not touched for PRESENCE_WINDOW_S means nothing (a closed laptop, a page without
// scripts read a while ago): it is not shown, and the agent's next touch anywhere removes it.
// This is a heads-up only; the stale-reply check on sending (web/pages/ticket-pages.ts) is what
// refuses a reply written over someone else's. Presence is the desk's own: never on the timeline,
// not kept once stale, never shown to the customer but for one thing on a live chat: that support is
// writing a reply (not who).
import type { Ctx, Db } from '../platform/index.ts';
import { requireAgentPerson, ticketForActor } from './store.ts';

export const PRESENCE_HEARTBEAT_S = 20;
// Three heartbeats: one late or lost touch does not make someone vanish.
export const PRESENCE_WINDOW_S = 60;

export type Presence = { agentId: string; name: string; seenAt: Temporal.Instant; replyingSince: Temporal.Instant | null };

// Who is on a ticket: its marks within the window, of agents still active, but for one.
const PRESENT = (ticket: string, seenAfter: string, except: string) => `FROM ticket_presence p JOIN agents a ON a.id = p.agent_id
     WHERE p.ticket_id = ${ticket}::uuid AND p.seen_at > ${seenAfter}::timestamptz AND a.deactivated_at IS NULL
       AND (${except}::uuid IS NULL OR p.agent_id <> ${except}::uuid)`;
// Writing a reply first, then by name.
const PRESENT_ORDER = 'p.replying_since IS NULL, a.name, a.id';

/** The start of the window of marks that count at `now`. */
export function presenceWindowStart(now: Temporal.Instant): Temporal.Instant {
  return now.subtract({ seconds: PRESENCE_WINDOW_S });
}

/**
 * A scalar subquery for a statement that reads presence beside something else (the live stream's
 * poll): a JSON array of `{name, since}` (since: writing a reply since, or null), in the order of
 * presenceOn. The arguments are the statement's placeholders for ticket, window start and agent.
 */
export function presenceJsonSql(ticket: string, seenAfter: string, except: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('name', a.name, 'since', p.replying_since) ORDER BY ${PRESENT_ORDER}), '[]'::json)
     ${PRESENT(ticket, seenAfter, except)})`;
}

/**
 * A boolean expression for a statement's placeholders: someone from support (an active agent) is on
 * the ticket within the window starting at `seenAfter` and writing a public reply. The customer's
 * chat page says so ("Support is writing"): who it is stays the desk's own.
 */
export function supportWritingSql(ticket: string, seenAfter: string): string {
  return `EXISTS (SELECT 1 FROM ticket_presence w JOIN agents wa ON wa.id = w.agent_id
     WHERE w.ticket_id = ${ticket}::uuid AND w.seen_at > ${seenAfter}::timestamptz AND w.replying_since IS NOT NULL AND wa.deactivated_at IS NULL)`;
}

/** Whether someone from support is writing a public reply on the ticket at `now` (supportWritingSql). */
export async function supportWriting(db: Db, ticketId: string, now: Temporal.Instant): Promise<boolean> {
  const { rows } = await db.query<{ yes: boolean }>(`SELECT ${supportWritingSql('$1', '$2')} AS yes`, [ticketId, presenceWindowStart(now)]);
  return rows[0].yes;
}

/** The agents other than `exceptAgentId` on the ticket within the window at `now`, writing a reply first, then by name. */
export async function presenceOn(db: Db, ticketId: string, exceptAgentId: string | null, now: Temporal.Instant): Promise<Presence[]> {
  const { rows } = await db.query<{ agent_id: string; name: string; seen_at: Temporal.Instant; replying_since: Temporal.Instant | null }>(
    `SELECT p.agent_id, a.name, p.seen_at, p.replying_since ${PRESENT('$1', '$2', '$3')} ORDER BY ${PRESENT_ORDER}`,
    [ticketId, presenceWindowStart(now), exceptAgentId],
  );
  return rows.map((r) => ({ agentId: r.agent_id, name: r.name, seenAt: r.seen_at, replyingSince: r.replying_since }));
}

/**
 * Agents: mark themselves on the ticket now. `replying` says whether they are writing a public
 * reply (true: since when is kept from the first touch that said so; false: no longer); left out
 * (the page being shown), it stays as it was. Answers the others there.
 */
export async function markPresence({ ctx, input }: { ctx: Ctx; input: { ticketId: string; replying?: boolean } }): Promise<Presence[]> {
  const ticket = await ticketForActor(ctx.db, ctx.actor, input.ticketId, false);
  requireAgentPerson(ctx.actor, 'be shown on a ticket');
  const now = ctx.clock.now();
  const replying = input.replying === undefined ? null : input.replying;
  // One statement each, no transaction: a touch is idempotent and the last one wins.
  await ctx.db.query(
    `INSERT INTO ticket_presence AS p (ticket_id, agent_id, seen_at, replying_since) VALUES ($1, $2, $3::timestamptz, CASE WHEN $4::boolean THEN $3::timestamptz END)
     ON CONFLICT (ticket_id, agent_id) DO UPDATE SET seen_at = EXCLUDED.seen_at,
       replying_since = CASE WHEN $4::boolean IS NULL THEN p.replying_since WHEN $4::boolean THEN coalesce(p.replying_since, EXCLUDED.seen_at) END`,
    [ticket.id, ctx.actor.id, now, replying],
  );
  // The agent's stale marks elsewhere go (a page closed without saying so).
  await ctx.db.query('DELETE FROM ticket_presence WHERE agent_id = $1 AND seen_at <= $2', [ctx.actor.id, now.subtract({ seconds: PRESENCE_WINDOW_S })]);
  return presenceOn(ctx.db, ticket.id, ctx.actor.id, now);
}

/** Agents: they left the ticket's page; their mark goes. */
export async function leaveTicket({ ctx, input }: { ctx: Ctx; input: { ticketId: string } }): Promise<void> {
  const ticket = await ticketForActor(ctx.db, ctx.actor, input.ticketId, false);
  requireAgentPerson(ctx.actor, 'be shown on a ticket');
  await ctx.db.query('DELETE FROM ticket_presence WHERE ticket_id = $1 AND agent_id = $2', [ticket.id, ctx.actor.id]);
}
