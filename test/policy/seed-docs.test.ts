// docs/seeds/*.md cite tests as `test/file.test.ts` › "test name"; every cited file must
// exist and every cited name must be a describe() or it() of that file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const docs = readdirSync(new URL('docs/seeds/', root)).filter((f) => f.endsWith('.md') && f !== 'README.md');

/** The names of a test file's describe() and it() calls, as patterns (template parts match anything). */
function testNames(file: string): RegExp[] {
  const source = readFileSync(new URL(file, root), 'utf8');
  const out: RegExp[] = [];
  for (const m of source.matchAll(/\b(?:describe|it)\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)) {
    const text = m[2].replace(/\\(['"`\\])/g, '$1');
    const parts = m[1] === '`' ? text.split(/\$\{[^}]*\}/) : [text];
    out.push(new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`));
  }
  return out;
}

describe('docs/seeds cite real tests', () => {
  it('has a page for each of the five seeds', () => {
    assert.deepEqual(docs.sort(), ['officespace.md', 'openback.md', 'openkey.md', 'openmethods.md', 'opscom.md']);
  });
  for (const doc of docs) {
    it(`${doc}: every cited test file and test name exists`, () => {
      const text = readFileSync(new URL(`docs/seeds/${doc}`, root), 'utf8');
      const rows = text.split('\n').filter((l) => /^\| \d+ \|/.test(l));
      assert.ok(rows.length >= 10, 'one row per promise');
      let cited = 0;
      for (const row of rows) {
        const testCell = row.split(' | ').at(-1)!.replace(/\|\s*$/, '');
        for (const ref of testCell.split(/; (?=`)/).filter((r) => r.trim() !== '')) {
          const file = /`(test\/[^`]+\.test\.ts)`/.exec(ref)?.[1];
          assert.ok(file, `${doc}: a test reference names its file: ${ref}`);
          assert.ok(existsSync(new URL(file, root)), `${doc}: ${file} exists`);
          const names = testNames(file);
          for (const m of ref.matchAll(/"([^"]+)"/g)) {
            cited++;
            assert.ok(names.some((re) => re.test(m[1])), `${doc}: ${file} has a test named "${m[1]}"`);
          }
        }
      }
      assert.ok(cited > 0);
    });
  }
});
