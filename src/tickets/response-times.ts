// How long the team took to meet its targets, for managers: per metric (first response,
// resolution) and plan, of the tickets opened in the report's window whose clock was met (on time
// or late), the time the clock counted: the business time of the target's own clock (the plan's
// support hours, or 24x7 where the policy says so, an after-hours rule included), its pauses left
// out, as the deadline was worked out. Said as "half within" (the median, the lower of the middle
// two) and "9 in 10 within" (the 90th percentile, nearest rank). Clocks never met are not in it:
// attainment (sla-attainment.ts) counts those.
import { businessTimeBetween, type Interval } from '../calendar/index.ts';
import type { Ctx } from '../platform/index.ts';
import type { PolicyModel } from '../policy/index.ts';
import { applicableTargets } from '../sla/index.ts';
import { CLOCK_SEVERITY, reportWindow, type SlaAttainmentInput } from './sla-attainment.ts';

/** The metrics a time to meet says something of (an update or notification clock restarts each time). */
export const TIMED_METRICS = ['first_response', 'resolution'] as const;

export type ResponseTimeRow = { metric: (typeof TIMED_METRICS)[number]; plan: string; met: number; halfWithinMs: number; nineInTenWithinMs: number };

type MetClock = {
  metric: (typeof TIMED_METRICS)[number]; started_at: Temporal.Instant; met_at: Temporal.Instant; paused_intervals: Array<{ from: string; to: string | null }>;
  policy_version: number; plan_id: string; severity: number; channel: string; created_at: Temporal.Instant;
};

/** The value at rank ceil(share * n) of the sorted values (nearest rank). */
function nearestRank(sorted: number[], share: number): number {
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)];
}

/**
 * The times to meet in the window, per metric and plan (`policyOf`: the policy a clock was worked
 * out under, by its version); managers and admins only.
 */
export async function responseTimes({ ctx, input, policyOf }: { ctx: Ctx; input: SlaAttainmentInput; policyOf: (version: number) => Promise<PolicyModel> }): Promise<ResponseTimeRow[]> {
  const w = reportWindow(ctx, input);
  const { rows } = await ctx.db.query<MetClock>(
    `SELECT c.metric, c.started_at, c.met_at, c.paused_intervals, c.policy_version, t.plan_id, ${CLOCK_SEVERITY} AS severity, t.channel, t.created_at
     FROM sla_clocks c JOIN tickets t ON t.id = c.ticket_id
     WHERE c.state <> 'cancelled' AND c.met_at IS NOT NULL AND c.metric = ANY($3::text[]) AND t.created_at >= $1 AND t.created_at < $2`,
    [w.from, w.to, [...TIMED_METRICS]],
  );
  const models = new Map<number, Promise<PolicyModel>>();
  const times = new Map<string, number[]>();
  for (const r of rows) {
    if (!models.has(r.policy_version)) models.set(r.policy_version, policyOf(r.policy_version));
    const policy = await models.get(r.policy_version)!;
    let clockId: string | undefined;
    // No `handedOver` (handed to on call after opening): it only lets an after-hours rule add its
    // triage and status notification (the only targets a rule sets), never counted here (TIMED_METRICS).
    try {
      clockId = applicableTargets(policy, { plan: r.plan_id, severity: Number(r.severity), openedAt: r.created_at.epochMilliseconds, channel: r.channel }, { explain: false })
        .targets.find((t) => t.metric === r.metric)?.clockId;
    } catch {
      // The plan or severity is no longer in the policy it was worked out under: nothing to count it on.
    }
    const clock = clockId ? policy.clocks.get(clockId) : undefined;
    if (!clock) continue;
    const pauses: Interval[] = r.paused_intervals.map((p) => ({ from: Date.parse(p.from), to: p.to === null ? r.met_at.epochMilliseconds : Date.parse(p.to) }));
    const key = `${r.metric}\u0000${r.plan_id}`;
    const list = times.get(key) ?? [];
    list.push(businessTimeBetween(clock, r.started_at.epochMilliseconds, r.met_at.epochMilliseconds, pauses));
    times.set(key, list);
  }
  return [...times.entries()].map(([key, list]) => {
    const [metric, plan] = key.split('\u0000') as [ResponseTimeRow['metric'], string];
    const sorted = [...list].sort((a, b) => a - b);
    return { metric, plan, met: sorted.length, halfWithinMs: nearestRank(sorted, 0.5), nineInTenWithinMs: nearestRank(sorted, 0.9) };
  }).sort((a, b) => TIMED_METRICS.indexOf(a.metric) - TIMED_METRICS.indexOf(b.metric) || a.plan.localeCompare(b.plan));
}
