import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { authenticateToken, createApiToken, createTokenForEmail, hashToken, listApiTokens, revokeApiToken } from '../../src/customers/index.ts';
import { TestClock } from '../../src/platform/clock.ts';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../../src/platform/errors.ts';
import { openTestDb } from '../support/test-db.ts';
import { seedAgent, seedContact, seedOrganization, testCtx } from '../support/fixtures.ts';
import type { TestDb } from '../support/test-db.ts';

describe('api tokens', () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
  });
  after(() => t.close());

  const actorOf = async (token: string, clock = new TestClock()) => {
    const check = await authenticateToken(t.db, clock, token);
    return check.status === 'valid' ? check.actor : check;
  };

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

    assert.deepEqual(await actorOf(created.token, clock), contact.actor);
    const used = await t.db.query<{ last_used_at: Temporal.Instant }>('SELECT last_used_at FROM api_tokens WHERE id = $1', [created.id]);
    assert.equal(used.rows[0].last_used_at.toString(), '2025-02-03T10:00:00Z');
    assert.deepEqual(await authenticateToken(t.db, clock, created.token + 'x'), { status: 'invalid' });

    await t.db.query('UPDATE api_tokens SET revoked_at = $1 WHERE id = $2', [clock.now(), created.id]);
    assert.deepEqual(await authenticateToken(t.db, clock, created.token), { status: 'invalid' });
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
    assert.deepEqual(await actorOf(created.token), other.actor);
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
    assert.deepEqual(await actorOf(created.token), agent.actor);
    const contact = await seedContact(t.db, (await seedOrganization(t.db)).id);
    const forContact = await createTokenForEmail(t.db, contact.email);
    assert.deepEqual(forContact.owner, { kind: 'contact', id: contact.id });
    await assert.rejects(createTokenForEmail(t.db, 'nobody@example.test'), NotFoundError);
  });

  it('expires: contacts after 90 days and agents after 365 by default, sooner when asked, never later', async () => {
    const org = await seedOrganization(t.db);
    const contact = await seedContact(t.db, org.id);
    const agent = await seedAgent(t.db, 'front_line');
    const clock = new TestClock('2026-01-10T12:00:00Z');
    const forContact = await createApiToken({ ctx: testCtx(t.db, contact.actor, clock), input: {} });
    const forAgent = await createApiToken({ ctx: testCtx(t.db, agent.actor, clock), input: {} });
    const short = await createApiToken({ ctx: testCtx(t.db, agent.actor, clock), input: { expiresInDays: 7 } });
    // 2026-01-10 + 90 days = 2026-04-10; + 365 days = 2027-01-10; + 7 days = 2026-01-17 (no DST in UTC).
    assert.equal(forContact.expiresAt.toString(), '2026-04-10T12:00:00Z');
    assert.equal(forAgent.expiresAt.toString(), '2027-01-10T12:00:00Z');
    assert.equal(short.expiresAt.toString(), '2026-01-17T12:00:00Z');
    await assert.rejects(createApiToken({ ctx: testCtx(t.db, contact.actor, clock), input: { expiresInDays: 91 } }), InvalidInputError);
    const custom = await createApiToken({ ctx: testCtx(t.db, contact.actor, clock), input: {}, lifetimes: { contact: 30, agent: 30 } });
    assert.equal(custom.expiresAt.toString(), '2026-02-09T12:00:00Z');

    assert.equal((await authenticateToken(t.db, new TestClock('2026-04-10T11:59:59Z'), forContact.token)).status, 'valid');
    assert.deepEqual(await authenticateToken(t.db, new TestClock('2026-04-10T12:00:00Z'), forContact.token), { status: 'expired' });
  });

  it('lists your own tokens (admins: anyone\'s) and revokes them; revocation works on the next check', async () => {
    const org = await seedOrganization(t.db);
    const contact = await seedContact(t.db, org.id);
    const other = await seedContact(t.db, org.id);
    const admin = await seedAgent(t.db, 'admin');
    const manager = await seedAgent(t.db, 'manager');
    const mine = await createApiToken({ ctx: testCtx(t.db, contact.actor), input: { name: 'one' } });
    // A second later: tokens made in the same instant list in id order, which is random.
    await createApiToken({ ctx: testCtx(t.db, contact.actor, new TestClock('2025-01-06T09:00:01Z')), input: { name: 'two' } });
    await createApiToken({ ctx: testCtx(t.db, other.actor), input: { name: 'theirs' } });
    const listed = await listApiTokens({ ctx: testCtx(t.db, contact.actor), input: {} });
    assert.deepEqual(listed.items.map((i) => i.name), ['one', 'two']);
    assert.ok(listed.items.every((i) => !('token' in i)));
    await assert.rejects(listApiTokens({ ctx: testCtx(t.db, contact.actor), input: { contactId: other.id } }), ForbiddenError);
    const byAdmin = await listApiTokens({ ctx: testCtx(t.db, admin.actor), input: { contactId: other.id } });
    assert.deepEqual(byAdmin.items.map((i) => i.name), ['theirs']);

    await assert.rejects(revokeApiToken({ ctx: testCtx(t.db, other.actor), input: { tokenId: mine.id } }), NotFoundError);
    await assert.rejects(revokeApiToken({ ctx: testCtx(t.db, manager.actor), input: { tokenId: mine.id } }), NotFoundError);
    assert.equal((await actorOf(mine.token) as { kind: string }).kind, 'contact');
    const revoked = await revokeApiToken({ ctx: testCtx(t.db, contact.actor), input: { tokenId: mine.id } });
    assert.ok(revoked.revokedAt);
    assert.deepEqual(await authenticateToken(t.db, new TestClock(), mine.token), { status: 'invalid' });
    const again = await revokeApiToken({ ctx: testCtx(t.db, admin.actor), input: { tokenId: mine.id } });
    assert.equal(again.revokedAt!.toString(), revoked.revokedAt!.toString(), 'revoking twice keeps the first time');
    const audit = await t.db.query("SELECT count(*)::int AS n FROM audit_events WHERE type = 'api_token.revoked' AND subject_id = $1", [mine.id]);
    assert.equal(audit.rows[0].n, 1);
  });
});
