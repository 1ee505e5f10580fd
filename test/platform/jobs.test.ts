import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startJobs, stopJobs } from '../../src/platform/jobs.ts';
import { silentLogger } from '../../src/platform/logger.ts';
import { openTestDb } from '../support/test-db.ts';
import type { PgBoss } from '../../src/platform/jobs.ts';
import type { TestDb } from '../support/test-db.ts';

describe('jobs (pg-boss on the application database)', () => {
  let t: TestDb;
  let boss: PgBoss;
  before(async () => {
    t = await openTestDb();
    boss = await startJobs({ db: t.db, logger: silentLogger(), supervise: false, schedule: false });
  });
  after(async () => {
    await stopJobs(boss, 2_000);
    await t.close();
  });

  it(`works a job that was sent`, async () => {
    await boss.createQueue('echo');
    const worked = new Promise<unknown>((resolve) => {
      void boss.work<{ text: string }>('echo', { pollingIntervalSeconds: 0.5 }, async ([job]) => {
        resolve(job.data);
      });
    });
    const id = await boss.send('echo', { text: 'hello' });
    assert.ok(id);
    assert.deepEqual(await worked, { text: 'hello' });
  });

  it('shares the database with application transactions without interleaving', async () => {
    await boss.createQueue('count');
    let seen = 0;
    const done = new Promise<void>((resolve) => {
      void boss.work('count', { pollingIntervalSeconds: 0.5, batchSize: 5 }, async (jobs) => {
        seen += jobs.length;
        if (seen >= 5) resolve();
      });
    });
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        t.db.transaction(async (tx) => {
          await tx.query('SELECT pg_sleep(0.01)');
          await boss.send('count', { i });
          await tx.query('SELECT 1');
        }),
      ),
    );
    await done;
    assert.equal(seen, 5);
  });
});
