// A SIGKILL during intake, twice: keyed POST /api/v1/tickets flood the service, it is killed,
// started again, and every key not yet acknowledged is retried. Nothing acknowledged is lost,
// no key has two tickets, and no key is left stuck.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { freshServiceDatabase, testBackend } from '../support/test-db.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';
import { faultScratch, withDeskDb } from './fault-kit.ts';

const KEYS = 150;
const KILLS = 2;

async function post(svc: ServiceProcess, token: string, key: string): Promise<{ status: number; id?: string }> {
  const res = await fetch(`${svc.url}/api/v1/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ subject: `fault ${key}`, description: 'Sent until acknowledged', severity: 3 }),
  });
  const body = (await res.json()) as { id?: string };
  return { status: res.status, id: body.id };
}

const scratch = faultScratch('intake');
const { dir, running } = scratch;

it(`loses no acknowledged ticket and duplicates none across ${KILLS} SIGKILLs (${testBackend})`, async (t) => {
  const fresh = await freshServiceDatabase();
  scratch.drop = fresh.drop;
  const keys = Array.from({ length: KEYS }, (_, i) => `k${i}`);
  const acknowledged = new Map<string, string>();
  let token = '';
  for (let round = 0; round < KILLS; round++) {
    const svc = await startServiceProcess({ dataDir: dir, databaseUrl: fresh.databaseUrl });
    running.push(svc);
    token ||= svc.credentials().contacts[0].token;
    const pending = keys.filter((k) => !acknowledged.has(k));
    const killAt = acknowledged.size + Math.floor(pending.length / 3);
    let killed = false;
    // Ten senders at a time, each retrying its keys in turn, until the kill.
    await Promise.all(
      Array.from({ length: 10 }, async (_, s) => {
        for (let i = s; i < pending.length && !killed; i += 10) {
          try {
            const r = await post(svc, token, pending[i]);
            if (r.status === 201 && r.id) acknowledged.set(pending[i], r.id);
          } catch {
            // cut by the kill: not acknowledged
          }
          if (acknowledged.size >= killAt && !killed) {
            killed = true;
            await svc.kill('SIGKILL');
          }
        }
      }),
    );
    if (!killed) await svc.kill('SIGKILL');
  }
  const last = await startServiceProcess({ dataDir: dir, databaseUrl: fresh.databaseUrl });
  running.push(last);
  let replayedDifferently = 0;
  let stuck = 0;
  for (const key of keys) {
    const r = await post(last, token, key);
    if (r.status !== 201) stuck++;
    else if (acknowledged.has(key) && acknowledged.get(key) !== r.id) replayedDifferently++;
  }
  const acknowledgedBeforeKills = acknowledged.size;
  await last.kill('SIGTERM');
  const found = await withDeskDb(dir, fresh.databaseUrl, async (db) => {
    const { rows } = await db.query<{ subject: string; n: number }>("SELECT subject, count(*)::int AS n FROM tickets WHERE subject LIKE 'fault %' GROUP BY subject");
    const { rows: keysLeft } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM idempotency_keys WHERE response_status IS NULL');
    return { tickets: rows, keysLeft: keysLeft[0].n };
  });
  const lost = [...acknowledged.keys()].filter((k) => !found.tickets.some((r) => r.subject === `fault ${k}`)).length;
  const counts = {
    run: 'intake-kill', database: testBackend, kills: KILLS, keys: KEYS,
    acknowledged_before_kills: acknowledgedBeforeKills, found: found.tickets.length, lost,
    duplicated: found.tickets.filter((r) => r.n > 1).length, answered_differently: replayedDifferently, keys_stuck: stuck + found.keysLeft,
  };
  t.diagnostic(JSON.stringify(counts));
  assert.equal(counts.found, KEYS);
  assert.equal(counts.lost, 0);
  assert.equal(counts.duplicated, 0);
  assert.equal(counts.answered_differently, 0);
  assert.equal(counts.keys_stuck, 0);
});
