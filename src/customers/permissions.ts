// Who may do what in the customers domain. Each verb calls one of these before touching data;
// the on-call and training verbs use the same checks (through this domain's index).
import { ForbiddenError } from '../platform/errors.ts';
import type { Actor, AgentRole } from '../platform/context.ts';

/** True for the system actor or an agent holding one of `roles`. */
export function hasAgentRole(actor: Actor, roles: readonly AgentRole[]): boolean {
  return actor.kind === 'system' || (actor.kind === 'agent' && roles.includes(actor.role));
}

/** Passes for the system actor or an agent holding one of `roles`. */
export function requireAgentRole(actor: Actor, roles: readonly AgentRole[], action: string): void {
  if (!hasAgentRole(actor, roles)) throw new ForbiddenError(`You may not ${action}`);
}

/** Passes for the system actor or any agent. */
export function requireAgent(actor: Actor, action: string): void {
  if (actor.kind === 'system' || actor.kind === 'agent') return;
  throw new ForbiddenError(`You may not ${action}`);
}

export const MANAGERS: readonly AgentRole[] = ['manager', 'admin'];

/**
 * Writing something an agent may keep for themselves or for the whole team (canned responses,
 * saved queue views): one's own is its owner's alone (a manager does not edit a colleague's
 * private text); the team's (no owner) is for managers and admins, who speak for the team.
 */
export function mayWriteOwned(actor: Actor, ownerId: string | null): boolean {
  if (ownerId !== null) return actor.kind === 'agent' && actor.id === ownerId;
  return hasAgentRole(actor, MANAGERS);
}
export const ADMINS: readonly AgentRole[] = ['admin'];
