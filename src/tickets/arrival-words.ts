// What the acknowledgement of a request that arrived while nobody works it says, in the policy's
// words (after-hours.ts decides when one is sent; these are its sentences).
import { isOpen } from '../calendar/index.ts';
import { afterHoursChannels, clockOf, endedSentence, holidayClosedOn, hoursWord, remediationText, severityName, type PolicyModel } from '../policy/index.ts';
import { findChannel } from '../sla/index.ts';
import { answeredNow, named } from './closed-channel-words.ts';
import type { TicketRow } from './store.ts';

/** An after-hours rule's description as the vendor wrote it, a paragraph each (a folded YAML description keeps breaks only between them). */
export function ruleParagraphs(rule: { description: string }): string[] {
  return rule.description.split(/\n+/).map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p !== '');
}

/**
 * The opening of the acknowledgement: outside which hours the request came, and when work on it
 * resumes. `hours` is the calendar whose opening it waits for. Where the policy calls those hours
 * its severity's remediation work (OpenMethods: "Remediation work: 6am-4pm U.S. Eastern Standard
 * Time" for severities 2-4; the seed never calls them its support hours, and a System Outage is
 * worked "24/7 until resolved"), it says so in those words, with the severities worked on other
 * terms, so "outside our support hours" never reads as nobody answering round the clock. Other
 * hours go by the vendor's word for them (OpenKey: "regular business hours"), else "support hours".
 * Received (`opened`) on a holiday they close on, it is named as the portal's form names it: on
 * OfficeSpace's Christmas, a Friday at 10:00, "outside our support hours" alone reads as wrong.
 */
export function outsideHoursText(policy: PolicyModel, t: Pick<TicketRow, 'severity'>, hours: string, resumes: string, opened?: number): string {
  const holiday = opened === undefined ? null : holidayClosedOn(policy, hours, opened);
  const closed = holiday === null ? '' : ` They are closed on ${holiday}.`;
  const own = policy.severities.get(t.severity)?.remediation;
  if (own !== hours) return `We received your request outside our ${hoursWord(policy, hours)}.${closed} Work on it resumes ${resumes}.`;
  const others = [...policy.severities.entries()]
    .filter(([id, s]) => id !== t.severity && s.remediation !== undefined && s.remediation !== hours)
    .map(([id, s]) => `Remediation work for ${severityName(policy, id)}: ${remediationText(policy, s.remediation!)}.`);
  return [
    `We received your request outside the hours of remediation work for ${severityName(policy, t.severity)}: ${remediationText(policy, hours)}.${closed} Work on it resumes ${resumes}.`,
    ...others,
  ].join('\n\n');
}

/**
 * Why work resumes when it does, where that is not in the plan's support hours but in the channel's
 * own: OpenBack's Growth email at Saturday 11:00 resumes at 18:00, while the targets count business
 * days from Monday 09:00. The receipt says both; this says, in the vendor's words on the channel,
 * why the earlier one ("Email (support@openback.com) is answered then: We offer out of hours standard
 * support from 6pm to 9am via email support ..."), so the two times do not read as a contradiction.
 */
export function resumesOutOfHoursText(policy: PolicyModel, t: Pick<TicketRow, 'plan_id' | 'channel'>, staffed: string, resumesAt: number): string | null {
  const plan = policy.plans.get(t.plan_id)!;
  const channel = findChannel(policy, t.channel);
  if (!channel?.description || staffed === plan.calendar || isOpen(clockOf(policy, plan.calendar), resumesAt)) return null;
  return `${named(channel)} is answered then: ${sentence(channel.description)}`;
}

/** The vendor's words as one sentence: spaces folded, a full stop where it has none. */
const sentence = (d: string) => endedSentence(d.replace(/\s+/g, ' ').trim());

/**
 * What the acknowledgement of a request that waits adds: the plan's other channels someone answers
 * now (closed-channel-words.ts answeredNow, as a refusal of a closed line names them), with the
 * vendor's words on each. A request on the portal at 22:00 waits for OpenBack's 9am, but the seed
 * offers "out of hours standard support from 6pm to 9am via email": the customer is told so, with
 * the address. A channel an after-hours rule takes is left out: its rule's own words say who is
 * taken there (afterHoursElsewhere), and "answered now" would promise OPS-COM's night email, "limited
 * to critical issues", to a request that is not.
 */
export function answeredNowText(policy: PolicyModel, t: Pick<TicketRow, 'plan_id' | 'channel'>, at: number): string | null {
  const own = findChannel(policy, t.channel)?.id;
  const ruled = new Set((policy.file.after_hours ?? []).filter((r) => !r.plans || r.plans.includes(t.plan_id)).flatMap(afterHoursChannels));
  const { lines, written } = answeredNow(policy, t.plan_id, at);
  const said = [...lines, ...written]
    .filter((c) => c.id !== own && !ruled.has(c.id))
    .map((c) => `${named(c)} is answered now${c.description ? `: ${sentence(c.description)}` : '.'}`);
  return said.length > 0 ? said.join('\n\n') : null;
}
