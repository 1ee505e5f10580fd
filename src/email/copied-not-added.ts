// A mailed request that copied people who are not contacts of the sender's organization (a
// consultant in Cc, another organization's contact): they are not added to the case (tickets/ccs.ts),
// and the sender's receipt says so in plain words, and how to have them added. Contacts are added
// by the vendor's support team (customers/create-contact.ts: managers and admins), so that is whom
// it says to ask; nothing is done for them automatically. Only the sender reads it: the colleagues'
// copies of the receipt (tickets/receipt-mail.ts, written with the ticket) speak to them, not of what they copied.
// A reply on the case that copies someone new to it gets no receipt: its sender gets a short mail
// of its own saying the same, once for each address on the case (a desk that said it on every
// reply copying the same consultant would be spam); the timeline records every time (tickets/ccs.ts).
import type { Db } from '../platform/index.ts';
import { queueMessage } from '../outbox/index.ts';

const listed = (items: readonly string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : items[0] ?? '');

/** The receipt's paragraph: who was not added, why, and how to have them added. */
export function notAddedText(input: { addresses: readonly string[]; former?: readonly string[]; organization: string; vendor: string; ticketNumber: number }): string {
  const contact = input.addresses.length === 1 ? 'a contact' : 'contacts';
  return `You copied ${listed(input.addresses)} on your mail. They were not added to case #${input.ticketNumber} and get no mail about it:`
    + ` ${whyNot(input.addresses, input.former ?? [], `of ${input.organization} with ${input.vendor} support`)}, and a case is shared only with contacts of your organization.`
    + ` To have them added, ask ${input.vendor} support to add them as ${contact} of ${input.organization} (a reply to this message reaches us);`
    + ' they can then be copied on your cases.';
}

/**
 * Why they were not added: not contacts of the organization, or (colleagues who left it,
 * deactivated) no longer contacts of it. `of`: what they are not contacts of.
 */
export function whyNot(addresses: readonly string[], former: readonly string[], of: string): string {
  const others = addresses.filter((a) => !former.includes(a));
  const gone = addresses.filter((a) => former.includes(a));
  const contact = (n: number) => (n === 1 ? 'a contact' : 'contacts');
  if (gone.length === 0) return `they are not ${contact(addresses.length)} ${of}`;
  if (others.length === 0) return `they are no longer ${contact(addresses.length)} ${of}`;
  const is = (n: number) => (n === 1 ? 'is' : 'are');
  return `${listed(gone)} ${is(gone.length)} no longer ${contact(gone.length)} ${of} and ${listed(others)} ${is(others.length)} not ${contact(others.length)}`;
}

/** Adds the paragraph to the sender's receipt of the new ticket; true when there was one to add it to. */
export async function tellNotAdded(
  tx: Db, input: { ticketId: string; sender: string; addresses: readonly string[]; former?: readonly string[]; organization: string; vendor: string },
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

/**
 * A reply on the case copied people not added to it whom no earlier mail on it copied (`addresses`:
 * copyFromMail's firstTime): its sender is told so in a short mail of its own, threaded on the case,
 * once for the message (processing it again tells nothing new). An automatic answer: counted against
 * the address's (deliver.ts: loops), kept unsent when the sender asked for none (`suppressed`).
 * Returns what the message's outcome adds, or null when nothing was sent.
 */
export async function tellNotAddedOnReply(
  tx: Db, input: { inboundId: string; ticketId: string; sender: string; addresses: readonly string[]; former: readonly string[]; organization: string; vendor: string; now: Temporal.Instant; suppressed: string | null },
): Promise<string | null> {
  if (input.addresses.length === 0) return null;
  const { rows: t } = await tx.query<{ number: number; subject: string }>('SELECT number, subject FROM tickets WHERE id = $1', [input.ticketId]);
  if (!t[0]) return null;
  const id = await queueMessage(tx, {
    kind: 'ticket_cc_not_added', recipient: input.sender, createdAt: input.now,
    subject: `[#${t[0].number}] Not added to your case: ${listed(input.addresses)}`,
    body: notAddedText({ ...input, ticketNumber: Number(t[0].number) }),
    payload: { ticket_id: input.ticketId, automatic: true, auto_reply: true },
    dedupeKey: `cc-not-added:${input.inboundId}`,
  });
  if (!id) return null;
  if (!input.suppressed) return `${input.sender} was told they were not added`;
  await tx.query("UPDATE outbox SET status = 'suppressed', last_error = $2 WHERE id = $1 AND status = 'pending'", [id, input.suppressed]);
  return `the sender's note that they were not added was kept, not sent: ${input.suppressed}`;
}
