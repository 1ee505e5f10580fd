// Mail about a ticket that did not arrive, sent again: a reply that came back from a mistyped
// address, once an admin corrected it (customers/update-contact.ts), or one their server refused
// while it was down. The agent would otherwise copy the words into a new reply, and the ticket
// would show the customer told twice. A copy of the very message goes, threaded as it was, with its
// files, to where the person is now: the address itself when it still is theirs, their corrected
// one when it was changed, the same address for someone who is no contact (a side conversation's).
// Once per message (a copy that fails is sent again in its turn); an internal `mail_resent` entry
// on the timeline says to whom. Agents only; a contact who left the customer is not mailed.
import { queueMessage, type OutboxKind } from '../outbox/index.ts';
import { ConflictError, NotFoundError, type Ctx, type Db } from '../platform/index.ts';
import { isUuid } from '../platform/ids.ts';
import { requireAgentPerson, writeEvent } from './store.ts';
import { UNDELIVERED_KINDS } from './undelivered-mail.ts';
import { writeOnTicket } from './write-context.ts';

export type ResendInput = { ticketId: string; mailId: string };
export type Resent = { mailId: string; recipient: string; before: string };

/** Where mail once sent to `address` reaches its person now; null when they left the customer. */
export async function addressNow(db: Db, address: string): Promise<string | null> {
  const email = address.toLowerCase();
  const { rows: same } = await db.query<{ deactivated_at: Temporal.Instant | null }>('SELECT deactivated_at FROM contacts WHERE email = $1', [email]);
  if (same[0]) return same[0].deactivated_at ? null : email;
  // A contact's former address (0060): the one who had it last.
  const { rows: moved } = await db.query<{ email: string; deactivated_at: Temporal.Instant | null }>(
    `SELECT c.email, c.deactivated_at FROM contact_former_emails f JOIN contacts c ON c.id = f.contact_id
     WHERE f.email = $1 ORDER BY f.changed_at DESC LIMIT 1`,
    [email],
  );
  if (moved[0]) return moved[0].deactivated_at ? null : moved[0].email;
  return address;
}

type MailRow = { id: string; kind: string; recipient: string; subject: string; body: string; payload: Record<string, unknown>; status: string; bounced_at: Temporal.Instant | null };

/** Whether a message about a ticket may be sent again, and if not, why (null: it may). */
export function resendRefusal(m: Pick<MailRow, 'kind' | 'status' | 'bounced_at' | 'payload'>): string | null {
  if (!(m.kind in UNDELIVERED_KINDS)) return "only mail to the customer or a side conversation's is sent again";
  if (m.payload.erased === true) return 'its words were erased';
  if (m.status !== 'failed' && !m.bounced_at) return 'it did not fail: only mail refused for good or sent back is sent again';
  return null;
}

export async function resendMail({ ctx, input }: { ctx: Ctx; input: ResendInput }): Promise<Resent> {
  return writeOnTicket(ctx, input.ticketId, async ({ tx, ticket, now }) => {
    // The ticket's 404 first (a contact of another organization), then: an agent, by name.
    requireAgentPerson(ctx.actor, 'send mail again');
    const { rows } = isUuid(input.mailId)
      ? await tx.query<MailRow>(`SELECT id, kind, recipient, subject, body, payload, status, bounced_at FROM outbox WHERE id = $1 AND payload->>'ticket_id' = $2 FOR UPDATE`, [input.mailId, ticket.id])
      : { rows: [] as MailRow[] };
    const mail = rows[0];
    if (!mail) throw new NotFoundError('no such mail about this ticket');
    const refusal = resendRefusal(mail);
    if (refusal) throw new ConflictError(`Not sent again: ${refusal}`);
    const to = await addressNow(tx, mail.recipient);
    if (!to) throw new ConflictError(`Not sent again: ${mail.recipient} left the customer; change the requester and reply`);
    const id = await queueMessage(tx, {
      kind: mail.kind as OutboxKind, recipient: to, subject: mail.subject, body: mail.body, createdAt: now,
      payload: { ...mail.payload, resent_of: mail.id },
      dedupeKey: `resend:${mail.id}`,
    });
    if (!id) throw new ConflictError('Not sent again: it was sent again already (the newer message is in the list)');
    await writeEvent(tx, {
      ticketId: ticket.id, at: now, actor: ctx.actor, type: 'mail_resent', visibility: 'internal',
      data: { outbox_id: id, of: mail.id, kind: mail.kind, recipient: to, ...(to !== mail.recipient.toLowerCase() ? { before: mail.recipient } : {}) },
    });
    return { mailId: id, recipient: to, before: mail.recipient };
  });
}
