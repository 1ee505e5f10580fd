// After hours, as the policy's `after_hours` rules say. A request the rules take outside support
// hours (OPS-COM: critical, by email) pages the on-call staff, and its triage and status
// notification clocks run from arrival. Anything else that arrives while support is closed gets
// an automatic acknowledgement saying when work resumes, in the ticket's receipt (which meets no
// promise: only people do).
// A qualifying ticket still open when support closes is handed to on-call at the closing instant
// (handover_at, fired by handover.ts), and its after-hours clocks start then.
import { isOpen, nextClose, nextOpen } from '../calendar/index.ts';
import { onCallAgents } from '../oncall/index.ts';
import { queueMessage } from '../outbox/index.ts';
import { emitWebhookEvent } from '../webhooks/index.ts';
import { webhookTicket } from './webhook-events.ts';
import type { Db } from '../platform/index.ts';
import { clockOf, type PolicyModel } from '../policy/index.ts';
import { applicableTargets, findChannel, localText } from '../sla/index.ts';
import { ticketHasSla } from './sla-applies.ts';
import { writeEvent, type TicketRow } from './store.ts';

const ms = (t: Temporal.Instant) => t.epochMilliseconds;
const instant = (n: number) => Temporal.Instant.fromEpochMilliseconds(n);

/** The after-hours rules that would take this ticket (plan, severity, channel), whatever the hour. */
export function afterHoursRulesFor(policy: PolicyModel, t: Pick<TicketRow, 'plan_id' | 'severity' | 'channel'>) {
  const channel = findChannel(policy, t.channel);
  return (policy.file.after_hours ?? []).filter(
    (r) => (!r.plans || r.plans.includes(t.plan_id)) && r.severities.includes(t.severity) && (!channel || r.channels.includes(channel.id)),
  );
}

/**
 * When this ticket must be handed to on-call, or null: at the next closing of the plan's support
 * hours while it is open, qualifies for an after-hours rule and was not handed over yet; at once
 * when support is already closed on a ticket that arrived in hours (regraded to critical at night).
 */
export function handoverDue(policy: PolicyModel, t: TicketRow, now: Temporal.Instant): Temporal.Instant | null {
  if (t.handed_over_at || t.status === 'solved' || t.status === 'closed' || !ticketHasSla(policy, t)) return null;
  if (afterHoursRulesFor(policy, t).length === 0) return null;
  const support = clockOf(policy, policy.plans.get(t.plan_id)!.calendar);
  // Arrived after hours: the rule took it at arrival; there is nothing to hand over.
  if (!isOpen(support, ms(t.created_at))) return null;
  if (!isOpen(support, ms(now))) return now;
  const closes = nextClose(support, ms(now));
  return closes === null ? null : instant(closes);
}

/**
 * Who is paged: whoever the on-call rotations name at that instant for these after-hours rules
 * (admins configure them, oncall/); with no rotation on call, the managers and admins, so a page
 * always reaches someone.
 */
async function pageRecipients(tx: Db, at: Temporal.Instant, ruleIds: string[]): Promise<Array<{ id: string; email: string }>> {
  const named = new Map<string, { id: string; email: string }>();
  for (const ruleId of ruleIds.length > 0 ? ruleIds : [undefined]) {
    for (const a of await onCallAgents(tx, at, ruleId)) named.set(a.agentId, { id: a.agentId, email: a.email });
  }
  if (named.size > 0) return [...named.values()];
  const { rows } = await tx.query<{ id: string; email: string }>("SELECT id, email FROM agents WHERE role IN ('manager', 'admin') ORDER BY email");
  return rows;
}

/** Pages whoever is on call for the ticket (the managers when nobody is): outbox notices, a webhook and a timeline entry. */
export async function pageOnCall(
  tx: Db,
  policy: PolicyModel,
  t: TicketRow,
  input: { reason: 'after_hours_arrival' | 'support_closed'; ruleIds: string[]; at: Temporal.Instant; now: Temporal.Instant },
): Promise<string[]> {
  const agents = await pageRecipients(tx, input.at, input.ruleIds);
  const recipients = agents.map((a) => a.email);
  const why = input.reason === 'after_hours_arrival' ? 'arrived outside support hours' : 'is still open as support closes';
  for (const recipient of recipients) {
    await queueMessage(tx, {
      kind: 'oncall_page', recipient, createdAt: input.now,
      subject: `[On call] Ticket #${t.number} (severity ${t.severity}): ${t.subject}`,
      body: `Ticket #${t.number} ${why} and is yours to triage under after-hours rule ${input.ruleIds.join(', ')}.`,
      payload: { ticket_id: t.id, reason: input.reason, rules: input.ruleIds },
      dedupeKey: `page:${t.id}:${input.reason}:${input.at.toString()}:${recipient}`,
    });
  }
  for (const ruleId of input.ruleIds) {
    const rule = policy.file.after_hours?.find((r) => r.id === ruleId);
    await emitWebhookEvent(tx, {
      type: 'oncall.paged', occurredAt: input.now,
      data: { ticket: webhookTicket(t), page: { ruleId, staffedBy: rule?.staffed_by ?? null, agentId: agents[0]?.id ?? null } },
    });
  }
  await writeEvent(tx, {
    ticketId: t.id, at: input.now, actor: { kind: 'system' }, type: 'paged', visibility: 'internal',
    body: `Paged ${recipients.join(', ') || 'nobody (no on-call staff or managers)'}: the ticket ${why}.`,
    data: { reason: input.reason, rules: input.ruleIds, recipients, at: input.at.toString() },
  });
  return recipients;
}

/**
 * What happens to a new ticket because of the hour: paged, acknowledged, or scheduled for hand-over.
 * Returns the ticket row as it now stands, and the acknowledgement the customer is sent (in the
 * ticket's receipt, tickets/customer-mail.ts) when it arrived outside support hours.
 */
export async function afterHoursArrival(tx: Db, policy: PolicyModel, t: TicketRow, input: { now: Temporal.Instant }): Promise<{ row: TicketRow; acknowledgement: string | null }> {
  const opened = ms(t.created_at);
  const facts = applicableTargets(policy, { plan: t.plan_id, severity: t.severity, openedAt: opened, channel: t.channel }, { explain: false });
  if (facts.afterHours && ticketHasSla(policy, t) && facts.targets.some((x) => x.metric === 'triage' || x.metric === 'status_notification')) {
    await pageOnCall(tx, policy, t, { reason: 'after_hours_arrival', ruleIds: afterHoursRulesFor(policy, t).map((r) => r.id), at: t.created_at, now: input.now });
    return { row: t, acknowledgement: null };
  }
  if (facts.afterHours) {
    const plan = policy.plans.get(t.plan_id)!;
    const zone = policy.calendars.get(plan.calendar)!.time_zone;
    const resumes = localText(nextOpen(clockOf(policy, plan.calendar), opened), zone);
    const body = `We received your request outside our support hours. Work on it resumes ${resumes}.`;
    await writeEvent(tx, { ticketId: t.id, at: input.now, actor: { kind: 'system' }, type: 'acknowledged', visibility: 'public', body, data: { automatic: true, resumes } });
    return { row: t, acknowledgement: body };
  }
  const due = handoverDue(policy, t, input.now);
  if (due === null) return { row: t, acknowledgement: null };
  const { rows } = await tx.query<TicketRow>('UPDATE tickets SET handover_at = $2 WHERE id = $1 RETURNING *', [t.id, due]);
  return { row: rows[0], acknowledgement: null };
}
