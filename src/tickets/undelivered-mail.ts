// Mail about a ticket that did not reach its reader: the customer's receipt, a reply, the
// resolution, a reminder that we wait on them, a side conversation's message. Their mail server
// refused it for good (email/deliver.ts: a 5xx, or every retry spent) or sent it back later (a
// bounce, email/decide-inbound.ts). Until now that was written on the outbox row only, and the
// agent believed the customer told: a ticket then waited on a customer who never heard, and was
// solved for their silence. Now the ticket says so on its timeline (internal: `mail_undelivered`,
// once per message) and the agent who holds it is mailed, so they reach the customer another way.
import { agentsTakingMail } from '../customers/index.ts';
import { queueMessage } from '../outbox/index.ts';
import type { Actor, Ctx } from '../platform/index.ts';
import { deskLink } from './agent-notices.ts';
import { ticketReference } from './customer-mail.ts';
import { writeEvent } from './store.ts';
import { writeOnTicket } from './write-context.ts';

/** The mail about a ticket whose loss its agents must hear of, each as a sentence names it. */
export const UNDELIVERED_KINDS: Readonly<Record<string, string>> = {
  ticket_received: 'the receipt of their request',
  ticket_reply: 'a reply',
  ticket_customer_reply: 'what a colleague of theirs wrote on it',
  ticket_resolved: 'the notice that it is solved',
  ticket_merged: 'the notice that it was merged',
  ticket_waiting_reminder: 'the reminder that we wait on their reply',
  ticket_coverage: 'the notice that it is not covered by support, or covered again',
  ticket_regraded: 'the notice that its level was changed, and why',
  chat_transcript: 'the chat transcript',
  status_ticket_update: 'a status page update',
  side_message: 'a message of a side conversation',
};

export type UndeliveredInput = { outboxId: string; how: 'failed' | 'bounced' };

/** What a reply to the notice does (email/match.ts ANSWERABLE: a note). */
const NOTICE_ANSWERS = 'Reply to this message to add an internal note on the ticket (the customer does not see it).';

/**
 * Records, once, that an outbox message about a ticket did not arrive: an internal timeline event
 * and a mail to the ticket's assignee (their "the customer writes" preference). Mail of other
 * kinds (to the vendor's own people), or about no ticket, is left to the outbox's record. Answers
 * whether it recorded anything.
 */
export async function recordUndeliveredMail({ ctx, input }: { ctx: Ctx; input: UndeliveredInput }): Promise<boolean> {
  const { rows } = await ctx.db.query<{ kind: string; recipient: string; ticket_id: string | null; reason: string | null }>(
    `SELECT kind, recipient, payload->>'ticket_id' AS ticket_id,
       CASE WHEN $2 = 'bounced' THEN coalesce(bounce_reason, last_error) ELSE coalesce(last_error, bounce_reason) END AS reason
     FROM outbox WHERE id = $1`,
    [input.outboxId, input.how],
  );
  const mail = rows[0];
  if (!mail?.ticket_id || !(mail.kind in UNDELIVERED_KINDS)) return false;
  const system: Actor = { kind: 'system' };
  return writeOnTicket({ ...ctx, actor: system }, mail.ticket_id, async ({ tx, ticket, now }) => {
    // Once per message: a second bounce of it (two servers each send one), or a bounce after a failure, says nothing new.
    const { rows: known } = await tx.query(
      "SELECT 1 FROM ticket_events WHERE ticket_id = $1 AND type = 'mail_undelivered' AND data->>'outbox_id' = $2 LIMIT 1",
      [ticket.id, input.outboxId],
    );
    if (known.length > 0) return false;
    const reason = (mail.reason ?? 'no reason given').slice(0, 1000);
    await writeEvent(tx, {
      ticketId: ticket.id, at: now, actor: system, type: 'mail_undelivered', visibility: 'internal',
      data: { outbox_id: input.outboxId, recipient: mail.recipient, kind: mail.kind, how: input.how, reason },
    });
    if (!ticket.assignee_id) return true;
    const [to] = await agentsTakingMail(tx, [ticket.assignee_id], 'customer_replied');
    if (!to) return true;
    const what = UNDELIVERED_KINDS[mail.kind];
    const how = input.how === 'bounced' ? 'it was sent back' : 'their mail server refused it';
    await queueMessage(tx, {
      kind: 'agent_mail_undelivered', recipient: to.email, createdAt: now,
      subject: `${ticketReference(ticket.number)} Mail to ${mail.recipient} did not arrive: ${ticket.subject}`.slice(0, 998),
      body: [
        `Our mail to ${mail.recipient} on ticket #${ticket.number} "${ticket.subject}" (${what}) did not arrive: ${how} (${reason}).`,
        'They may not know what it said: reach them another way, or have their address corrected and send it again from the mail listed on the ticket.',
        NOTICE_ANSWERS,
      ].join('\n\n'),
      payload: { ticket_id: ticket.id, ticket_number: ticket.number, automatic: true, links: [deskLink(ticket)] },
      dedupeKey: `undelivered:${input.outboxId}`,
    });
    return true;
  });
}
