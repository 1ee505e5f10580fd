import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { authenticateToken, createApiToken, createTokenForEmail, hashToken } from '../../src/customers/index.ts';
import { TestClock } from '../../src/platform/clock.ts';
import { ForbiddenError, NotFoundError } from '../../src/platform/errors.ts';
import { openTestDb } from '../support/test-db.ts';
import { seedAgent, seedContact, seedOrganization, testCtx } from '../support/fixtures.ts';
import type { TestDb } from '../support/test-db.ts';

describe('api tokens', () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
  });
  after(() => t.close());

  it('stores only the hash and authenticates the raw token to its actor', async () => {
    const org = await seedOrganization(t.db);
    const contact = await seedContact(t.db, org.id);
    const clock = new TestClock('2025-02-03T10:00:00Z');
    const created = await createApiToken({ ctx: testCtx(t.db, contact.actor, clock), input: { name: 'laptop' } });
    assert.match(created.token, /^acc_/);
    assert.ok(created.token.startsWith(created.prefix));
    const { rows } = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE id = $1', [created.id]);
    assert.equal(rows[0].token_hash, hashToken(created.token));
    const dump = JSON.stringify((await t.db.query('SELECT * FROM api_tokens')).rows);
    assert.equal(dump.includes(created.token), false, 'the raw token is not stored');

    assert.deepEqual(await authenticateToken(t.db, clock, created.token), contact.actor);
    const used = await t.db.query<{ last_used_at: Temporal.Instant }>('SELECT last_used_at FROM api_tokens WHERE id = $1', [created.id]);
    assert.equal(used.rows[0].last_used_at.toString(), '2025-02-03T10:00:00Z');
    assert.equal(await authenticateToken(t.db, clock, created.token + 'x'), null);

    await t.db.query('UPDATE api_tokens SET revoked_at = $1 WHERE id = $2', [clock.now(), created.id]);
    assert.equal(await authenticateToken(t.db, clock, created.token), null);
  });

  it('is refused for the wrong actor: a non-admin creating a token for someone else', async () => {
    const manager = await seedAgent(t.db, 'manager');
    const other = await seedAgent(t.db, 'front_line');
    const org = await seedOrganization(t.db);
    const contact = await seedContact(t.db, org.id);
    const contact2 = await seedContact(t.db, org.id);
    await assert.rejects(createApiToken({ ctx: testCtx(t.db, manager.actor), input: { agentId: other.id } }), ForbiddenError);
    await assert.rejects(createApiToken({ ctx: testCtx(t.db, contact.actor), input: { contactId: contact2.id } }), ForbiddenError);
    await assert.rejects(createApiToken({ ctx: testCtx(t.db, contact.actor), input: { agentId: other.id } }), ForbiddenError);
  });

  it('an admin creates a token for another agent, with an audit row', async () => {
    const admin = await seedAgent(t.db, 'admin');
    const other = await seedAgent(t.db, 'escalation');
    const created = await createApiToken({ ctx: testCtx(t.db, admin.actor), input: { agentId: other.id } });
    assert.deepEqual(created.owner, { kind: 'agent', id: other.id });
    assert.deepEqual(await authenticateToken(t.db, new TestClock(), created.token), other.actor);
    const { rows } = await t.db.query("SELECT actor_id FROM audit_events WHERE type = 'api_token.created' AND subject_id = $1", [created.id]);
    assert.deepEqual(rows, [{ actor_id: admin.id }]);
    await assert.rejects(
      createApiToken({ ctx: testCtx(t.db, admin.actor), input: { agentId: crypto.randomUUID() } }),
      NotFoundError,
    );
  });

  it('createTokenForEmail (the CLI entry) finds an agent or a contact by email', async () => {
    const agent = await seedAgent(t.db, 'manager');
    const created = await createTokenForEmail(t.db, agent.email.toUpperCase());
    assert.deepEqual(await authenticateToken(t.db, new TestClock(), created.token), agent.actor);
    const contact = await seedContact(t.db, (await seedOrganization(t.db)).id);
    const forContact = await createTokenForEmail(t.db, contact.email);
    assert.deepEqual(forContact.owner, { kind: 'contact', id: contact.id });
    await assert.rejects(createTokenForEmail(t.db, 'nobody@example.test'), NotFoundError);
  });
});
