// Which targets apply to a request: the severity's targets on the plan, plus the
// after-hours targets (triage, status notification) when it arrives outside support
// hours through a channel the after-hours rule accepts. Notes name a rule by who staffs it and
// its own description, as the policy words it, never by its id; channels by their names; the
// plan's hours by the vendor's word for them (OpenKey: "regular business hours"; OpenMethods: its remediation hours by name; else "support
// hours"); a level as the vendor names it ("severity 1 (Critical)", OpenKey's "Emergency Tier 2").
import { holidaysBetween, isOpen, nextOpen, type BusinessClock } from '../calendar/index.ts';
import { afterHoursChannels, channelHoursStated, clockOf, hoursText, hoursNamed, hoursWord, requestChannelsOfKind, resolveTarget, severityPhrase, severityTargets, type PolicyModel, type Target } from '../policy/index.ts';
import { localText } from './format.ts';

/**
 * `handedOver`: the request was already open and is handed to after-hours staff at `openedAt` (support
 * closing on it, or a regrade at night): a rule that hands over tickets of any channel
 * (hand_over: any_channel) then applies whatever channel it came through.
 */
export type RequestFacts = {
  plan: string; severity: number; openedAt: number; channel?: string; handedOver?: boolean;
  /**
   * Why intake would not take it through `channel` (tickets/simulate-request.ts): the plan lacks it, or
   * it is a live one closed then; said instead of "not included" or of the channel's hours.
   */
  refused?: string;
};
export type Applicable = { targets: Target[]; notes: string[]; afterHours: boolean };

/** Finds a channel by id, or by kind ("phone") when no id matches: one a request comes in through, not one only read (OpenBack's Documentation). */
export function findChannel(policy: PolicyModel, idOrKind: string) {
  return policy.file.channels.find((c) => c.id === idOrKind) ?? requestChannelsOfKind(policy, idOrKind)[0];
}

/**
 * The channels a request may name, as findChannel finds them: every id, then the kinds no id spells
 * that find a channel a request comes in through: "support, status-page, or a kind: web" (OpenMethods).
 */
export function channelChoices(policy: PolicyModel): string {
  const ids = policy.file.channels.map((c) => c.id);
  const kinds = [...new Set(policy.file.channels.map((c) => c.kind))].filter((k) => !ids.includes(k) && requestChannelsOfKind(policy, k).length > 0);
  return `${ids.join(', ')}${kinds.length > 0 ? `, or a kind: ${kinds.join(', ')}` : ''}`;
}

/**
 * Channels as the policy names them ("Emergency phone line", not emergency-phone), joined as a person
 * would offer them: "Customer Assistance or Emergency assistance during off hours"; "A, B or C".
 */
function channelNames(policy: PolicyModel, ids: string[]): string {
  const names = ids.map((id) => policy.file.channels.find((c) => c.id === id)?.name ?? id);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names.join('');
}

/**
 * The holiday the hours close for on the day of `at`, by the name the calendar gives it (the policy's
 * own, OfficeSpace's "Christmas"; else the holiday data's, "Martin Luther King Jr. Day"): ", which are
 * closed that day for Christmas"; "" on a day that is none.
 */
function holidayClosing(clock: BusinessClock, at: number): string {
  const [holiday] = holidaysBetween(clock, at, at + 1);
  return holiday ? `, which are closed ${holiday.partial ? 'part of ' : ''}that day for ${holiday.name}` : '';
}

export function applicableTargets(policy: PolicyModel, req: RequestFacts, options: { explain?: boolean } = {}): Applicable {
  const plan = policy.plans.get(req.plan);
  const sev = policy.severities.get(req.severity);
  if (!plan) throw new Error(`unknown plan "${req.plan}" (plans: ${[...policy.plans.keys()].join(', ')})`);
  if (!sev) throw new Error(`unknown severity ${req.severity} (severities: ${[...policy.severities.keys()].join(', ')})`);
  const notes: string[] = [];
  // Wording costs more than the arithmetic: skip it when only the instants are wanted.
  const explain = options.explain !== false;
  const note = (text: () => string) => {
    if (explain) notes.push(text());
  };
  const support = clockOf(policy, plan.calendar);
  const cal = policy.calendars.get(plan.calendar)!;
  const afterHours = !isOpen(support, req.openedAt);
  const zone = cal.time_zone;
  // The plan's hours as the vendor names them: OpenKey's "regular business hours"; OpenMethods,
  // which has no support hours, only remediation hours, the hours "6am-4pm U.S. Eastern Standard Time".
  const hours = hoursNamed(policy, plan.calendar);
  const hoursOfPlan = hours.startsWith('the hours "') ? `${hours} of plan "${plan.name}"` : `the ${hours} of plan "${plan.name}" (${cal.name})`;
  const level = (id: number) => severityPhrase(policy, id);
  // "a severity 1 (Critical) request", "an Emergency Tier 2 request" (OpenKey).
  const aLevel = (id: number) => `${/^[aeiou]/i.test(level(id)) ? 'an' : 'a'} ${level(id)}`;
  note(() =>
    `Opened ${localText(req.openedAt, zone)}, ${afterHours ? 'outside' : 'within'} ${hoursOfPlan}${afterHours ? holidayClosing(support, req.openedAt) : ''}.`,
  );

  const channel = req.channel === undefined ? undefined : findChannel(policy, req.channel);
  const rules = afterHours ? (policy.file.after_hours ?? []).filter((r) => !r.plans || r.plans.includes(plan.id)) : [];
  const bySeverity = rules.filter((r) => r.severities.includes(sev.id));
  const accepted = bySeverity.filter((r) => !channel || afterHoursChannels(r).includes(channel.id) || (req.handedOver === true && r.hand_over === 'any_channel'));
  if (req.channel !== undefined) {
    if (!channel) note(() => `Channel "${req.channel}" is not one of this policy's channels.`);
    else {
      const when = plan.channels[channel.id];
      if (when === undefined) note(() => req.refused ?? `${channel.name} is not included in the ${plan.name} plan.`);
      else if (req.refused !== undefined) note(() => req.refused!);
      else if (when !== '24x7' && !isOpen(clockOf(policy, when), req.openedAt)) {
        // Closed for ordinary requests, yet an after-hours rule may take this one through it.
        const opens = () => localText(nextOpen(clockOf(policy, when), req.openedAt), zone);
        // Hours the vendor never stated for this channel (publish_hours: OpenKey's email and support
        // page) are our reading, said as ours, in the plan's hours by the vendor's word where they are
        // those ("in our regular business hours"), as a receipt says "counted in our ...": not the vendor's fact.
        const stated = channelHoursStated(channel.publish_hours, plan.id);
        const staffed = () => stated
          ? `${channel.name} is ${accepted.length > 0 ? '' : 'only '}staffed ${hoursText(policy, when)}`
          : `As we read the policy, ${channel.name} is staffed ${when === plan.calendar ? `in our ${hoursWord(policy, when)}, ` : ''}${hoursText(policy, when)}`;
        if (accepted.length > 0) {
          note(() => `${staffed()}; outside that, the after-hours support staffed by ${accepted[0].staffed_by} takes ${aLevel(sev.id)} request through it.`);
        } else note(() => `${staffed()}; it opens ${opens()}.`);
      }
    }
  }

  const targets = severityTargets(policy, plan.id, sev.id);
  if (afterHours) {
    if (accepted.length > 0) {
      for (const r of accepted) {
        note(() => `After-hours support staffed by ${r.staffed_by} applies: ${r.description.replace(/\s+/g, ' ').trim()}`);
        if (!channel) note(() => `No channel given: assumed it arrives through ${channelNames(policy, r.channels)}, as after-hours support requires.`);
        for (const metric of ['triage', 'status_notification'] as const) {
          const spec = r.targets?.[metric];
          if (spec) targets.push(resolveTarget(metric, spec, plan));
        }
      }
    } else if (bySeverity.length > 0 && channel) {
      // A request not taken through the channel (one the plan lacks: OPS-COM Standard Plus's telephone; or
      // closed then, as intake refuses it: Premium's) waits for nothing.
      const waits = plan.channels[channel.id] === undefined || req.refused !== undefined ? '' : `; through ${channel.name} it waits for ${hours}`;
      note(() => `Outside ${hours}, ${aLevel(sev.id)} request is only taken through ${channelNames(policy, [...new Set(bySeverity.flatMap((r) => afterHoursChannels(r)))])}${waits}.`);
    } else if (rules.length > 0) {
      const waits = req.refused === undefined ? `; this request waits for ${hours}` : '';
      note(() => `After-hours support covers only ${[...new Set(rules.flatMap((r) => r.severities))].sort((a, b) => a - b).map(level).join(', ')} requests${waits}.`);
    }
  }
  return { targets, notes, afterHours };
}

/**
 * The triage owed for a request of no known severity that on call was paged at its arrival to
 * triage (tickets/after-hours.ts, 'triage'), by the rules they were paged for: the first of them
 * that sets a triage time (in the policy's order), or null. OPS-COM: "Issues will be triaged within
 * 15 minutes and a status notification will be sent to you within 1 hour for Critical issues".
 */
export function arrivalTriageTarget(policy: PolicyModel, planId: string, ruleIds: readonly string[]): Target | null {
  const plan = policy.plans.get(planId);
  const spec = (policy.file.after_hours ?? []).find((r) => ruleIds.includes(r.id) && r.targets?.triage)?.targets?.triage;
  return plan && spec ? resolveTarget('triage', spec, plan) : null;
}
