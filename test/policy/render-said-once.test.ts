// Each of the vendor's sentences is published once, where the vendor wrote it. The seeds' words are
// copied here by hand:
//   OPS-COM (seed 004), "What after-hours support do you provide?": "After hours support is limited
//   to critical issues. Critical is defined as system outages or issues that threaten immediate work
//   stoppage. This support is provided by email ..." (the only place it defines Critical);
//   OpenKey (seed 000), under "Tier 2 Support Issues": "Emergency Tier 2 issues outside of business
//   hours can be addressed by calling 877-800-2008. Please request to speak to the Openkey After
//   Hours Emergency Contact. Off hours emergency issues resolution times will vary depending on the
//   nature of the issue." (the only place it says so);
//   OpenBack (seed 001), "Named Support Contacts: ... Named Support Contacts are responsible for: (i)
//   reporting cases to OpenBack, (ii) overseeing Customer’s support case activity, and (iii) technical
//   knowledge of the OpenBack services and Customer’s use of such services in order to assist OpenBack
//   in diagnosing and resolving the issue." (one numbered sentence; the policy file writes its
//   typographic apostrophes straight, as the page has always published them).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderPolicy } from '../../src/policy/render/index.ts';
import { examplePolicy, exampleSource, policyFrom } from '../helpers/policies.ts';

const md = (name: string) => renderPolicy(examplePolicy(name), 'md', { year: 2026 });
const html = (name: string) => renderPolicy(examplePolicy(name), 'html', { year: 2026 });
const times = (page: string, text: string) => page.split(text).length - 1;
const section = (page: string, heading: string) => {
  const start = page.indexOf(`\n## ${heading}\n`);
  const next = page.indexOf('\n## ', start + 1);
  return start === -1 ? '' : page.slice(start, next === -1 ? undefined : next);
};

const CRITICAL = 'Critical is defined as system outages or issues that threaten immediate work stoppage.';
const OFF_HOURS = 'Off hours emergency issues resolution times will vary depending on the nature of the issue.';
const TIER_2_RESPONSE = 'Tier 2 Support issues will have a response time of approximately 30 minutes during our regular business hours.';

describe('a level\'s section does not repeat a sentence the page publishes where the vendor wrote it', () => {
  it('OPS-COM defines Critical once, in its after-hours answer; no section of Accord\'s says it again', () => {
    for (const page of [md('opscom'), html('opscom')]) assert.equal(times(page, CRITICAL), 1);
    const page = md('opscom');
    assert.ok(section(page, 'What after-hours support do you provide?').includes(`After hours support is limited to critical issues. ${CRITICAL} This support is provided by email`));
    // The section held nothing else: neither it nor its heading, nor the level's, is published.
    assert.doesNotMatch(page, /^## Critical issues$/m);
    assert.doesNotMatch(page, /^### Critical$/m);
    assert.doesNotMatch(html('opscom'), /<h[23]>Critical( issues)?<\/h[23]>/);
  });

  it('OpenKey says the off-hours resolution once, under Tier 2 Support Issues; Emergency Tier 2 keeps its response time', () => {
    for (const page of [md('openkey'), html('openkey')]) assert.equal(times(page, OFF_HOURS), 1);
    const page = md('openkey');
    assert.ok(section(page, 'Tier 2 Support Issues').includes(`Please request to speak to the Openkey After Hours Emergency Contact. ${OFF_HOURS}`));
    // The seed's 30 minutes stay with both tiers (the reading the policy file states, one sentence per tier).
    const emergency = page.slice(page.indexOf('\n### Emergency Tier 2\n'), page.indexOf('\n## Tier 2 Support Issues\n'));
    assert.equal(emergency, `\n### Emergency Tier 2\n\n${TIER_2_RESPONSE}\n`);
    assert.equal(times(page, TIER_2_RESPONSE), 2);
  });

  // The sentence as the policy file's after-hours description folds it (examples/policies/opscom.yaml).
  const AFTER_HOURS_CRITICAL = 'Critical is defined as system outages\n      or issues that threaten immediate work stoppage. This';

  it('a level\'s sentence the page says nowhere else is published with the level', () => {
    // Without the sentence in the after-hours answer, the level's section is the one place it is said.
    const source = exampleSource('opscom').replace(`critical issues. ${AFTER_HOURS_CRITICAL}`, 'critical issues. This');
    assert.ok(!source.includes(AFTER_HOURS_CRITICAL));
    const page = renderPolicy(policyFrom(source), 'md', { year: 2026 });
    assert.equal(times(page, CRITICAL), 1);
    assert.match(page, new RegExp(`\\n## Critical issues\\n\\n### Critical\\n\\n${CRITICAL.replace(/\./g, '\\.')}\\n`));
  });

  it('a sentence said elsewhere only as part of another sentence is not taken as said', () => {
    // "Here, Critical is defined as ..." is another sentence: the level's own is still published.
    const source = exampleSource('opscom').replace(`critical issues. ${AFTER_HOURS_CRITICAL}`, `critical issues. Here, ${AFTER_HOURS_CRITICAL}`);
    assert.ok(source.includes(`Here, ${AFTER_HOURS_CRITICAL}`));
    const page = renderPolicy(policyFrom(source), 'md', { year: 2026 });
    assert.equal(times(page, CRITICAL), 2);
    assert.match(page, /\n### Critical\n\nCritical is defined as/);
  });
});

describe('the named contacts\' duties are the vendor\'s one numbered sentence', () => {
  const SENTENCE = 'Named Support Contacts are responsible for: (i) reporting cases to OpenBack, (ii) overseeing Customer’s support case activity, and (iii) technical knowledge of the OpenBack services and Customer’s use of such services in order to assist OpenBack in diagnosing and resolving the issue.';

  it('OpenBack publishes it whole, numbered, in Markdown and HTML, with no list of the duties', () => {
    const page = md('openback');
    // Within the one paragraph the seed writes: after the sentence naming them, before the change process.
    assert.ok(section(page, 'Named Support Contacts').includes(`each active service from OpenBack. ${SENTENCE} Any changes to`), section(page, 'Named Support Contacts'));
    assert.doesNotMatch(page, /^- reporting cases to OpenBack$/m);
    const h = html('openback');
    assert.ok(h.includes(` ${SENTENCE} Any changes to`));
    assert.doesNotMatch(h, /<li>reporting cases to OpenBack<\/li>/);
  });
});
