// Plans and severities as people read them: by the names the policy gives them ("Growth",
// "Severity 1 (Critical)"), with the id when the policy no longer has it (an old ticket's plan).
import type { PolicyModel } from './model.ts';

/** The plan's name in the policy, or its id when the policy has no such plan. */
export function planName(policy: PolicyModel, id: string): string {
  return policy.plans.get(id)?.name ?? id;
}

/** "Severity 1 (Critical)"; "Severity 7" when the policy has no such severity. */
export function severityName(policy: PolicyModel, id: number): string {
  const severity = policy.severities.get(id);
  return severity ? `Severity ${id} (${severity.name})` : `Severity ${id}`;
}
