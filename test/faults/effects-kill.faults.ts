// Effects exactly once with the worker killed mid-batch: a few hundred SLA breaches owed at
// start, the service SIGKILLed while it fires them, started again. Every breach is on its
// ticket's timeline once, each manager's e-mail is queued once per breach, and the webhook
// receiver hears of every breach (a delivery cut by the kill may come again, with the same id).
import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { OpenedDb } from '../../src/platform/index.ts';
import { freshServiceDatabase, testBackend } from '../support/test-db.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';
import { startReceiver } from '../webhooks/helpers.ts';
import { countEffects, faultScratch, makeClocksDue, seedDesk, until, withDeskDb } from './fault-kit.ts';

const CLOCKS = 300;

/** Nothing left to fire and no webhook delivery due (only claimed ones wait), as /metrics says. */
async function withNothing(svc: ServiceProcess, token: string): Promise<boolean> {
  try {
    const text = await (await fetch(`${svc.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
    const queued = [...text.matchAll(/^accord_queue_depth\{queue="(sla-fire|sla-sweep)"\} (\d+)$/gm)].reduce((a, m) => a + Number(m[2]), 0);
    const pending = Number(/^accord_webhook_deliveries_pending (\d+)$/m.exec(text)?.[1] ?? -1);
    return queued === 0 && pending >= 0 && pending <= 50 && settledBreaches(text);
  } catch {
    return false;
  }
}

let expectedBreaches = Infinity;
const settledBreaches = (text: string) => Number(/^accord_sla_breaches_total (\d+)$/m.exec(text)?.[1] ?? 0) >= expectedBreaches;

async function breachesSeen(svc: ServiceProcess, token: string): Promise<number> {
  try {
    const text = await (await fetch(`${svc.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
    return Number(/^accord_sla_breaches_total (\d+)$/m.exec(text)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

const scratch = faultScratch('effects');
const { dir, running } = scratch;

it(`fires ${CLOCKS} breaches exactly once across a SIGKILL mid-batch (${testBackend})`, async (t) => {
  const fresh = await freshServiceDatabase();
  scratch.drop = fresh.drop;
  const receiver = await startReceiver();
  try {
    await seedDesk(dir, fresh.databaseUrl);
    await withDeskDb(dir, fresh.databaseUrl, (db) => makeClocksDue(db, CLOCKS, `${receiver.url}/hook`));

    const breachRows = (db: { query: OpenedDb['query'] }) =>
      db.query<{ n: number }>("SELECT count(*)::int AS n FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.type = 'sla_breach' AND t.subject LIKE 'Bulk %'").then((r) => r.rows[0].n);
    const first = await startServiceProcess({ dataDir: dir, databaseUrl: fresh.databaseUrl });
    running.push(first);
    const token = first.credentials().agents.find((a) => a.role === 'manager')!.token;
    if (fresh.databaseUrl) {
      // PostgreSQL: watch the breaches land and kill once the first have.
      const watch = new pg.Client({ connectionString: fresh.databaseUrl });
      await watch.connect();
      try {
        await until(async () => (await breachRows(watch)) >= 10, 120_000, 50);
      } finally {
        await watch.end();
      }
    } else {
      // PGlite belongs to the service while it runs, so the breaches cannot be watched: it is killed
      // as it starts answering. Its one connection fires all 300 in well under a second (the
      // counts show how many): on PGlite the kill lands in webhook delivery, mid-batch there.
      await new Promise((r) => setTimeout(r, 100));
    }
    await first.kill('SIGKILL');
    const [atKill, allAtKill] = await withDeskDb(dir, fresh.databaseUrl, async (db) => [
      await breachRows(db),
      (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM ticket_events WHERE type = 'sla_breach'")).rows[0].n,
    ]);
    process.stderr.write(`effects-kill: ${atKill} of ${CLOCKS} fired at the kill\n`);

    const second = await startServiceProcess({ dataDir: dir, databaseUrl: fresh.databaseUrl });
    running.push(second);
    // Every breach fired, and every webhook sent but those the killed worker had claimed (they come again after the claim lapses).
    expectedBreaches = allAtKill - atKill + CLOCKS; // the demo's own breaches, and all of ours
    const settled = () => withNothing(second, token);
    await until(settled, 300_000); // a job the killed worker held runs again once it expires (30 s) and the supervisor sees it (60 s)
    await new Promise((r) => setTimeout(r, 6_000)); // three more delivery runs: what is left waits on a lapsed claim
    await second.kill('SIGTERM');

    const counts = await withDeskDb(dir, fresh.databaseUrl, (db) => countEffects(db, CLOCKS, receiver.requests.map((r) => r.body)));
    t.diagnostic(JSON.stringify({ run: 'effects-kill', database: testBackend, fired_before_kill: atKill, ...counts }));
    if (testBackend === 'postgres') assert.ok(atKill < CLOCKS, `the kill came before the last breach (${atKill} fired)`);
    assert.equal(counts.breaches_done, CLOCKS);
    assert.equal(counts.breaches_duplicated, 0);
    assert.equal(counts.emails_queued, counts.emails_expected);
    assert.equal(counts.emails_duplicated, 0);
    assert.equal(counts.webhooks_missing, 0, 'every breach webhook received, or waiting on a lapsed claim to be sent (again)');
    assert.ok(counts.webhooks_waiting_on_claim <= 50, 'at most one claimed batch waits');
  } finally {
    await receiver.close();
  }
});
