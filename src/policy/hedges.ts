// How the policy hedges a target's time: given approximately (OpenKey: "a response time of
// approximately 30 minutes"), or called a goal (OfficeSpace: "Response Goal: 2 Hours"). The engine
// measures either exactly; what a customer is told of it is the time aimed for, never a deadline
// breached after it (the receipt, the portal's clocks, the API's clocks to a contact).
import { resolveTarget, severityTargets, type PolicyModel, type Target } from './model.ts';
import type { MetricId } from './schema.ts';

export type Hedge = 'approximate' | 'goal';

/**
 * What the team reads beside a hedged time (the agent's clocks and queue: web/format.ts HEDGE_WORDS; the
 * simulator: sla/simulate.ts): measured all the same, its passing alerts the team, and is no breach of a deadline.
 */
export const HEDGE_TEAM_WORDS: Record<Hedge, string> = {
  approximate: 'approximately, as the policy says: the team is alerted if it passes',
  goal: 'a goal, not a deadline: the team is alerted if it passes',
};

/** A case's targets on its plan and severity: its severity's, and those of the after-hours rules that may apply to it. */
export function caseTargets(policy: PolicyModel, planId: string, severityId: number): Target[] {
  const plan = policy.plans.get(planId);
  if (!plan) return [];
  const afterHours = (policy.file.after_hours ?? [])
    .filter((r) => r.severities.includes(severityId) && (!r.plans || r.plans.includes(planId)))
    .flatMap((r) => Object.entries(r.targets ?? {}).flatMap(([m, spec]) => (spec ? [resolveTarget(m as MetricId, spec, plan)] : [])));
  return [...severityTargets(policy, planId, severityId), ...afterHours];
}

/**
 * The hedged times of a case on its plan and severity, by metric: its severity's targets and the
 * after-hours rules' that may apply (triage and status notification come from those alone). A
 * metric absent is a firm time.
 */
export function hedgesOf(policy: PolicyModel, planId: string, severityId: number): Record<string, Hedge> {
  const out: Record<string, Hedge> = {};
  for (const t of caseTargets(policy, planId, severityId)) {
    if (t.goal) out[t.metric] = 'goal';
    else if (t.approximate) out[t.metric] = 'approximate';
  }
  return out;
}
