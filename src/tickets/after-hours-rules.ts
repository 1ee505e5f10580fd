// Which of the policy's `after_hours` rules concern a ticket (docs/adr/0006): those that take it as
// it arrives, those that are handed it when support closes, those given through its channel
// whatever severity they take, and those that take requests its channel does not reach (said on
// its receipt). Each is one question put to the rules of the ticket's plan (planRules).
import { afterHoursChannels, hoursWord, severityPhrase, wordsGiveAddresses, type PolicyFile, type PolicyModel } from '../policy/index.ts';
import { findChannel } from '../sla/index.ts';
import { ruleParagraphs } from './arrival-words.ts';
import { vendorTime } from './reader-zone.ts';
import type { TicketRow } from './store.ts';

type AfterHoursRule = NonNullable<PolicyFile['after_hours']>[number];

/**
 * The after-hours rules of the ticket's plan (all plans when a rule names none) that `keep` keeps,
 * told whether each takes requests through the ticket's channel: null for a channel the policy
 * does not name (no channel given), which no rule's channels exclude. In the policy's order.
 */
function planRules(
  policy: PolicyModel,
  t: Pick<TicketRow, 'plan_id' | 'channel'>,
  keep: (r: AfterHoursRule, through: boolean | null) => boolean,
): AfterHoursRule[] {
  const channel = findChannel(policy, t.channel);
  return (policy.file.after_hours ?? []).filter(
    (r) => (!r.plans || r.plans.includes(t.plan_id)) && keep(r, channel ? afterHoursChannels(r).includes(channel.id) : null),
  );
}

/** The after-hours rules that would take this ticket (plan, severity, channel), whatever the hour. */
export function afterHoursRulesFor(policy: PolicyModel, t: Pick<TicketRow, 'plan_id' | 'severity' | 'channel'>) {
  return planRules(policy, t, (r, through) => r.severities.includes(t.severity) && through !== false);
}

/**
 * The after-hours rules that take this ticket over when support closes on it: those that would take
 * it as it arrives, and those that hand over any open ticket of their severities whatever channel it
 * came through (`hand_over: any_channel`, OpenKey: an emergency filed on the web at 16:50 is, at
 * 17:00, an "Emergency Tier 2 issue outside of business hours", and the team already has it).
 */
export function handoverRulesFor(policy: PolicyModel, t: Pick<TicketRow, 'plan_id' | 'severity' | 'channel'>) {
  const taking = afterHoursRulesFor(policy, t);
  const anyChannel = planRules(policy, t, (r) => r.hand_over === 'any_channel' && !taking.includes(r) && r.severities.includes(t.severity));
  return [...taking, ...anyChannel];
}

/** The after-hours rules of the ticket's plan given through its channel, whatever severity they take. */
export function rulesThroughChannel(policy: PolicyModel, t: Pick<TicketRow, 'plan_id' | 'channel'>) {
  return planRules(policy, t, (_, through) => through === true);
}

/** The rules by id, in the order given (an id no rule has any more is left out). */
export const rulesOf = (policy: PolicyModel, ids: readonly string[]) => ids.map((id) => policy.file.after_hours?.find((r) => r.id === id)).filter((r) => r !== undefined);

/** "severity 1 (Critical)" ("Emergency Tier 2" where none is numbered), the severities the rules take, in the policy's names. */
export function severityList(policy: PolicyModel, rules: ReadonlyArray<{ severities: number[] }>): string {
  return [...new Set(rules.flatMap((r) => r.severities))]
    .map((id) => severityPhrase(policy, id))
    .join(', ');
}

// An email channel the vendor gave no address (OPS-COM: "This support is provided by email") is
// the desk's own: the address customers write to is the one its mail is sent from (ACCORD_SUPPORT_EMAIL).
const OUR_ADDRESS = 'a new message to the address our mail comes from';

/**
 * Whether a rule's own words say how to reach each of the channels (policy/after-hours-words.ts): a
 * channel without an address (OPS-COM: "This support is provided by email") is not given by them.
 */
function wordsGiveChannels(rule: AfterHoursRule, channels: PolicyFile['channels']): boolean {
  return wordsGiveAddresses(ruleParagraphs(rule).join(' '), channels);
}

/**
 * Where the policy takes requests outside support hours that this ticket's channel does not reach
 * (OpenKey: severity 1 by phone, on two numbers; OPS-COM: critical issues by email), said on the
 * receipt of a request that waits for the morning, so one that is graver than it was filed as
 * knows where to go now. In the rule's own words; led by its severities and channels (with those
 * it also takes) unless those words already give each channel's address (OpenKey's two numbers:
 * the list would say them twice). Outside the plan's hours by the vendor's word for them
 * (OpenKey: "regular business hours"). Or null. `ourAddress`: how an email channel without an
 * address is reached; a page that knows the desk's address (the portal's form) gives it.
 */
export function afterHoursElsewhere(policy: PolicyModel, t: Pick<TicketRow, 'plan_id' | 'channel'>, ourAddress: string = OUR_ADDRESS): string | null {
  const calendar = policy.plans.get(t.plan_id)?.calendar;
  const outside = calendar ? hoursWord(policy, calendar) : 'support hours';
  const lines = planRules(policy, t, (_, through) => through !== true).map((r) => {
    const channels = afterHoursChannels(r).map((id) => policy.file.channels.find((c) => c.id === id)).filter((c) => c !== undefined);
    // With the rule's own words: how to reach it there (OpenKey: "Please request to speak to the
    // Openkey After Hours Emergency Contact"), which the list of channels alone leaves out.
    if (wordsGiveChannels(r, channels)) return ruleParagraphs(r).join('\n\n');
    const where = channels
      .map((c) => (c.address ? `${c.name} (${c.address})` : c.kind === 'email' ? `${c.name} (${ourAddress})` : c.name))
      .join('; ');
    return [`Outside ${outside}, ${severityList(policy, [r])} requests are taken by: ${where}.`, ...ruleParagraphs(r)].join('\n\n');
  });
  return lines.length > 0 ? lines.join('\n\n') : null;
}

/**
 * The after-hours rules that would take a customer's emailed reply on this open ticket outside
 * support hours (tickets/handover.ts handOverOnMail): those taking its severity by email, when it
 * was not handed to on call already. OPS-COM: a critical online ticket opened at night waits for
 * 9-5, but a reply to its receipt is a critical issue "provided by email" after hours.
 */
export function rulesTakingMailedReply(policy: PolicyModel, t: Pick<TicketRow, 'plan_id' | 'severity' | 'handed_over_at'>): AfterHoursRule[] {
  const mail = findChannel(policy, 'email');
  if (t.handed_over_at || !mail || mail.kind !== 'email') return [];
  return afterHoursRulesFor(policy, { ...t, channel: mail.id });
}

/**
 * "Outside support hours, a reply to this message goes to on-call personnel.": where a reply by
 * email would reach after-hours support (rulesTakingMailedReply), the receipt's last line says so
 * plainly, in the rule's staffed_by words; else nothing.
 */
export function mailedReplyTakenText(policy: PolicyModel, t: Pick<TicketRow, 'plan_id' | 'severity' | 'handed_over_at'>): string {
  const rules = rulesTakingMailedReply(policy, t);
  if (rules.length === 0) return '';
  const calendar = policy.plans.get(t.plan_id)?.calendar;
  const staff = [...new Set(rules.map((r) => r.staffed_by))].join(' and ');
  return ` Outside ${calendar ? hoursWord(policy, calendar) : 'support hours'}, a reply to this message goes to ${staff}.`;
}

/**
 * A request received in support hours whose promised time runs past the closing, and which an
 * after-hours rule is handed then if still open (handover_at: OpenKey's emergency filed on the web at
 * 16:50, handed to the Openkey After Hours Emergency Contact at 17:00): what its receipt says of the
 * closing, then the rule's own words (the numbers to call). Without it, "around Thu 09:20 AM" read as
 * nobody looking at a total outage before the morning. Nothing for a ticket whose times all fall before
 * the closing (it is answered in hours), nor for a page at the closing that hands nothing over (a
 * promise kept round the clock, no rule: after-hours.ts).
 */
export function closingHandOverText(
  policy: PolicyModel,
  t: Pick<TicketRow, 'plan_id' | 'severity' | 'channel' | 'handover_at' | 'handed_over_at'>,
  dueTimes: ReadonlyArray<Temporal.Instant | null>,
  readerZone: string | null,
): string[] {
  const at = t.handover_at;
  const rules = handoverRulesFor(policy, t);
  if (!at || t.handed_over_at || rules.length === 0 || !dueTimes.some((d) => d !== null && Temporal.Instant.compare(d, at) > 0)) return [];
  const calendar = policy.calendars.get(policy.plans.get(t.plan_id)!.calendar)!;
  const staff = [...new Set(rules.map((r) => r.staffed_by))].join(' and ');
  // A folded YAML description keeps a line break only between paragraphs: each goes as one.
  const words = rules.flatMap((r) => r.description.split(/\n+/).map((p) => p.replace(/\s+/g, ' ').trim())).filter((d) => d !== '');
  return [
    `If this case is still open when our ${hoursWord(policy, calendar.id)} end, ${vendorTime(at.epochMilliseconds, calendar.time_zone, readerZone)}, it goes to ${staff}.`,
    ...words,
  ];
}
