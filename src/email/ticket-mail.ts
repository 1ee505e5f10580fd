// The mail about one ticket, for its agents: "did the customer get my reply?". Every message Accord
// queued about it (to the customer and the people copied, to the vendor's own people, to a side
// conversation's third party), newest first, with where its delivery stands: waiting (and when it
// is tried again, and why the last try failed), sent, refused for good, not sent (and why: the
// words were erased, the automatic-reply limit, the sender asked for no automatic answer), or sent
// and returned by a bounce. What each said stays in the outbox; this is its record. Agents only.
import { z } from 'zod';
import { ForbiddenError, parseInput, type Ctx } from '../platform/index.ts';
import { addressNow, getTicket, resendRefusal } from '../tickets/index.ts';

export const TicketMailInput = z.strictObject({ ticketId: z.string().max(100), limit: z.number().int().min(1).max(200).optional() });

/** What a kind of mail is, as the team reads it. */
export const MAIL_KIND_NAMES: Readonly<Record<string, string>> = {
  ticket_received: 'Receipt to the customer',
  ticket_reply: 'Reply to the customer',
  ticket_customer_reply: "A customer's words: to the others on it",
  ticket_resolved: 'Solved: to the customer',
  ticket_merged: 'Merged: to the customer',
  ticket_waiting_reminder: 'Reminder: we wait on the customer',
  ticket_coverage: 'Support coverage: to the customer',
  ticket_regraded: 'Level changed: to the customer',
  ticket_cc_not_added: 'Copied but not added: to the sender',
  chat_transcript: 'Chat transcript',
  status_ticket_update: 'Status page update',
  side_message: 'Side conversation',
  after_hours_ack: 'After-hours answer',
  agent_assigned: 'Assigned: to the agent',
  agent_escalated: 'Escalated: to the level',
  agent_reply_notice: 'The customer wrote: to the agent',
  agent_note_notice: 'Note asks: to the agent',
  agent_rating_notice: 'Bad rating: to the agent',
  agent_escalation_request_notice: 'Escalation asked for: to the agent',
  agent_side_reply_notice: 'Side conversation answered: to the agent',
  agent_mail_undelivered: 'Mail did not arrive: to the agent',
  agent_answer_refused: "Agent's answer refused: to the agent",
  agent_answer_no_eta: 'Status notification still owed: to the agent',
  agent_reminder: "Agent's reminder",
  designated_notice: 'New ticket: to its designated people',
  oncall_page: 'On-call page',
  sla_reminder: 'SLA reminder',
  sla_warning: 'SLA warning',
  sla_breach: 'SLA breach',
  held_notice: 'Held request: to the managers',
  held_receipt: 'Held request: to its sender',
  held_dismissed: 'Held request dismissed: to its sender',
  abuse_notice: 'Abuse notice',
  abuse_threshold: 'Abuse threshold: to the managers',
};

export type TicketMail = {
  id: string;
  kind: string;
  /** The kind in words (the code's words when it has none). */
  kindName: string;
  recipient: string;
  subject: string;
  queuedAt: Temporal.Instant;
  /** waiting: not sent yet; failed: refused for good; not_sent: suppressed (reason in `error`); bounced: sent, then returned. */
  state: 'waiting' | 'sent' | 'failed' | 'not_sent' | 'bounced';
  sentAt: Temporal.Instant | null;
  attempts: number;
  nextAttemptAt: Temporal.Instant | null;
  /** Why the last try failed, or why it was not sent. */
  error: string | null;
  bouncedAt: Temporal.Instant | null;
  bounceReason: string | null;
  /** The message this one is a copy of, sent again (tickets/resend-mail.ts); null for an original. */
  resentOf: string | null;
  /** The copy of this one sent again, if it was. */
  resentAs: string | null;
  /** Where a copy would go if sent again now (their corrected address, if it changed); null when it may not be. */
  resendTo: string | null;
};

type Row = {
  id: string; kind: string; recipient: string; subject: string; created_at: Temporal.Instant; status: string; sent_at: Temporal.Instant | null;
  attempts: number; next_attempt_at: Temporal.Instant | null; last_error: string | null; bounced_at: Temporal.Instant | null; bounce_reason: string | null; total: string;
  payload: Record<string, unknown>; resent_as: string | null;
};

const stateOf = (r: Row): TicketMail['state'] =>
  r.bounced_at ? 'bounced' : r.status === 'sent' ? 'sent' : r.status === 'failed' ? 'failed' : r.status === 'suppressed' ? 'not_sent' : 'waiting';

/** Agents: the ticket's mail, newest first (`limit`, 50 unless asked), and how many there are in all. */
export async function listTicketMail({ ctx, input }: { ctx: Ctx; input: z.input<typeof TicketMailInput> }): Promise<{ items: TicketMail[]; total: number }> {
  const { ticketId, limit = 50 } = parseInput(TicketMailInput, input);
  // The ticket's 404 first (a contact of another organization), then: agents only.
  await getTicket({ ctx, input: { ticketId } });
  if (ctx.actor.kind === 'contact') throw new ForbiddenError("only agents can read a ticket's mail");
  const { rows } = await ctx.db.query<Row>(
    `SELECT o.id, o.kind, o.recipient, o.subject, o.created_at, o.status, o.sent_at, o.attempts, o.next_attempt_at, o.last_error, o.bounced_at, o.bounce_reason,
       o.payload - 'links' AS payload, (SELECT r.id FROM outbox r WHERE r.dedupe_key = 'resend:' || o.id::text) AS resent_as, count(*) OVER () AS total
     FROM outbox o WHERE o.payload->>'ticket_id' = $1 ORDER BY o.created_at DESC, o.id DESC LIMIT $2`,
    [ticketId, limit],
  );
  // Where each message that did not arrive would go if sent again (its person's address now); an agent's, not a contact's.
  const resendTo = async (r: Row) => (ctx.actor.kind === 'contact' || r.resent_as || resendRefusal(r) ? null : addressNow(ctx.db, r.recipient));
  return {
    total: Number(rows[0]?.total ?? 0),
    items: await Promise.all(rows.map(async (r) => ({
      id: r.id, kind: r.kind, kindName: MAIL_KIND_NAMES[r.kind] ?? r.kind.replace(/_/g, ' '), recipient: r.recipient, subject: r.subject, queuedAt: r.created_at,
      state: stateOf(r), sentAt: r.sent_at, attempts: Number(r.attempts), nextAttemptAt: r.next_attempt_at, error: r.last_error, bouncedAt: r.bounced_at, bounceReason: r.bounce_reason,
      resentOf: typeof r.payload.resent_of === 'string' ? r.payload.resent_of : null, resentAs: r.resent_as, resendTo: await resendTo(r),
    }))),
  };
}
