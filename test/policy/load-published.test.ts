// Keys that move a promise to another place on the published page, or out of one, are refused
// where the page would then drop it silently or say it twice: each problem names its field and line.
// A minimal policy of the test's own; the joint sentence's words are OpenBack's (its "Additional
// Support Terms"), copied by hand.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadPolicySource } from '../../src/policy/index.ts';

const LEAD = 'Notwithstanding the support package level specified in an OpenBack Platform Agreement and purchased by a customer,';
const ONBOARDING = 'OpenBack will only provide Standard Support to customers who do not complete the OpenBack Technical On-boarding (this applies only for customers that are new users of the OpenBack SaaS product)';
const SDK = 'OpenBack will not provide any technical support to customers who do not include the OpenBack provided SDK within their mobile applications for use in connection with the OpenBack SaaS product';

const minimal = `accord: 1
vendor: { id: acme, name: Acme }
prose:
  title: Acme support
  introduction: We help.
  sections:
    - title: Email
      body: We answer email at night.
calendars:
  - id: weekdays
    name: Weekdays
    time_zone: Europe/London
    hours: { mon-fri: "09:00-18:00" }
    note: Our hours are weekdays.
channels:
  - id: email
    kind: email
    name: Email
    address: support@acme.test
  - id: care
    kind: web
    name: Customer Care
    reach: To learn more about Customer Care, click here.
    publish_hours: false
plans:
  - id: growth
    name: Growth
    calendar: weekdays
    channels: { email: weekdays, care: 24x7 }
    named_contacts: null
severities:
  - id: 1
    name: Critical
classification: { default_severity: 1 }
coverage:
  requirements:
    - id: sdk-included
      published_with_onboarding: true
      unmet: no_technical_support
      text: >-
        ${LEAD} ${SDK}.
onboarding:
  applies_to: new_customers
  until_complete_plan: growth
  text: >-
    ${LEAD} ${ONBOARDING}.
  published_text: >-
    ${LEAD} (1) ${ONBOARDING}; and (2) ${SDK}.
`;

/** [path, line, message] of each problem of a policy that must be refused. */
function refused(source: string): Array<[string, number, string]> {
  const r = loadPolicySource(source, 'bad.yaml');
  assert.equal(r.ok, false, 'the edited file must be refused');
  return r.ok ? [] : r.problems.map((p) => [p.path, p.line, p.message]);
}

/** The problems of the minimal policy with one edit (the edit must apply). */
function problems(find: string, replace: string): Array<[string, number, string]> {
  const source = minimal.replace(find, replace);
  assert.notEqual(source, minimal, `the test edit ${find} must change the file`);
  return refused(source);
}
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('published_with_onboarding: the joint sentence says each term it stands for', () => {
  it('accepts the minimal policy: each half said in the sentence, the shared lead once, the final full stop aside', () => {
    const r = loadPolicySource(minimal, 'ok.yaml');
    assert.equal(r.ok, true, r.ok ? '' : JSON.stringify(r.problems));
  });

  it('refuses a sentence that leaves out a flagged term, at the flag', () => {
    const found = problems('; and (2) ${SDK}.'.replace('${SDK}', SDK), '.');
    assert.deepEqual(found, [['coverage.requirements[0].published_with_onboarding', lineOf(minimal, 'published_with_onboarding: true'), 'onboarding.published_text does not say this term\'s text: the page would not publish it']]);
  });

  it('refuses a sentence that says a flagged term in other words past the shared lead', () => {
    const found = problems('and (2) OpenBack will not provide any technical support', 'and (2) OpenBack will not provide technical support');
    assert.deepEqual(found.map((f) => f.slice(0, 2)), [['coverage.requirements[0].published_with_onboarding', lineOf(minimal, 'published_with_onboarding: true')]]);
  });

  it('refuses a sentence that leaves out the onboarding text, at published_text', () => {
    const found = problems('(1) OpenBack will only provide Standard Support', '(1) OpenBack will provide Standard Support');
    assert.deepEqual(found, [['onboarding.published_text', lineOf(minimal, 'published_text:'), 'does not say the onboarding text: the page publishes this in its place']]);
  });

  it('refuses a sentence that says a requirement not flagged (published twice), at its text', () => {
    const found = problems('      published_with_onboarding: true\n', '');
    // The problem is at the requirement's "text: >-", the line after its "unmet" once the flag is gone.
    assert.deepEqual(found, [['coverage.requirements[0].text', lineOf(minimal, 'unmet: no_technical_support'), 'is said in onboarding.published_text too: set published_with_onboarding, or the page publishes the term twice']]);
  });
});

describe('publish_description: false finds the description published elsewhere', () => {
  const withDescription = (description: string) => problems('    address: support@acme.test\n', `    address: support@acme.test\n    description: ${description}\n    publish_description: false\n`);

  it('accepts one said in a section body or a published calendar note, whitespace aside', () => {
    for (const said of ['We answer email   at night', 'Our hours are weekdays.']) {
      const source = minimal.replace('    address: support@acme.test\n', `    address: support@acme.test\n    description: ${said}\n    publish_description: false\n`);
      const r = loadPolicySource(source, 'ok.yaml');
      assert.equal(r.ok, true, r.ok ? '' : JSON.stringify(r.problems));
    }
  });

  it('refuses one said nowhere on the page, at the field', () => {
    const found = withDescription('We answer email on Sundays');
    const source = minimal.replace('    address: support@acme.test\n', '    address: support@acme.test\n    description: x\n    publish_description: false\n');
    assert.deepEqual(found, [['channels[0].publish_description', lineOf(source, 'publish_description: false'), 'the description is said in no published calendar note or section body: the page would drop it']]);
  });

  it('refuses one said only in the note of hours that are not published (publish_hours: false)', () => {
    const source = minimal
      .replace('    note: Our hours are weekdays.\n', '    note: Our hours are weekdays.\n    publish_hours: false\n')
      .replace('    address: support@acme.test\n', '    address: support@acme.test\n    description: Our hours are weekdays\n    publish_description: false\n');
    assert.deepEqual(refused(source).map((f) => f.slice(0, 2)), [['channels[0].publish_description', lineOf(source, 'publish_description: false')]]);
  });
});

describe('channels[].reach stands in for the channel\'s row', () => {
  it('refuses reach with an address, at reach', () => {
    const found = problems('    name: Customer Care\n', '    name: Customer Care\n    address: https://care.acme.test\n');
    assert.deepEqual(found, [['channels[1].reach', lineOf(minimal, 'reach: To learn more') + 1, 'a channel with an address is published in the table, and this sentence never: give one or the other']]);
  });

  it('refuses reach on a channel whose hours would be published', () => {
    const found = problems('click here.\n    publish_hours: false\n', 'click here.\n');
    assert.deepEqual(found, [['channels[1].reach', lineOf(minimal, 'reach: To learn more'), 'the channel is published as this sentence alone, without its hours: set publish_hours: false']]);
  });
});

describe('prose.order', () => {
  // The order is line 6, after the prose's title and introduction.
  const ordered = (order: string) => problems('  introduction: We help.\n', `  introduction: We help.\n  order: ${order}\n`);

  it('refuses a part named twice, at its second place', () => {
    assert.deepEqual(ordered('[hours, contact, hours]'), [['prose.order[2]', 6, '"hours" is named twice']]);
  });

  it('refuses severities where the levels are published last', () => {
    const source = minimal
      .replace('  introduction: We help.\n', '  introduction: We help.\n  order: [hours, severities]\n')
      .replace('classification: { default_severity: 1 }', 'classification: { default_severity: 1, position: last }');
    assert.deepEqual(refused(source), [['prose.order[1]', 6, 'the severities are published last (classification.position: last): take them out of the order']]);
  });

  it('refuses products without their heading, and accepts them with it', () => {
    assert.deepEqual(ordered('[contact, products]'), [['prose.order[1]', 6, 'the products are published unheaded after the introduction: give prose.headings.products to place them']]);
    const headed = minimal.replace('  introduction: We help.\n', '  introduction: We help.\n  order: [contact, products]\n  headings: { products: Overview }\n');
    const r = loadPolicySource(headed, 'ok.yaml');
    assert.equal(r.ok, true, r.ok ? '' : JSON.stringify(r.problems));
  });
});
