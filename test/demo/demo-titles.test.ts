// The demo's tickets name their level as the vendor does: OfficeSpace numbers no levels, so its
// demo tickets carry the level's name alone; OpenBack numbers them ("Severity 1 ... Critical").
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { silentLogger, TestClock } from '../../src/platform/index.ts';
import { activatePolicy } from '../../src/policy-versions/index.ts';
import { examplePolicySource } from '../support/desk.ts';
import { openTestDb, testBackend, type TestDb } from '../support/test-db.ts';

async function demoSubjects(vendor: string, opened: TestDb[]): Promise<string[]> {
  const t = await openTestDb();
  opened.push(t);
  const ctx = { db: t.db, clock: new TestClock('2026-12-02T10:00:00Z'), logger: silentLogger(), actor: { kind: 'system' as const } };
  await activatePolicy({ ctx, input: { source: examplePolicySource(vendor) } });
  await seedDemo({ db: t.db, clock: ctx.clock, logger: ctx.logger });
  const { rows } = await t.db.query<{ subject: string }>("SELECT DISTINCT subject FROM tickets WHERE subject LIKE 'Demo:%' ORDER BY subject");
  return rows.map((r) => r.subject);
}

describe(`demo ticket titles on ${testBackend}`, () => {
  const opened: TestDb[] = [];
  after(async () => {
    for (const t of opened) await t.close();
  });

  it('OfficeSpace: the level by its name alone, never a number the vendor does not use', async () => {
    assert.deepEqual(await demoSubjects('officespace', opened), [
      'Demo: Basic Product Support issue',
      'Demo: Critical Technical Support issue',
      'Demo: Technical Support issue',
    ]);
  });

  it('OpenBack: the numbered severity with its name', async () => {
    const subjects = await demoSubjects('openback', opened);
    assert.ok(subjects.includes('Demo: severity 1 (Critical) issue'), subjects.join(' | '));
  });
});
