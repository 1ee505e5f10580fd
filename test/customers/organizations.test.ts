import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createOrganization, listOrganizations } from '../../src/customers/index.ts';
import { ForbiddenError, InvalidInputError } from '../../src/platform/errors.ts';
import { openTestDb } from '../support/test-db.ts';
import { seedAgent, seedContact, seedOrganization, testCtx } from '../support/fixtures.ts';
import type { TestDb } from '../support/test-db.ts';

describe('organizations', () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
  });
  after(() => t.close());

  it('a manager creates an organization and the audit row is written with it', async () => {
    const manager = await seedAgent(t.db, 'manager');
    const ctx = testCtx(t.db, manager.actor);
    const org = await createOrganization({ ctx, input: { name: '  Acme  ', planId: 'enterprise' } });
    assert.equal(org.name, 'Acme');
    assert.equal(org.onboardingState, 'incomplete');
    assert.equal(org.createdAt.toString(), ctx.clock.now().toString());
    const { rows } = await t.db.query<{ actor_id: string; type: string }>(
      "SELECT actor_id, type FROM audit_events WHERE subject_kind = 'organization' AND subject_id = $1",
      [org.id],
    );
    assert.deepEqual(rows, [{ actor_id: manager.id, type: 'organization.created' }]);
  });

  it('is refused for the wrong actor: a front-line agent or a contact', async () => {
    const frontLine = await seedAgent(t.db, 'front_line');
    const org = await seedOrganization(t.db);
    const contact = await seedContact(t.db, org.id);
    for (const actor of [frontLine.actor, contact.actor]) {
      await assert.rejects(
        createOrganization({ ctx: testCtx(t.db, actor), input: { name: 'Nope', planId: 'basic' } }),
        ForbiddenError,
      );
    }
  });

  it('names the bad fields', async () => {
    const admin = await seedAgent(t.db, 'admin');
    await assert.rejects(
      createOrganization({ ctx: testCtx(t.db, admin.actor), input: { name: '', planId: 'x', extra: 1 } as never }),
      (error: unknown) => {
        assert.ok(error instanceof InvalidInputError);
        const paths = error.details.map((d) => d.path);
        assert.ok(paths.includes('name'));
        assert.ok(error.details.some((d) => /extra/.test(d.message)));
        return true;
      },
    );
  });

  it('lists in pages; a contact sees only its own organization', async () => {
    const agent = await seedAgent(t.db, 'front_line');
    const org = await seedOrganization(t.db);
    await seedOrganization(t.db);
    const contact = await seedContact(t.db, org.id);
    const all = [];
    let cursor: string | undefined;
    do {
      const page = await listOrganizations({ ctx: testCtx(t.db, agent.actor), input: { limit: 2, cursor } });
      assert.ok(page.items.length <= 2);
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM organizations');
    assert.equal(all.length, rows[0].n);
    assert.equal(new Set(all.map((o) => o.id)).size, all.length);

    const own = await listOrganizations({ ctx: testCtx(t.db, contact.actor), input: {} });
    assert.deepEqual(
      own.items.map((o) => o.id),
      [org.id],
    );
  });

  it('refuses a forged cursor as invalid input', async () => {
    const agent = await seedAgent(t.db, 'front_line');
    await assert.rejects(
      listOrganizations({ ctx: testCtx(t.db, agent.actor), input: { cursor: 'not-a-cursor' } }),
      (error: unknown) => error instanceof InvalidInputError && error.details[0].path === 'cursor',
    );
  });
});
