// A small desk for domain tests: a migrated database, an active example policy, an
// organization on a plan with a named contact, agents, and a clock the test moves.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before } from 'node:test';
import { silentLogger, TestClock, type Actor, type Ctx } from '../../src/platform/index.ts';
import { activatePolicy } from '../../src/policy-versions/index.ts';
import { openTestDb, type TestDb } from './test-db.ts';

export type Desk = {
  t: TestDb;
  clock: TestClock;
  ctx: (actor: Actor) => Ctx;
  system: Ctx;
  admin: Actor;
  manager: Actor;
  escalation: Actor;
  /** A front-line agent. */
  agent: Actor;
  addOrganization: (plan: string, opts?: { onboarded?: boolean }) => Promise<{ id: string; contact: Actor; contactId: string }>;
  close: () => Promise<void>;
};

export function examplePolicySource(name: string): string {
  return readFileSync(new URL(`../../examples/policies/${name}.yaml`, import.meta.url), 'utf8');
}

/** A desk on an example policy, or on `source` (YAML) when a test needs a variant of one. */
export async function openDesk(policy: string, start = '2026-12-02T10:00:00Z', source?: string): Promise<Desk> {
  const t = await openTestDb();
  const clock = new TestClock(start);
  const ctx = (actor: Actor): Ctx => ({ db: t.db, clock, logger: silentLogger(), actor });
  const system = ctx({ kind: 'system' });
  await activatePolicy({ ctx: system, input: { source: source ?? examplePolicySource(policy) } });
  const mkAgent = async (role: 'admin' | 'front_line' | 'manager' | 'escalation', email: string): Promise<Actor> => {
    const id = randomUUID();
    await t.db.query('INSERT INTO agents (id, email, name, role, created_at) VALUES ($1, $2, $3, $4, $5)', [id, email, email, role, clock.now()]);
    return { kind: 'agent', id, role };
  };
  const admin = await mkAgent('admin', 'admin@vendor.example');
  const manager = await mkAgent('manager', 'manager@vendor.example');
  const escalation = await mkAgent('escalation', 'escalation@vendor.example');
  const agent = await mkAgent('front_line', 'agent@vendor.example');
  let n = 0;
  return {
    t, clock, ctx, system, admin, manager, escalation, agent,
    async addOrganization(plan, opts = {}) {
      const id = randomUUID();
      const contactId = randomUUID();
      n++;
      await t.db.query('INSERT INTO organizations (id, name, plan_id, onboarding_state, created_at) VALUES ($1, $2, $3, $4, $5)', [id, `Org ${n}`, plan, opts.onboarded === false ? 'incomplete' : 'complete', clock.now()]);
      await t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, true, $5)', [contactId, id, `contact${n}@customer.example`, `Contact ${n}`, clock.now()]);
      return { id, contactId, contact: { kind: 'contact', id: contactId, organizationId: id } };
    },
    close: () => t.close(),
  };
}

export type Organization = Awaited<ReturnType<Desk['addOrganization']>>;

/**
 * A desk on `policy` with one organization on `plan`, opened before the suite's tests and closed
 * after them (node:test hooks of the enclosing describe). Read `s.desk` and `s.org` inside tests.
 * scripts/run-tests.ts runs every file naming it on PostgreSQL too.
 */
export function suiteDesk(policy: string, plan: string, start?: string): { readonly desk: Desk; readonly org: Organization } {
  const state = {} as { desk: Desk; org: Organization };
  before(async () => {
    state.desk = await openDesk(policy, start);
    state.org = await state.desk.addOrganization(plan);
  });
  after(() => state.desk.close());
  return state;
}
