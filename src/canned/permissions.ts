// Who may do what with canned responses: every agent lists them and uses them on a ticket;
// managers and admins write the team's (they speak for the whole team); every agent writes their
// own, which no one else sees. Contacts never see any.
import { ForbiddenError } from '../platform/errors.ts';
import type { Actor } from '../platform/context.ts';
import { mayWriteOwned } from '../customers/index.ts';

export function requireCannedReader(actor: Actor): void {
  if (actor.kind === 'system' || actor.kind === 'agent') return;
  throw new ForbiddenError('Only agents may use canned responses');
}

/** Writing one: the team's needs a manager or admin; one's own, any agent (its owner). */
export function requireCannedWriterOf(actor: Actor, canned: { ownerId: string | null }, action: string): void {
  if (mayWriteOwned(actor, canned.ownerId)) return;
  throw new ForbiddenError(canned.ownerId !== null ? `Only its owner may ${action}` : `Only managers and admins may ${action}`);
}

export function requireCannedWriter(actor: Actor, action: string): void {
  requireCannedWriterOf(actor, { ownerId: null }, action);
}
