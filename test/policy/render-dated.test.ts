// The date a vendor gives its policy (prose.dated). OfficeSpace's seed opens "June 14, 2021", then
// its title "Customer Support Policy": the published page says that date, as written, above the
// title. A policy the vendor dates nowhere (OpenBack's seed opens with its title) gets no date.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderPolicy } from '../../src/policy/render/index.ts';
import { examplePolicy, exampleSource, policyFrom } from '../helpers/policies.ts';

describe('the date a vendor gives its policy', () => {
  it('OfficeSpace: "June 14, 2021" above the title "Customer Support Policy" (Markdown and HTML)', () => {
    const policy = examplePolicy('officespace');
    const md = renderPolicy(policy, 'md', { year: 2026 });
    assert.ok(md.startsWith('June 14, 2021\n\n# Customer Support Policy\n\nOfficeSpace Software Support offers customers access'), md.slice(0, 120));
    const html = renderPolicy(policy, 'html', { year: 2026 });
    assert.match(html, /<body>\n<p>June 14, 2021<\/p>\n<h1>Customer Support Policy<\/h1>\n<p>OfficeSpace Software Support offers/);
  });

  it('a date written otherwise is published as written, and none where the file gives none', () => {
    const source = exampleSource('officespace');
    const other = source.replace('dated: June 14, 2021', 'dated: 14 June 2021');
    assert.notEqual(other, source);
    assert.ok(renderPolicy(policyFrom(other), 'md', { year: 2026 }).startsWith('14 June 2021\n\n# Customer Support Policy\n'));
    const undated = source.replace(/^ {2}dated: .*\n/m, '');
    assert.notEqual(undated, source);
    assert.ok(renderPolicy(policyFrom(undated), 'md', { year: 2026 }).startsWith('# Customer Support Policy\n'));
    assert.ok(renderPolicy(examplePolicy('openback'), 'md', { year: 2026 }).startsWith('# OpenBack Customer Support Policy\n'));
  });
});
