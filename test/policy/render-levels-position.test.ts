// Where the levels stand on the published page (classification.position). OfficeSpace's seed runs:
// "Support Hours", the phone, email and web addresses, "Case Logging", "Software Service
// maintenance ...", "Bug fixes: ...", "Resolution Process", "Scheduled Outages", then "Support
// Levels" (Basic Product Support, Technical Support, Critical Technical Support) to its end.
// (Its hours before its contact lines: prose.order [hours, contact].)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderPolicy } from '../../src/policy/render/index.ts';
import { examplePolicy, exampleSource, policyFrom } from '../helpers/policies.ts';

const h2 = (page: string) => page.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));

describe('the levels where the vendor places them', () => {
  it('OfficeSpace ends with its Support Levels, after Scheduled Outages, as the seed does (Markdown and HTML)', () => {
    const policy = examplePolicy('officespace');
    // prose.order [hours, contact]: the seed's Support Hours come before its Phone, Email and Web Support lines.
    assert.deepEqual(h2(renderPolicy(policy, 'md', { year: 2026 })), [
      'Support Hours', 'How to contact support', 'Case Logging', 'Software Service maintenance', 'Resolution Process', 'Scheduled Outages', 'Support Levels',
    ]);
    const html = renderPolicy(policy, 'html', { year: 2026 });
    const at = (text: string) => html.indexOf(text);
    assert.ok(at('<h2>Scheduled Outages</h2>') > 0 && at('<h2>Scheduled Outages</h2>') < at('<h2>Support Levels</h2>'));
    assert.ok(at('<h2>Support Levels</h2>') < at('<h3>Basic Product Support</h3>'));
    assert.ok(at('<h3>Basic Product Support</h3>') < at('<h3>Critical Technical Support</h3>'));
  });

  it('without classification.position the levels follow the support hours, as before', () => {
    const source = exampleSource('officespace').replace(/^  position: last\n/m, '');
    assert.notEqual(source, exampleSource('officespace'));
    assert.deepEqual(h2(renderPolicy(policyFrom(source), 'md', { year: 2026 })), [
      'Support Hours', 'How to contact support', 'Support Levels', 'Case Logging', 'Software Service maintenance', 'Resolution Process', 'Scheduled Outages',
    ]);
  });
});
