// The receipt's promised times, in two parts: what the policy says of each target, in the words its
// published page uses (its name and duration, or the vendor's own sentence); then, under our own
// lead, when each falls on this case, with the vendor's hedge ("around", "aimed for", "by") in the
// plan's time zone, and the hours it is counted in where that is our reading of the policy, not its
// words. customer-mail.ts puts them in the receipt.
import { isOpen, nextOpen } from '../calendar/index.ts';
import { clockOf, hoursWord, possessive, promisedTimes, severityPublished, targetCell, targetLabel, type MetricId, type PolicyModel, type Target, type TargetSpecT } from '../policy/index.ts';
import type { Applicable } from '../sla/index.ts';
import { readerTime, vendorTime } from './reader-zone.ts';
import { ticketHasSla } from './sla-applies.ts';
import type { TicketRow } from './store.ts';

/** The time zone of the ticket's plan's hours: the zone the customer's mail gives times in. */
export function zoneOf(policy: PolicyModel, t: TicketRow): string {
  return policy.calendars.get(policy.plans.get(t.plan_id)!.calendar)!.time_zone;
}

/** What the receipt needs of a clock row. */
export type ClockFacts = { metric: string; state: string; goal_at: Temporal.Instant | null; due_at: Temporal.Instant | null };

/**
 * The receipt's paragraphs on a new ticket's promised times (none when no clock runs): the policy's
 * words, credited to the vendor ("What OfficeSpace Software's support policy says about it: -
 * Response Goal: 4 Hours", as the seed writes it), then ours ("For this case, as we count it: -
 * Response Goal: counted in our support hours, Monday through Friday, ...: aimed for ..."). The
 * OfficeSpace seed says only "Response Goal: 4 Hours"; counting it in its support hours is Accord's
 * reading, and is said as ours, not the vendor's. The vendor's part says all the policy says of the
 * severity, as the portal lists it (promisedTimes), times or not: OpenMethods' Severities 2-4 are
 * promised "Remediation work: 6am-4pm U.S. Eastern Standard Time" and "Communication cadence: when
 * material updates or progress is made" as much as a response time; only a clock gets a time of ours.
 */
export function targetParagraphs(policy: PolicyModel, t: TicketRow, clockRows: readonly ClockFacts[], facts: Applicable, readerZone: string | null = null): string[] {
  const rows = clockRows.filter((r) => r.state === 'running' && r.due_at !== null);
  const zone = zoneOf(policy, t);
  const counted: string[] = [];
  // The severity's own words (a level the vendor never names has none), then an after-hours rule's targets (OPS-COM's triage).
  const said = severityPublished(policy, t.severity) ? promisedTimes(policy, t.plan_id, t.severity).map((p) => `- ${p.label}: ${p.text}`) : [];
  const levelSays = said.length > 0;
  for (const target of facts.targets) {
    const spec = specOf(policy, t, target.metric);
    const title = targetLabel(spec, target.metric);
    const own = target.metric === 'first_response' || target.metric === 'update' || target.metric === 'resolution';
    if (!own) said.push(`- ${title}: ${spec ? targetCell(policy, t.plan_id, spec, target.metric) : ''}`);
    const clock = rows.find((r) => r.metric === target.metric);
    if (!clock || !clock.due_at || !target.duration) continue;
    const opens = opensAfterHandOver(policy, t, target, zone, readerZone);
    const hours = readingHours(policy, t, target) ?? (opens ? `our ${hoursWord(policy, target.clockId)}` : null);
    counted.push(`- ${title}: ${hours ? `counted in ${hours}${opens ? `, which open ${opens}` : ''}: ` : ''}${whenWords(target, clock.goal_at, clock.due_at, zone, readerZone)}`);
  }
  const vendor = `What ${possessive(policy.file.vendor.name)} support policy says about it:\n${said.join('\n')}`;
  // No time runs. A ticket whose clocks all ended (a regrade to a level whose response was already
  // met: OpenMethods' System Outage answered, then regraded to a Major Impairment) is still told what
  // its level promises in the vendor's words ("Communication cadence: when material updates or
  // progress is made", no longer hourly); one that never had a clock (a request outside the SLA, one
  // not covered, a new one of no timed level) is promised no times; nor is a level that says nothing of its
  // own (OPS-COM's Critical regraded at night: the after-hours rule's words are said, its clocks not yet running).
  if (counted.length === 0) return clockRows.length > 0 && levelSays && ticketHasSla(policy, t) ? [vendor] : [];
  return [
    vendor,
    `For this case, as we count ${counted.length === 1 ? 'it' : 'them'}:\n${counted.join('\n')}`,
  ];
}

/** The file's own words for a target on the ticket's plan: its severity's, else an after-hours rule's that takes it (OPS-COM's triage). */
function specOf(policy: PolicyModel, t: TicketRow, metric: MetricId): TargetSpecT | undefined {
  const byPlan = policy.severities.get(t.severity)?.targets?.[metric as 'first_response'];
  const own = byPlan?.[t.plan_id] ?? byPlan?.all;
  if (own) return own;
  return (policy.file.after_hours ?? [])
    .filter((r) => r.severities.includes(t.severity) && (!r.plans || r.plans.includes(t.plan_id)))
    .map((r) => r.targets?.[metric as keyof typeof r.targets])
    .find((s): s is TargetSpecT => s !== undefined);
}

/**
 * The hours a target's time is counted in, where the policy's words do not say them and counting it
 * there is our reading: a duration in hours or minutes (not business units, which are the plan's
 * hours by their name) on the plan's own calendar, which the published words leave unsaid (OfficeSpace's "Response
 * Goal: 4 Hours" in its support hours; OpenMethods' "Response time: 2 hours" in the hours of a
 * severity's remediation work), so a due time days on is seen to be right. By the vendor's word for
 * those hours and its name for them. Nothing for a vendor's own sentence (`note`: OpenKey's "during
 * our regular business hours" says them), another clock (published with it, as targetCell does:
 * "6 hours, 24x7"), or real time.
 */
function readingHours(policy: PolicyModel, t: TicketRow, target: Target): string | null {
  if (target.note || target.duration?.business || target.clockId !== policy.plans.get(t.plan_id)?.calendar) return null;
  const calendar = policy.calendars.get(target.clockId);
  if (!calendar) return null;
  // OpenMethods never calls these its support hours: they are a severity's "Remediation work" hours (arrival-words.ts).
  if (policy.severities.get(t.severity)?.remediation === target.clockId) return `the hours of remediation work, ${calendar.name}`;
  return `our ${hoursWord(policy, target.clockId)}, ${calendar.name}`;
}

/**
 * When the hours a target is counted in open, for a case after-hours support took as it arrived
 * outside them (handed_over_at: OpenKey's emergency phoned in on a Saturday night, "We have alerted
 * the Openkey After Hours Emergency Contact"); else null. OpenKey's "response time of approximately
 * 30 minutes during our regular business hours" is a promise of those hours; off hours its seed
 * sends emergencies to the After Hours Emergency Contact and states no time ("resolution times
 * will vary"). Its time counted from Monday's opening is the business-hours promise, not when the
 * contact answers: "counted in our regular business hours, which open Mon ... 09:00 AM CST", so a
 * bare "around Mon ... 09:30 AM" does not read as when the caller will hear back.
 */
function opensAfterHandOver(policy: PolicyModel, t: TicketRow, target: Target, zone: string, readerZone: string | null): string | null {
  const at = t.handed_over_at?.epochMilliseconds;
  if (at === undefined || !policy.calendars.has(target.clockId)) return null;
  const clock = clockOf(policy, target.clockId);
  // When the vendor's hours open is said in its zone, as its hours are published; the reader's time beside it.
  return isOpen(clock, at) ? null : vendorTime(nextOpen(clock, at), zone, readerZone);
}

/**
 * When it is due, with the vendor's hedge: "around" a time it gives approximately (OpenKey), "aimed
 * for" one it calls a goal (OfficeSpace's "Response Goal"), "by" a firm one; a range is aimed for
 * its lower bound, at the latest its upper.
 */
function whenWords(target: Target, goalAt: Temporal.Instant | null, dueAt: Temporal.Instant, zone: string, readerZone: string | null): string {
  // A time worked out for this case is the reader's: in their own zone when they chose one.
  const at = (i: Temporal.Instant) => `${target.approximate ? 'around ' : ''}${readerTime(i.epochMilliseconds, readerZone, zone)}`;
  if (goalAt) return target.goal ? `aimed for ${at(goalAt)} to ${at(dueAt)}` : `aimed for ${at(goalAt)}, at the latest ${at(dueAt)}`;
  if (target.goal) return `aimed for ${at(dueAt)}`;
  return target.approximate ? at(dueAt) : `by ${at(dueAt)}`;
}
