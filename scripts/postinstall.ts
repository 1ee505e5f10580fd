// `npm ci` (postinstall) and `npm run prepare:cache`: fills node_modules/.cache/accord
// (src/platform/cache-dir.ts), the way a package manager compiles a package's modules on install:
// - the installed PGlite's cluster template (src/platform/pglite-template.ts), so a first
//   `npm start` and every test database load a cluster instead of running PGlite's initdb;
// - Node's compile cache for the service's modules, so the first `npm start` does not compile
//   them from source.
// Never fails the install (package.json adds `|| exit 0` for a Node too old to run this file):
// whatever is missing is made the slow way at run time.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { COMPILE_CACHE_DIR } from '../src/platform/cache-dir.ts';
import { defaultTemplatePath, writeTemplate } from '../src/platform/pglite-template.ts';
import { heapFlagsFor } from '../src/service/heap-flags.ts';

const force = process.argv.includes('--force');
const say = (line: string) => process.stdout.write(`accord: ${line}\n`);

const file = defaultTemplatePath();
if (existsSync(file) && !force) {
  say(`PGlite cluster template present (${file})`);
} else {
  const started = performance.now();
  try {
    const { bytes } = await writeTemplate(file);
    say(`PGlite cluster template made in ${Math.round(performance.now() - started)} ms (${file}, ${bytes} bytes)`);
  } catch (error) {
    say(`warning: no PGlite cluster template (${(error as Error).message}); new embedded databases will be made by PGlite's initdb, which is slower`);
  }
}

// Loading the service's modules (loading only: nothing starts) compiles them into the cache,
// which Node writes when that process exits. Node keeps one cache per set of V8 flags, so it is
// filled once with each set `npm start` uses (src/service/heap-flags.ts).
for (const flags of new Set([heapFlagsFor({}), heapFlagsFor({ DATABASE_URL: 'postgres://' })])) {
  const started = performance.now();
  const load = `await import(${JSON.stringify(new URL('../src/service/start-service.ts', import.meta.url).href)})`;
  const run = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', load], {
    env: { ...process.env, NODE_COMPILE_CACHE: COMPILE_CACHE_DIR },
    encoding: 'utf8',
  });
  const label = flags.length ? flags.join(' ') : "Node's default flags";
  if (run.status === 0) say(`compile cache filled for ${label} in ${Math.round(performance.now() - started)} ms (${COMPILE_CACHE_DIR})`);
  else say(`warning: compile cache not filled for ${label} (${(run.stderr || run.error?.message || '').trim().split('\n')[0]}); the first start compiles the modules itself`);
}
