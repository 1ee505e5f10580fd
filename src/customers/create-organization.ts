// createOrganization: a customer account on a plan of the active policy. Managers and admins only.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../platform/audit.ts';
import { InvalidInputError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { activePlans, checkRequirements, planList } from './active-plans.ts';
import { MANAGERS, requireAgentRole } from './permissions.ts';
import { ORGANIZATION_COLUMNS, toOrganization } from './rows.ts';
import { CreateOrganizationInput } from './schemas.ts';
import type { Organization } from './schemas.ts';

/**
 * @example
 * const org = await createOrganization({ ctx, input: { name: 'Acme', planId: 'business' } });
 */
export async function createOrganization({ ctx, input }: { ctx: Ctx; input: CreateOrganizationInput }): Promise<Organization> {
  requireAgentRole(ctx.actor, MANAGERS, 'create organizations');
  const value = parseInput(CreateOrganizationInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const plans = await activePlans(tx);
    if (plans && !plans.has(value.planId)) {
      throw new InvalidInputError(`"${value.planId}" is not a plan of the active policy`, [
        { path: 'planId', message: `must be one of the active policy's plans: ${planList(plans)}` },
      ]);
    }
    await checkRequirements(tx, value.unmetRequirements);
    const { rows } = await tx.query(
      `INSERT INTO organizations (id, name, plan_id, onboarding_state, existing_customer, unmet_requirements, created_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) RETURNING ${ORGANIZATION_COLUMNS}`,
      [randomUUID(), value.name, value.planId, value.onboardingState, value.existingCustomer, JSON.stringify(value.unmetRequirements), now],
    );
    const organization = toOrganization(rows[0]);
    await recordAudit(tx, {
      at: now,
      actor: ctx.actor,
      type: 'organization.created',
      subjectKind: 'organization',
      subjectId: organization.id,
      organizationId: organization.id,
      data: { name: organization.name, planId: organization.planId },
    });
    return organization;
  });
}
