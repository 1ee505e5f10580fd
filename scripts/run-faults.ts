// `npm run test:faults`: the fault runs of test/faults (*.faults.ts, kept out of `npm test`):
// SIGKILL during intake; effects exactly once across a SIGKILL mid-batch; e-mail and on-call
// pages exactly once through an SMTP outage and a SIGKILL mid-delivery (at most one duplicate
// of a message, with its Message-ID); all on PGlite and (when DATABASE_URL is set, as in CI) on
// PostgreSQL; two instances on one PostgreSQL. Each run prints what it counted as a JSON
// diagnostic line. Part of CI after `npm test` (.ci/run).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, 'test', 'faults');
const files = readdirSync(dir).filter((f) => f.endsWith('.faults.ts')).sort().map((f) => path.join('test', 'faults', f));
// The embedded database belongs to one process: several instances need PostgreSQL.
const POSTGRES_ONLY = new Set([path.join('test', 'faults', 'two-instances.faults.ts')]);
const TIMEOUT_MS = 600_000;

function run(label: string, list: string[], env: NodeJS.ProcessEnv): number {
  process.stdout.write(`\n# faults, ${label}: ${list.length} runs\n`);
  const args = ['--test', '--test-concurrency=1', `--test-timeout=${TIMEOUT_MS}`, ...process.argv.slice(2), ...list];
  return spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' }).status ?? 1;
}

const failures: string[] = [];
if (run('PGlite', files.filter((f) => !POSTGRES_ONLY.has(f)), { ...process.env, ACCORD_TEST_DB: 'pglite' }) !== 0) failures.push('PGlite');
if (process.env.DATABASE_URL) {
  if (run('PostgreSQL', files, { ...process.env, ACCORD_TEST_DB: 'postgres' }) !== 0) failures.push('PostgreSQL');
} else {
  process.stdout.write('\n# faults, PostgreSQL: not run (set DATABASE_URL to a server, as .ci/run does)\n');
}
if (failures.length > 0) {
  process.stderr.write(`\nfault runs failed on: ${failures.join(', ')}\n`);
  process.exit(1);
}
