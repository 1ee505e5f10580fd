import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jobsDbFor, startJobs, stopJobs } from '../../src/platform/jobs.ts';
import { silentLogger } from '../../src/platform/logger.ts';
import { openTestDb } from '../support/test-db.ts';
import { within } from '../support/within.ts';
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
    assert.deepEqual(await within(worked, 20_000, 'the echo job'), { text: 'hello' });
  });

  it('enqueues inside an application transaction only if it commits', async () => {
    await boss.createQueue('count');
    const seen: number[] = [];
    let resolveDone!: () => void;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    await boss.work<{ i: number }>('count', { pollingIntervalSeconds: 0.5, batchSize: 10 }, async (jobs) => {
      seen.push(...jobs.map((job) => job.data.i));
      if (seen.length >= 3) resolveDone();
    });
    await Promise.all(
      [0, 1, 2].map((i) =>
        t.db.transaction(async (tx) => {
          await tx.query('SELECT 1');
          await boss.send('count', { i }, { db: jobsDbFor(tx) });
        }),
      ),
    );
    await assert.rejects(
      t.db.transaction(async (tx) => {
        await boss.send('count', { i: 99 }, { db: jobsDbFor(tx) });
        throw new Error('rolled back');
      }),
    );
    await within(done, 20_000, 'three count jobs');
    assert.deepEqual(seen.sort(), [0, 1, 2]);
    const { rows } = await t.db.query<{ n: number }>("SELECT count(*) AS n FROM pgboss.job WHERE name = 'count'");
    assert.equal(rows[0].n, 3, 'the rolled-back job was never stored');
  });
});
