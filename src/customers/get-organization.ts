// getOrganization: one organization. Agents read any; a contact only its own (another's is "not
// found", as every other read of theirs), without the team's internal notes.
import { NotFoundError } from '../platform/errors.ts';
import type { Ctx } from '../platform/context.ts';
import { findOrganization } from './rows.ts';
import type { Organization } from './schemas.ts';

export async function getOrganization({ ctx, input }: { ctx: Ctx; input: { organizationId: string } }): Promise<Organization> {
  if (ctx.actor.kind === 'contact' && ctx.actor.organizationId !== input.organizationId) throw new NotFoundError('Organization not found');
  const org = await findOrganization(ctx.db, input.organizationId);
  if (!org) throw new NotFoundError('Organization not found');
  return ctx.actor.kind === 'contact' ? { ...org, notes: null } : org;
}
