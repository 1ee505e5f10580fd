// OpenBack's "Named Support Contacts are responsible for: (i) reporting cases to OpenBack": on a
// plan with named contacts, a case another contact sends waits for one of them (held for review).
// Said in the seed's words (they report cases), with its clause quoted, not as a rule of Accord's
// ("only they open tickets"): to the one refused (create-ticket.ts), and before they write, on the
// portal's form (namedOnlyNotice), so a contact who is not named is not led to think a case opens.
import { ForbiddenError, NotFoundError, type Ctx } from '../platform/index.ts';
import { quotedResponsibilities, type PolicyModel } from '../policy/index.ts';
import { activePolicy } from '../policy-versions/index.ts';
import type { Requester } from './intake-read.ts';

/** Why this requester's case waits for a named contact, in the policy's words; null if it does not. */
export function namedOnlyWords(policy: PolicyModel, requester: Pick<Requester, 'plan_id' | 'named_contact' | 'org_name'>): string | null {
  const plan = policy.plans.get(requester.plan_id);
  if (!policy.file.contacts?.only_named_contacts_open_tickets || !plan || plan.named_contacts === null || requester.named_contact) return null;
  const duties = quotedResponsibilities(policy.file.contacts);
  return `On the ${plan.name} plan, cases are reported by the named support contacts of ${requester.org_name}; ask one of them to report it${duties ? ` (our support policy: ${duties})` : ''}`;
}

/**
 * The signed-in contact's own: what their new case would be told for not being a named contact (the
 * portal's form). Read without intake's read (intake-read.ts), which takes the new ticket's number:
 * showing the form opens no case, so it takes none (QA: each portal case used two numbers, the
 * form's and its own, #1014, #1016, ...).
 */
export async function namedOnlyNotice({ ctx }: { ctx: Ctx }): Promise<string | null> {
  if (ctx.actor.kind !== 'contact') throw new ForbiddenError('only a contact reports cases for itself');
  const { model } = await activePolicy(ctx.db);
  const { rows } = await ctx.db.query<Pick<Requester, 'plan_id' | 'named_contact' | 'org_name'>>(
    `SELECT c.named_contact, o.plan_id, o.name AS org_name FROM contacts c JOIN organizations o ON o.id = c.organization_id
     WHERE c.id = $1 AND c.organization_id = $2 AND c.deactivated_at IS NULL`,
    [ctx.actor.id, ctx.actor.organizationId],
  );
  if (!rows[0]) throw new NotFoundError('requester not found', [{ path: 'requesterId', message: 'no such contact' }]);
  return namedOnlyWords(model, rows[0]);
}
