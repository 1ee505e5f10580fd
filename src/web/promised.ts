// What a customer is promised for a severity on its plan, in the words the published policy uses
// (policy/render's targetLabel, targetCell and remediationText): the same text /policy shows, never re-worded;
// and what the new-case form says while the plan's support is closed (closedNow), as a waiting request is told it.
import { isOpen, nextOpen } from '../calendar/index.ts';
import {
  caseTargets, clockOf, holidayClosedOn, hoursNamed, hoursWord, portalChannel, promisedTimes as promisedLines, severityName, severityPublished, wordsGiveAddresses,
  type Hedge, type PolicyModel, type PromisedLine,
} from '../policy/index.ts';
import { targetLabel } from '../policy/render/index.ts';
import { applicableTargets } from '../sla/index.ts';
import {
  afterHoursElsewhere, answeredNowText, resumesOutOfHoursText, resumption, ruleParagraphs, rulesThroughChannel, staffedHours, takenForLater,
  type ClockView,
} from '../tickets/index.ts';

// The list itself is the policy's (policy/render/severities.ts): the receipt says the same.
export { promisedTimes } from '../policy/index.ts';
export type Promise = PromisedLine;

// The hedged times of a case by metric (policy/hedges.ts): the portal's clocks say "aimed for" or
// "around" them, not "Due", as the receipt does (tickets/customer-mail.ts) and the API's clocks do to a contact.
export { hedgesOf, type Hedge } from '../policy/index.ts';

/**
 * How the policy hedges a ticket's next time (the queue's, list-queue.ts nextDue): the hedge of its
 * clocks still owed and due then; null (a firm time) when one of them is firm, as a deadline then stands.
 * A clock still owed is running, or past its time and recorded so by the sweep (breached to the desk,
 * passed to a contact: still running in sla_clocks, and still the queue's next time), neither met nor
 * ended: a goal stays a goal once it has passed.
 */
export function hedgeAt(clocks: readonly ClockView[], due: Temporal.Instant | null): Hedge | null {
  if (!due) return null;
  const owed = (c: ClockView) => ['running', 'breached', 'passed'].includes(c.state) && c.metAt === null && c.endedAt === null;
  const then = clocks.filter((c) => owed(c) && c.due !== null && Temporal.Instant.compare(c.due, due) === 0);
  return then.length && then.every((c) => c.hedge !== null) ? then[0].hedge : null;
}

/**
 * A case's targets by the names the published policy gives them, by metric: the vendor's label
 * (OfficeSpace's "Response Goal", OpenMethods' "Response time"), else the page's title for it
 * (OpenBack's "Initial Response Time"): the customer's clocks name them so, not "First response".
 */
export function targetNamesOf(policy: PolicyModel, planId: string, severityId: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of caseTargets(policy, planId, severityId)) out[t.metric] ??= targetLabel(t.label === null ? undefined : { label: t.label }, t.metric);
  return out;
}

/** A severity's definition as one paragraph or a list, as the policy file states it. */
export function definitionOf(policy: PolicyModel, severityId: number): string[] {
  const d = policy.severities.get(severityId)?.definition;
  return d === undefined ? [] : Array.isArray(d) ? d : [d.replace(/\s+/g, ' ').trim()];
}

/** A severity's examples and details, as the policy lists them (the published policy shows them under its definition). */
export function examplesOf(policy: PolicyModel, severityId: number): { examples: string[]; details: string[] } {
  const s = policy.severities.get(severityId);
  return { examples: s?.examples ?? [], details: s?.details ?? [] };
}

/**
 * `outside`: the heading, outside the plan's hours by the vendor's word for them ("Outside regular
 * business hours": OpenKey). `channels`: null where the rule's own words already give each
 * channel's address (OpenKey's two numbers), which a list beside them would say twice.
 */
export type AfterHours = { outside: string; paragraphs: string[]; channels: string | null };

/**
 * What the policy says of support outside the support hours for a severity on a plan (its
 * after_hours rules): the vendor's own words and the channels it names (with their addresses; an
 * email channel without one, the desk's support address), so a customer
 * with an emergency at night learns, where they open the case, which line answers then.
 */
export function afterHoursOf(policy: PolicyModel, planId: string, severityId: number, supportAddress: string | null = null): AfterHours[] {
  const f = policy.file;
  const calendar = policy.plans.get(planId)?.calendar;
  const outside = `Outside ${calendar ? hoursWord(policy, calendar) : 'support hours'}`;
  return (f.after_hours ?? [])
    .filter((r) => r.severities.includes(severityId) && (!r.plans || r.plans.includes(planId)))
    .map((r) => {
      const paragraphs = r.description.split(/\n+/).map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p !== '');
      const named = r.channels.map((id) => f.channels.find((x) => x.id === id)).filter((c) => c !== undefined);
      return { outside, paragraphs, channels: wordsGiveAddresses(paragraphs.join(' '), named) ? null : channelList(r.channels) };
    });

  // Not those it also takes on a reading (also_through): enforced, not published, as on the policy page.
  function channelList(ids: string[]): string {
    return ids.map((id) => {
      const c = f.channels.find((x) => x.id === id);
      // An email channel the policy gives no address is the desk's own support address (OPS-COM: "provided by email").
      const address = c?.address ?? (c?.kind === 'email' ? supportAddress : null);
      return c ? (address ? `${c.name} (${address})` : c.name) : id;
    }).join('; ');
  }
}

/**
 * Whether the policy ever promises the customer an estimated time to resolution: a target that
 * requires one (OPS-COM's after-hours status notification, "This notification will include an
 * estimated time to resolution") or an escalation level that does (OPS-COM: "The client will be
 * advised on estimated time to resolution"). Where none does (OfficeSpace), the case page shows no
 * "Estimated resolution — Not given yet": that would hint at a promise the vendor never made.
 */
export function promisesEta(policy: PolicyModel): boolean {
  const f = policy.file;
  const specs = [
    ...f.severities.flatMap((s) => Object.values(s.targets ?? {}).flatMap((byPlan) => Object.values(byPlan ?? {}))),
    ...(f.after_hours ?? []).flatMap((r) => Object.values(r.targets ?? {})),
  ];
  return specs.some((s) => s?.requires_eta === true) || (f.escalation?.levels ?? []).some((l) => l.requires_eta === true);
}

/**
 * What the new-case form says at its top while the plan's support hours are closed, from the
 * policy's facts and in its words, as the acknowledgement of a request that waits says them
 * (tickets/after-hours.ts arrivalOf; the receipt came too late: QA, OPS-COM at 02:37). Null while
 * they are open. Instants, for the page to give in the reader's zone:
 * - `hours`: the plan's hours by the vendor's word for them (OpenKey's "regular business hours";
 *   OpenMethods' are its remediation work's, never called support hours: by their name, hoursNamed);
 *   `holiday`: the day's whole-day holiday they close on, by the policy's name where it publishes
 *   its holidays (OfficeSpace's "Christmas"; not OpenBack's "certain ... holidays"); `opens`: when they open.
 * - `resumes`: when work on a case filed now through the portal's channel resumes (resumption:
 *   OpenBack's email from 6pm, before its hours open on Monday); null when someone works it now.
 *   `why`: why then, in the vendor's words on the channel. `unless`: the levels that do not wait, as a
 *   closed channel's refusal says them (closed-channel-words.ts): those after-hours support takes
 *   through this channel, and those whose time runs round the clock (OpenBack's Severity 1:
 *   "6 hours, 24x7"; OpenMethods' System Outage), each with what the policy says of it (`roundTheClock`).
 * - `paragraphs`: the plan's channels answered now (OpenBack's night email), and the after-hours
 *   rules: those taking cases here in their own words; the others, what they take through which
 *   channel with its address (OPS-COM's critical issues by email, OpenKey's emergency lines), as the
 *   receipt of a request that waits gives them (afterHoursElsewhere).
 * `withSla`: false where support does not cover the organization now: its cases carry no times.
 */
export type ClosedNow = {
  hours: string; holiday: string | null; opens: Temporal.Instant | null;
  resumes: Temporal.Instant | null; why: string | null; unless: string;
  roundTheClock: Array<{ name: string; promised: PromisedLine[] }>; paragraphs: string[];
};

export function closedNow(
  policy: PolicyModel, planId: string, now: Temporal.Instant, options: { withSla: boolean; supportAddress?: string | null; readerZone?: string | null },
): ClosedNow | null {
  const plan = policy.plans.get(planId);
  if (!plan) return null;
  const at = now.epochMilliseconds;
  const support = clockOf(policy, plan.calendar);
  if (isOpen(support, at)) return null;
  const named = hoursNamed(policy, plan.calendar);
  const holiday = holidayClosedOn(policy, plan.calendar, at);
  const opening = nextOpen(support, at);
  const channel = portalChannel(policy, planId);
  const t = { plan_id: planId, channel: channel?.id ?? '' };
  // The channel's own hours may be open while the plan's are not (OpenBack's night email): worked now.
  const work = channel ? resumption(policy, t, at) : null;
  const waits = work !== null && work.at > at;
  // Through the portal's channel, as a case filed now would be taken (arrivalOf): by a rule, or running now.
  const through = options.withSla && waits ? rulesThroughChannel(policy, t) : [];
  const taken = [...new Set(through.flatMap((r) => r.severities))].filter((id) => severityPublished(policy, id));
  const runsNow = (id: number) => applicableTargets(policy, { plan: planId, severity: id, openedAt: at, channel: t.channel }, { explain: false })
    .targets.some((x) => x.duration !== null && isOpen(clockOf(policy, x.clockId), at));
  const running = options.withSla && waits ? [...policy.severities.keys()].filter((id) => severityPublished(policy, id) && !taken.includes(id) && runsNow(id)) : [];
  // The levels that do not wait, as a closed channel's refusal says them (one wording: closed-channel-words.ts).
  const unless = options.withSla && waits && channel ? takenForLater(policy, planId, [channel], at, options.readerZone ?? null)[0]?.unless ?? '' : '';
  // Every channel of the plan answered now, the portal's own too (none is left out: no channel given).
  const answered = answeredNowText(policy, { plan_id: planId, channel: '' }, at);
  const elsewhere = options.withSla ? afterHoursElsewhere(policy, t, options.supportAddress ?? undefined) : null;
  return {
    hours: named.startsWith('the hours "') ? named : `our ${named}`,
    holiday,
    opens: Number.isFinite(opening) ? Temporal.Instant.fromEpochMilliseconds(opening) : null,
    resumes: waits ? Temporal.Instant.fromEpochMilliseconds(work.at) : null,
    why: waits ? resumesOutOfHoursText(policy, t, staffedHours(policy, t), work.at) : null,
    unless,
    roundTheClock: running.map((id) => ({ name: severityName(policy, id), promised: promisedLines(policy, planId, id) })),
    paragraphs: [
      ...through.flatMap(ruleParagraphs),
      ...(answered ? answered.split('\n\n') : []),
      ...(elsewhere ? elsewhere.split('\n\n') : []),
    ],
  };
}
