// What a customer is promised for a severity on its plan, in the words the published policy uses
// (policy/render's targetLabel and targetCell): the same text /policy shows, never re-worded.
import type { MetricId, PolicyModel } from '../policy/index.ts';
import { targetCell, targetLabel } from '../policy/render/index.ts';

export type Promise = { label: string; text: string };

export function promisedTimes(policy: PolicyModel, planId: string, severityId: number): Promise[] {
  const severity = policy.severities.get(severityId);
  if (!severity) return [];
  const out: Promise[] = [];
  for (const metric of ['first_response', 'update', 'resolution'] as MetricId[]) {
    const byPlan = severity.targets?.[metric as 'first_response'];
    const spec = byPlan?.[planId] ?? byPlan?.all;
    if (spec) out.push({ label: targetLabel(spec, metric), text: targetCell(policy, planId, spec, metric) });
  }
  return out;
}

/** A severity's definition as one paragraph or a list, as the policy file states it. */
export function definitionOf(policy: PolicyModel, severityId: number): string[] {
  const d = policy.severities.get(severityId)?.definition;
  return d === undefined ? [] : Array.isArray(d) ? d : [d.replace(/\s+/g, ' ').trim()];
}
