// The SLA clocks of one ticket, derived from the policy and the ticket's history.
// Pure: the persisting twin (tickets/recompute-clocks.ts) loads the history, calls this
// and stores the result; the stored rows are a cache of what this function says.
//
//   first_response       starts at opening; met by the first public agent reply
//   update               starts at opening (or at the regrade that gave the ticket a cadence);
//                        restarts at every public agent reply, and at the due time of an update
//                        missed (its breach recorded): each cycle of the cadence is owed on its own
//   resolution           starts at opening; met when solved; a reopen resumes it
//   triage               after-hours only; met by the first agent action of any kind (or public reply)
//   status_notification  after-hours only; met by a public agent reply (with an ETA when required)
//
// After hours means: opened while the plan's support is closed with a severity the rule takes,
// or handed to on-call later (a `handover` event: support closed on an open ticket the rule
// takes, or one regraded into the rule while support was closed): the after-hours rule's clocks
// then start at the hand-over, as if the request had arrived at that instant. A request that
// arrived at night as something the rule does not take, and was regraded into it later, is not
// owed its triage from its arrival: nobody was told of it then. One that arrived at night saying
// no severity, through a channel the rule takes (a mail), on call was told of: its triage is owed
// from its arrival (a `paged_to_triage` event), the status notification only once it is critical.
//
// Statuses pause metrics as the policy's `pauses` say; solved and closed stop every clock.
// A regrade or a new policy version re-projects from the same history, so time already
// used is kept: the clock still starts at opening, only the target changes; except a regrade
// to a stricter time before it was met, owed from the regrade (regrade-start.ts). The update
// cadence is owed only from when the ticket had one (nothing was due before it).
import type { Interval } from '../calendar/index.ts';
import { severityTargets, type MetricId, type PolicyModel, type Target, type TicketStatus } from '../policy/index.ts';
import { applicableTargets, arrivalTriageTarget } from './applicable.ts';
import { isoUtc, localText } from './format.ts';
import { projectTarget } from './project.ts';
import { firstAfter, intervalsIn, type TicketHistoryEvent } from './history.ts';
import { regradeStart } from './regrade-start.ts';

export type { TicketHistoryEvent } from './history.ts';

export type TicketFacts = {
  plan: string;
  severity: number;
  /** The severity it arrived with, when a regrade changed it since (absent: `severity`). */
  openedSeverity?: number;
  /**
   * Whether an after-hours rule took it as it arrived (a stored ticket: on-call had it from its
   * arrival, handed_over_at). Absent (a request simulated): whether the rule takes it as it is.
   */
  takenAtArrival?: boolean;
  channel: string;
  openedAt: number;
  /** Oldest first. */
  events: TicketHistoryEvent[];
};

export type ClockState = 'running' | 'paused' | 'met' | 'stopped';

export type ClockProjection = {
  metric: MetricId;
  state: ClockState;
  clock: string;
  startedAt: number;
  pauses: Interval[];
  goalAt: number | null;
  dueAt: number | null;
  metAt: number | null;
  /** When the assignee is reminded that an update is due soon (update cadences and status notifications). */
  remindAt: number | null;
  explain: string[];
  /**
   * Lines of the explanation only the desk reads (when the team is reminded of an update owed):
   * how the team keeps its time is no promise to the customer, who is not shown them (tickets/view.ts).
   */
  deskExplain?: string[];
  /** The severity whose time it is owed by, when not the ticket's (regrade-start.ts: an earlier, shorter time kept). */ severity?: number;
};

// A reminder before a status update falls due: 15 minutes ahead, or a quarter of the cadence
// when it is shorter than an hour, so a 60-minute cadence reminds at 45 minutes and never
// before the cadence has started.
const REMINDER_LEAD_MS = 15 * 60_000;

function reminderFor(startedAt: number, dueAt: number | null): number | null {
  if (dueAt === null) return null;
  return dueAt - Math.min(REMINDER_LEAD_MS, Math.floor((dueAt - startedAt) / 4));
}

const STOPPED: ReadonlySet<TicketStatus> = new Set(['solved', 'closed']);

/**
 * The after-hours promises (OPS-COM's triage and status notification): owed from the hand-over to
 * on call, and, missed, heard of by the people paged and the managers (tickets/sweep.ts).
 */
export const AFTER_HOURS_METRICS: ReadonlySet<string> = new Set<MetricId>(['triage', 'status_notification']);

/**
 * When the update cadence became owed: at the opening when the severity it arrived with has one,
 * else at the latest regrade from a severity without one into one with it (OpenMethods: a
 * Severity 2 regraded to 1 at 13:00 owes its first update at 14:00, not for the hours before).
 */
function cadenceOwedSince(policy: PolicyModel, ticket: TicketFacts, events: TicketHistoryEvent[]): number {
  // A severity the policy no longer has (a later version dropped it) has no cadence.
  const hasCadence = (severity: number) => severityTargets(policy, ticket.plan, severity).some((t) => t.metric === 'update' && t.duration !== null);
  let owed = hasCadence(ticket.openedSeverity ?? ticket.severity);
  let since = ticket.openedAt;
  for (const e of events) {
    if (e.type !== 'regraded') continue;
    const now = hasCadence(e.to);
    if (now && !owed) since = e.at;
    owed = now;
  }
  return since;
}

/** The targets that apply, each with the instant its clock starts (the opening, or the hand-over). */
function startingTargets(policy: PolicyModel, ticket: TicketFacts, events: TicketHistoryEvent[]): Array<{ target: Target; from: number; handedOver?: true }> {
  const facts = { plan: ticket.plan, severity: ticket.severity, channel: ticket.channel };
  // Taken at its arrival, it was handed over then (an OPS-COM critical call an agent logged at night: after-hours.ts).
  const opened = applicableTargets(policy, { ...facts, openedAt: ticket.openedAt, handedOver: ticket.takenAtArrival === true }, { explain: false });
  // The after-hours rule's clocks run from the arrival only if it took the ticket then, as the
  // ticket's history says (not as the rule or the severity read now would: one regraded into it,
  // or a policy version that widened it, is handed over later, and owes nothing from before).
  const tookAtArrival = opened.afterHours && (ticket.takenAtArrival ?? true);
  const out: Array<{ target: Target; from: number; handedOver?: true }> = opened.targets
    .filter((target) => tookAtArrival || !AFTER_HOURS_METRICS.has(target.metric)).map((target) => ({ target, from: ticket.openedAt }));
  const handover = events.find((e) => e.type === 'handover');
  if (!tookAtArrival && handover) {
    // The after-hours rule as it stands at the hand-over (the severity or channel may not qualify;
    // a rule handing over tickets of any channel takes it through any: OPS-COM's 16:55 online ticket).
    // Handed over on the customer's mail: the rule took it through the mail's channel.
    const at = applicableTargets(policy, { ...facts, channel: handover.channel ?? facts.channel, openedAt: handover.at, handedOver: true }, { explain: false });
    for (const target of at.targets) if (AFTER_HOURS_METRICS.has(target.metric)) out.push({ target, from: handover.at, handedOver: true });
  }
  // A request that arrived at night saying no severity (a mail answers none of the case form's
  // questions), which on call was paged to triage: OPS-COM's "Issues will be triaged within 15
  // minutes and a status notification will be sent to you within 1 hour for Critical issues" is read
  // as triage owed of every issue brought to after-hours support (triage is what tells whether it is
  // critical), the status notification only of a critical one. So its triage is owed from its
  // arrival, on the rule's terms, whatever it is graded after; the rule's own triage, when it runs
  // (regraded critical and handed over: owed from then, or from the arrival), is that promise.
  const paged = events.find((e) => e.type === 'paged_to_triage');
  const triage = paged && !out.some((x) => x.target.metric === 'triage') ? arrivalTriageTarget(policy, ticket.plan, paged.rules) : null;
  if (triage) out.push({ target: triage, from: ticket.openedAt });
  return out;
}

function pausingStatuses(policy: PolicyModel, metric: MetricId): Set<TicketStatus> {
  return new Set<TicketStatus>([...policy.pauses].filter(([, ms]) => ms.includes(metric)).map(([s]) => s));
}

/** The due time of a cycle of the cadence started at `start`, with the pauses in it up to `by`. */
function cycleDue(policy: PolicyModel, target: Target, events: TicketHistoryEvent[], start: number, by: number, zone: string): number {
  const pauses = [...intervalsIn(events, pausingStatuses(policy, target.metric), start), ...intervalsIn(events, STOPPED, start)]
    .filter((p) => p.from < by)
    .map((p) => ({ from: p.from, to: Math.min(p.to, by) }))
    .sort((a, b) => a.from - b.from);
  return projectTarget(policy, target, start, pauses, zone, { explain: false }).due;
}

/**
 * Projects every clock of a ticket. `explain: true` adds the plain-language explanation of each
 * deadline (what a reader of one ticket sees); the stored clocks skip the wording.
 */
export function projectClocks(policy: PolicyModel, ticket: TicketFacts, options: { explain?: boolean } = {}): ClockProjection[] {
  const plan = policy.plans.get(ticket.plan)!;
  const zone = policy.calendars.get(plan.calendar)!.time_zone;
  const events = [...ticket.events].sort((a, b) => a.at - b.at);
  const agentReply = (e: TicketHistoryEvent) => e.type === 'public_reply' && e.byAgent;
  const out: ClockProjection[] = [];

  const regrades = events.flatMap((e) => (e.type === 'regraded' ? [{ at: e.at, to: e.to }] : []));
  const regradeFacts = { plan: ticket.plan, openedSeverity: ticket.openedSeverity ?? ticket.severity, openedAt: ticket.openedAt, regrades };

  for (const { target: given, from, handedOver } of startingTargets(policy, ticket, events)) {
    if (!given.duration) continue;
    let target = given;
    const metric = target.metric;
    let startedAt = from;
    let metAt: number | null = null;
    if (metric === 'first_response') metAt = firstAfter(events, startedAt, agentReply);
    // Regraded before it was met: owed from the regrade when it made the time stricter, else from
    // the opening (regrade-start.ts: "a change in the disposition of the incident").
    let [regradeNote, owedUnder]: [string | null, number | undefined] = [null, undefined];
    if (from === ticket.openedAt && regrades.length > 0) {
      const r = regradeStart(policy, regradeFacts, target, metAt ?? Infinity, zone);
      ({ target, startedAt, note: regradeNote, severity: owedUnder } = r);
    }
    if (metric === 'triage') metAt = firstAfter(events, startedAt, (e) => e.type === 'agent_action' || agentReply(e));
    if (metric === 'status_notification') {
      metAt = firstAfter(events, startedAt, (e) => agentReply(e) && (!target.requiresEta || (e.type === 'public_reply' && e.hasEta)));
    }
    if (metric === 'update') {
      // Owed from when the severity came to have a cadence (the opening, or a regrade into one:
      // nothing was owed before it), then restarted at the latest public agent reply. An update
      // missed ends its cycle too: "status update once every 60 minutes" (OpenMethods' System
      // Outage) owes one each hour, so after the one due at 10:00 is missed the next is due at
      // 11:00, missed or not on its own, not never again until someone replies.
      startedAt = cadenceOwedSince(policy, ticket, events);
      let startWritten = -Infinity; // where in the order of writes the reply it runs from was written
      for (const e of events) {
        if (e.at <= startedAt) continue;
        // A miss recorded before the (mailed) reply the cycle runs from was read: not of this cycle, not due then.
        const unknownThen = e.type === 'update_missed' && e.written !== undefined && startWritten > e.written;
        if (unknownThen && cycleDue(policy, target, events, startedAt, e.at, zone) > e.at) continue;
        if (e.type === 'update_missed') [startedAt, startWritten] = [e.at, -Infinity];
        else if (agentReply(e)) {
          // An update given after its cycle's due time, before the sweep recorded the miss (it had
          // not come round, or held the breach for mail still to be read): that cycle was met late,
          // and its breach is owed. Once the sweep records it, the next cycle runs from this reply.
          if (cycleDue(policy, target, events, startedAt, e.at, zone) < e.at) {
            metAt = e.at;
            break;
          }
          [startedAt, startWritten] = [e.at, e.type === 'public_reply' ? (e.written ?? -Infinity) : -Infinity];
        }
      }
    }

    const pausing = pausingStatuses(policy, metric);
    const stops = intervalsIn(events, STOPPED, startedAt);
    const lastStop = stops[stops.length - 1];
    const stoppedNow = lastStop !== undefined && lastStop.to === Infinity;
    if (metric === 'resolution' && stoppedNow) metAt = lastStop.from;
    // Earlier solved periods (before a reopen) count as pauses, like waiting statuses.
    const pauses = [...intervalsIn(events, pausing, startedAt), ...stops].sort((a, b) => a.from - b.from);
    const openEnded = pauses.some((p) => p.to === Infinity);
    // A clock met is decided: a pause after it (solved, then reopened) cannot move the time it was owed
    // by (OfficeSpace: a Response Goal answered at 10:30, the case solved and reopened the next day).
    const closedPauses = pauses.filter((p) => p.to !== Infinity && (metAt === null || p.from < metAt))
      .map((p) => (metAt !== null && p.to > metAt ? { from: p.from, to: metAt } : p));

    const projection = projectTarget(policy, target, startedAt, closedPauses, zone, { explain: options.explain === true, hours: plan.calendar });
    let state: ClockState = 'running';
    let dueAt: number | null = projection.due;
    let goalAt: number | null = projection.goal;
    if (metAt !== null) state = 'met';
    else if (stoppedNow) state = 'stopped';
    else if (openEnded) state = 'paused';
    if (openEnded && metAt === null) {
      // While paused the deadline is unknown (it moves with every paused minute), unless it
      // had already passed when the pause began: then the breach stands and must be recorded.
      const pausedFrom = pauses.find((p) => p.to === Infinity)!.from;
      if (dueAt > pausedFrom) dueAt = null;
      if (goalAt !== null && goalAt > pausedFrom) goalAt = null;
    }
    // Updates the customer is owed on a schedule (a cadence, OPS-COM's status notification with its
    // ETA) are reminded of before they fall due: a reply is all they need, easily forgotten.
    const remindAt = (metric === 'update' || metric === 'status_notification') && state === 'running' ? reminderFor(startedAt, dueAt) : null;
    const explain = projection.explain;
    if (regradeNote !== null && options.explain === true) explain.unshift(regradeNote);
    // From when on call had it, not from the opening (OPS-COM's 16:55 online ticket: from 17:00).
    if (handedOver && options.explain === true) explain.unshift(`Handed to after-hours support ${localText(from, zone)}: the time runs from then.`);
    // Stopped by solving or closing before it was met: its due time no longer reads as a deadline
    // ("breached after that" beside a Due of "—"); stopped after it, the due time stays, as the breach does.
    if (state === 'stopped' && options.explain === true) {
      if (dueAt === null || lastStop.from < dueAt) explain.pop();
      explain.push(`Stopped ${localText(lastStop.from, zone)} = ${isoUtc(lastStop.from)}, when the request was solved or closed: nothing is owed while it stays so.`);
    }
    const owed = metric === 'update' ? 'the update' : 'the status notification';
    const deskExplain = remindAt !== null && options.explain === true ? [`The support team is reminded ${localText(remindAt, zone)} = ${isoUtc(remindAt)}, before ${owed} falls due.`] : [];
    out.push({ metric, state, clock: projection.clock, startedAt, pauses: closedPauses, goalAt, dueAt, metAt, remindAt, explain, deskExplain, ...(owedUnder === undefined ? {} : { severity: owedUnder }) });
  }
  return out;
}

// What a stored clock owes the sweep (a reminder, a warning, a breach) is decided in SQL, once:
// src/tickets/owed.ts.
