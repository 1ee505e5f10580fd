import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDb } from '../../src/platform/open-db.ts';
import { testDatabaseUrl } from '../support/test-db.ts';

describe('openDb', () => {
  it('keeps embedded data under the data directory across a restart', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'accord-data-'));
    try {
      const first = await openDb({ dataDir });
      assert.equal(first.kind, 'pglite');
      await first.exec('CREATE TABLE kept (note text)');
      await first.query('INSERT INTO kept VALUES ($1)', ['survives']);
      await first.close();

      const second = await openDb({ dataDir });
      const { rows } = await second.query('SELECT note FROM kept');
      assert.deepEqual(rows, [{ note: 'survives' }]);
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('uses PostgreSQL when a database URL is given', { skip: !testDatabaseUrl && 'DATABASE_URL not set' }, async () => {
    const db = await openDb({ databaseUrl: testDatabaseUrl, dataDir: '/nonexistent' });
    try {
      assert.equal(db.kind, 'postgres');
      assert.deepEqual((await db.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
    } finally {
      await db.close();
    }
  });
});
