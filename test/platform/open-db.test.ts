import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readdir, stat } from 'node:fs/promises';
import { DataDirInUseError } from '../../src/platform/index.ts';
import { openDb } from '../../src/platform/open-db.ts';
import { testBackend, testDatabaseUrl } from '../support/test-db.ts';

async function fileModes(dir: string): Promise<Array<{ file: string; mode: number }>> {
  const out: Array<{ file: string; mode: number }> = [{ file: dir, mode: (await stat(dir)).mode }];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    out.push({ file, mode: (await stat(file)).mode });
  }
  return out;
}

describe('openDb', () => {
  it('keeps embedded data under the data directory across a restart, owner-only and locked to one process', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'accord-data-'));
    try {
      const first = await openDb({ dataDir });
      assert.equal(first.kind, 'pglite');
      await first.exec('CREATE TABLE kept (note text)');
      await first.query('INSERT INTO kept VALUES ($1)', ['survives']);
      await assert.rejects(openDb({ dataDir }), DataDirInUseError, 'a second opening while the first is open');
      await first.close();
      const modes = await fileModes(dataDir);
      assert.ok(modes.length > 10, 'PGlite wrote its files');
      assert.deepEqual(modes.filter((m) => (m.mode & 0o077) !== 0), [], 'no file or directory is readable by others');

      const second = await openDb({ dataDir });
      const { rows } = await second.query('SELECT note FROM kept');
      assert.deepEqual(rows, [{ note: 'survives' }]);
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  if (testBackend === 'postgres') it('uses PostgreSQL when a database URL is given', async () => {
    const db = await openDb({ databaseUrl: testDatabaseUrl, dataDir: '/nonexistent' });
    try {
      assert.equal(db.kind, 'postgres');
      assert.deepEqual((await db.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
    } finally {
      await db.close();
    }
  });
});
