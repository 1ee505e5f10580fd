// accord token create --email E against the embedded database.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashToken } from '../../src/customers/index.ts';
import { migrate, openDb, systemClock } from '../../src/platform/index.ts';

const root = new URL('../../', import.meta.url).pathname;

it('prints a new token for an agent, stored hashed; an unknown email exits 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'accord-token-'));
  try {
    let db = await openDb({ dataDir: join(dir, 'pglite') });
    await migrate({ db, clock: systemClock });
    await db.query("INSERT INTO agents (id, email, name, role, created_at) VALUES (gen_random_uuid(), 'ops@vendor.example', 'Ops', 'admin', now())");
    await db.close();
    const env = { ...process.env, ACCORD_DATA_DIR: dir, DATABASE_URL: '' };
    const r = spawnSync(process.execPath, ['bin/accord.js', 'token', 'create', '--email', 'OPS@vendor.example'], { cwd: root, env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const token = r.stdout.trim();
    assert.match(token, /^\S{20,}$/);
    db = await openDb({ dataDir: join(dir, 'pglite') });
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_tokens WHERE token_hash = $1', [hashToken(token)]);
    await db.close();
    assert.equal(rows[0].n, 1);
    const bad = spawnSync(process.execPath, ['bin/accord.js', 'token', 'create', '--email', 'nobody@x.example'], { cwd: root, env, encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /No agent or contact has the email nobody@x\.example/);
    assert.doesNotMatch(bad.stderr, /\n\s+at /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
