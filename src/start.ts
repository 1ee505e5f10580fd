// `npm start`: Node's heap flags chosen by the database (src/service/heap-flags.ts, ADR 0015) and
// Node's compile cache in node_modules/.cache/accord (filled by `npm ci`, ADR 0016) and glibc's
// malloc told to give large blocks back (heap-flags.ts, ADR 0017), then this
// process becomes `node <flags> src/main.ts` (execve: the same pid, so signals, the data
// directory's lock and a supervisor's view are unchanged). Where execve is not available
// (Windows), src/main.ts runs here with Node's defaults.
import { fileURLToPath } from 'node:url';
import { COMPILE_CACHE_DIR } from './platform/cache-dir.ts';
import { MALLOC_ENV, heapFlagsFor } from './service/heap-flags.ts';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
if (typeof process.execve === 'function') {
  const flags = [...process.execArgv, ...heapFlagsFor(process.env)];
  // An operator's own NODE_COMPILE_CACHE (a directory, or one that disables it) and malloc
  // settings are kept.
  const env = { NODE_COMPILE_CACHE: COMPILE_CACHE_DIR, ...MALLOC_ENV, ...process.env };
  process.execve(process.execPath, [process.execPath, ...flags, main, ...process.argv.slice(2)], env);
} else {
  await import('./main.ts');
}
