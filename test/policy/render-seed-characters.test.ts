// The published page says the vendor's sentences as the seed writes them: its paragraphs (OpenBack's
// named contacts are one paragraph in seed 001, not three) and its characters (’ and “ ” where the
// seed has them; a straight ' where it has that). The expected text is copied by hand from the seeds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderPolicy } from '../../src/policy/render/index.ts';
import { examplePolicy } from '../helpers/policies.ts';

const md = (name: string) => renderPolicy(examplePolicy(name), 'md', { year: 2026 });

describe('the vendor\'s paragraphs and characters, as the seed writes them', () => {
  it('OpenBack: the named contacts are one paragraph under their heading, with the seed\'s ’ and “ ”', () => {
    // Seed 001, line 51, after "Named Support Contacts: " (the heading).
    const SEED = 'Customers shall designate named individuals (“Named Support Contacts”) to serve as liaisons with OpenBack Support for '
      + 'each active service from OpenBack. Named Support Contacts are responsible for: (i) reporting cases to OpenBack, (ii) overseeing '
      + 'Customer’s support case activity, and (iii) technical knowledge of the OpenBack services and Customer’s use of such services '
      + 'in order to assist OpenBack in diagnosing and resolving the issue. Any changes to the Named Support Contacts shall be submitted '
      + 'to support@openback.com specifying the former and new contacts.';
    const page = md('openback');
    const section = page.slice(page.indexOf('\n## Named Support Contacts\n'));
    assert.equal(section.split('\n## ')[1], `Named Support Contacts\n\n${SEED}\n`);
    // The seed's opening sentence keeps its straight apostrophe ("our customer's success").
    assert.match(page, /At OpenBack, our customer's success is our top priority\./);
  });

  it('OpenMethods: its sentences keep the seed\'s ’', () => {
    const page = md('openmethods');
    // Seed 002, lines 3, 5, 40, 82 and 124.
    for (const sentence of [
      'Here at OpenMethods, we want to make sure you’re kept up-to-date on the current OpenMethods status.',
      'That’s why we launched our status page.',
      'Whether it’s a scheduled maintenance window or a reported incident,',
      'If you’d rather not receive email updates,',
      'Based and dependent on our clients’ business continuity plan, severity 1 tickets may be reevaluated and potentially regraded to a severity 2 ticket.',
      'To learn more about OpenMethods’ Customer Care and support, click here.',
    ]) assert.ok(page.includes(sentence), sentence);
    assert.doesNotMatch(page, /you're|That's|it's a|you'd|clients'|OpenMethods' Customer/);
  });
});
