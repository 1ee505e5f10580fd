// Small builders for tests: a ctx for any actor, and seeded people to act as.
import { TestClock } from '../../src/platform/clock.ts';
import { silentLogger } from '../../src/platform/logger.ts';
import { createAgent, createContact, createOrganization, createApiToken } from '../../src/customers/index.ts';
import type { Actor, AgentRole, Ctx } from '../../src/platform/context.ts';
import type { Db } from '../../src/platform/db.ts';

export function testCtx(db: Db, actor: Actor, clock = new TestClock()): Ctx {
  return { db, clock, logger: silentLogger(), actor };
}

export const systemActor: Actor = { kind: 'system' };

let counter = 0;
/** Unique per call, so fixtures never collide within a test file. */
export function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}-${counter}-${process.pid}@example.test`;
}

export async function seedAgent(db: Db, role: AgentRole): Promise<{ actor: Actor; id: string; email: string }> {
  const agent = await createAgent({
    ctx: testCtx(db, systemActor),
    input: { email: uniqueEmail(role), name: `${role} agent`, role },
  });
  return { actor: { kind: 'agent', id: agent.id, role }, id: agent.id, email: agent.email };
}

export async function seedOrganization(db: Db, planId = 'business'): Promise<{ id: string }> {
  return createOrganization({ ctx: testCtx(db, systemActor), input: { name: `Org ${uniqueEmail('o')}`, planId } });
}

export async function seedContact(
  db: Db,
  organizationId: string,
): Promise<{ actor: Actor; id: string; email: string }> {
  const contact = await createContact({
    ctx: testCtx(db, systemActor),
    input: { organizationId, email: uniqueEmail('contact'), name: 'A Contact' },
  });
  return { actor: { kind: 'contact', id: contact.id, organizationId }, id: contact.id, email: contact.email };
}

/** A raw bearer token for the given agent or contact. */
export async function seedToken(db: Db, owner: { actor: Actor }): Promise<string> {
  const created = await createApiToken({ ctx: testCtx(db, owner.actor), input: {} });
  return created.token;
}
