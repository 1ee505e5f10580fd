// One process at a time on an embedded data directory: PGlite is a single-process database, and
// a second process opening the same files (the CLI while the service runs, or a second service)
// would work on a copy that the first overwrites. The lock is a pid file; a lock whose process
// is gone (a crash, a SIGKILL) is stale and taken over.
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

export class DataDirInUseError extends Error {
  readonly pid: number;
  readonly lockFile: string;

  constructor(dir: string, pid: number, lockFile: string) {
    super(
      `the embedded database at ${dir} is in use by another Accord process (pid ${pid}). ` +
        'Stop that process first, or do this through its API (for tokens: POST /api/v1/tokens). ' +
        `If no Accord process is running, delete ${lockFile}.`,
    );
    this.name = 'DataDirInUseError';
    this.pid = pid;
    this.lockFile = lockFile;
  }
}

// Directories this process holds: a lock naming our own pid is ours only if it is in here
// (in a container the restarted service often gets the crashed one's pid, say 1).
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else; it still holds the directory.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the directory's lock, or throws DataDirInUseError naming the holder. Returns the release.
 * @example
 * const release = await lockDataDir('./data/pglite');
 * try { ... } finally { await release(); }
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const lockFile = path.join(path.dirname(path.resolve(dir)), `${path.basename(dir)}.lock`);
  if (held.has(lockFile)) throw new DataDirInUseError(dir, process.pid, lockFile);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(lockFile, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      held.add(lockFile);
      return async () => {
        held.delete(lockFile);
        const holder = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
        if (holder === process.pid) await rm(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
      throw new DataDirInUseError(dir, holder, lockFile);
    }
    // Stale (its process is gone) or half-written: remove it and try again.
    await rm(lockFile, { force: true });
  }
  throw new Error(`could not lock ${dir}`);
}
