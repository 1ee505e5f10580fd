// A new PGlite cluster from a template instead of initdb. PGlite's initdb (run in WebAssembly)
// costs 3.6-4.6 s of CPU per new cluster, the largest part of a first `npm start` and of every
// in-memory test database. The template is PGlite's own dump of a cluster its initdb just made
// (the tarball PGlite's `clone()` goes through), made once per installed PGlite version by
// `npm ci` (scripts/postinstall.ts) into node_modules/.cache/accord (cache-dir.ts). A cluster
// on disk is unpacked from it in 0.3 s; one in memory is loaded from it by PGlite in 0.7 s
// (ADR 0016). Without it (`npm ci --ignore-scripts`, or a new PGlite not yet templated), a new
// cluster is made by initdb as before: slower, the same cluster.
import { existsSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { parseTar } from 'nanotar';
import { CACHE_DIR } from './cache-dir.ts';

/** The installed PGlite package's directory (node_modules/@electric-sql/pglite). */
function pgliteDir(): string {
  // The package's entry is <dir>/dist/index.js; its exports do not include package.json.
  return path.resolve(path.dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite'))), '..');
}

/** The installed PGlite's version: a template is only ever loaded by the version that made it. */
export function pgliteVersion(): string {
  // Read once: the installed package does not change under a running process.
  installedVersion ??= (JSON.parse(readFileSync(path.join(pgliteDir(), 'package.json'), 'utf8')) as { version: string }).version;
  return installedVersion;
}
let installedVersion: string | undefined;

/** Where the template for the installed PGlite lives (see cache-dir.ts). */
export function defaultTemplatePath(): string {
  return path.join(CACHE_DIR, `pglite-${pgliteVersion()}-cluster.tar.gz`);
}

/**
 * The template's tar (ungzipped, so damage shows here, as a throw: gzip checks its own CRC), or
 * null when there is none at `file` (a cluster is then made by initdb).
 */
function readTar(file: string | null): ArrayBuffer | null {
  if (file === null || !existsSync(file)) return null;
  const tar = gunzipSync(readFileSync(file));
  // An ArrayBuffer of its own: nanotar reads `.buffer` whole, and a small Buffer can sit in a
  // shared pool (a whole cluster's does not, and is not copied).
  const whole = tar.byteOffset === 0 && tar.byteLength === tar.buffer.byteLength;
  return (whole ? tar.buffer : tar.buffer.slice(tar.byteOffset, tar.byteOffset + tar.byteLength)) as ArrayBuffer;
}

/** The template as PGlite's `loadDataDir` takes it (a tar), or null when there is none. Throws when damaged. */
export function readTemplate(file: string | null): Blob | null {
  const tar = readTar(file);
  return tar === null ? null : new Blob([tar], { type: 'application/x-tar' });
}

/**
 * Unpacks the template at `file` into the empty directory `dataDir` (files owner-only). Returns
 * false when there is no template; throws when it is damaged or names a path outside `dataDir`.
 * PGlite's own unpacking (`loadDataDir`) runs inside its WebAssembly file system and took 2 s of
 * a first start; node-tar took 1.3-1.8 s; this takes 0.3 s (ADR 0016).
 */
export function unpackTemplate(file: string | null, dataDir: string): boolean {
  const tar = readTar(file);
  if (tar === null) return false;
  const root = path.resolve(dataDir);
  const entries = parseTar(tar);
  if (!entries.some((e) => e.name === 'PG_VERSION')) throw new Error(`${file} holds no cluster (no PG_VERSION)`);
  // PG_VERSION last: a start killed while unpacking leaves no cluster that looks whole.
  entries.sort((a, b) => Number(a.name === 'PG_VERSION') - Number(b.name === 'PG_VERSION'));
  for (const entry of entries) {
    // PGlite writes absolute names (/base/1/1259); nanotar gives them relative, with no `..` left.
    // Checked again all the same: nothing is ever written outside the data directory.
    const to = path.resolve(root, entry.name);
    if (to !== root && !to.startsWith(root + path.sep)) throw new Error(`${file} names a path outside the data directory: ${entry.name}`);
    if (entry.type === 'directory') mkdirSync(to, { recursive: true, mode: 0o700 });
    else if (entry.type === 'file') {
      mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
      writeFileSync(to, entry.data ?? new Uint8Array(0), { mode: 0o600 });
    } else throw new Error(`${file} holds a ${entry.type} (${entry.name}); a cluster template holds files and directories only`);
  }
  return true;
}

/**
 * Makes the template at `file` (replacing any): a cluster made by PGlite's initdb in memory,
 * dumped by PGlite. Written under a temporary name and renamed, so a reader never sees half a
 * file and two writers at once leave one whole template.
 */
export async function writeTemplate(file: string): Promise<{ bytes: number }> {
  const pg = await PGlite.create();
  let dump: Blob;
  try {
    dump = await pg.dumpDataDir('gzip');
  } finally {
    await pg.close();
  }
  const bytes = Buffer.from(await dump.arrayBuffer());
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { bytes: bytes.length };
}
