// Who may do what with canned responses: every agent lists them and uses them on a ticket;
// managers and admins write them (they speak for the whole team). Contacts never see them.
import { ForbiddenError } from '../platform/errors.ts';
import type { Actor } from '../platform/context.ts';

export function requireCannedReader(actor: Actor): void {
  if (actor.kind === 'system' || actor.kind === 'agent') return;
  throw new ForbiddenError('Only agents may use canned responses');
}

export function requireCannedWriter(actor: Actor, action: string): void {
  if (actor.kind === 'system' || (actor.kind === 'agent' && (actor.role === 'manager' || actor.role === 'admin'))) return;
  throw new ForbiddenError(`Only managers and admins may ${action}`);
}
