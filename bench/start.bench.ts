// `npm run bench:start`: a fresh `npm start` (node src/main.ts on a new data directory, PGlite
// unless DATABASE_URL is set): milliseconds until /healthz answers, until the demo logins are
// printed, and the resident memory after 10 s idle and at its peak (Linux /proc). One JSON line,
// which says whether `npm ci`'s caches were there (ADR 0016: the PGlite cluster template and
// Node's compile cache); `npm run prepare:cache` makes them, deleting node_modules/.cache/accord
// measures a start without them.
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMPILE_CACHE_DIR } from '../src/platform/cache-dir.ts';
import { defaultTemplatePath } from '../src/platform/pglite-template.ts';

const root = join(import.meta.dirname, '..');
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 10_000);
const dataDir = mkdtempSync(join(tmpdir(), 'accord-start-'));
const caches = { template: existsSync(defaultTemplatePath()), compile_cache: existsSync(COMPILE_CACHE_DIR) && !process.env.NODE_DISABLE_COMPILE_CACHE };
const started = performance.now();
// A free port chosen here, so /healthz can be polled from the first moment (PORT=0 would tell the
// port only when the service prints its URL, after its workers have started).
const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const p = (probe.address() as AddressInfo).port;
    probe.close(() => resolve(p));
  });
});
// Exactly what `npm start` runs (its node flags included), without npm's own process.
const startScript = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
const child = spawn(process.execPath, startScript.split(/\s+/).slice(1), {
  cwd: root,
  env: { ...process.env, PORT: String(port), ACCORD_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ACCORD_DEMO: '1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let printedMs: number | null = null;
let url: string | null = null;
let out = '';
child.stdout!.on('data', (chunk: Buffer) => {
  out += chunk.toString();
  const m = /Accord is running at (http:\/\/\S+)/.exec(out);
  if (m && url === null) {
    url = m[1];
    printedMs = performance.now() - started;
  }
});

const memory = (field: 'VmRSS' | 'VmHWM') => {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : null;
};

let healthzMs: number | null = null;
while (healthzMs === null && performance.now() - started < 120_000) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    if (res.ok) healthzMs = performance.now() - started;
  } catch {
    await new Promise((r) => setTimeout(r, 25));
  }
}
await new Promise((r) => setTimeout(r, IDLE_MS));
const result = {
  bench: 'start',
  database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
  healthz_ms: healthzMs === null ? null : Math.round(healthzMs),
  ready_ms: printedMs === null ? null : Math.round(printedMs),
  idle_rss_mb: memory('VmRSS'),
  peak_rss_mb: memory('VmHWM'),
  ...caches,
};
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(result)}\n`);
