// Who may see inbound mail: admins only. It is raw customer mail, including what was held back
// from tickets (strangers, forgeries, bounces), before any rule decided who may read it.
import { ForbiddenError, type Actor } from '../platform/index.ts';

export function requireMailAdmin(actor: Actor, action: string): void {
  if (actor.kind === 'system' || (actor.kind === 'agent' && actor.role === 'admin')) return;
  throw new ForbiddenError(`Only admins may ${action}`);
}
