// Reading a policy from disk: the one place in this module that does I/O.
import { readFile } from 'node:fs/promises';
import { loadPolicySource, type LoadResult } from './load.ts';

export async function loadPolicyFile(path: string): Promise<LoadResult> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return { ok: false, problems: [{ file: path, line: 1, column: 1, path: '(file)', message: reason }] };
  }
  return loadPolicySource(source, path);
}
