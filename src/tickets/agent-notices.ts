// Mail to the agent who works a ticket, so nobody has to watch the queue for their own work: when
// it is assigned to them by someone else, and when its customer writes on it (a reply in the
// portal, by the API or by mail; one that reopens a solved ticket says so). A ticket nobody holds
// tells nobody by mail: it is on the queue, live, for whoever takes it. Each notice is queued in
// the transaction of its cause, deduplicated on the event, so a retry never mails twice. These
// tell the vendor's own people; they promise the customer nothing and meet no target. An agent
// may turn either off (customers/mail-preferences.ts); a deactivated one gets neither. An internal
// note may ask colleagues by name (notify): each is mailed the note, unless they turned it off.
// Escalating a ticket to a level that is a role of the team (OPS-COM's escalation managers) mails
// that role's agents the internal reason.
// Every mail to the vendor's people about a ticket links to its page on the desk and says what a
// reply to it does: email/decide-inbound.ts takes an agent's reply to a mail sent to them as their
// reply to the customer (or, begun with #note, or to a note's notice, as an internal note).
import { agentsTakingMail } from '../customers/index.ts';
import { AgentRole } from '../customers/schemas.ts';
import { queueMessage } from '../outbox/index.ts';
import type { Actor, Db } from '../platform/index.ts';
import { planName, severityName, type PolicyModel } from '../policy/index.ts';
import { ticketReference, type MailLink } from './customer-mail.ts';
import { STATUS_NAMES } from './schemas.ts';
import type { TicketRow } from './store.ts';

/** The ticket's page on the desk, as a mail's link (the email channel puts the desk's address before it). */
export function deskLink(t: Pick<TicketRow, 'id' | 'number'>): MailLink {
  return { label: `Ticket #${t.number} on the desk`, path: `/agent/tickets/${t.id}` };
}

/** What a reply to an agent's mail about a ticket does (email/decide-inbound.ts and agent-mail.ts, from the agent's own address). */
export const REPLY_ANSWERS =
  'Reply to this message to answer the customer: your reply goes on the ticket and is sent to them. A first line of #note makes it an internal note instead; #solved or #pending (waiting on the customer) sets the status with it; #eta and a date and time (2026-12-31 17:00, in your time zone) tells them the estimated time to resolution.';
/** The same, for a mail about an internal note: a reply stays among the team. */
export const REPLY_NOTES = 'Reply to this message to add an internal note on the ticket (the customer does not see it).';

/** "Severity 2 (High), Pro plan, Waiting on customer": a ticket's facts as the team reads them. */
export function ticketFactsText(policy: PolicyModel, t: Pick<TicketRow, 'severity' | 'plan_id' | 'status'>): string {
  return `${severityName(policy, t.severity)}, ${planName(policy, t.plan_id)} plan, ${STATUS_NAMES[t.status] ?? t.status}`;
}

async function agentOf(tx: Db, id: string): Promise<{ email: string; name: string } | null> {
  const { rows } = await tx.query<{ email: string; name: string }>('SELECT email, name FROM agents WHERE id = $1', [id]);
  return rows[0] ?? null;
}

/** The new assignee hears of the ticket, unless they took it themselves. */
export async function mailAssigned(tx: Db, policy: PolicyModel, t: TicketRow, input: { assigneeId: string; actor: Actor; eventId: string; now: Temporal.Instant }): Promise<void> {
  if (input.actor.kind === 'agent' && input.actor.id === input.assigneeId) return;
  const [to] = await agentsTakingMail(tx, [input.assigneeId], 'assigned');
  if (!to) return;
  const by = input.actor.kind === 'agent' ? (await agentOf(tx, input.actor.id))?.name ?? null : null;
  await queueMessage(tx, {
    kind: 'agent_assigned', recipient: to.email, createdAt: input.now,
    subject: `${ticketReference(t.number)} Assigned to you: ${t.subject}`,
    body: [
      `Ticket #${t.number} "${t.subject}" is assigned to you${by ? ` by ${by}` : ''}.`,
      `${ticketFactsText(policy, t)}. Its clocks and the conversation are on its page on the desk.`,
      REPLY_ANSWERS,
    ].join('\n\n'),
    payload: { ticket_id: t.id, ticket_number: t.number, automatic: true, links: [deskLink(t)] },
    dedupeKey: `assigned:${input.eventId}`,
  });
}

/**
 * The agents of the level a ticket moved up to hear of it (its reason is theirs: internal), where
 * the level is a role of the team (the escalation managers); a level worked outside Accord (a
 * development team in its tracker) is reached through the ticket's engineering link instead. The
 * one who escalated is not mailed; an agent who turned assignment mail off is not either.
 */
export async function mailEscalated(
  tx: Db,
  policy: PolicyModel,
  t: TicketRow,
  input: { level: { id: string; name: string; role: string }; fromName: string; reason: string; actor: Actor; now: Temporal.Instant },
): Promise<void> {
  if (!(AgentRole.options as readonly string[]).includes(input.level.role)) return;
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM agents WHERE role = $1 AND deactivated_at IS NULL ORDER BY email', [input.level.role]);
  const ids = rows.map((r) => r.id).filter((id) => !(input.actor.kind === 'agent' && input.actor.id === id));
  for (const to of await agentsTakingMail(tx, ids, 'assigned')) {
    await queueMessage(tx, {
      kind: 'agent_escalated', recipient: to.email, createdAt: input.now,
      subject: `${ticketReference(t.number)} Escalated to ${input.level.name}: ${t.subject}`,
      body: [
        `Ticket #${t.number} "${t.subject}" was escalated from ${input.fromName} to ${input.level.name}.`,
        `The reason given (internal):\n${input.reason}`,
        `${ticketFactsText(policy, t)}. Its clocks and the conversation are on its page on the desk.`,
        ...owedBeforeNext(policy, input.level.id),
        REPLY_NOTES,
      ].join('\n\n'),
      payload: { ticket_id: t.id, ticket_number: t.number, automatic: true, links: [deskLink(t)] },
      dedupeKey: `escalated:${t.id}:${input.level.id}:${input.now.toString()}:${to.id}`,
    });
  }
}

/**
 * What the level a ticket reached owes before the next one takes it, as escalate-ticket.ts holds it
 * (OPS-COM's escalation manager: "enter the issue into JIRA ... The issue will be linked through JIRA
 * to the Help Desk conversation. The client will be advised on estimated time to resolution and the
 * Development team will address the bug"): one sentence, or none.
 */
function owedBeforeNext(policy: PolicyModel, levelId: string): string[] {
  const levels = policy.file.escalation?.levels ?? [];
  const at = levels.findIndex((l) => l.id === levelId);
  const next = at < 0 ? undefined : levels[at + 1];
  if (!next) return [];
  const owed = [
    ...(next.tracker ? [`link its ${next.tracker.name} issue to the ticket (an engineering link to the issue)`] : []),
    ...(next.requires_eta ? ['advise the client on the estimated time to resolution (a reply with an ETA)'] : []),
  ];
  return owed.length === 0 ? [] : [`Before ${next.name} takes it: ${owed.join(', and ')}.`];
}

/** The agents who hear what a ticket's customer writes: its assignee and its followers (followers.ts), each once. */
export async function ticketWatchers(tx: Db, t: Pick<TicketRow, 'id' | 'assignee_id'>): Promise<string[]> {
  const { rows: following } = await tx.query<{ agent_id: string }>('SELECT agent_id FROM ticket_followers WHERE ticket_id = $1', [t.id]);
  return [...new Set([...(t.assignee_id ? [t.assignee_id] : []), ...following.map((f) => f.agent_id)])];
}

/**
 * The assignee and the agents following the ticket (followers.ts) hear what the customer wrote;
 * an unassigned ticket nobody follows mails nobody (it is on the live queue), except `onCall`: the
 * people on call outside support hours on a ticket they have (handover.ts onCallHearing).
 */
export async function mailCustomerReplied(tx: Db, t: TicketRow, input: { contactId: string; body: string; reopened: boolean; eventId: string; now: Temporal.Instant; onCall?: string[] }): Promise<void> {
  const watchers = await ticketWatchers(tx, t);
  const onCall = watchers.length === 0 ? input.onCall ?? [] : [];
  const recipients = await agentsTakingMail(tx, watchers.length > 0 ? watchers : onCall, 'customer_replied');
  if (recipients.length === 0) return;
  const { rows } = await tx.query<{ name: string; email: string }>('SELECT name, email FROM contacts WHERE id = $1', [input.contactId]);
  const who = rows[0] ? `${rows[0].name} <${rows[0].email}>` : 'The customer';
  for (const to of recipients) {
    await queueMessage(tx, {
      kind: 'agent_reply_notice', recipient: to.email, createdAt: input.now,
      subject: `${ticketReference(t.number)} ${input.reopened ? 'Reopened by the customer' : 'Customer replied'}: ${t.subject}`,
      body: `${who} wrote on ticket #${t.number} "${t.subject}"${input.reopened ? ', which was solved and is open again' : ''}${to.id === t.assignee_id ? '' : onCall.includes(to.id) ? ' (nobody holds it; it is with on call now)' : ' (you follow it)'}:\n\n${input.body}\n\n${REPLY_ANSWERS}`,
      payload: { ticket_id: t.id, ticket_number: t.number, automatic: true, links: [deskLink(t)] },
      dedupeKey: to.id === t.assignee_id ? `customer-replied:${input.eventId}` : `customer-replied:${input.eventId}:${to.id}`,
    });
  }
}

/**
 * A customer rated the support on a ticket bad: the people who hear what its customer writes (the
 * assignee and followers, as mailCustomerReplied), or the managers and admins when nobody holds or
 * follows it, are told, with the comment, so someone follows up while it matters. Governed by the
 * same preference as a customer's reply. A good rating tells nobody (it is in the reports).
 */
export async function mailBadRating(tx: Db, t: TicketRow, input: { contactId: string; comment: string | null; eventId: string; now: Temporal.Instant }): Promise<void> {
  let ids = await ticketWatchers(tx, t);
  if (ids.length === 0) {
    const { rows } = await tx.query<{ id: string }>("SELECT id FROM agents WHERE role IN ('manager', 'admin') AND deactivated_at IS NULL");
    ids = rows.map((r) => r.id);
  }
  const recipients = await agentsTakingMail(tx, ids, 'customer_replied');
  const { rows } = await tx.query<{ name: string; email: string; organization: string }>(
    'SELECT c.name, c.email, o.name AS organization FROM contacts c JOIN organizations o ON o.id = c.organization_id WHERE c.id = $1',
    [input.contactId],
  );
  const who = rows[0] ? `${rows[0].name} <${rows[0].email}> of ${rows[0].organization}` : 'The customer';
  const said = input.comment ? `, and wrote:\n\n${input.comment}` : ', without a comment.';
  for (const to of recipients) {
    await queueMessage(tx, {
      kind: 'agent_rating_notice', recipient: to.email, createdAt: input.now,
      subject: `${ticketReference(t.number)} Rated bad by the customer: ${t.subject}`,
      body: `${who} rated the support on ticket #${t.number} "${t.subject}" bad${said}\n\n${REPLY_ANSWERS}`,
      payload: { ticket_id: t.id, ticket_number: t.number, automatic: true, links: [deskLink(t)] },
      dedupeKey: `rated-bad:${input.eventId}:${to.id}`,
    });
  }
}

/**
 * A customer asked for the ticket to be escalated (or an agent recorded their asking): the people who
 * hear what its customer writes (the assignee and followers), else the managers and admins, are told,
 * with the reason, so it is answered (escalated, or marked unwarranted) rather than left on the page.
 * Never the agent who recorded it. Governed by the same preference as a customer's reply.
 */
export async function mailEscalationRequested(tx: Db, t: TicketRow, input: { contactId: string; reason: string; recordedBy: string | null; eventId: string; now: Temporal.Instant }): Promise<void> {
  let ids = await ticketWatchers(tx, t);
  if (ids.length === 0) {
    const { rows } = await tx.query<{ id: string }>("SELECT id FROM agents WHERE role IN ('manager', 'admin') AND deactivated_at IS NULL");
    ids = rows.map((r) => r.id);
  }
  const recipients = await agentsTakingMail(tx, ids.filter((id) => id !== input.recordedBy), 'customer_replied');
  const { rows } = await tx.query<{ name: string; email: string; organization: string }>(
    'SELECT c.name, c.email, o.name AS organization FROM contacts c JOIN organizations o ON o.id = c.organization_id WHERE c.id = $1',
    [input.contactId],
  );
  const who = rows[0] ? `${rows[0].name} <${rows[0].email}> of ${rows[0].organization}` : 'The customer';
  for (const to of recipients) {
    await queueMessage(tx, {
      kind: 'agent_escalation_request_notice', recipient: to.email, createdAt: input.now,
      subject: `${ticketReference(t.number)} Escalation asked for: ${t.subject}`,
      body: `${who} asked for ticket #${t.number} "${t.subject}" to be escalated${input.recordedBy ? ' (recorded by an agent)' : ''}:\n\n${input.reason}\n\nEscalate it, or mark the request unwarranted, on the ticket's page.\n\n${REPLY_ANSWERS}`,
      payload: { ticket_id: t.id, ticket_number: t.number, automatic: true, links: [deskLink(t)] },
      dedupeKey: `escalation-requested:${input.eventId}:${to.id}`,
    });
  }
}

/** The agents a note asks (notify) are mailed it, by whom, each once; never the one who wrote it. */
export async function mailNoteNotice(tx: Db, t: TicketRow, input: { agentIds: readonly string[]; actor: Actor; body: string; eventId: string; now: Temporal.Instant }): Promise<void> {
  const others = input.agentIds.filter((id) => !(input.actor.kind === 'agent' && input.actor.id === id));
  const recipients = await agentsTakingMail(tx, others, 'note_notify');
  if (recipients.length === 0) return;
  const by = input.actor.kind === 'agent' ? (await agentOf(tx, input.actor.id))?.name ?? 'A colleague' : 'Accord';
  for (const to of recipients) {
    await queueMessage(tx, {
      kind: 'agent_note_notice', recipient: to.email, createdAt: input.now,
      subject: `${ticketReference(t.number)} ${by} asks you in a note: ${t.subject}`,
      body: `${by} wrote an internal note on ticket #${t.number} "${t.subject}" for you (the customer does not see it):\n\n${input.body}\n\n${REPLY_NOTES}`,
      payload: { ticket_id: t.id, ticket_number: t.number, automatic: true, links: [deskLink(t)] },
      dedupeKey: `note-notice:${input.eventId}:${to.id}`,
    });
  }
}
