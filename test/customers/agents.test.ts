import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAgent, listAgents } from '../../src/customers/index.ts';
import { ConflictError, ForbiddenError, InvalidInputError } from '../../src/platform/errors.ts';
import { openTestDb } from '../support/test-db.ts';
import { seedAgent, seedContact, seedOrganization, testCtx, uniqueEmail } from '../support/fixtures.ts';
import type { TestDb } from '../support/test-db.ts';

describe('agents', () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
  });
  after(() => t.close());

  it('an admin creates an agent of each role, with an audit row', async () => {
    const admin = await seedAgent(t.db, 'admin');
    for (const role of ['front_line', 'escalation', 'manager', 'admin'] as const) {
      const agent = await createAgent({ ctx: testCtx(t.db, admin.actor), input: { email: uniqueEmail(role), name: 'N', role } });
      assert.equal(agent.role, role);
      const { rows } = await t.db.query("SELECT actor_id FROM audit_events WHERE type = 'agent.created' AND subject_id = $1", [agent.id]);
      assert.deepEqual(rows, [{ actor_id: admin.id }]);
    }
  });

  it('is refused for the wrong actor: a manager or a contact', async () => {
    const manager = await seedAgent(t.db, 'manager');
    const contact = await seedContact(t.db, (await seedOrganization(t.db)).id);
    for (const actor of [manager.actor, contact.actor]) {
      await assert.rejects(
        createAgent({ ctx: testCtx(t.db, actor), input: { email: uniqueEmail('x'), name: 'X', role: 'admin' } }),
        ForbiddenError,
      );
    }
  });

  it('refuses an unknown role and a taken email', async () => {
    const admin = await seedAgent(t.db, 'admin');
    const ctx = testCtx(t.db, admin.actor);
    await assert.rejects(
      createAgent({ ctx, input: { email: uniqueEmail('r'), name: 'R', role: 'boss' as never } }),
      (error: unknown) => error instanceof InvalidInputError && error.details[0].path === 'role',
    );
    await assert.rejects(createAgent({ ctx, input: { email: admin.email, name: 'R', role: 'admin' } }), ConflictError);
  });

  it('agents list the team; contacts may not', async () => {
    const agent = await seedAgent(t.db, 'front_line');
    const page = await listAgents({ ctx: testCtx(t.db, agent.actor), input: {} });
    assert.ok(page.items.some((a) => a.id === agent.id));
    const contact = await seedContact(t.db, (await seedOrganization(t.db)).id);
    await assert.rejects(listAgents({ ctx: testCtx(t.db, contact.actor), input: {} }), ForbiddenError);
  });
});
