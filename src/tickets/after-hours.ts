// After hours, as the policy's `after_hours` rules say. A request the rules take outside support
// hours (OPS-COM: critical, by email) pages the on-call staff, and its triage and status
// notification clocks run from arrival. Anything else that arrives while support is closed gets
// an automatic acknowledgement saying when work resumes, in the ticket's receipt (which meets no
// promise: only people do).
// A qualifying ticket still open when support closes is handed to on-call at the closing instant
// (handover_at, fired by handover.ts), and its after-hours clocks start then.
import { isOpen, nextClose, nextOpen } from '../calendar/index.ts';
import { onCallAgents } from '../oncall/index.ts';
import { messageInsert } from '../outbox/index.ts';
import { webhookEventInsert } from '../webhooks/index.ts';
import { webhookTicket } from './webhook-events.ts';
import { writeAll, type Db, type Write } from '../platform/index.ts';
import { clockOf, planName, severityName, type PolicyModel } from '../policy/index.ts';
import { applicableTargets, findChannel, localText, type Applicable } from '../sla/index.ts';
import { deskLink, REPLY_ANSWERS } from './agent-notices.ts';
import { ticketHasSla } from './sla-applies.ts';
import { eventsInsert, type NewEvent, type TicketRow } from './store.ts';

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
  const page = await pageWrites(tx, policy, t, input);
  await writeAll(tx, [...page.writes, eventsInsert([page.event]).write]);
  return page.recipients;
}

/**
 * What paging writes, decided before anything is written (who is on call is read here): the
 * notices and webhooks, and the timeline entry, which the caller writes with its other events.
 */
export async function pageWrites(
  tx: Db,
  policy: PolicyModel,
  t: TicketRow,
  input: { reason: 'after_hours_arrival' | 'support_closed'; ruleIds: string[]; at: Temporal.Instant; now: Temporal.Instant },
): Promise<{ writes: Write[]; event: NewEvent; recipients: string[] }> {
  const agents = await pageRecipients(tx, input.at, input.ruleIds);
  const recipients = agents.map((a) => a.email);
  const why = input.reason === 'after_hours_arrival' ? 'arrived outside support hours' : 'is still open as support closes';
  // What the on-call person is there for, in the vendor's words (the rules that took the ticket).
  const promised = input.ruleIds.map((id) => policy.file.after_hours?.find((r) => r.id === id)?.description.trim()).filter((d): d is string => !!d);
  const body = [
    `Ticket #${t.number} "${t.subject}" ${why} and is yours to triage.`,
    `${severityName(policy, t.severity)}, ${planName(policy, t.plan_id)} plan.`,
    ...(promised.length > 0 ? [`What the policy promises after hours:\n${promised.join('\n\n')}`] : []),
    REPLY_ANSWERS,
  ].join('\n\n');
  const writes: Write[] = recipients.map((recipient) =>
    messageInsert({
      kind: 'oncall_page', recipient, createdAt: input.now,
      subject: `[On call] Ticket #${t.number}, ${severityName(policy, t.severity)}: ${t.subject}`,
      body,
      payload: { ticket_id: t.id, reason: input.reason, rules: input.ruleIds, links: [deskLink(t)] },
      dedupeKey: `page:${t.id}:${input.reason}:${input.at.toString()}:${recipient}`,
    }),
  );
  for (const ruleId of input.ruleIds) {
    const rule = policy.file.after_hours?.find((r) => r.id === ruleId);
    writes.push(
      webhookEventInsert({
        type: 'oncall.paged', occurredAt: input.now,
        data: { ticket: webhookTicket(t), page: { ruleId, staffedBy: rule?.staffed_by ?? null, agentId: agents[0]?.id ?? null } },
      }).write,
    );
  }
  const event: NewEvent = {
    ticketId: t.id, at: input.now, actor: { kind: 'system' }, type: 'paged', visibility: 'internal',
    body: `Paged ${recipients.join(', ') || 'nobody (no on-call staff or managers)'}: the ticket ${why}.`,
    data: { reason: input.reason, rules: input.ruleIds, recipients, at: input.at.toString() },
  };
  return { writes, event, recipients };
}

/** The targets that apply to the ticket as it opened (the receipt lists them too: computed once per new ticket). */
export function targetsOf(policy: PolicyModel, t: TicketRow): Applicable {
  return applicableTargets(policy, { plan: t.plan_id, severity: t.severity, openedAt: ms(t.created_at), channel: t.channel }, { explain: false });
}

/**
 * Where the policy takes requests outside support hours that this ticket's channel does not reach
 * (OpenKey: severity 1 by phone, on two numbers; OPS-COM: critical issues by email), said on the
 * receipt of a request that waits for the morning, so one that is graver than it was filed as
 * knows where to go now. In the rule's own terms (its severities and channels), or null.
 */
function afterHoursElsewhere(policy: PolicyModel, t: Pick<TicketRow, 'plan_id' | 'channel'>): string | null {
  const channel = findChannel(policy, t.channel);
  const lines = (policy.file.after_hours ?? [])
    .filter((r) => (!r.plans || r.plans.includes(t.plan_id)) && !(channel && r.channels.includes(channel.id)))
    .map((r) => {
      const severities = r.severities.map((id) => `severity ${id}${policy.severities.get(id) ? ` (${policy.severities.get(id)!.name})` : ''}`).join(', ');
      const where = r.channels
        .map((id) => policy.file.channels.find((c) => c.id === id))
        .filter((c) => c !== undefined)
        .map((c) => (c.address ? `${c.name} (${c.address})` : c.name))
        .join('; ');
      return `Outside support hours, ${severities} requests are taken by: ${where}.`;
    });
  return lines.length > 0 ? lines.join('\n') : null;
}

/** What the hour does to a new ticket: page on-call, acknowledge, schedule a hand-over, or nothing. */
export type Arrival =
  | { kind: 'page'; ruleIds: string[] }
  | { kind: 'acknowledge'; body: string; resumes: string }
  | { kind: 'handover'; at: Temporal.Instant }
  | { kind: 'none' };

/**
 * Decided from the new ticket alone, before it is written: a request the after-hours rules take
 * pages on-call; anything else arriving while support is closed is acknowledged with when work
 * resumes; a qualifying ticket that arrives in hours is handed over when support closes.
 */
export function arrivalOf(policy: PolicyModel, t: TicketRow, now: Temporal.Instant, facts: Applicable = targetsOf(policy, t)): Arrival {
  const opened = ms(t.created_at);
  if (facts.afterHours && ticketHasSla(policy, t) && facts.targets.some((x) => x.metric === 'triage' || x.metric === 'status_notification')) {
    return { kind: 'page', ruleIds: afterHoursRulesFor(policy, t).map((r) => r.id) };
  }
  // A promise whose clock runs now (OpenBack's Severity 1: a first response within hours, round the
  // clock) does not wait for support hours: "work resumes Monday" would contradict it.
  const running = facts.targets.some((x) => x.duration !== null && isOpen(clockOf(policy, x.clockId), opened));
  if (facts.afterHours && !running) {
    const plan = policy.plans.get(t.plan_id)!;
    // Where the plan answers the ticket's channel on hours of its own (OpenBack: "out of hours
    // standard support from 6pm to 9am via email"), those hours say whether anyone is working now
    // and when work resumes; otherwise (a channel answered "24x7" only in the sense that it takes
    // requests at any hour, or none named) the plan's support hours do.
    const channel = findChannel(policy, t.channel);
    const own = channel ? plan.channels[channel.id] : undefined;
    const staffed = own !== undefined && own !== '24x7' && own !== plan.calendar ? own : plan.calendar;
    if (staffed === plan.calendar || !isOpen(clockOf(policy, staffed), opened)) {
      const zone = policy.calendars.get(staffed)!.time_zone;
      const resumes = localText(nextOpen(clockOf(policy, staffed), opened), zone);
      const elsewhere = afterHoursElsewhere(policy, t);
      return { kind: 'acknowledge', body: `We received your request outside our support hours. Work on it resumes ${resumes}.${elsewhere ? `\n\n${elsewhere}` : ''}`, resumes };
    }
  }
  const due = handoverDue(policy, t, now);
  return due === null ? { kind: 'none' } : { kind: 'handover', at: due };
}
