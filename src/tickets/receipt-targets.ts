// The receipt's promised times, one line each: the target's title and duration in the policy's
// words, the hours it counts in, and when it falls due with the vendor's hedge ("around", "aimed
// for", "by"), in the plan's time zone. customer-mail.ts puts them in the receipt.
import { formatDuration, type PolicyModel, type Target } from '../policy/index.ts';
import { localText, type Applicable } from '../sla/index.ts';
import type { TicketRow } from './store.ts';

const METRIC_TITLES: Record<string, string> = {
  first_response: 'First response',
  update: 'Status updates',
  resolution: 'Resolution',
  triage: 'Triage',
  status_notification: 'Status notification',
};

/** The time zone of the ticket's plan's hours: the zone the customer's mail gives times in. */
export function zoneOf(policy: PolicyModel, t: TicketRow): string {
  return policy.calendars.get(policy.plans.get(t.plan_id)!.calendar)!.time_zone;
}

/** What the receipt needs of a clock row. */
export type ClockFacts = { metric: string; state: string; goal_at: Temporal.Instant | null; due_at: Temporal.Instant | null };

/** The promised times of a new ticket, one line each, in the policy's words and the plan's time zone. */
export function targetLines(policy: PolicyModel, t: TicketRow, clockRows: readonly ClockFacts[], facts: Applicable): string[] {
  const rows = clockRows.filter((r) => r.state === 'running' && r.due_at !== null);
  const zone = zoneOf(policy, t);
  const lines: string[] = [];
  for (const target of facts.targets) {
    const clock = rows.find((r) => r.metric === target.metric);
    if (!clock || !clock.due_at || !target.duration) continue;
    const title = target.label ?? METRIC_TITLES[target.metric] ?? target.metric;
    const promise = target.note ?? `${target.approximate ? 'approximately ' : ''}${formatDuration(target.duration)}${hoursWords(policy, t, target)}`;
    lines.push(`- ${title} (${promise}): ${whenWords(target, clock.goal_at, clock.due_at, zone)}`);
  }
  return lines;
}

/**
 * The hours a target's time counts in, after its duration, so a due time days on is seen to be
 * right ("24 hours, counted in 6am-4pm U.S. Eastern Standard Time": due Friday for a Wednesday
 * ticket): by the vendor's name for them alone, its own words (the days kept may be the desk's
 * reading: OpenMethods names no days). Nothing where a business unit counts in the plan's hours
 * ("1 - 2 business days": business days are those hours), nor for real time the file does not
 * name; "24x7" where it does, as the published page words it ("6 hours, 24x7"). A vendor's own
 * sentence in place of the duration (`note`) is not added to: it says its hours itself (OpenKey:
 * "... during our regular business hours.").
 */
function hoursWords(policy: PolicyModel, t: TicketRow, target: Target): string {
  if (target.clockId === '24x7') return target.clockNamed ? ', 24x7' : '';
  if (target.duration?.business && target.clockId === policy.plans.get(t.plan_id)?.calendar) return '';
  return `, counted in ${policy.calendars.get(target.clockId)?.name ?? target.clockId}`;
}

/**
 * When it is due, with the vendor's hedge: "around" a time it gives approximately (OpenKey), "aimed
 * for" one it calls a goal (OfficeSpace's "Response Goal"), "by" a firm one; a range is aimed for
 * its lower bound, at the latest its upper.
 */
function whenWords(target: Target, goalAt: Temporal.Instant | null, dueAt: Temporal.Instant, zone: string): string {
  const at = (i: Temporal.Instant) => `${target.approximate ? 'around ' : ''}${localText(i.epochMilliseconds, zone)}`;
  if (goalAt) return target.goal ? `aimed for ${at(goalAt)} to ${at(dueAt)}` : `aimed for ${at(goalAt)}, at the latest ${at(dueAt)}`;
  if (target.goal) return `aimed for ${at(dueAt)}`;
  return target.approximate ? at(dueAt) : `by ${at(dueAt)}`;
}
