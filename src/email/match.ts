// Which ticket a message is about, and whether its sender may write on it. Threading first (our
// Message-IDs in In-Reply-To and References, or a customer's earlier message on the ticket), then
// the ticket reference in the subject. Being matched says nothing about being allowed: the sender
// must be the ticket's contact or a named contact of its organization (sender-may-write).
import type { Db } from '../platform/index.ts';
import { ourIdTarget, subjectTicketNumber } from './headers.ts';

export type MatchedTicket = { id: string; number: number; organization_id: string; requester_id: string; status: string; by: 'thread' | 'subject' };
export type Sender = { id: string; organization_id: string; named_contact: boolean; email: string };

const TICKET_COLUMNS = 'id, number, organization_id, requester_id, status';

async function ticketById(db: Db, id: string): Promise<Omit<MatchedTicket, 'by'> | null> {
  const { rows } = await db.query<Omit<MatchedTicket, 'by'>>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function matchTicket(db: Db, mail: { threadIds: string[]; subject: string }, domain: string): Promise<MatchedTicket | null> {
  for (const id of mail.threadIds) {
    const ours = ourIdTarget(id, domain);
    let ticketId: string | null = null;
    if (ours && 'ticketId' in ours) ticketId = ours.ticketId;
    if (ours && 'outboxId' in ours) {
      const { rows } = await db.query<{ ticket_id: string | null }>("SELECT payload->>'ticket_id' AS ticket_id FROM outbox WHERE id = $1", [ours.outboxId]);
      ticketId = rows[0]?.ticket_id ?? null;
    }
    if (!ours) {
      const { rows } = await db.query<{ ticket_id: string }>(
        'SELECT ticket_id FROM inbound_messages WHERE message_id = $1 AND ticket_id IS NOT NULL ORDER BY received_at LIMIT 1',
        [id],
      );
      ticketId = rows[0]?.ticket_id ?? null;
    }
    const ticket = ticketId ? await ticketById(db, ticketId) : null;
    if (ticket) return { ...ticket, by: 'thread' };
  }
  const number = subjectTicketNumber(mail.subject);
  if (number === null || number > 2_147_483_647) return null;
  const { rows } = await db.query<Omit<MatchedTicket, 'by'>>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE number = $1`, [number]);
  return rows[0] ? { ...rows[0], by: 'subject' } : null;
}

/** The contact whose address sent the message (From, never Reply-To: that is anyone's to write). */
export async function senderContact(db: Db, address: string | null): Promise<Sender | null> {
  if (!address) return null;
  const { rows } = await db.query<Sender>('SELECT id, organization_id, named_contact, email FROM contacts WHERE email = $1', [address.toLowerCase()]);
  return rows[0] ?? null;
}

/** The ticket's contact, or a named contact of its organization. */
export function senderMayWrite(sender: Sender | null, ticket: MatchedTicket): boolean {
  if (!sender) return false;
  return sender.id === ticket.requester_id || (sender.organization_id === ticket.organization_id && sender.named_contact);
}
