// The plans of the active policy, as the customers verbs check them. Before any policy is
// activated there is nothing to check against (first start seeds one; activating a policy
// later refuses to drop a plan an organization holds), so the check is skipped then.
import type { Db } from '../platform/db.ts';
import { InvalidInputError } from '../platform/errors.ts';
import type { PlanSpec } from '../policy/index.ts';
import { activePolicy } from '../policy-versions/index.ts';

export async function activePlans(db: Db): Promise<Map<string, PlanSpec> | null> {
  const { rows } = await db.query('SELECT 1 FROM policy_versions WHERE activated_at IS NOT NULL LIMIT 1');
  if (rows.length === 0) return null;
  return (await activePolicy(db)).model.plans;
}

export function planList(plans: Map<string, PlanSpec>): string {
  return [...plans.keys()].join(', ');
}

/** Requirement ids must be the active policy's (coverage.requirements[].id). */
export async function checkRequirements(db: Db, ids: string[], path = 'unmetRequirements'): Promise<void> {
  if (ids.length === 0) return;
  const known = (await activePolicy(db)).model.file.coverage?.requirements?.map((r) => r.id) ?? [];
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new InvalidInputError('unknown requirement', [{ path, message: `${unknown.join(', ')}: must be one of ${known.join(', ') || 'none (the policy lists no requirements)'}` }]);
  }
}
