// accord token create|list|revoke against the embedded database, and the refusal while a
// running service holds it.
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

it('lists and revokes tokens by email and id', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'accord-token-'));
  try {
    const db = await openDb({ dataDir: join(dir, 'pglite') });
    await migrate({ db, clock: systemClock });
    await db.query("INSERT INTO agents (id, email, name, role, created_at) VALUES (gen_random_uuid(), 'ops@vendor.example', 'Ops', 'admin', now())");
    await db.close();
    const env = { ...process.env, ACCORD_DATA_DIR: dir, DATABASE_URL: '' };
    const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/accord.js', 'token', ...args], { cwd: root, env, encoding: 'utf8' });
    const created = cli('create', '--email', 'ops@vendor.example', '--name', 'laptop', '--days', '30');
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stderr, /expires \d{4}-\d{2}-\d{2}T/);
    const listed = cli('list', '--email', 'ops@vendor.example', '--json');
    assert.equal(listed.status, 0, listed.stderr);
    const tokens = JSON.parse(listed.stdout);
    assert.equal(tokens.length, 1);
    assert.equal(tokens[0].name, 'laptop');
    assert.equal(tokens[0].revokedAt, null);
    assert.ok(created.stdout.trim().startsWith(tokens[0].prefix));
    assert.equal(tokens[0].readOnly, false);
    const dashboard = cli('create', '--email', 'ops@vendor.example', '--name', 'dashboard', '--read-only');
    assert.equal(dashboard.status, 0, dashboard.stderr);
    assert.match(dashboard.stderr, /, read only, expires /);
    assert.deepEqual(JSON.parse(cli('list', '--email', 'ops@vendor.example', '--json').stdout).map((t: { name: string; readOnly: boolean }) => [t.name, t.readOnly]), [['laptop', false], ['dashboard', true]]);
    const scoped = cli('create', '--email', 'ops@vendor.example', '--name', 'status bot', '--scope', 'status:write', '--scope', 'kb:read');
    assert.equal(scoped.status, 0, scoped.stderr);
    assert.match(scoped.stderr, /, scopes status:write kb:read, expires /);
    assert.deepEqual(JSON.parse(cli('list', '--email', 'ops@vendor.example', '--json').stdout).map((t: { name: string; scopes: string[] | null }) => [t.name, t.scopes]), [['laptop', null], ['dashboard', null], ['status bot', ['status:write', 'kb:read']]]);
    const wrong = cli('create', '--email', 'ops@vendor.example', '--scope', 'status:admin');
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /scopes\.0/);
    const revoked = cli('revoke', '--id', tokens[0].id);
    assert.equal(revoked.status, 0, revoked.stderr);
    assert.match(revoked.stdout, /revoked/);
    const after = JSON.parse(cli('list', '--email', 'ops@vendor.example', '--json').stdout);
    assert.notEqual(after[0].revokedAt, null);
    const unknown = cli('revoke', '--id', crypto.randomUUID());
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /Token not found/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('refuses to open the embedded database while another process holds it, and says to use the API', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'accord-token-'));
  const db = await openDb({ dataDir: join(dir, 'pglite') });
  try {
    await migrate({ db, clock: systemClock });
    await db.query("INSERT INTO agents (id, email, name, role, created_at) VALUES (gen_random_uuid(), 'ops@vendor.example', 'Ops', 'admin', now())");
    const env = { ...process.env, ACCORD_DATA_DIR: dir, DATABASE_URL: '' };
    const r = spawnSync(process.execPath, ['bin/accord.js', 'token', 'create', '--email', 'ops@vendor.example'], { cwd: root, env, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '', 'no token that would not work is printed');
    assert.match(r.stderr, new RegExp(`in use by another Accord process \\(pid ${process.pid}\\)`));
    assert.match(r.stderr, /POST \/api\/v1\/tokens/);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_tokens');
    assert.equal(rows[0].n, 0);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
