// A token's last use is recorded once a minute, never backwards, and never waits on another
// transaction holding the token's row (authenticate-token.ts: skipped, not waited for).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { authenticateToken, createApiToken } from '../../src/customers/index.ts';
import { TestClock } from '../../src/platform/clock.ts';
import { openTestDb, testBackend, type TestDb } from '../support/test-db.ts';
import { seedContact, seedOrganization, testCtx } from '../support/fixtures.ts';

describe('token use', () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
  });
  after(() => t.close());

  async function newToken(clock: TestClock) {
    const org = await seedOrganization(t.db);
    const contact = await seedContact(t.db, org.id);
    return createApiToken({ ctx: testCtx(t.db, contact.actor, clock), input: { name: 'touch' } });
  }
  const lastUsed = async (id: string) =>
    (await t.db.query<{ last_used_at: Temporal.Instant | null }>('SELECT last_used_at FROM api_tokens WHERE id = $1', [id])).rows[0].last_used_at?.toString() ?? null;

  it('is recorded at most once a minute and never moves backwards', async () => {
    const clock = new TestClock('2026-12-02T10:00:00Z');
    const created = await newToken(clock);
    assert.equal(await lastUsed(created.id), null);
    assert.equal((await authenticateToken(t.db, clock, created.token)).status, 'valid');
    assert.equal(await lastUsed(created.id), '2026-12-02T10:00:00Z');
    clock.set('2026-12-02T10:00:59Z'); // under a minute later: not written
    assert.equal((await authenticateToken(t.db, clock, created.token)).status, 'valid');
    assert.equal(await lastUsed(created.id), '2026-12-02T10:00:00Z');
    clock.set('2026-12-02T10:01:00Z'); // a minute later: written
    assert.equal((await authenticateToken(t.db, clock, created.token)).status, 'valid');
    assert.equal(await lastUsed(created.id), '2026-12-02T10:01:00Z');
    // Another instance recorded a later use meanwhile; a use seen here as older does not undo it.
    await t.db.query('UPDATE api_tokens SET last_used_at = $1 WHERE id = $2', ['2026-12-02T10:30:00Z', created.id]);
    clock.set('2026-12-02T10:02:00Z');
    assert.equal((await authenticateToken(t.db, clock, created.token)).status, 'valid');
    assert.equal(await lastUsed(created.id), '2026-12-02T10:30:00Z');
  });

  it('skips a token whose row another transaction holds, instead of waiting for it', { skip: testBackend === 'pglite' && 'PGlite has one connection: no other transaction can hold the row' }, async () => {
    const clock = new TestClock('2026-12-02T11:00:00Z');
    const created = await newToken(clock);
    await authenticateToken(t.db, clock, created.token);
    assert.equal(await lastUsed(created.id), '2026-12-02T11:00:00Z');

    const other = new pg.Client({ connectionString: t.connectionString });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT id FROM api_tokens WHERE id = $1 FOR UPDATE', [created.id]);
      clock.set('2026-12-02T11:05:00Z'); // due for a new record, but the row is held
      const started = performance.now();
      const check = await Promise.race([
        authenticateToken(t.db, clock, created.token),
        new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 5000)),
      ]);
      assert.notEqual(check, 'waited', 'the token check waited on the held row');
      assert.equal((check as { status: string }).status, 'valid');
      assert.ok(performance.now() - started < 5000);
      await other.query('COMMIT');
    } finally {
      await other.query('ROLLBACK').catch(() => undefined);
      await other.end();
    }
    assert.equal(await lastUsed(created.id), '2026-12-02T11:00:00Z', 'skipped while held');
    clock.set('2026-12-02T11:06:00Z');
    await authenticateToken(t.db, clock, created.token);
    assert.equal(await lastUsed(created.id), '2026-12-02T11:06:00Z', 'recorded once the row is free');
  });
});
