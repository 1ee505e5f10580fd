// The SLA clocks of one ticket, derived from the policy and the ticket's history.
// Pure: the persisting twin (tickets/recompute-clocks.ts) loads the history, calls this
// and stores the result; the stored rows are a cache of what this function says.
//
//   first_response       starts at opening; met by the first public agent reply
//   update               starts at opening; restarts at every public agent reply (the cadence)
//   resolution           starts at opening; met when solved; a reopen resumes it
//   triage               after-hours only; met by the first agent action of any kind
//   status_notification  after-hours only; met by a public agent reply (with an ETA when required)
//
// Statuses pause metrics as the policy's `pauses` say; solved and closed stop every clock.
// A regrade or a new policy version re-projects from the same history, so time already
// used is kept: the clock still starts at opening, only the target changes.
import type { Interval } from '../calendar/index.ts';
import type { MetricId, PolicyModel, TicketStatus } from '../policy/index.ts';
import { applicableTargets } from './applicable.ts';
import { projectTarget } from './project.ts';

export type TicketHistoryEvent =
  | { type: 'status'; at: number; status: TicketStatus }
  | { type: 'public_reply'; at: number; byAgent: boolean; hasEta: boolean }
  | { type: 'agent_action'; at: number };

export type TicketFacts = {
  plan: string;
  severity: number;
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
  explain: string[];
};

const STOPPED: ReadonlySet<TicketStatus> = new Set(['solved', 'closed']);

/** Intervals during which the ticket sat in one of `statuses`; the last may be open (to = Infinity). */
function intervalsIn(events: TicketHistoryEvent[], statuses: ReadonlySet<TicketStatus>, from: number): Interval[] {
  const out: Interval[] = [];
  let openFrom: number | null = null;
  for (const e of events) {
    if (e.type !== 'status' || e.at < from) continue;
    const inside = statuses.has(e.status);
    if (inside && openFrom === null) openFrom = e.at;
    if (!inside && openFrom !== null) {
      out.push({ from: openFrom, to: e.at });
      openFrom = null;
    }
  }
  if (openFrom !== null) out.push({ from: openFrom, to: Infinity });
  return out;
}

function firstAfter(events: TicketHistoryEvent[], from: number, test: (e: TicketHistoryEvent) => boolean): number | null {
  for (const e of events) if (e.at >= from && test(e)) return e.at;
  return null;
}

export function projectClocks(policy: PolicyModel, ticket: TicketFacts): ClockProjection[] {
  const plan = policy.plans.get(ticket.plan)!;
  const zone = policy.calendars.get(plan.calendar)!.time_zone;
  const { targets } = applicableTargets(policy, { plan: ticket.plan, severity: ticket.severity, openedAt: ticket.openedAt, channel: ticket.channel }, { explain: false });
  const events = [...ticket.events].sort((a, b) => a.at - b.at);
  const agentReply = (e: TicketHistoryEvent) => e.type === 'public_reply' && e.byAgent;
  const out: ClockProjection[] = [];

  for (const target of targets) {
    if (!target.duration) continue;
    const metric = target.metric;
    let startedAt = ticket.openedAt;
    let metAt: number | null = null;
    if (metric === 'first_response') metAt = firstAfter(events, startedAt, agentReply);
    if (metric === 'triage') metAt = firstAfter(events, startedAt, (e) => e.type === 'agent_action' || agentReply(e));
    if (metric === 'status_notification') {
      metAt = firstAfter(events, startedAt, (e) => agentReply(e) && (!target.requiresEta || (e.type === 'public_reply' && e.hasEta)));
    }
    if (metric === 'update') {
      // The cadence restarts at the latest public agent reply.
      for (const e of events) if (agentReply(e)) startedAt = e.at;
    }

    const pausing = new Set<TicketStatus>([...policy.pauses].filter(([, ms]) => ms.includes(metric)).map(([s]) => s));
    const stops = intervalsIn(events, STOPPED, startedAt);
    const lastStop = stops[stops.length - 1];
    const stoppedNow = lastStop !== undefined && lastStop.to === Infinity;
    if (metric === 'resolution' && stoppedNow) metAt = lastStop.from;
    // Earlier solved periods (before a reopen) count as pauses, like waiting statuses.
    const pauses = [...intervalsIn(events, pausing, startedAt), ...stops].sort((a, b) => a.from - b.from);
    const openEnded = pauses.some((p) => p.to === Infinity);
    const closedPauses = pauses.filter((p) => p.to !== Infinity);

    const projection = projectTarget(policy, target, startedAt, closedPauses, zone, { explain: false });
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
    out.push({ metric, state, clock: projection.clock, startedAt, pauses: closedPauses, goalAt, dueAt, metAt, explain: projection.explain });
  }
  return out;
}

export type StoredClockMarks = { goalAt: number | null; dueAt: number | null; metAt: number | null; warnedAt: number | null; breachedAt: number | null };

/**
 * The signals a sweep owes a clock at `now`: a warning at the goal and a breach at the due
 * time, each once (the stored marks say what already fired), and not when the clock was met
 * in time.
 */
export function signalsOwed(c: StoredClockMarks, now: number): Array<'warning' | 'breach'> {
  const out: Array<'warning' | 'breach'> = [];
  const late = (at: number | null) => at !== null && at <= now && (c.metAt === null || c.metAt > at);
  if (c.warnedAt === null && late(c.goalAt)) out.push('warning');
  if (c.breachedAt === null && late(c.dueAt)) out.push('breach');
  return out;
}
