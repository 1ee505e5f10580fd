// createContact: a person at a customer organization. Named support contacts count against
// the plan's limit, which the active policy defines (plan.named_contacts; null = none).
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../platform/audit.ts';
import { isUniqueViolation } from '../platform/db.ts';
import { ConflictError, InvalidInputError, LimitExceededError, NotFoundError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import { activePlans } from './active-plans.ts';
import { queueOnboardingNotice } from './onboarding-notice.ts';
import { MANAGERS, requireAgentRole } from './permissions.ts';
import { CONTACT_COLUMNS, toContact } from './rows.ts';
import { CreateContactInput } from './schemas.ts';
import type { Contact } from './schemas.ts';
import { hashPassword } from './secrets.ts';

export async function createContact({ ctx, input }: { ctx: Ctx; input: CreateContactInput }): Promise<Contact> {
  requireAgentRole(ctx.actor, MANAGERS, 'create contacts');
  const value = parseInput(CreateContactInput, input);
  const passwordHash = value.password ? await hashPassword(value.password) : null;
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      // Locking the organization row serialises concurrent creations, so the limit cannot be overshot.
      const org = await tx.query<{ plan_id: string }>('SELECT plan_id FROM organizations WHERE id = $1 FOR UPDATE', [
        value.organizationId,
      ]);
      if (!org.rows[0]) throw new NotFoundError('Organization not found', [{ path: 'organizationId', message: 'no such organization' }]);
      if (value.namedContact) await assertUnderLimit(tx, value.organizationId, org.rows[0].plan_id, 'add this person as not named');
      await assertEmailNotAgent(tx, value.email);
      const { rows } = await tx.query(
        `INSERT INTO contacts (id, organization_id, email, name, named_contact, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${CONTACT_COLUMNS}`,
        [randomUUID(), value.organizationId, value.email, value.name, value.namedContact, passwordHash, now],
      );
      const contact = toContact(rows[0]);
      await recordAudit(tx, {
        at: now,
        actor: ctx.actor,
        type: 'contact.created',
        subjectKind: 'contact',
        subjectId: contact.id,
        organizationId: contact.organizationId,
        data: { email: contact.email, namedContact: contact.namedContact },
      });
      await queueOnboardingNotice(tx, contact, now);
      return contact;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

/**
 * Refuses one more active named contact than the plan allows (the organization's row locked by the
 * caller), saying in words how many the plan allows, how many the organization has, and what to do:
 * un-name one first, or `instead` (what the caller may do otherwise, e.g. "add this person as not named").
 */
export async function assertUnderLimit(tx: Db, organizationId: string, planId: string, instead: string | null = null): Promise<void> {
  const plans = await activePlans(tx);
  const plan = plans?.get(planId);
  // No active policy, or a plan it no longer lists (activation refuses that): nothing to enforce.
  if (!plan) return;
  if (plan.named_contacts === null) {
    throw new InvalidInputError(`The ${plan.name} plan has no named support contacts`, [
      { path: 'namedContact', message: `the ${plan.name} plan has no named support contacts; the contact cannot be one` },
    ]);
  }
  const limit = plan.named_contacts;
  const { rows } = await tx.query<{ name: string; n: number }>(
    // A named contact who left (update-contact.ts) no longer counts: the customer names another.
    `SELECT o.name, (SELECT count(*)::int FROM contacts c WHERE c.organization_id = o.id AND c.named_contact AND c.deactivated_at IS NULL) AS n
     FROM organizations o WHERE o.id = $1`,
    [organizationId],
  );
  const { name, n } = rows[0];
  if (Number(n) < limit) return;
  const otherwise = instead ? `, or ${instead}` : '';
  const message = limit === 0
    ? `The ${plan.name} plan allows no named support contacts${instead ? `: ${instead}` : ''}`
    : `The ${plan.name} plan allows ${countOf(limit)}; ${name} has ${Number(n)} already: un-name one first${otherwise}`;
  throw new LimitExceededError(message, [{ path: 'namedContact', message: `the plan's limit of ${limit} is reached` }]);
}

const countOf = (n: number) => `${n} named support contact${n === 1 ? '' : 's'}`;

// One email, one person: a token created by email must never be ambiguous.
export async function assertEmailNotAgent(tx: Db, email: string): Promise<void> {
  const { rows } = await tx.query('SELECT 1 FROM agents WHERE email = $1', [email]);
  if (rows.length > 0) throw emailTaken();
}

export function emailTaken(): ConflictError {
  return new ConflictError('The email is already in use', [{ path: 'email', message: 'already in use' }]);
}
