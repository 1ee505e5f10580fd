// Idempotency across a killed process. A request killed mid-flight leaves no reservation behind
// (its key is claimed inside its own transaction), so the retry after a restart creates the
// ticket exactly once; an answered request replays. On PGlite and on PostgreSQL.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freshServiceDatabase, testBackend } from '../support/test-db.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';

async function postTicket(svc: ServiceProcess, token: string, key: string): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${svc.url}/api/v1/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ subject: `crash ${key}`, description: 'Sent until acknowledged', severity: 3 }),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

describe(`idempotency across a killed process on ${testBackend}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'accord-crash-'));
  let drop = async () => {};
  const running: ServiceProcess[] = [];
  after(async () => {
    for (const svc of running) await svc.kill('SIGKILL');
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('SIGKILL during a flood of keyed requests: after a restart every key has exactly one ticket, and answers replay', async () => {
    const fresh = await freshServiceDatabase();
    drop = fresh.drop;
    const first = await startServiceProcess({ dataDir: dir, databaseUrl: fresh.databaseUrl });
    running.push(first);
    const token = first.credentials().contacts[0].token;
    const keys = Array.from({ length: 60 }, (_, i) => `flood-${i}`);
    const acknowledged = new Map<string, string>();
    let killed = false;
    const sends = keys.map(async (key, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * 15));
      if (killed) return;
      try {
        const res = await postTicket(first, token, key);
        if (res.status === 201) acknowledged.set(key, res.body.id);
        if (acknowledged.size >= 15 && !killed) {
          killed = true;
          await first.kill('SIGKILL');
        }
      } catch {
        // the connection died with the process: not acknowledged
      }
    });
    await Promise.all(sends);
    if (!killed) await first.kill('SIGKILL');
    assert.ok(acknowledged.size >= 15, `acknowledged before the kill: ${acknowledged.size}`);

    const second = await startServiceProcess({ dataDir: dir, databaseUrl: fresh.databaseUrl });
    running.push(second);
    for (const key of keys) {
      const res = await postTicket(second, token, key);
      assert.equal(res.status, 201, `${key}: ${JSON.stringify(res.body)}`);
      if (acknowledged.has(key)) {
        assert.equal(res.headers.get('idempotent-replayed'), 'true', `${key} was answered before the kill`);
        assert.equal(res.body.id, acknowledged.get(key));
      }
    }
    const agent = second.credentials().agents.find((a) => a.role === 'admin')!.token;
    const counts = new Map<string, number>();
    let cursor: string | null = null;
    do {
      const page: any = await (await fetch(`${second.url}/api/v1/tickets?limit=200${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${agent}` } })).json();
      for (const t of page.items) if (t.subject.startsWith('crash ')) counts.set(t.subject, (counts.get(t.subject) ?? 0) + 1);
      cursor = page.next_cursor;
    } while (cursor);
    assert.deepEqual([...counts.values()].filter((n) => n !== 1), [], 'no key has two tickets');
    assert.equal(counts.size, keys.length, 'every key has its ticket');
    await second.kill('SIGTERM');
  });

  if (testBackend === 'postgres') {
    it('a request killed while it waits inside its transaction leaves no reservation; a concurrent retry heard 409 with Retry-After', async () => {
      const fresh = await freshServiceDatabase();
      const dir2 = mkdtempSync(join(tmpdir(), 'accord-crash-pg-'));
      const svc = await startServiceProcess({ dataDir: dir2, databaseUrl: fresh.databaseUrl });
      running.push(svc);
      const token = svc.credentials().contacts[0].token;
      // Hold the tickets table so the request stops after claiming its key, inside its transaction.
      const blocker = new pg.Client({ connectionString: fresh.databaseUrl });
      await blocker.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query('LOCK TABLE tickets IN ACCESS EXCLUSIVE MODE');
        const stalled = postTicket(svc, token, 'stalled').catch(() => null);
        await new Promise((resolve) => setTimeout(resolve, 700));
        const concurrent = await postTicket(svc, token, 'stalled');
        assert.equal(concurrent.status, 409);
        assert.equal(concurrent.headers.get('retry-after'), '1');
        await svc.kill('SIGKILL');
        assert.equal(await stalled, null, 'the stalled request never answered');
        await blocker.query('ROLLBACK');
        // PostgreSQL ended the killed process's transaction with its connection: no key is left.
        const keys = await blocker.query("SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'stalled'");
        assert.equal(keys.rows[0].n, 0);
      } finally {
        await blocker.end();
      }
      const again = await startServiceProcess({ dataDir: dir2, databaseUrl: fresh.databaseUrl });
      running.push(again);
      const retried = await postTicket(again, token, 'stalled');
      assert.equal(retried.status, 201);
      assert.equal(retried.headers.get('idempotent-replayed'), null, 'it ran, it was not a replay');
      const replay = await postTicket(again, token, 'stalled');
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.equal(replay.body.id, retried.body.id);
      const check = new pg.Client({ connectionString: fresh.databaseUrl });
      await check.connect();
      const tickets = await check.query("SELECT count(*)::int AS n FROM tickets WHERE subject = 'crash stalled'");
      await check.end();
      assert.equal(tickets.rows[0].n, 1);
      await again.kill('SIGTERM');
      await fresh.drop();
      rmSync(dir2, { recursive: true, force: true });
    });
  }
});
