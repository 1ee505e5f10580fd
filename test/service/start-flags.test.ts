// `npm start` (src/start.ts) runs the service with the heap flags of its database (ADR 0015):
// small-heap flags on the embedded database, Node's defaults on PostgreSQL; it becomes
// src/main.ts in the same process, so the pid that was started is the one answering, with Node's
// compile cache in node_modules/.cache/accord and glibc's mmap threshold fixed (ADR 0017).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { heapFlagsFor } from '../../src/service/heap-flags.ts';
import { startServiceProcess } from '../support/service-process.ts';
import { freshServiceDatabase, testBackend } from '../support/test-db.ts';

describe('heap flags', () => {
  it('are the small-heap flags without DATABASE_URL and none with it', () => {
    assert.deepEqual(heapFlagsFor({}), ['--max-semi-space-size=2', '--optimize-for-size']);
    assert.deepEqual(heapFlagsFor({ DATABASE_URL: '' }), ['--max-semi-space-size=2', '--optimize-for-size']);
    assert.deepEqual(heapFlagsFor({ DATABASE_URL: 'postgres://accord@db.internal:5432/accord' }), []);
  });

  it('package.json start runs src/start.ts', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { scripts: { start: string } };
    assert.equal(pkg.scripts.start, 'node src/start.ts');
  });
});

describe(`npm start on ${testBackend}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'accord-start-flags-'));
  let drop = async () => {};
  after(async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('becomes src/main.ts in the same process, with the flags of its database', { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
    const fresh = await freshServiceDatabase();
    drop = fresh.drop;
    const svc = await startServiceProcess({ dataDir: dir, databaseUrl: fresh.databaseUrl, entry: 'src/start.ts' });
    try {
      const health = await fetch(`${svc.url}/healthz`);
      assert.equal(health.status, 200);
      const argv = readFileSync(`/proc/${svc.child.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      assert.ok(argv.some((a) => a.endsWith('/src/main.ts')), `the started pid runs src/main.ts: ${argv.join(' ')}`);
      const expected = fresh.databaseUrl ? [] : ['--max-semi-space-size=2', '--optimize-for-size'];
      const flags = argv.filter((a) => a === '--optimize-for-size' || a.startsWith('--max-semi-space-size'));
      assert.deepEqual(flags, expected);
      // Node's compile cache (filled by `npm ci`, ADR 0016), unless the test's own environment names one.
      const environ = readFileSync(`/proc/${svc.child.pid}/environ`, 'utf8').split('\0');
      const cache = process.env.NODE_COMPILE_CACHE ?? join(import.meta.dirname, '../../node_modules/.cache/accord/node-compile-cache');
      assert.ok(environ.includes(`NODE_COMPILE_CACHE=${cache}`), `NODE_COMPILE_CACHE=${cache} in ${environ.filter((e) => e.startsWith('NODE_')).join(' ')}`);
      // glibc's mmap threshold fixed at 1 MiB (ADR 0017), unless the test's own environment sets it.
      const threshold = process.env.MALLOC_MMAP_THRESHOLD_ ?? '1048576';
      assert.ok(environ.includes(`MALLOC_MMAP_THRESHOLD_=${threshold}`), `MALLOC_MMAP_THRESHOLD_=${threshold} in ${environ.filter((e) => e.startsWith('MALLOC_')).join(' ')}`);
    } finally {
      await svc.kill('SIGTERM');
    }
    assert.equal(svc.child.exitCode, 0, 'SIGTERM to the started pid stops the service cleanly');
  });
});
