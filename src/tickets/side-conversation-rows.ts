// A side conversation as stored (side_conversations, 0057) and read, and the checks every verb on
// one shares: who may be written to aside, and the conversation locked for a change. The verbs are
// in side-conversations.ts (writing, answers) and side-conversation-people.ts (who is in it).
import { ConflictError, InvalidInputError, NotFoundError, type Db } from '../platform/index.ts';
import { isUuid } from '../platform/ids.ts';
import { possessive } from '../policy/index.ts';
import type { TicketRow } from './store.ts';

export type SideConversation = {
  id: string;
  ticketId: string;
  counterpart: string;
  subject: string;
  startedBy: string;
  startedAt: Temporal.Instant;
  lastMessageAt: Temporal.Instant;
  sent: number;
  received: number;
  /**
   * The tickets merged into this one that hold earlier messages of it, by number (merge-ticket.ts
   * brings a merged ticket's conversations along; their messages stay where they were written).
   */
  earlierOn: Array<{ ticketId: string; number: number }>;
  /**
   * Others in it besides the counterpart: each gets its messages (a copy of their own) and their
   * answers are taken as the counterpart's. Taken in by the agent writing to them (`alsoTo`), or by
   * an admin after reading the first answer of someone who replied to all (email/inbound-admin.ts).
   */
  alsoFrom: string[];
};

export type Row = {
  id: string; ticket_id: string; counterpart: string; subject: string; started_by: string; started_at: Temporal.Instant; last_message_at: Temporal.Instant; sent: number; received: number;
  earlier_on?: Array<{ ticket_id: string; number: number }> | null;
  also_from: string[];
};
export const view = (r: Row): SideConversation => ({
  id: r.id, ticketId: r.ticket_id, counterpart: r.counterpart, subject: r.subject, startedBy: r.started_by,
  startedAt: r.started_at, lastMessageAt: r.last_message_at, sent: Number(r.sent), received: Number(r.received),
  earlierOn: (r.earlier_on ?? []).map((e) => ({ ticketId: e.ticket_id, number: Number(e.number) })),
  alsoFrom: r.also_from ?? [],
});

/** A ticket's side conversations, the latest first. */
export async function sideConversationsOf(db: Db, ticketId: string): Promise<SideConversation[]> {
  const { rows } = await db.query<Row>(
    `SELECT c.*, (SELECT jsonb_agg(jsonb_build_object('ticket_id', t.id, 'number', t.number) ORDER BY t.number) FROM tickets t
       WHERE t.id <> c.ticket_id AND t.id IN (SELECT e.ticket_id FROM ticket_events e
         WHERE e.type IN ('side_message', 'side_reply') AND e.data->>'conversation_id' = c.id::text)) AS earlier_on
     FROM side_conversations c WHERE c.ticket_id = $1 ORDER BY c.last_message_at DESC, c.id`,
    [ticketId],
  );
  return rows.map(view);
}

/**
 * A merged ticket's side conversations go on on the ticket it was merged into (merge-ticket.ts):
 * an answer comes where the team works, and they write on from there. Answers the count moved.
 */
export async function moveSideConversations(tx: Db, fromTicketId: string, toTicketId: string): Promise<number> {
  const { rows } = await tx.query('UPDATE side_conversations SET ticket_id = $2 WHERE ticket_id = $1 RETURNING id', [fromTicketId, toTicketId]);
  return rows.length;
}

/** The conversation an answer by mail belongs to, with its ticket's id (email/match.ts proves the answer first). */
export async function sideConversation(db: Db, id: string): Promise<SideConversation | null> {
  const { rows } = await db.query<Row>('SELECT * FROM side_conversations WHERE id = $1', [id]);
  return rows[0] ? view(rows[0]) : null;
}

/** Refuses writing aside to the ticket's own customer, copied contacts or any contact of its organization, or to an agent of the desk: each has its own way. */
export async function checkCounterpart(tx: Db, ticket: TicketRow, to: string, path = 'to'): Promise<void> {
  const { rows: customer } = await tx.query<{ email: string }>(
    `SELECT email FROM contacts WHERE lower(email) = $2 AND (id = $1 OR id IN (SELECT contact_id FROM ticket_ccs WHERE ticket_id = $3))`,
    [ticket.requester_id, to, ticket.id],
  );
  if (customer[0]) throw new InvalidInputError(`${to} is the customer on this ticket`, [{ path, message: 'is the requester or copied on this ticket: write to them with a reply' }]);
  // Any of the customer's people: a side conversation is the team's, and what is written there
  // must not reach the customer's organization (they read the ticket; copy them on it instead).
  const { rows: colleague } = await tx.query('SELECT 1 FROM contacts WHERE email = $1 AND organization_id = $2 AND deactivated_at IS NULL', [to, ticket.organization_id]);
  if (colleague[0]) throw new InvalidInputError(`${to} is one of the customer's people`, [{ path, message: "is a contact of the ticket's organization: copy them on the ticket and write to them with a reply" }]);
  const { rows: agent } = await tx.query<{ name: string }>('SELECT name FROM agents WHERE lower(email) = $1 AND deactivated_at IS NULL', [to]);
  if (agent[0]) throw new InvalidInputError(`${to} is ${possessive(agent[0].name)} address, an agent of the desk`, [{ path, message: 'is an agent of the desk: ask them with an internal note that notifies them' }]);
}


/** The ticket's conversation of that id, locked for a change; an id that is no conversation's, malformed or not, reads the same: not found. */
export async function lockConversation(tx: Db, ticketId: string, id: string): Promise<Row> {
  const { rows } = isUuid(id)
    ? await tx.query<Row>('SELECT * FROM side_conversations WHERE id = $1 AND ticket_id = $2 FOR UPDATE', [id, ticketId])
    : { rows: [] as Row[] };
  if (!rows[0]) throw new NotFoundError('no such side conversation on this ticket');
  return rows[0];
}

/**
 * Addresses to take into a conversation, lower-cased, once each, leaving out the counterpart and
 * those in it already; each new one checked as the counterpart was (a refusal names `path.N`).
 */
export async function newcomers(tx: Db, ticket: TicketRow, conversation: Row, addresses: readonly string[], path: string): Promise<string[]> {
  const taken: string[] = [];
  for (const [i, raw] of addresses.entries()) {
    const address = raw.toLowerCase();
    if (address === conversation.counterpart || conversation.also_from.includes(address) || taken.includes(address)) continue;
    await checkCounterpart(tx, ticket, address, `${path}.${i}`);
    taken.push(address);
  }
  return taken;
}

/**
 * Those in the conversation who have become the customer's people since they were taken in (a
 * colleague of the supplier hired by the customer, a contact copied on the ticket later): nothing
 * more of it goes to them. Refused naming each, before anything is written.
 */
export async function refuseCustomersIn(tx: Db, ticket: TicketRow, conversation: Row): Promise<void> {
  const everyone = [conversation.counterpart, ...conversation.also_from];
  const { rows } = await tx.query<{ email: string }>(
    `SELECT email FROM contacts WHERE email = ANY($1::text[]) AND deactivated_at IS NULL
       AND (organization_id = $2 OR id = $3 OR id IN (SELECT contact_id FROM ticket_ccs WHERE ticket_id = $4))`,
    [everyone, ticket.organization_id, ticket.requester_id, ticket.id],
  );
  if (rows.length === 0) return;
  throw new ConflictError('Someone in this side conversation is one of the customer\'s people now: nothing was sent', rows.map((r) => ({
    path: r.email === conversation.counterpart ? 'conversationId' : 'alsoFrom',
    message: r.email === conversation.counterpart
      ? `${r.email}, whom it writes to, is a contact of the ticket's organization: write to them with a reply, and start a new side conversation without them`
      : `${r.email} is a contact of the ticket's organization: leave them out of the conversation first`,
  })));
}
