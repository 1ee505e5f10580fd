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

  // OpenMethods' "Subscription to Notifications" goes on after its four steps: "Whenever there is
  // an update to the status page, you will receive an email with the status details." The seed has
  // no heading "Email updates".
  it('OpenMethods: the paragraphs after the subscription steps stay in "Subscription to Notifications", under no heading of Accord\'s', () => {
    const page = md('openmethods');
    assert.ok(!headings(page, '##').includes('Email updates'));
    assert.match(
      page,
      /\n## Subscription to Notifications\n\nYou can subscribe to email updates[^\n]*\n\n1\. Go to status\.openmethods\.com\.\n2\. Click Subscribe to updates\.\n3\. Enter your email address\.\n4\. Click Subscribe via email\.\n\nWhenever there is an update to the status page, you will receive an email with the status details\.\n\nIf you'd rather not receive email updates, you can access status\.openmethods\.com and see a chronological list of maintenance and incidents, as well as any planned maintenance windows\.\n\n## Types of Notifications\n/,
    );
  });
});
