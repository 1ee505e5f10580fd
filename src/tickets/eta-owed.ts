// Where the policy makes an estimated time to resolution part of what the client is told next, the
// agent's reply form says so beside its ETA field, instead of calling the field optional.
//
// OPS-COM, after hours: "a status notification will be sent to you within 1 hour for Critical issues.
// This notification will include an estimated time to resolution." The clock is met only by a public
// reply that carries one (sla/clocks.ts), so a reply without it leaves the notification owed; the
// desk takes such a reply (on call may have to ask a question before any ETA can be given) and says,
// beside the field and once it is sent, that the status notification is still owed.
//
// OPS-COM, escalation: "The client will be advised on estimated time to resolution and the Development
// team will address the bug": the next level up requires it (escalate-ticket.ts refuses without it),
// so the field says that too while the ticket has none; and once the estimate given has passed with the
// issue open, that a new one is owed.
import type { Ctx } from '../platform/index.ts';
import type { PolicyModel } from '../policy/index.ts';
import { policyVersion } from '../policy-versions/index.ts';
import { getTicket } from './get-ticket.ts';
import type { TicketView } from './view.ts';

/** Said once a reply that gave no ETA left the status notification owed: on the agent's page and in the API's answer. */
export const STATUS_NOTIFICATION_STILL_OWED =
  'Reply sent to the customer, with no ETA to resolution: the status notification is still owed, and it includes an estimated time to resolution.';

export type EtaOwed =
  | { kind: 'status_notification'; due: Temporal.Instant | null }
  | { kind: 'escalation'; level: string }
  | { kind: 'passed'; eta: Temporal.Instant };

type Ticket = Pick<TicketView, 'severity' | 'plan' | 'eta' | 'escalationLevel' | 'clocks' | 'status'>;

/**
 * What the next reply's ETA is owed for, if anything. `policy` is the ticket's own policy version (its
 * clocks were projected under it).
 * @example
 * etaOwed(opscom, criticalAtNight) // { kind: 'status_notification', due: <23:10 plus 1 hour> }
 */
export function etaOwed(policy: PolicyModel, ticket: Ticket, now: Temporal.Instant): EtaOwed | null {
  // Owed while unmet, in time or late; not once a regrade or a new policy version ended it (ended-clocks.ts).
  const clock = ticket.clocks.find((c) => c.metric === 'status_notification' && c.metAt === null && c.endedAt === null && (c.state === 'running' || c.state === 'breached'));
  const required = (policy.file.after_hours ?? []).some((r) =>
    r.targets?.status_notification?.requires_eta === true && r.severities.includes(ticket.severity) && (!r.plans || r.plans.includes(ticket.plan)));
  if (clock && required) return { kind: 'status_notification', due: clock.due };
  // The estimate the client was advised of has passed with the issue still open (a fix can take "from 1
  // day to many months"): what they were told no longer holds, so a new one is owed them. Only where
  // the policy promises an ETA at all (a level or a target that requires one).
  if (ticket.eta) {
    const promised = (policy.file.escalation?.levels ?? []).some((l) => l.requires_eta)
      || (policy.file.after_hours ?? []).some((r) => r.targets?.status_notification?.requires_eta);
    const open = ticket.status !== 'solved' && ticket.status !== 'closed';
    return promised && open && Temporal.Instant.compare(ticket.eta, now) <= 0 ? { kind: 'passed', eta: ticket.eta } : null;
  }
  const levels = policy.file.escalation?.levels ?? [];
  const at = levels.findIndex((l) => l.id === (ticket.escalationLevel ?? levels[0]?.id));
  const next = at >= 0 ? levels[at + 1] : undefined;
  // Only once the ticket is with the level that sends it on (not at the front line, which has no
  // bug confirmed yet): the ETA comes with the assessment.
  if (next?.requires_eta && at > 0) return { kind: 'escalation', level: next.name };
  return null;
}

/**
 * After a public reply on `ticketId` (an agent's, over the API or by mail): the status notification it
 * left owed for want of an ETA, with when it falls due, or null. Only that is owed by a reply; the
 * advice before development (an escalation's) is required by the escalation itself, which refuses
 * without it. Asked under the ticket's own policy version, as the reply form asks etaOwed.
 */
export async function statusNotificationOwed(ctx: Ctx, ticketId: string): Promise<Extract<EtaOwed, { kind: 'status_notification' }> | null> {
  const ticket = await getTicket({ ctx, input: { ticketId } });
  const owed = etaOwed(await policyVersion(ctx.db, ticket.policyVersion), ticket, ctx.clock.now());
  return owed?.kind === 'status_notification' ? owed : null;
}
