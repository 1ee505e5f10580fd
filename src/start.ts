// `npm start`: Node's heap flags chosen by the database (src/service/heap-flags.ts, ADR 0015),
// then this process becomes `node <flags> src/main.ts` (execve: the same pid, so signals, the
// data directory's lock and a supervisor's view are unchanged). Where execve is not available
// (Windows), src/main.ts runs here with Node's defaults.
import { fileURLToPath } from 'node:url';
import { heapFlagsFor } from './service/heap-flags.ts';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
if (typeof process.execve === 'function') {
  const flags = [...process.execArgv, ...heapFlagsFor(process.env)];
  process.execve(process.execPath, [process.execPath, ...flags, main, ...process.argv.slice(2)], process.env);
} else {
  await import('./main.ts');
}
