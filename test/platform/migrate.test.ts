import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate, pendingMigrations, readMigrationFiles, MIGRATIONS_DIR } from '../../src/platform/migrate.ts';
import { openPostgresDb } from '../../src/platform/db-postgres.ts';
import { TestClock } from '../../src/platform/clock.ts';
import { openTestDb } from '../support/test-db.ts';
import type { TestDb } from '../support/test-db.ts';

describe('migrate', () => {
  let t: TestDb;
  const clock = new TestClock('2025-01-06T09:00:00Z');
  before(async () => {
    t = await openTestDb({ migrated: false });
  });
  after(() => t.close());

  it('reports every migration pending on an empty database', async () => {
    const files = await readMigrationFiles();
    assert.ok(files.length >= 1);
    assert.deepEqual(
      await pendingMigrations(t.db),
      files.map((f) => f.name),
    );
  });

  it('applies the migrations once and records them with the clock time', async () => {
    const applied = await migrate({ db: t.db, clock });
    assert.ok(applied.includes('0001_core.sql'));
    assert.deepEqual(await migrate({ db: t.db, clock }), [], 'second run applies nothing');
    assert.deepEqual(await pendingMigrations(t.db), []);
    const { rows } = await t.db.query<{ applied_at: Temporal.Instant }>(
      'SELECT applied_at FROM schema_migrations WHERE version = 1',
    );
    assert.equal(rows[0].applied_at.toString(), '2025-01-06T09:00:00Z');
  });

  it('applies a new file after the ones already applied, and refuses an edited one', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'accord-migrations-'));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    await writeFile(path.join(dir, '9001_extra.sql'), 'CREATE TABLE extra (id integer); CREATE INDEX extra_id ON extra (id);');
    assert.deepEqual(await migrate({ db: t.db, clock, dir }), ['9001_extra.sql']);
    await writeFile(path.join(dir, '9001_extra.sql'), 'CREATE TABLE extra (id bigint);');
    await assert.rejects(migrate({ db: t.db, clock, dir }), /changed after it was applied/);
  });

  it('rolls back a failing migration entirely', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'accord-migrations-'));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    await writeFile(path.join(dir, '9002_broken.sql'), 'CREATE TABLE half (id integer); SELECT * FROM missing_table;');
    await assert.rejects(migrate({ db: t.db, clock, dir }));
    const { rows } = await t.db.query("SELECT to_regclass('half') IS NULL AS gone");
    assert.deepEqual(rows, [{ gone: true }]);
  });
});

describe('migrate with two concurrent starters', () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb({ migrated: false });
  });
  after(() => t.close());

  it('applies each migration exactly once', async () => {
    const clock = new TestClock();
    // On PostgreSQL a second pool is a second process's view; PGlite has one connection to share.
    const second = t.connectionString ? openPostgresDb({ connectionString: t.connectionString }) : t.db;
    try {
      const [a, b] = await Promise.all([migrate({ db: t.db, clock }), migrate({ db: second, clock })]);
      assert.deepEqual([...a, ...b].sort(), (await readMigrationFiles()).map((f) => f.name).sort());
      const { rows } = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM schema_migrations');
      assert.equal(rows[0].n, a.length + b.length);
    } finally {
      if (second !== t.db) await second.close();
    }
  });
});
