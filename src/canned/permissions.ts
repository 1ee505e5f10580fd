// Who may do what with canned responses: every agent lists them and uses them on a ticket;
// managers and admins write the team's (they speak for the whole team); every agent writes their
// own, which no one else sees. Contacts never see any.
import { ForbiddenError } from '../platform/errors.ts';
import type { Actor } from '../platform/context.ts';

export function requireCannedReader(actor: Actor): void {
  if (actor.kind === 'system' || actor.kind === 'agent') return;
  throw new ForbiddenError('Only agents may use canned responses');
}

/** Writing one: the team's needs a manager or admin; one's own, any agent (its owner). */
export function requireCannedWriterOf(actor: Actor, canned: { ownerId: string | null }, action: string): void {
  if (canned.ownerId !== null) {
    if (actor.kind === 'agent' && actor.id === canned.ownerId) return;
    throw new ForbiddenError(`Only its owner may ${action}`);
  }
  requireCannedWriter(actor, action);
}

export function requireCannedWriter(actor: Actor, action: string): void {
  if (actor.kind === 'system' || (actor.kind === 'agent' && (actor.role === 'manager' || actor.role === 'admin'))) return;
  throw new ForbiddenError(`Only managers and admins may ${action}`);
}
