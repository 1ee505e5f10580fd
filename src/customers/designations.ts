// People at the vendor designated to a customer organization: the policy's features marked
// `designated_agent` (OpenBack: a Designated Customer Success Manager on Enterprise, a Designated
// Technical Account Manager "Optional" on Pro and Enterprise). A plan with the feature true owes
// each organization one; "optional" lets one be designated; any other plan does not include it,
// and a designation there is refused. Moving an organization to a plan without the feature ends
// its designation (updateOrganization records it). The organization's contacts see who theirs
// are; agents see them beside the customer's tickets; admins see who is owed one and has none.
import type { Db } from '../platform/db.ts';
import { InvalidInputError, NotFoundError } from '../platform/errors.ts';
import type { Ctx } from '../platform/context.ts';
import type { PlanSpec, PolicyModel } from '../policy/index.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { ORGANIZATION_COLUMNS, toOrganization } from './rows.ts';

export type Designation = {
  featureId: string;
  featureName: string;
  /** True when the plan includes the feature outright (owed), false when it is optional. */
  owed: boolean;
  agent: { id: string; name: string; email: string } | null;
};

/** The features of the policy that designate a person. */
export function designatableFeatures(model: PolicyModel): Array<{ id: string; name: string }> {
  return (model.file.features ?? []).filter((f) => f.designated_agent === true).map((f) => ({ id: f.id, name: f.name }));
}

/** What the plan says of a designatable feature: owed (true), may (optional), or not included. */
export function planDesignation(plan: PlanSpec, featureId: string): 'owed' | 'optional' | 'not_included' {
  const v = plan.features?.[featureId];
  return v === true ? 'owed' : v === 'optional' ? 'optional' : 'not_included';
}

/**
 * The designations to store after a change (and a plan, new or kept), checked against the
 * policy: a feature the policy does not designate a person for, a plan without the feature, or
 * an id that is no agent is refused, naming the field. Designations the plan does not include
 * are ended; they are returned as `ended`.
 */
export async function nextDesignations(
  tx: Db,
  input: { model: PolicyModel; plan: PlanSpec; current: Record<string, string>; change: Record<string, string | null> | undefined },
): Promise<{ next: Record<string, string>; ended: string[] }> {
  const features = new Map(designatableFeatures(input.model).map((f) => [f.id, f]));
  const next = { ...input.current };
  for (const [featureId, agentId] of Object.entries(input.change ?? {})) {
    const path = `designatedAgents.${featureId}`;
    const feature = features.get(featureId);
    if (!feature) {
      const known = [...features.keys()].join(', ') || 'none (the policy designates no one)';
      throw new InvalidInputError('not a feature the policy designates a person for', [{ path, message: `must be one of ${known}` }]);
    }
    if (agentId === null) {
      delete next[featureId];
      continue;
    }
    if (planDesignation(input.plan, featureId) === 'not_included') {
      throw new InvalidInputError(`The ${input.plan.name} plan does not include ${feature.name}`, [{ path, message: `is not in the ${input.plan.name} plan` }]);
    }
    const { rows } = await tx.query('SELECT 1 FROM agents WHERE id = $1', [agentId]);
    if (rows.length === 0) throw new InvalidInputError('no such agent', [{ path, message: 'is not an agent' }]);
    next[featureId] = agentId;
  }
  const ended = Object.keys(next).filter((f) => !features.has(f) || planDesignation(input.plan, f) === 'not_included');
  for (const f of ended) delete next[f];
  return { next, ended };
}

/**
 * The organization's designatable features its plan includes, each with its designated agent or
 * none: for the vendor's agents, and for the organization's own contacts (another's is "not found").
 */
export async function listDesignations({ ctx, input }: { ctx: Ctx; input: { organizationId: string } }): Promise<Designation[]> {
  if (ctx.actor.kind === 'contact' && ctx.actor.organizationId !== input.organizationId) throw new NotFoundError('Organization not found');
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const { rows } = UUID.test(input.organizationId) ? await ctx.db.query(`SELECT ${ORGANIZATION_COLUMNS} FROM organizations WHERE id = $1`, [input.organizationId]) : { rows: [] };
  if (!rows[0]) throw new NotFoundError('Organization not found');
  const org = toOrganization(rows[0]);
  const { model } = await activePolicy(ctx.db);
  const plan = model.plans.get(org.planId);
  if (!plan) return [];
  const included = designatableFeatures(model).filter((f) => planDesignation(plan, f.id) !== 'not_included');
  const ids = included.map((f) => org.designatedAgents[f.id]).filter((id): id is string => typeof id === 'string');
  const { rows: agents } = ids.length
    ? await ctx.db.query<{ id: string; name: string; email: string }>('SELECT id, name, email FROM agents WHERE id = ANY($1::uuid[])', [ids])
    : { rows: [] };
  const byId = new Map(agents.map((a) => [a.id, a]));
  return included.map((f) => {
    const agent = byId.get(org.designatedAgents[f.id] ?? '');
    return { featureId: f.id, featureName: f.name, owed: planDesignation(plan, f.id) === 'owed', agent: agent ? { id: agent.id, name: agent.name, email: agent.email } : null };
  });
}
