// updateOrganization: plan, name, onboarding state, existing-customer flag, the policy
// requirements it does not meet, the people designated to it (designations.ts) and the team's notes about it
// (internal). Managers and admins. Open tickets keep the plan they were
// opened on (their clocks do not move); new tickets get the new plan. A plan change is refused
// while more contacts are named than the new plan allows (the admin un-names first, as naming one
// too many is refused: create-contact.ts); a move to a plan whose named contacts report the cases
// (OpenBack: they are "responsible for: (i) reporting cases to OpenBack"), with none named, is
// allowed (the admin names one next) and its audit entry says so, in the policy's words.
import { recordAudit } from '../platform/audit.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import { quotedResponsibilities, type PlanSpec } from '../policy/index.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { activePlans, checkRequirements, planList } from './active-plans.ts';
import { nextDesignations } from './designations.ts';
import { MANAGERS, requireAgentRole } from './permissions.ts';
import { findOrganization, ORGANIZATION_COLUMNS, toOrganization } from './rows.ts';
import { UpdateOrganizationInput } from './schemas.ts';
import type { Organization } from './schemas.ts';

export async function updateOrganization({ ctx, input }: { ctx: Ctx; input: UpdateOrganizationInput }): Promise<Organization> {
  requireAgentRole(ctx.actor, MANAGERS, 'change organizations');
  const value = parseInput(UpdateOrganizationInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await findOrganization(tx, value.organizationId, true);
    if (!before) throw new NotFoundError('Organization not found');
    if (value.planId !== undefined) {
      const plans = await activePlans(tx);
      if (plans && !plans.has(value.planId)) {
        throw new InvalidInputError(`"${value.planId}" is not a plan of the active policy`, [{ path: 'planId', message: `must be one of the active policy's plans: ${planList(plans)}` }]);
      }
    }
    if (value.unmetRequirements) await checkRequirements(tx, value.unmetRequirements);
    const planId = value.planId ?? before.planId;
    // The organization's row is locked (findOrganization above), as naming a contact locks it: the count holds.
    const namedNote = planId !== before.planId ? await checkNamedContacts(tx, before, planId) : null;
    // The people designated to it, checked against the (new) plan; a plan without a feature ends its designation.
    let designated = { next: before.designatedAgents, ended: [] as string[] };
    if (value.designatedAgents !== undefined || value.planId !== undefined) {
      const plans = await activePlans(tx);
      if (plans) {
        const { model } = await activePolicy(tx);
        designated = await nextDesignations(tx, { model, plan: plans.get(planId)!, current: before.designatedAgents, change: value.designatedAgents });
      } else if (value.designatedAgents !== undefined) {
        throw new InvalidInputError('no policy is active yet', [{ path: 'designatedAgents', message: 'needs an active policy that designates people' }]);
      }
    }
    const next = {
      name: value.name ?? before.name,
      planId,
      onboardingState: value.onboardingState ?? before.onboardingState,
      existingCustomer: value.existingCustomer ?? before.existingCustomer,
      unmetRequirements: value.unmetRequirements ?? before.unmetRequirements,
      designatedAgents: designated.next,
      notes: value.notes === undefined ? before.notes : value.notes?.replace(/\r\n?/g, '\n').trim() || null,
    };
    const { rows } = await tx.query(
      `UPDATE organizations SET name = $2, plan_id = $3, onboarding_state = $4, existing_customer = $5, unmet_requirements = $6::jsonb, designated_agents = $7::jsonb, notes = $8
       WHERE id = $1 RETURNING ${ORGANIZATION_COLUMNS}`,
      [before.id, next.name, next.planId, next.onboardingState, next.existingCustomer, JSON.stringify(next.unmetRequirements), JSON.stringify(next.designatedAgents), next.notes],
    );
    const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof Organization])));
    await recordAudit(tx, {
      at: now, actor: ctx.actor, type: 'organization.updated', subjectKind: 'organization', subjectId: before.id, organizationId: before.id,
      data: { changed, ...(designated.ended.length > 0 ? { designations_ended: designated.ended } : {}), ...(namedNote ? { no_named_contact: namedNote } : {}) },
    });
    return toOrganization(rows[0]);
  });
}

const countOf = (n: number) => `${n} named support contact${n === 1 ? '' : 's'}`;

/**
 * What moving the organization to `planId` would leave its customers with when nobody is named on a plan
 * whose named contacts report the cases (checkNamedContacts' note), for a page to warn of before it saves;
 * null when nothing (the same plan, someone named, or a plan without named contacts). Managers and admins.
 */
export async function planChangeNote({ ctx, input }: { ctx: Ctx; input: { organizationId: string; planId: string } }): Promise<string | null> {
  requireAgentRole(ctx.actor, MANAGERS, 'change organizations');
  const org = await findOrganization(ctx.db, input.organizationId);
  if (!org) throw new NotFoundError('Organization not found');
  if (org.planId === input.planId) return null;
  // A refusal (more named than the plan allows) is the save's to say, beside the form.
  try {
    return await checkNamedContacts(ctx.db, org, input.planId);
  } catch (error) {
    if (error instanceof ConflictError) return null;
    throw error;
  }
}

/**
 * A plan change against the organization's active named contacts (a contact who left does not
 * count, as in create-contact.ts assertUnderLimit): refused while more are named than the new plan
 * allows, saying how many it allows and how many are named now. Allowed with none named on a plan
 * whose named contacts report the cases: returns what the audit entry says of it (else null).
 */
async function checkNamedContacts(tx: Db, org: Organization, planId: string): Promise<string | null> {
  const plans = await activePlans(tx);
  const plan: PlanSpec | undefined = plans?.get(planId);
  // No active policy: nothing to check against (activePlans).
  if (!plan) return null;
  const { rows } = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM contacts WHERE organization_id = $1 AND named_contact AND deactivated_at IS NULL', [org.id],
  );
  const named = Number(rows[0].n);
  const allowed = plan.named_contacts ?? 0;
  if (named > allowed) {
    const allows = allowed === 0 ? 'allows no named support contacts' : `allows ${countOf(allowed)}`;
    const unName = allowed === 0 ? (named === 1 ? 'un-name the one named' : `un-name all ${named}`) : `un-name ${named - allowed}`;
    throw new ConflictError(`The ${plan.name} plan ${allows}; ${org.name} has ${named} named now: ${unName} first, then change the plan`, [
      { path: 'planId', message: `the ${plan.name} plan ${allows}; ${named} ${named === 1 ? 'is' : 'are'} named now` },
    ]);
  }
  const { model } = await activePolicy(tx);
  if (named === 0 && allowed > 0 && model.file.contacts?.only_named_contacts_open_tickets) {
    // The vendor's rule as it words it, its clause quoted (as a held request is told: create-ticket.ts
    // refusalOf), not Accord's "only named support contacts open tickets"; then what the desk does
    // of it: another contact's case is held for review (refusalOf), so with none named, every one.
    const duties = quotedResponsibilities(model.file.contacts);
    return `${org.name} has no named support contact; on the ${plan.name} plan, cases are reported by the named support contacts`
      + `${duties ? ` (the support policy: ${duties})` : ''}, so until one is named every case its contacts send is held for review: name one (the plan allows ${allowed})`;
  }
  return null;
}
