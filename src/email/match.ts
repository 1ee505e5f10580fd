// Which ticket a message is about, and whether its sender may write on it. Threading first (our
// Message-IDs in In-Reply-To and References, or a customer's earlier message on the ticket; a mail
// held for review, or our answer to it, is about the ticket an agent accepted it as), then
// the ticket reference in the subject. Being matched says nothing about being allowed: the sender
// must be the ticket's contact, a contact copied on it, or a named contact of its organization (sender-may-write).
// A ticket merged into another (tickets/merge-ticket.ts) hands its mail on to that ticket, and its
// requester may write there as on their own.
import type { AgentRole, Db } from '../platform/index.ts';
import { ourIdTarget, subjectTicketNumber } from './headers.ts';

export type MatchedTicket = {
  id: string;
  number: number;
  subject: string;
  organization_id: string;
  requester_id: string;
  status: string;
  by: 'thread' | 'subject';
  /** The merged ticket the mail was about, when it was handed on to this one, with its requester. */
  mergedFrom: { number: number; requester_id: string } | null;
  /** The contacts copied on the ticket (tickets/ccs.ts), who may write on it too. */
  ccIds: string[];
};
export type Sender = { id: string; organization_id: string; named_contact: boolean; email: string };

// The copies come with the ticket in one read (a merge hop reads a few ids it then drops).
const TICKET_COLUMNS =
  'id, number, subject, organization_id, requester_id, status, merged_into, ARRAY(SELECT c.contact_id::text FROM ticket_ccs c WHERE c.ticket_id = tickets.id) AS cc_ids';
type TicketFacts = Omit<MatchedTicket, 'by' | 'mergedFrom' | 'ccIds'> & { merged_into: string | null; cc_ids: string[] };
/** Merges chain (a ticket merged into one later merged again); a bound keeps a bad row from looping. */
const MAX_MERGE_HOPS = 10;

async function ticketWhere(db: Db, where: 'id' | 'number', value: string | number): Promise<Omit<MatchedTicket, 'by'> | null> {
  const { rows } = await db.query<TicketFacts>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE ${where} = $1`, [value]);
  let ticket = rows[0];
  if (!ticket) return null;
  const first = ticket;
  for (let hop = 0; ticket.merged_into && hop < MAX_MERGE_HOPS; hop++) {
    const next = await db.query<TicketFacts>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = $1`, [ticket.merged_into]);
    if (!next.rows[0]) break;
    ticket = next.rows[0];
  }
  const { merged_into: _, cc_ids, ...facts } = ticket;
  return { ...facts, ccIds: cc_ids, mergedFrom: ticket === first ? null : { number: Number(first.number), requester_id: first.requester_id } };
}

export async function matchTicket(db: Db, mail: { threadIds: string[]; subject: string }, domain: string): Promise<MatchedTicket | null> {
  for (const id of mail.threadIds) {
    const ours = ourIdTarget(id, domain);
    let ticketId: string | null = null;
    if (ours && 'ticketId' in ours) ticketId = ours.ticketId;
    if (ours && 'outboxId' in ours) {
      // The answer to a mail held for review (held-sender.ts) is about the ticket an agent accepted it as.
      const { rows } = await db.query<{ ticket_id: string | null }>(
        `SELECT coalesce(o.payload->>'ticket_id', (SELECT h.ticket_id::text FROM held_requests h
           WHERE o.kind IN ('held_receipt', 'held_dismissed') AND h.id::text = o.payload->>'held_request_id')) AS ticket_id
         FROM outbox o WHERE o.id = $1`,
        [ours.outboxId],
      );
      ticketId = rows[0]?.ticket_id ?? null;
    }
    if (!ours) {
      // A customer's message on a ticket, or held for review and accepted as one.
      const { rows } = await db.query<{ ticket_id: string }>(
        `SELECT coalesce(m.ticket_id, h.ticket_id) AS ticket_id FROM inbound_messages m LEFT JOIN held_requests h ON h.id = m.held_request_id
         WHERE m.message_id = $1 AND coalesce(m.ticket_id, h.ticket_id) IS NOT NULL ORDER BY m.received_at LIMIT 1`,
        [id],
      );
      ticketId = rows[0]?.ticket_id ?? null;
    }
    const ticket = ticketId ? await ticketWhere(db, 'id', ticketId) : null;
    if (ticket) return { ...ticket, by: 'thread' };
  }
  const number = subjectTicketNumber(mail.subject);
  if (number === null || number > 2_147_483_647) return null;
  const ticket = await ticketWhere(db, 'number', number);
  return ticket ? { ...ticket, by: 'subject' } : null;
}

/** The contact whose address sent the message (From, never Reply-To: that is anyone's to write). */
export async function senderContact(db: Db, address: string | null): Promise<Sender | null> {
  if (!address) return null;
  // A contact who left the customer (deactivated) writes as a stranger would.
  const { rows } = await db.query<Sender>('SELECT id, organization_id, named_contact, email FROM contacts WHERE email = $1 AND deactivated_at IS NULL', [address.toLowerCase()]);
  return rows[0] ?? null;
}

/** The ticket's contact (or the merged ticket's the mail was about), a contact copied on it, or a named contact of its organization. */
export function senderMayWrite(sender: Sender | null, ticket: MatchedTicket): boolean {
  if (!sender) return false;
  if (sender.id === ticket.requester_id || sender.id === ticket.mergedFrom?.requester_id || ticket.ccIds.includes(sender.id)) return true;
  return sender.organization_id === ticket.organization_id && sender.named_contact;
}

/**
 * The mail Accord sends the vendor's people about a ticket that an answer may come back to, and
 * what the answer becomes: an answer to a note's notice stays among the team; any other goes to
 * the customer, unless it begins with #note. Notices of another kind (an abuse threshold, the
 * digest) are not answered this way: a "noted, thanks" to them must never reach a customer.
 */
export const ANSWERABLE: Readonly<Record<string, 'reply' | 'note'>> = {
  agent_assigned: 'reply',
  agent_escalated: 'note',
  agent_reply_notice: 'reply',
  designated_notice: 'reply',
  oncall_page: 'reply',
  // Their reply gave no ETA: answered with #eta, it is the status notification.
  agent_answer_no_eta: 'reply',
  sla_reminder: 'reply',
  sla_warning: 'reply',
  sla_breach: 'reply',
  agent_reminder: 'reply',
  agent_note_notice: 'note',
  // An answer in a side conversation: a reply to its notice is among the team too (it is not sent to the third party).
  agent_side_reply_notice: 'note',
  // Mail to the customer did not arrive: the agent's "I called them" is for the team.
  agent_mail_undelivered: 'note',
  agent_rating_notice: 'reply',
  agent_escalation_request_notice: 'reply',
};

export type AgentSender = { id: string; role: AgentRole; name: string; email: string };
/** An agent answering a notice: the ticket it was about (followed through merges) and what the answer becomes. */
export type AgentAnswer = { agent: AgentSender; ticket: MatchedTicket; as: 'reply' | 'note' };

/** The active agent whose address sent the message (From), or null. */
export async function senderAgent(db: Db, address: string | null): Promise<AgentSender | null> {
  if (!address) return null;
  const { rows } = await db.query<AgentSender>('SELECT id, role, name, email FROM agents WHERE lower(email) = $1 AND deactivated_at IS NULL', [address.toLowerCase()]);
  return rows[0] ?? null;
}

/**
 * The agent's answer to a notice Accord mailed them about a ticket (docs/adr/0022): its Message-ID
 * (a random id of ours, which only the mail's readers know) in the thread, and the From the address
 * it went to, or their address now when it went to one they had before it was corrected (sent while
 * it was theirs: agent_former_emails). Null when the thread holds no such notice.
 */
export async function agentAnswer(db: Db, agent: AgentSender, threadIds: readonly string[], domain: string): Promise<AgentAnswer | null> {
  const ids = threadIds.map((id) => ourIdTarget(id, domain)).flatMap((t) => (t && 'outboxId' in t ? [t.outboxId] : []));
  if (ids.length === 0) return null;
  const { rows } = await db.query<{ id: string; kind: string; ticket_id: string }>(
    `SELECT id, kind, payload->>'ticket_id' AS ticket_id FROM outbox
     WHERE id = ANY($1::uuid[]) AND kind = ANY($3::text[]) AND payload->>'ticket_id' IS NOT NULL
       AND (lower(recipient) = $2 OR EXISTS (
         SELECT 1 FROM agent_former_emails f WHERE f.agent_id = $4 AND f.email = lower(outbox.recipient) AND outbox.created_at <= f.changed_at))`,
    [ids, agent.email.toLowerCase(), Object.keys(ANSWERABLE), agent.id],
  );
  // The most recent in the thread first (threadIds' order).
  const notice = ids.map((id) => rows.find((r) => r.id === id)).find((r) => r !== undefined);
  if (!notice) return null;
  const ticket = await ticketWhere(db, 'id', notice.ticket_id);
  return ticket ? { agent, ticket: { ...ticket, by: 'thread' }, as: ANSWERABLE[notice.kind] } : null;
}

/** An answer in a side conversation (tickets/side-conversations.ts): which conversation, proven. */
export type SideAnswer = { conversationId: string };

/**
 * The answer of someone in a side conversation: a message of the conversation we sent (kind
 * side_message, its random Message-ID in the thread, which only its readers know) and a From that
 * is in the conversation now: its counterpart, or one taken in (`also_from`, 0061: by the agent
 * writing to them, or by an admin after reading their first answer). Null otherwise; anyone else
 * answering in that thread, one left out of it included, is held for review
 * (sideConversationInThread), never taken as the counterpart.
 */
export async function sideAnswer(db: Db, from: string | null, threadIds: readonly string[], domain: string): Promise<SideAnswer | null> {
  if (!from) return null;
  const ids = ourOutboxIds(threadIds, domain);
  if (ids.length === 0) return null;
  const { rows } = await db.query<{ id: string; conversation_id: string }>(
    `SELECT o.id, c.id AS conversation_id FROM outbox o JOIN side_conversations c ON c.id::text = o.payload->>'side_conversation_id'
     WHERE o.id = ANY($1::uuid[]) AND o.kind = 'side_message' AND (c.counterpart = $2 OR $2 = ANY(c.also_from))`,
    [ids, from.toLowerCase()],
  );
  const sent = ids.map((id) => rows.find((r) => r.id === id)).find((r) => r !== undefined);
  return sent ? { conversationId: sent.conversation_id } : null;
}

/** A side conversation a message's thread answers, whoever wrote it. */
export type SideThread = { conversationId: string; counterpart: string; subject: string; ticketId: string; ticketNumber: number; organizationId: string };

/**
 * The side conversation a message answers by its thread (the most recent of our messages in it
 * first), whoever wrote it: for someone besides the one written to (the supplier's colleague who
 * replied to all), held with the conversation named, for an admin to take them in or not.
 */
export async function sideConversationInThread(db: Db, threadIds: readonly string[], domain: string): Promise<SideThread | null> {
  const ids = ourOutboxIds(threadIds, domain);
  if (ids.length === 0) return null;
  const { rows } = await db.query<{ id: string; conversation_id: string; counterpart: string; subject: string; ticket_id: string; number: string; organization_id: string }>(
    `SELECT o.id, c.id AS conversation_id, c.counterpart, c.subject, t.id AS ticket_id, t.number, t.organization_id FROM outbox o
       JOIN side_conversations c ON c.id::text = o.payload->>'side_conversation_id' JOIN tickets t ON t.id = c.ticket_id
     WHERE o.id = ANY($1::uuid[]) AND o.kind = 'side_message'`,
    [ids],
  );
  const r = ids.map((id) => rows.find((x) => x.id === id)).find((x) => x !== undefined);
  return r ? { conversationId: r.conversation_id, counterpart: r.counterpart, subject: r.subject, ticketId: r.ticket_id, ticketNumber: Number(r.number), organizationId: r.organization_id } : null;
}

/** The ids of our own outbox messages a thread names (our Message-IDs), in the thread's order. */
function ourOutboxIds(threadIds: readonly string[], domain: string): string[] {
  return threadIds.map((id) => ourIdTarget(id, domain)).flatMap((t) => (t && 'outboxId' in t ? [t.outboxId] : []));
}
