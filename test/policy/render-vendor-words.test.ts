// The published page names things as the vendor names them: its levels by its own word, a time
// zone by its own label, no level the vendor never named, no heading it never wrote, and no
// punctuation it never put after an address. The seed words are written out here, copied by hand
// from the vendors' published policies, so the test reads nothing outside the repository.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderPolicy } from '../../src/policy/render/index.ts';
import { examplePolicy } from '../helpers/policies.ts';

const md = (name: string) => renderPolicy(examplePolicy(name), 'md', { year: 2026 });
const headings = (page: string, level: string) => page.split('\n').filter((l) => l.startsWith(`${level} `)).map((l) => l.slice(level.length + 1));

describe('no more than the vendor wrote', () => {
  // "a copy of which is available support.officespacesoftware.com" and "usually notified via email
  // and/or at support.officespacesoftware.com": the seed ends neither with a full stop.
  it('OfficeSpace: no full stop after support.officespacesoftware.com that the seed does not put there', () => {
    assert.doesNotMatch(md('officespace'), /support\.officespacesoftware\.com\./);
    assert.doesNotMatch(renderPolicy(examplePolicy('officespace'), 'html', { year: 2026 }), /support\.officespacesoftware\.com\./);
  });
});
