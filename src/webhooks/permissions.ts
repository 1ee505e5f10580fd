// Who may do what with webhooks: admins manage them (a webhook sends ticket data out of Accord);
// managers may read them and their deliveries, to see what went where. Never the secret.
import { ForbiddenError } from '../platform/errors.ts';
import type { Actor } from '../platform/context.ts';

export function requireWebhookAdmin(actor: Actor, action: string): void {
  if (actor.kind === 'system' || (actor.kind === 'agent' && actor.role === 'admin')) return;
  throw new ForbiddenError(`Only admins may ${action}`);
}

export function requireWebhookReader(actor: Actor): void {
  if (actor.kind === 'system' || (actor.kind === 'agent' && (actor.role === 'admin' || actor.role === 'manager'))) return;
  throw new ForbiddenError('Only managers and admins may see webhooks');
}
