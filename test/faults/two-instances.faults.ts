// Two instances on one PostgreSQL (each an API and a worker, as the service runs): a few hundred
// SLA breaches come due while both take tickets over HTTP. Every breach fires once, with one fire
// job per clock, and a ticket written through one instance reads the same through the other.
// PostgreSQL only: the embedded database belongs to one process.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { freshServiceDatabase, testBackend } from '../support/test-db.ts';
import { startServiceProcess } from '../support/service-process.ts';
import { startReceiver } from '../webhooks/helpers.ts';
import { countEffects, faultScratch, makeClocksDue, seedDesk, until, withDeskDb } from './fault-kit.ts';

const CLOCKS = 400;
const TICKETS = 100;

const scratch = faultScratch('two');
const { dir, running } = scratch;

it(`two instances fire ${CLOCKS} breaches exactly once under load and read the same (${testBackend})`, async (t) => {
  assert.equal(testBackend, 'postgres', 'several instances share a PostgreSQL server');
  const fresh = await freshServiceDatabase();
  scratch.drop = fresh.drop;
  const receiver = await startReceiver();
  try {
    await seedDesk(dir, fresh.databaseUrl);
    const a = await startServiceProcess({ dataDir: mkdtempSync(join(dir, 'a-')), databaseUrl: fresh.databaseUrl });
    running.push(a);
    const b = await startServiceProcess({ dataDir: mkdtempSync(join(dir, 'b-')), databaseUrl: fresh.databaseUrl });
    running.push(b);
    // The credentials file is the first start's (the seed); both instances accept its tokens.
    const creds = JSON.parse((await import('node:fs')).readFileSync(join(dir, 'demo-credentials.json'), 'utf8')) as { agents: Array<{ role: string; token: string }>; contacts: Array<{ token: string }> };
    const contact = creds.contacts[0].token;
    const agent = creds.agents.find((x) => x.role === 'admin')!.token;
    await withDeskDb(dir, fresh.databaseUrl, (db) => makeClocksDue(db, CLOCKS, `${receiver.url}/hook`));

    // Load while both sweep: tickets created through alternate instances, each read back through the other.
    const created: string[] = [];
    let inconsistent = 0;
    let failed = 0;
    await Promise.all(
      Array.from({ length: 10 }, async (_, s) => {
        for (let i = s; i < TICKETS; i += 10) {
          const [write, read] = i % 2 === 0 ? [a, b] : [b, a];
          const res = await fetch(`${write.url}/api/v1/tickets`, {
            method: 'POST', headers: { authorization: `Bearer ${contact}`, 'content-type': 'application/json' },
            body: JSON.stringify({ subject: `two ${i}`, description: 'Through one, read through the other', severity: 2 }),
          });
          if (res.status !== 201) {
            failed++;
            continue;
          }
          const written = (await res.json()) as { id: string };
          created.push(written.id);
          const [viaWrite, viaRead] = await Promise.all(
            [write, read].map(async (svc) => (await fetch(`${svc.url}/api/v1/tickets/${written.id}`, { headers: { authorization: `Bearer ${agent}` } })).text()),
          );
          if (viaWrite !== viaRead) inconsistent++;
        }
      }),
    );
    const distinctHooks = () => new Set(receiver.requests.map((r) => (JSON.parse(r.body) as { id: string }).id)).size;
    const breaches = async () => {
      const text = await (await fetch(`${a.url}/metrics`, { headers: { authorization: `Bearer ${agent}` } })).text();
      return Number(/^accord_sla_breaches_total (\d+)$/m.exec(text)?.[1] ?? 0);
    };
    await until(async () => (await breaches()) >= CLOCKS && distinctHooks() >= CLOCKS, 180_000);
    await a.kill('SIGTERM');
    await b.kill('SIGTERM');

    const counts = await withDeskDb(dir, fresh.databaseUrl, (db) => countEffects(db, CLOCKS, receiver.requests.map((r) => r.body)));
    t.diagnostic(JSON.stringify({ run: 'two-instances', database: testBackend, tickets_created: created.length, tickets_failed: failed, reads_inconsistent: inconsistent, ...counts }));
    assert.equal(failed, 0);
    assert.equal(inconsistent, 0);
    assert.equal(counts.breaches_done, CLOCKS);
    assert.equal(counts.breaches_duplicated, 0);
    assert.equal(counts.emails_queued, counts.emails_expected);
    assert.equal(counts.emails_duplicated, 0);
    assert.equal(counts.webhooks_received, CLOCKS);
    assert.equal(counts.fire_jobs, CLOCKS, 'one fire job per clock across both instances');
  } finally {
    await receiver.close();
  }
});
