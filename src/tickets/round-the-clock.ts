// Promises kept round the clock under no after-hours rule (OpenMethods' System Outage: "Remediation
// work: 24/7 until resolved"), and the hours someone works a ticket's channel (the plan's support
// hours, or the channel's own: OpenBack's 6pm-9am email): whether anyone is working now, when work
// resumes, and when nobody works it any more (on call is paged then: after-hours.ts, handover.ts).
import { isOpen, nextClose, nextOpen } from '../calendar/index.ts';
import { clockOf, type PolicyModel, type TicketStatus } from '../policy/index.ts';
import { applicableTargets, findChannel, type Applicable } from '../sla/index.ts';
import type { TicketRow } from './store.ts';

const ms = (t: Temporal.Instant) => t.epochMilliseconds;
const instant = (n: number) => Temporal.Instant.fromEpochMilliseconds(n);

/**
 * The targets that apply to the ticket as it opened (the receipt lists them too: computed once per
 * new ticket). Not as handed to on call later (`handedOver`): that only adds an after-hours rule's
 * triage and status notification, which no reader of these (the update and resolution kept round the
 * clock, a new ticket's arrival, a covered ticket's timed or not) depends on. One taken as it arrived
 * (handed_over_at its arrival) was handed over then, through whatever channel (sla/clocks.ts does the same).
 */
export function targetsOf(policy: PolicyModel, t: TicketRow): Applicable {
  const handedOver = t.handed_over_at !== null && ms(t.handed_over_at) === ms(t.created_at);
  return applicableTargets(policy, { plan: t.plan_id, severity: t.severity, openedAt: ms(t.created_at), channel: t.channel, handedOver }, { explain: false });
}

/**
 * Whether the ticket has a promise that runs until it is solved (an update cadence, a resolution)
 * on the 24x7 clock, not stopped by the status it is in (policy.pauses).
 */
export function keptUntilSolvedRoundTheClock(policy: PolicyModel, t: TicketRow): boolean {
  const paused = policy.pauses.get(t.status as TicketStatus) ?? [];
  return targetsOf(policy, t).targets.some((x) => (x.metric === 'update' || x.metric === 'resolution') && x.duration !== null && x.clockId === '24x7' && !paused.includes(x.metric));
}

/**
 * Under no after-hours rule, a promise kept round the clock until the ticket is solved (OpenMethods'
 * System Outage: "Remediation work: 24/7 until resolved", a status update every 60 minutes): each
 * time nobody works its channel any more, whoever is on call is paged (else the managers), every
 * evening it is still open. Counted from the next time someone works it: one that arrived at
 * night was paged as it arrived (arrivalOf's 'alert'), so the next is at the next closing.
 * Never sets handed_over_at (handover.ts): the after-hours rules' clocks are not these.
 */
export function roundTheClockHandover(policy: PolicyModel, t: TicketRow, now: Temporal.Instant): Temporal.Instant | null {
  if (t.status === 'solved' || t.status === 'closed' || !keptUntilSolvedRoundTheClock(policy, t)) return null;
  const staffed = nextStaffed(policy, t, ms(now));
  const unstaffed = staffed === null ? null : unstaffedFrom(policy, t, staffed);
  return unstaffed === null ? null : instant(unstaffed);
}

/** The first instant from `from` at which someone works the ticket's channel (the plan's hours or the channel's own). */
function nextStaffed(policy: PolicyModel, t: Pick<TicketRow, 'plan_id' | 'channel'>, from: number): number | null {
  const plan = policy.plans.get(t.plan_id)!;
  const opens = [...new Set([plan.calendar, staffedHours(policy, t)])].map((id) => nextOpen(clockOf(policy, id), from)).filter((x) => Number.isFinite(x));
  return opens.length === 0 ? null : Math.min(...opens);
}

/**
 * The first instant from `from` at which nobody works the ticket's channel: neither the plan's
 * support hours nor the channel's own hours on the plan (OpenBack's 6pm-9am email) are open.
 * Null when they never close (a week of looking finds no gap).
 */
function unstaffedFrom(policy: PolicyModel, t: Pick<TicketRow, 'plan_id' | 'channel'>, from: number): number | null {
  const plan = policy.plans.get(t.plan_id)!;
  const own = staffedHours(policy, t);
  const clocks = [...new Set([plan.calendar, own])].map((id) => clockOf(policy, id));
  let at = from;
  for (let i = 0; i < 50; i++) {
    const open = clocks.find((c) => isOpen(c, at));
    if (!open) return at;
    const closes = nextClose(open, at);
    if (closes === null) return null;
    at = closes;
  }
  return null;
}

/** Whether someone works the ticket's channel at `at` (the plan's support hours or the channel's own): by night, nobody does. */
export function staffedAt(policy: PolicyModel, t: Pick<TicketRow, 'plan_id' | 'channel'>, at: Temporal.Instant): boolean {
  const plan = policy.plans.get(t.plan_id)!;
  return [...new Set([plan.calendar, staffedHours(policy, t)])].some((id) => isOpen(clockOf(policy, id), ms(at)));
}

/**
 * The hours someone works the ticket's channel on its plan: where the plan answers the channel on
 * hours of its own (OpenBack: "out of hours standard support from 6pm to 9am via email"), those
 * hours say whether anyone is working now and when work resumes; otherwise (a channel answered
 * "24x7" only in the sense that it takes requests at any hour, or none named) the plan's support
 * hours do.
 */
export function staffedHours(policy: PolicyModel, t: Pick<TicketRow, 'plan_id' | 'channel'>): string {
  const plan = policy.plans.get(t.plan_id)!;
  const channel = findChannel(policy, t.channel);
  const own = channel ? plan.channels[channel.id] : undefined;
  return own !== undefined && own !== '24x7' && own !== plan.calendar ? own : plan.calendar;
}
