// `accord sla simulate` (and POST /api/v1/sla/simulate): every target that applies to a
// hypothetical request, with due instants and the explanation of how each was reached.
//
// A simulated pause is time the request waits in a status the policy's `pauses` rules name;
// like a ticket's status, it stops only the metrics those rules list. `pauseStatus` picks one
// rule; without it a pause stops the metrics of every rule. A metric no rule names keeps
// running through the pause, and its explanation says so.
import { clockOf, HEDGE_TEAM_WORDS, METRIC_NAMES, STATUS_NAMES, type MetricId, type PolicyModel, type TicketStatus } from '../policy/index.ts';
import type { Interval } from '../calendar/index.ts';
import { applicableTargets, type RequestFacts } from './applicable.ts';
import { isoUtc, localText } from './format.ts';
import { projectTarget } from './project.ts';

export type SimulatedTarget = { metric: string; due: string; goal: string | null; clock: string; explain: string[] };
/** `refusal`: a request intake would not take (`refused`: a channel the plan lacks), whose targets are none. */
export type Simulation = { targets: SimulatedTarget[]; notes: string[]; unmeasured: Array<{ metric: string; note: string }>; refusal: string | null };
export type SimulationRequest = RequestFacts & {
  /** Intervals the request waits in a pausing status. */
  pauses?: Interval[];
  /** The status it waits in; absent: any status the policy's pause rules name. */
  pauseStatus?: TicketStatus;
};

/** The statuses that would pause a metric, given the simulated status (if any). */
function pausingStatuses(policy: PolicyModel, metric: MetricId, status: TicketStatus | undefined): TicketStatus[] {
  return [...policy.pauses].filter(([s, metrics]) => (status === undefined || s === status) && metrics.includes(metric)).map(([s]) => s);
}

/** "Waiting on customer", "Update and Resolution": statuses and metrics as the pages name them. */
const statusText = (s: TicketStatus) => STATUS_NAMES[s] ?? s;
const metricsText = (metrics: readonly MetricId[]) => {
  const names = metrics.map((m) => METRIC_NAMES[m] ?? m);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names.join('');
};

function rulesText(policy: PolicyModel): string {
  return [...policy.pauses].map(([s, metrics]) => `${statusText(s)} stops ${metricsText(metrics)}`).join('; ');
}

/** Why a simulated pause does not stop this metric. */
function notPausedReason(policy: PolicyModel, metric: MetricId, status: TicketStatus | undefined): string {
  if (policy.pauses.size === 0) return 'this policy has no pause rules';
  if (status !== undefined) {
    const stops = policy.pauses.get(status);
    if (stops) return `${statusText(status)} stops only ${metricsText(stops)}`;
    return `this policy has no pause rule for ${statusText(status)} (${rulesText(policy)})`;
  }
  return `no pause rule of this policy names ${METRIC_NAMES[metric] ?? metric} (${rulesText(policy)})`;
}

export function simulateSla(policy: PolicyModel, req: SimulationRequest): Simulation {
  const { targets, notes } = applicableTargets(policy, req);
  // Not taken, it has no clock: no target is shown as if it were (OpenBack's Growth by phone).
  if (req.refused !== undefined) return { targets: [], notes, unmeasured: [], refusal: req.refused };
  const plan = policy.plans.get(req.plan)!;
  const zone = policy.calendars.get(plan.calendar)!.time_zone;
  const requested = req.pauses ?? [];
  const out: SimulatedTarget[] = [];
  const unmeasured: Simulation['unmeasured'] = [];
  for (const t of targets) {
    if (!t.duration) {
      unmeasured.push({ metric: t.metric, note: t.note ?? '' });
      continue;
    }
    clockOf(policy, t.clockId);
    const statuses = pausingStatuses(policy, t.metric, req.pauseStatus);
    const pauses = statuses.length > 0 ? requested : [];
    const p = projectTarget(policy, t, req.openedAt, pauses, zone, { hours: plan.calendar });
    const explain = [...notes, ...p.explain];
    if (requested.length > 0 && statuses.length > 0) {
      explain.push(`Pauses stop this clock: ${statuses.map(statusText).join(' or ')} stops ${METRIC_NAMES[t.metric] ?? t.metric} under this policy.`);
    }
    if (requested.length > 0 && statuses.length === 0) {
      const reason = notPausedReason(policy, t.metric, req.pauseStatus);
      for (const i of requested) {
        explain.push(`Not paused ${localText(i.from, zone)} to ${localText(i.to, zone)}: ${reason}; this clock keeps running.`);
      }
    }
    if (t.approximate) explain.push(`The policy publishes this target as approximate; it is measured as exactly ${t.duration.text}.`);
    // Missing a goal is no breach (OfficeSpace's "Response Goal"): what the desk does then, as the agent's clocks say it.
    if (t.goal) explain.push(`The policy calls this target a goal; it is measured as exactly ${t.duration.text} (${HEDGE_TEAM_WORDS.goal}).`);
    if (t.note) explain.push(`Policy note: ${t.note.replace(/\s+/g, ' ').trim()}`);
    if (t.requiresEta) explain.push('This notification must include an estimated time to resolution.');
    out.push({ metric: p.metric, due: isoUtc(p.due), goal: p.goal === null ? null : isoUtc(p.goal), clock: p.clock, explain });
  }
  return { targets: out, notes, unmeasured, refusal: null };
}
