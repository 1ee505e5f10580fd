// Who may do what on the status page. Every agent posts incidents, maintenance and component
// statuses (whoever sees an outage first tells customers); the subscriber list holds customers'
// addresses, so managers and admins read it; announcing a subprocessor change speaks for the
// vendor's contracts, so only admins do it. The system actor (jobs, the demo) does everything.
import { ForbiddenError } from '../platform/errors.ts';
import type { Actor } from '../platform/context.ts';

export function requireStatusWriter(actor: Actor, action: string): void {
  if (actor.kind === 'system' || actor.kind === 'agent') return;
  throw new ForbiddenError(`You may not ${action}: the status page is written by agents`);
}

export function requireSubscriberReader(actor: Actor): void {
  if (actor.kind === 'system' || (actor.kind === 'agent' && (actor.role === 'manager' || actor.role === 'admin'))) return;
  throw new ForbiddenError('You may not read subscribers: managers and admins only');
}

export function requireNoticeAnnouncer(actor: Actor): void {
  if (actor.kind === 'system' || (actor.kind === 'agent' && actor.role === 'admin')) return;
  throw new ForbiddenError('You may not announce a notice: admins only');
}
