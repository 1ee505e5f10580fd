// grantPlanTraining: the training hours the organization's plan states in the active policy
// (`plans[].training.hours`), for one calendar year. Most policies state no number (OPS-COM:
// "Premium clients get extra training hours"): then nothing is granted, and Accord never
// invents a number; contract and negotiated hours are entered by managers. Granting a year
// twice grants it once. Managers, admins and the system (a yearly job).
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { MANAGERS, requireAgentRole } from '../customers/index.ts';
import { GrantPlanTrainingInput } from './schemas.ts';
import type { TrainingGrant } from './schemas.ts';
import { GRANT_COLUMNS, insertGrant, organizationForActor, toGrant } from './store.ts';

/** The grant (new, or the one already made for that year) and the plan's name; grant null when the plan states no hours. */
export async function grantPlanHours(ctx: Ctx, input: GrantPlanTrainingInput): Promise<{ grant: TrainingGrant | null; planName: string }> {
  requireAgentRole(ctx.actor, MANAGERS, 'grant training hours');
  const value = parseInput(GrantPlanTrainingInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const organization = await organizationForActor(tx, ctx.actor, value.organizationId, true);
    const { version, model } = await activePolicy(tx);
    const plan = model.plans.get(organization.plan_id);
    const planName = plan?.name ?? organization.plan_id;
    // Whole minutes: a policy's 1.5 hours is 90 minutes; a fraction of a minute is never rounded up.
    const minutes = Math.floor((plan?.training?.hours ?? 0) * 60);
    if (!plan || minutes <= 0) return { grant: null, planName };
    const existing = await tx.query(`SELECT ${GRANT_COLUMNS} FROM training_grants WHERE organization_id = $1 AND source = 'plan' AND plan_year = $2`, [
      organization.id,
      value.year,
    ]);
    if (existing.rows[0]) return { grant: toGrant(existing.rows[0]), planName };
    const grant = await insertGrant(tx, ctx, now, organization.id, {
      minutes, reason: `${plan.name} plan: training hours for ${value.year} (policy version ${version})`, source: 'plan',
      validFrom: `${value.year}-01-01`, validUntil: `${value.year}-12-31`, plan: { id: plan.id, year: value.year, policyVersion: version },
    }, (g) => ({ source: 'plan', hours: g.hours, planId: plan.id, year: value.year, policyVersion: version }));
    return { grant, planName };
  });
}

/**
 * @example
 * const grant = await grantPlanTraining({ ctx, input: { organizationId, year: 2026 } });
 * // null when the plan states no training hours
 */
export async function grantPlanTraining({ ctx, input }: { ctx: Ctx; input: GrantPlanTrainingInput }): Promise<TrainingGrant | null> {
  return (await grantPlanHours(ctx, input)).grant;
}
