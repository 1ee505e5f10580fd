// A mailed request that copied people who are not contacts of the sender's organization (a
// consultant in Cc, another organization's contact): they are not added to the case (tickets/ccs.ts),
// and the sender's receipt says so in plain words, and how to have them added. Contacts are added
// by the vendor's support team (customers/create-contact.ts: managers and admins), so that is whom
// it says to ask; nothing is done for them automatically. Only the sender reads it: the colleagues'
// copies of the receipt (tickets/receipt-mail.ts, written with the ticket) speak to them, not of what they copied.
import type { Db } from '../platform/index.ts';

const listed = (items: readonly string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : items[0] ?? '');

/** The receipt's paragraph: who was not added, why, and how to have them added. */
export function notAddedText(input: { addresses: readonly string[]; organization: string; vendor: string; ticketNumber: number }): string {
  const contact = input.addresses.length === 1 ? 'a contact' : 'contacts';
  return `You copied ${listed(input.addresses)} on your mail. They were not added to case #${input.ticketNumber} and get no mail about it:`
    + ` they are not ${contact} of ${input.organization} with ${input.vendor} support, and a case is shared only with contacts of your organization.`
    + ` To have them added, ask ${input.vendor} support to add them as ${contact} of ${input.organization} (a reply to this message reaches us);`
    + ' they can then be copied on your cases.';
}

/** Adds the paragraph to the sender's receipt of the new ticket; true when there was one to add it to. */
export async function tellNotAdded(
  tx: Db, input: { ticketId: string; sender: string; addresses: readonly string[]; organization: string; vendor: string },
): Promise<boolean> {
  if (input.addresses.length === 0) return false;
  const { rows: t } = await tx.query<{ number: number }>('SELECT number FROM tickets WHERE id = $1', [input.ticketId]);
  if (!t[0]) return false;
  const text = notAddedText({ ...input, ticketNumber: Number(t[0].number) });
  const { rows } = await tx.query(
    `UPDATE outbox SET body = body || $3
     WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1::text AND recipient = $2 AND status IN ('pending', 'suppressed') RETURNING id`,
    [input.ticketId, input.sender, `\n\n${text}`],
  );
  return rows.length > 0;
}
