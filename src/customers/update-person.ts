// What updating a person at the desk (an agent, a contact) begins and ends with, the same for both.
import type { z } from 'zod';
import { isUniqueViolation } from '../platform/db.ts';
import { NotFoundError } from '../platform/errors.ts';
import { isUuid } from '../platform/ids.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { emailTaken } from './create-contact.ts';
import { requireAgentRole } from './permissions.ts';
import type { AgentRole } from './schemas.ts';

/**
 * Only `roles` may (`action` names it in the refusal); the input read by `schema`; an id that is no
 * uuid is `notFound`; `change` runs at the clock's now, and a unique violation on the way (another
 * person has the address: agents.email and contacts.email are unique) is worded as the email taken.
 */
export async function updatePerson<S extends z.ZodType, T>(ctx: Ctx, input: unknown, p: {
  roles: readonly AgentRole[]; action: string; schema: S; id: (value: z.output<S>) => string; notFound: string;
  change: (value: z.output<S>, now: Temporal.Instant) => Promise<T>;
}): Promise<T> {
  requireAgentRole(ctx.actor, p.roles, p.action);
  const value = parseInput(p.schema, input);
  if (!isUuid(p.id(value))) throw new NotFoundError(p.notFound);
  const now = ctx.clock.now();
  try {
    return await p.change(value, now);
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

/** For the audit: each of `keys` the input gives and that differs from before, from what it was to what it is now. */
export function personChanges<K extends string>(
  keys: readonly K[], value: Partial<Record<K, unknown>>, before: Record<K, unknown>, after: Record<K, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => value[k] !== undefined && value[k] !== before[k]).map((k) => [k, { from: before[k], to: after[k] }]));
}
