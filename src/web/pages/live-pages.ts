// Live updates without reload: a server-sent event stream of "ticket N changed", read from the
// ticket timeline's global sequence (ticket_events.seq), polled every LIVE_POLL_MS. Agents hear of
// every ticket; a contact only of its organization's tickets, and only of public events. The page
// script then re-fetches its own page and swaps the live region, so what is shown is always
// rendered by the same server code. `?once=1` answers the changes since `after` and closes (for
// clients without EventSource, and for tests). A ticket page's stream (`?ticket=`, agents only)
// also says who else is on that ticket whenever that changes (`event: presence`,
// tickets/presence.ts), so a colleague starting a reply is named within a poll. An agent's stream
// also says which live chats customers are waiting on whenever that changes (`event: chats`,
// tickets/chat.ts), for the menu's "waiting in live chat" link on every page; on a chat ticket's
// page, the presence frame says whether its customer is on the chat page and writing. A customer's
// chat page stream (`?ticket=`) says whether support is writing a reply (`event: writing`).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SIGNED_IN } from '../../http/route-kit.ts';
import { requireActor } from '../../http/access.ts';
import type { Actor, Clock, Db } from '../../platform/index.ts';
import {
  chatCustomerJsonSql, chatsWaitingJsonSql, chatWindowStart, presenceJsonSql, presenceWindowStart, supportWritingSql, type ChatCustomer, type WaitingChat,
} from '../../tickets/index.ts';
import { page, type WebDeps } from '../page-kit.ts';

export const LIVE_POLL_MS = 3_000;
// A comment line now and then keeps proxies from closing an idle stream.
const KEEPALIVE_MS = 25_000;

type Change = { seq: string; ticket_id: string; number: string };

// Both read the timeline by its global order (the index ticket_events_seq).
export const CHANGES_AFTER_SQL = `SELECT e.seq::text AS seq, e.ticket_id, t.number::text AS number FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
     WHERE e.seq > $1::bigint AND ($2::uuid IS NULL OR (t.organization_id = $2 AND e.visibility = 'public'))
     ORDER BY e.seq LIMIT 200`;
export const LATEST_SEQ_SQL = 'SELECT coalesce(max(seq), 0)::text AS seq FROM ticket_events';

// One statement per poll: the changes, and on an agent's ticket page who else is there ($3 the
// ticket, null elsewhere; $4 the presence window's start; $5 the reader, left out of it), and for
// an agent ($5 not null) the chats customers are waiting on ($6 the chat window's start), and on a
// ticket page whether its chat customer is there and writing; on a customer's chat page ($7 the
// ticket, of their organization $2), whether support is writing a reply.
export const POLL_SQL = `SELECT (SELECT coalesce(json_agg(json_build_object('seq', c.seq, 'ticket_id', c.ticket_id, 'number', c.number)
     ORDER BY c.seq::bigint), '[]'::json) FROM (${CHANGES_AFTER_SQL}) c) AS changes,
   CASE WHEN $3::uuid IS NULL THEN NULL ELSE ${presenceJsonSql('$3', '$4', '$5')} END AS presence,
   CASE WHEN $3::uuid IS NULL THEN NULL ELSE ${chatCustomerJsonSql('$3', '$6')} END AS customer,
   CASE WHEN $5::uuid IS NULL THEN NULL ELSE ${chatsWaitingJsonSql('$6')} END AS chats,
   CASE WHEN $7::uuid IS NULL THEN NULL
     ELSE EXISTS (SELECT 1 FROM tickets ot WHERE ot.id = $7::uuid AND ot.organization_id = $2::uuid) AND ${supportWritingSql('$7', '$4')} END AS support_writing`;

type Poll = { changes: Change[]; presence: string | null; chats: string | null; writing: string | null };

/** The `chats` frame: the chats waiting, as the layout's #chats-waiting link shows them. */
const chatsFrame = (chats: WaitingChat[]) => `event: chats\ndata: ${JSON.stringify({ waiting: chats.map((c) => ({ id: c.id, number: Number(c.number) })) })}\n\n`;

/** What the reader has to hear since `after`: the changes, and the presence frame on an agent's ticket page. */
async function poll(db: Db, clock: Clock, actor: Actor, after: string, ticketId: string | undefined): Promise<Poll> {
  const contactOrg = actor.kind === 'contact' ? actor.organizationId : null;
  const onTicket = ticketId !== undefined && actor.kind === 'agent';
  const onChat = ticketId !== undefined && actor.kind === 'contact';
  const now = clock.now();
  type Row = { changes: Change[]; presence: Array<{ name: string; since: string | null }> | null; customer: ChatCustomer | null; chats: WaitingChat[] | null; support_writing: boolean | null };
  const { rows } = await db.query<Row>(
    POLL_SQL,
    [after, contactOrg, onTicket ? ticketId : null, presenceWindowStart(now), actor.kind === 'agent' ? actor.id : null, chatWindowStart(now), onChat ? ticketId : null],
  );
  const { changes, presence, customer, support_writing: supportWriting } = rows[0];
  const chats = rows[0].chats === null ? null : chatsFrame(rows[0].chats);
  const writing = supportWriting === null ? null : `event: writing\ndata: ${JSON.stringify({ support: supportWriting })}\n\n`;
  if (presence === null) return { changes, presence: null, chats, writing };
  // The JSON carries the database's own text for a time; said as everywhere else (an ISO instant).
  const others = presence.map((o) => ({ name: o.name, replying: o.since !== null, since: o.since === null ? null : Temporal.Instant.from(o.since) }));
  return { changes, presence: `event: presence\ndata: ${JSON.stringify({ others, customer })}\n\n`, chats, writing };
}

async function latestSeq(db: Db): Promise<string> {
  const { rows } = await db.query<{ seq: string }>(LATEST_SEQ_SQL);
  return rows[0].seq;
}

export function registerLivePages(web: FastifyInstance, deps: WebDeps): void {
  // Open streams end when the app closes, so stopping the service never waits on a browser tab.
  const open = new Set<() => void>();
  web.addHook('onClose', async () => {
    for (const end of open) end();
  });
  const query = { querystring: { type: 'object', properties: { after: { type: 'string', pattern: '^[0-9]{1,18}$' }, once: { type: 'string', enum: ['1'] }, ticket: { type: 'string', format: 'uuid' } } } };
  type Query = { after?: string; once?: '1'; ticket?: string };
  web.get<{ Querystring: Query }>('/live', page(SIGNED_IN, query), async (request: FastifyRequest<{ Querystring: Query }>, reply) => {
    const actor = requireActor(request);
    const lastEventId = request.headers['last-event-id'];
    let after = request.query.after ?? (typeof lastEventId === 'string' && /^[0-9]{1,18}$/.test(lastEventId) ? lastEventId : await latestSeq(deps.db));
    const frame = (c: Change) => `id: ${c.seq}\nevent: ticket\ndata: ${JSON.stringify({ id: c.ticket_id, number: Number(c.number) })}\n\n`;
    if (request.query.once) {
      const { changes, presence, chats, writing } = await poll(deps.db, deps.clock, actor, after, request.query.ticket);
      return reply.type('text/event-stream').header('cache-control', 'no-store').send(`retry: ${LIVE_POLL_MS}\n\n${changes.map(frame).join('')}${presence ?? ''}${chats ?? ''}${writing ?? ''}`);
    }
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { ...(reply.getHeaders() as Record<string, string>), 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(`retry: ${LIVE_POLL_MS}\n\n`);
    let busy = false;
    let closed = false;
    let presenceSent: string | null = null;
    // The page showed the chats waiting when it was rendered; the first poll says them again, then each change.
    let chatsSent: string | null = null;
    let writingSent: string | null = null;
    const timer = setInterval(async () => {
      if (busy || closed) return;
      busy = true;
      try {
        const { changes, presence, chats, writing } = await poll(deps.db, deps.clock, actor, after, request.query.ticket);
        for (const c of changes) res.write(frame(c));
        if (changes.length) after = changes[changes.length - 1].seq;
        if (presence !== null && presence !== presenceSent) res.write(presence);
        presenceSent = presence;
        if (chats !== null && chats !== chatsSent) res.write(chats);
        chatsSent = chats;
        if (writing !== null && writing !== writingSent) res.write(writing);
        writingSent = writing;
      } catch (error) {
        request.log.warn({ err: error }, 'live updates stopped');
        res.end();
      } finally {
        busy = false;
      }
    }, LIVE_POLL_MS);
    const keepalive = setInterval(() => res.write(': keep-alive\n\n'), KEEPALIVE_MS);
    const end = () => {
      closed = true;
      clearInterval(timer);
      clearInterval(keepalive);
      open.delete(end);
      res.end();
    };
    open.add(end);
    request.raw.on('close', end);
  });
}
