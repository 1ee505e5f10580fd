// What every verb receives: who is acting, the database (or transaction), the clock, the logger.
import type { Clock } from './clock.ts';
import type { Db } from './db.ts';
import type { Logger } from './logger.ts';

export type AgentRole = 'front_line' | 'escalation' | 'manager' | 'admin';

export type Actor =
  | { kind: 'agent'; id: string; role: AgentRole }
  | { kind: 'contact'; id: string; organizationId: string }
  // The service itself: first-start seeding, the CLI, jobs.
  | { kind: 'system' };

export interface Ctx {
  db: Db;
  clock: Clock;
  logger: Logger;
  actor: Actor;
}

/**
 * Who reads what is published (the knowledge base): an actor, or nobody signed in. Kept apart
 * from Actor so that no write verb can ever be handed an anonymous caller.
 */
export type Reader = Actor | { kind: 'anonymous' };

/** The ctx of a read open to the public; every Ctx is one. */
export interface ReadCtx extends Omit<Ctx, 'actor'> {
  actor: Reader;
}

/** The stable string used where an actor is a key (idempotency) or a log field. */
export function actorKey(actor: Actor): string {
  return actor.kind === 'system' ? 'system' : `${actor.kind}:${actor.id}`;
}

export function actorId(actor: Actor): string | null {
  return actor.kind === 'system' ? null : actor.id;
}
