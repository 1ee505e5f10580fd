// Who may do what in the knowledge base. Agents of every role (and the system) read everything;
// contacts and anonymous readers read public articles only, and an internal or archived article
// does not exist for them. Writing is for managers and admins: an article speaks for the vendor
// to every customer, so publishing is a manager's call, as creating organizations is.
import { ForbiddenError } from '../platform/errors.ts';
import type { Actor, AgentRole, Reader } from '../platform/context.ts';

export const ARTICLE_WRITERS: readonly AgentRole[] = ['manager', 'admin'];

/** Passes for the system actor or a manager or admin. */
export function requireArticleWriter(actor: Actor, action: string): void {
  if (actor.kind === 'system') return;
  if (actor.kind === 'agent' && ARTICLE_WRITERS.includes(actor.role)) return;
  throw new ForbiddenError(`You may not ${action}: knowledge base articles are written by managers and admins`);
}

/** Agents and the system read internal and archived articles; everyone else, public ones only. */
export function readsInternal(reader: Reader): boolean {
  return reader.kind === 'agent' || reader.kind === 'system';
}
