// `npm test` after the type check: every test file on PGlite, then every file that touches a
// database again on PostgreSQL when DATABASE_URL is set (as in CI), so both backends are
// exercised by the same suites. A file touches a database when it uses the test database
// helpers (test/support/test-db.ts and what builds on it); that is read from its source, so a new
// kit that opens a desk for its tests (test/web/admin-kit.ts adminDesk, test/webhooks/delivery-bench.ts
// deliveryBench) is named here too.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const DATABASE_HELPERS = /adminDesk|deliveryBench|openTestDb|openDesk|suiteDesk|openMailDesk|openTestApp|openTicketApp|openWebApp|testDatabaseUrl|testBackend|startTestService/;
// A bound on every test: a regression that hangs fails the run instead of stalling CI.
const TEST_TIMEOUT_MS = 420_000;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.test.ts') ? [path.relative(root, full)] : [];
  });
}

function run(label: string, files: string[], env: NodeJS.ProcessEnv): number {
  process.stdout.write(`\n# ${label}: ${files.length} files\n`);
  const args = ['--test', '--test-concurrency=2', `--test-timeout=${TEST_TIMEOUT_MS}`, ...process.argv.slice(2), ...files];
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  return result.status ?? 1;
}

const all = testFiles(path.join(root, 'test')).sort();
const usesDatabase = all.filter((file) => DATABASE_HELPERS.test(readFileSync(path.join(root, file), 'utf8')));
const failures: string[] = [];

if (run('pass 1, PGlite', all, { ...process.env, ACCORD_TEST_DB: 'pglite' }) !== 0) failures.push('PGlite');
if (process.env.DATABASE_URL) {
  if (run('pass 2, PostgreSQL', usesDatabase, { ...process.env, ACCORD_TEST_DB: 'postgres' }) !== 0) failures.push('PostgreSQL');
} else {
  process.stdout.write('\n# pass 2, PostgreSQL: not run (set DATABASE_URL to a server, as .ci/run does)\n');
}
if (failures.length > 0) {
  process.stderr.write(`\ntests failed on: ${failures.join(', ')}\n`);
  process.exit(1);
}
