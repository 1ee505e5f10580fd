// People at the vendor designated to a customer organization: the policy's features marked
// `designated_agent` (OpenBack: a Designated Customer Success Manager on Enterprise, a Designated
// Technical Account Manager "Optional" on Pro and Enterprise). A plan with the feature true owes
// each organization one; "optional" lets one be designated; any other plan does not include it,
// and a designation there is refused. Moving an organization to a plan without the feature ends
// its designation (updateOrganization records it). The organization's contacts see who theirs
// are; agents see them beside the customer's tickets; admins see who is owed one and has none.
import { z } from 'zod';
import type { Db } from '../platform/db.ts';
import { InvalidInputError, NotFoundError } from '../platform/errors.ts';
import type { Ctx } from '../platform/context.ts';
import { parseInput } from '../platform/validation.ts';
import type { PlanSpec, PolicyModel } from '../policy/index.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { findOrganization } from './rows.ts';
import type { Organization } from './schemas.ts';

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
    const { rows } = await tx.query<{ deactivated_at: Temporal.Instant | null }>('SELECT deactivated_at FROM agents WHERE id = $1', [agentId]);
    if (rows.length === 0) throw new InvalidInputError('no such agent', [{ path, message: 'is not an agent' }]);
    if (rows[0].deactivated_at) throw new InvalidInputError('that agent is deactivated', [{ path, message: 'is deactivated: designate someone on the team' }]);
    next[featureId] = agentId;
  }
  const ended = Object.keys(next).filter((f) => !features.has(f) || planDesignation(input.plan, f) === 'not_included');
  for (const f of ended) delete next[f];
  return { next, ended };
}

/** A designatable feature the organization's plan includes, and the id of the agent holding it (or null). */
export type PlannedDesignation = { featureId: string; featureName: string; owed: boolean; agentId: string | null };

/**
 * The designatable features the organization's plan includes (owed, or optional), each with the
 * id of the agent designated to it: worked out from the policy alone. An organization on a plan
 * the policy no longer has is owed none.
 */
export function designationsOf(model: PolicyModel, org: Pick<Organization, 'planId' | 'designatedAgents'>): PlannedDesignation[] {
  const plan = model.plans.get(org.planId);
  if (!plan) return [];
  return designatableFeatures(model)
    .filter((f) => planDesignation(plan, f.id) !== 'not_included')
    .map((f) => ({ featureId: f.id, featureName: f.name, owed: planDesignation(plan, f.id) === 'owed', agentId: org.designatedAgents[f.id] ?? null }));
}

const ListDesignationsInput = z.strictObject({ organizationId: z.string().max(100) });

/**
 * The organization's designations (designationsOf) with each agent's name and email: for the
 * vendor's agents, and for the organization's own contacts (another's is "not found").
 */
export async function listDesignations({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListDesignationsInput> }): Promise<Designation[]> {
  const { organizationId } = parseInput(ListDesignationsInput, input);
  if (ctx.actor.kind === 'contact' && ctx.actor.organizationId !== organizationId) throw new NotFoundError('Organization not found');
  const org = await findOrganization(ctx.db, organizationId);
  if (!org) throw new NotFoundError('Organization not found');
  const planned = designationsOf((await activePolicy(ctx.db)).model, org);
  const ids = planned.map((d) => d.agentId).filter((id): id is string => id !== null);
  const { rows: agents } = ids.length
    ? await ctx.db.query<{ id: string; name: string; email: string }>('SELECT id, name, email FROM agents WHERE id = ANY($1::uuid[])', [ids])
    : { rows: [] };
  const byId = new Map(agents.map((a) => [a.id, a]));
  return planned.map(({ agentId, ...d }) => {
    const agent = byId.get(agentId ?? '');
    return { ...d, agent: agent ? { id: agent.id, name: agent.name, email: agent.email } : null };
  });
}
