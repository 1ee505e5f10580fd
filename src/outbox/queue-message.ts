// Messages to send, written in the transaction that decided to send them (the outbox pattern):
// a message exists if and only if its cause committed. The email channel delivers them; until
// then they wait in the `outbox` table. A dedupe key makes "send this once" a constraint.
import { randomUUID } from 'node:crypto';
import { combineWrites, type Db, type Rows } from '../platform/index.ts';

export type OutboxKind =
  | 'sla_reminder'
  | 'sla_warning'
  | 'sla_breach'
  | 'oncall_page'
  | 'after_hours_ack'
  | 'abuse_notice'
  | 'abuse_threshold'
  // To the customer about their ticket (tickets/customer-mail.ts).
  | 'ticket_received'
  | 'ticket_reply'
  // What one of the customer's people wrote on a ticket, to the others on it (tickets/customer-mail.ts).
  | 'ticket_customer_reply'
  | 'ticket_resolved'
  | 'ticket_merged'
  | 'ticket_waiting_reminder'
  // An agent marked the ticket not covered by support, or covered again (tickets/coverage-mail.ts).
  | 'ticket_coverage'
  // An agent changed the case's level (severity, support level): its new times, and why (tickets/regrade-mail.ts).
  | 'ticket_regraded'
  // A reply on a ticket copied people not added to it: to its sender, once per address (email/copied-not-added.ts).
  | 'ticket_cc_not_added'
  // The replies a customer read on the chat page, mailed once they left it (tickets/chat-transcript.ts).
  | 'chat_transcript'
  // To the agents designated to the customer's organization, of each new ticket (tickets/designated-notice.ts).
  | 'designated_notice'
  // To the agent who works a ticket: assigned to them, the customer wrote; an agent a note asks (tickets/agent-notices.ts).
  | 'agent_assigned'
  | 'agent_escalated'
  | 'agent_reply_notice'
  | 'agent_note_notice'
  // To the agent who works a ticket (else the managers): the customer rated it bad (tickets/agent-notices.ts).
  | 'agent_rating_notice'
  // To the same (else the managers): the customer asked for the ticket to be escalated (tickets/agent-notices.ts).
  | 'agent_escalation_request_notice'
  // From a ticket to someone who is not its customer (a supplier, a partner): a side conversation
  // (tickets/side-conversations.ts); to the agents who wrote on it and hold the ticket, that they answered.
  | 'side_message'
  | 'agent_side_reply_notice'
  // To the agent who holds a ticket: mail to its customer did not arrive (tickets/undelivered-mail.ts).
  | 'agent_mail_undelivered'
  // To an agent whose answer by mail a ticket verb refused (email/agent-mail.ts).
  | 'agent_answer_refused'
  // An agent's mailed reply gave no ETA where the status notification it did not send is still owed (email/agent-mail.ts).
  | 'agent_answer_no_eta'
  // To an agent, the reminder they set on a ticket (tickets/reminders.ts).
  | 'agent_reminder'
  // To the managers and admins: a customer's request the policy held for review (tickets/hold-request.ts).
  | 'held_notice'
  | 'held_receipt'
  // To the contact whose held request an agent dismissed: no case was opened, and why (tickets/held-words.ts).
  | 'held_dismissed'
  // To the managers and admins, every morning: the last day and what waits (tickets/daily-digest.ts).
  | 'daily_digest'
  // To a new contact: the status page's URL, when the policy promises it at onboarding (customers/onboarding-notice.ts).
  | 'onboarding_notice'
  // The status page (src/status): subscriber confirmations and notices, mail to linked tickets' requesters.
  | 'status_confirm'
  | 'status_notice'
  | 'status_ticket_update'
  // Sign-in (src/web): a password reset link; the notice that one's password was changed.
  | 'password_reset'
  | 'password_changed'
  // A contact's address changed (customers/update-contact.ts): told at the new one and the old.
  | 'address_changed'
  // A contact's own change of address (web/auth/address-change.ts): the link confirming it, to the new one.
  | 'address_confirm'
  // Sign-in (src/web): a person added to the desk is mailed a link to choose their password.
  | 'invitation';

export type OutboxMessage = {
  kind: OutboxKind;
  recipient: string;
  subject: string;
  body: string;
  /**
   * Free-form facts for the delivery: `ticket_id` threads the message on its ticket; `automatic:
   * false` marks a person's words (no Auto-Submitted header); `html` replaces the generated HTML
   * part; `headers` adds headers (List-Unsubscribe, ...). The email channel sends any row.
   */
  payload?: Record<string, unknown>;
  /** Makes the message unique: a second queueMessage with the same key is a no-op. */
  dedupeKey?: string;
  createdAt: Temporal.Instant;
};

/** The INSERT that queues one message (nothing when its dedupe key was already queued). */
export function messageInsert(m: OutboxMessage): Rows {
  return {
    sql: `INSERT INTO outbox (id, kind, recipient, subject, body, payload, dedupe_key, created_at)
     SELECT c1::uuid, c2, c3, c4, c5, c6::jsonb, c7, c8::timestamptz FROM {rows} ORDER BY ord ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    columns: 8,
    rows: [[randomUUID(), m.kind, m.recipient, m.subject, m.body, JSON.stringify(m.payload ?? {}), m.dedupeKey ?? null, m.createdAt]],
  };
}

/** Queues one message; returns its id, or null when its dedupe key was already queued. */
export async function queueMessage(tx: Db, m: OutboxMessage): Promise<string | null> {
  const { sql, params } = combineWrites([messageInsert(m)])!;
  const { rows } = await tx.query<{ id: string }>(sql, params);
  return rows[0]?.id ?? null;
}

/** Who answers for the desk when nobody is named: managers and admins still on the team, by email. */
export async function managerEmails(tx: Db): Promise<string[]> {
  const { rows } = await tx.query<{ email: string }>("SELECT email FROM agents WHERE role IN ('manager', 'admin') AND deactivated_at IS NULL ORDER BY email");
  return rows.map((r) => r.email);
}
