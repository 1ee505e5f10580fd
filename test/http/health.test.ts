import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/http/index.ts';
import { TestClock } from '../../src/platform/clock.ts';
import { silentLogger } from '../../src/platform/logger.ts';
import { MIGRATIONS_DIR } from '../../src/platform/migrate.ts';
import type { Db } from '../../src/platform/db.ts';
import { openTestDb } from '../support/test-db.ts';
import type { TestDb } from '../support/test-db.ts';

describe('health and readiness', () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
  });
  after(() => t.close());

  const build = (db: Db, migrationsDir?: string) =>
    buildApp({ db, clock: new TestClock(), logger: silentLogger(), migrationsDir });

  it('/healthz answers while the process is up, /readyz once the database is migrated', async () => {
    const app = await build(t.db);
    try {
      assert.deepEqual((await app.inject('/healthz')).json(), { status: 'ok' });
      const ready = await app.inject('/readyz');
      assert.equal(ready.statusCode, 200);
      assert.deepEqual(ready.json(), { status: 'ready' });
    } finally {
      await app.close();
    }
  });

  it('/readyz is 503 while a migration is pending', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'accord-ready-'));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    await writeFile(path.join(dir, '9999_later.sql'), 'SELECT 1;');
    const app = await build(t.db, dir);
    try {
      const res = await app.inject('/readyz');
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().code, 'unavailable');
      assert.match(res.json().details[0].message, /9999_later\.sql/);
    } finally {
      await app.close();
    }
  });

  it('/readyz is 503 when the database does not answer, /healthz still 200', async () => {
    const down: Db = {
      query: async () => {
        throw new Error('connection refused');
      },
      exec: async () => undefined,
      transaction: async () => {
        throw new Error('connection refused');
      },
    };
    const app = await build(down);
    try {
      const res = await app.inject('/readyz');
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().details[0].path, 'database');
      assert.equal((await app.inject('/healthz')).statusCode, 200);
    } finally {
      await app.close();
    }
  });
});
