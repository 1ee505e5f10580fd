// Accord's derived files: the project's node_modules/.cache/accord (the usual home of a tool's
// caches: made by `npm ci`, removed with node_modules, never committed, never needed: whatever is
// missing from it is made the slow way). It holds the PGlite cluster template
// (pglite-template.ts) and Node's compile cache (src/start.ts).
import path from 'node:path';

export const CACHE_DIR = path.resolve(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'accord');

/** Node's on-disk cache of compiled modules (NODE_COMPILE_CACHE), for `npm start` and its children. */
export const COMPILE_CACHE_DIR = path.join(CACHE_DIR, 'node-compile-cache');
