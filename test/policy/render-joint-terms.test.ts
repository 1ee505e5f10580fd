// A vendor that states two terms in one sentence has it published whole, once, where it wrote it.
// OpenBack's seed, under "Additional Support Terms", writes: "Notwithstanding the support package
// level specified in an OpenBack Platform Agreement and purchased by a customer, (1) OpenBack will
// only provide Standard Support to customers who do not complete the OpenBack Technical On-boarding
// (this applies only for customers that are new users of the OpenBack SaaS product); and (2)
// OpenBack will not provide any technical support to customers who do not include the OpenBack
// provided SDK within their mobile applications for use in connection with the OpenBack SaaS
// product." Before, the page published (1) alone under that heading and (2) as a sentence of its
// own after the exclusions, "Notwithstanding ..." said twice.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadPolicySource } from '../../src/policy/index.ts';
import { renderPolicy } from '../../src/policy/render/index.ts';
import { entitlement } from '../../src/tickets/index.ts';
import { notCoveredText } from '../../src/tickets/coverage-words.ts';
import { servedOnText } from '../../src/tickets/served-words.ts';
import { examplePolicy, exampleSource, policyFrom } from '../helpers/policies.ts';

const SEED_SENTENCE =
  'Notwithstanding the support package level specified in an OpenBack Platform Agreement and purchased by a customer, (1) OpenBack will only provide Standard Support to customers who do not complete the OpenBack Technical On-boarding (this applies only for customers that are new users of the OpenBack SaaS product); and (2) OpenBack will not provide any technical support to customers who do not include the OpenBack provided SDK within their mobile applications for use in connection with the OpenBack SaaS product.';

const section = (page: string, heading: string) => {
  const from = page.indexOf(`\n## ${heading}\n`);
  const to = page.indexOf('\n## ', from + 1);
  return page.slice(from, to === -1 ? undefined : to);
};

describe('terms the vendor states in one sentence', () => {
  it('OpenBack: the Additional Support Terms sentence whole, once, under its heading; nothing after the exclusions', () => {
    const page = renderPolicy(examplePolicy('openback'), 'md', { year: 2026 });
    assert.equal(section(page, 'Additional Support Terms'), `\n## Additional Support Terms\n\n${SEED_SENTENCE}\n`);
    assert.equal(page.split('Notwithstanding').length - 1, 1);
    assert.match(section(page, 'Technical Support Coverage'), /- Application development outside of OpenBack SDK implementations\.\n$/);
    const html = renderPolicy(examplePolicy('openback'), 'html', { year: 2026 });
    assert.equal(html.split('Notwithstanding').length - 1, 1);
  });

  // What a customer is quoted stays the term that concerns them, not the other one with it: an
  // Enterprise organization that has not completed the On-boarding and has no SDK is told each term
  // it does not meet, in its own words, the "Notwithstanding ..." lead with each.
  it('quotes each term in its own words to a customer it concerns', () => {
    const policy = examplePolicy('openback');
    const served = entitlement(policy, { plan_id: 'enterprise', onboarding_state: 'incomplete', existing_customer: false, unmet_requirements: ['sdk-included'] }, null);
    assert.equal(
      servedOnText(policy, served, 'this case is', { quote: true }),
      'Until the OpenBack Technical On-boarding is complete, this case is served as Standard Support (the Growth plan), not Enterprise. ' +
        'Our support policy: “Notwithstanding the support package level specified in an OpenBack Platform Agreement and purchased by a customer, ' +
        'OpenBack will only provide Standard Support to customers who do not complete the OpenBack Technical On-boarding (this applies only for ' +
        'customers that are new users of the OpenBack SaaS product).”',
    );
    assert.ok(served.coverage, 'no technical support without the SDK');
    assert.equal(
      notCoveredText(policy, served.coverage!),
      'Our support policy does not cover this case: “Notwithstanding the support package level specified in an OpenBack Platform Agreement and ' +
        'purchased by a customer, OpenBack will not provide any technical support to customers who do not include the OpenBack provided SDK ' +
        'within their mobile applications for use in connection with the OpenBack SaaS product.”',
    );
  });

  it('without the whole sentence each term is published on its own, as before', () => {
    const source = exampleSource('openback').replace(/\n {6}published_with_onboarding: true\n/, '\n').replace(/\n {2}# The seed's sentence under[^\n]*\n[^\n]*\n {2}published_text: >-\n( {4}.*\n)+/, '\n');
    const page = renderPolicy(policyFrom(source, 'split.yaml'), 'md', { year: 2026 });
    assert.match(section(page, 'Additional Support Terms'), /\n\nNotwithstanding the support package level specified in an OpenBack Platform Agreement and purchased by a customer, OpenBack will only provide Standard Support /);
    assert.match(section(page, 'Technical Support Coverage'), /\n\nNotwithstanding the support package level specified in an OpenBack Platform Agreement and purchased by a customer, OpenBack will not provide any technical support /);
  });

  it('refuses a term published with the onboarding term when there is no sentence to publish it in, naming the field', () => {
    const source = exampleSource('openback').replace(/\n {2}# The seed's sentence under[^\n]*\n[^\n]*\n {2}published_text: >-\n( {4}.*\n)+/, '\n');
    const loaded = loadPolicySource(source, 'unpublished.yaml');
    assert.equal(loaded.ok, false);
    if (!loaded.ok) assert.deepEqual(loaded.problems.map((p) => p.path), ['coverage.requirements[0].published_with_onboarding']);
  });
});
