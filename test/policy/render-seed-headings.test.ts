// The published page is titled and headed as each vendor titles and heads its own policy, and
// its named contacts' duties are led by the vendor's own words. The expected titles and headings
// are copied by hand from the seeds (the five seed policies, files 000-004), so the test reads nothing outside the
// repository.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadPolicySource, quotedResponsibilities, responsibilitiesSentence } from '../../src/policy/index.ts';
import { renderPolicy } from '../../src/policy/render/index.ts';
import { answeredNowText } from '../../src/tickets/arrival-words.ts';
import { examplePolicy, exampleSource, policyFrom } from '../helpers/policies.ts';

const md = (name: string) => renderPolicy(examplePolicy(name), 'md', { year: 2026 });
const html = (name: string) => renderPolicy(examplePolicy(name), 'html', { year: 2026 });
const headings = (page: string, level: string) => page.split('\n').filter((l) => l.startsWith(`${level} `)).map((l) => l.slice(level.length + 1));

describe('the page title is the seed\'s own', () => {
  // Each seed's first line (OfficeSpace's after its date, "June 14, 2021"):
  // "OpenKey Support Policy", "OpenBack Customer Support Policy", "About Our Status Page",
  // "Customer Support Policy", "Customer Support FAQ".
  const TITLES: Record<string, string> = {
    openkey: 'OpenKey Support Policy',
    openback: 'OpenBack Customer Support Policy',
    openmethods: 'About Our Status Page',
    officespace: 'Customer Support Policy',
    opscom: 'Customer Support FAQ',
  };
  for (const [name, title] of Object.entries(TITLES)) {
    it(`${name}: "${title}", as the page's heading and the HTML title`, () => {
      assert.deepEqual(headings(md(name), '#'), [title]);
      assert.ok(html(name).includes(`<title>${title}</title>`));
      assert.ok(html(name).includes(`<h1>${title}</h1>`));
    });
  }

  // OpenMethods: "About Our Status Page" heads three paragraphs, "Here at OpenMethods ...",
  // "Whether it's a scheduled maintenance window ..." and "The OpenMethods Status Page provides ...";
  // they follow the title, which is not repeated as a section of its own.
  it('OpenMethods: the three paragraphs under About Our Status Page follow the title, headed once', () => {
    const page = md('openmethods');
    assert.match(
      page,
      /^# About Our Status Page\n\nHere at OpenMethods, [^\n]* That’s why we launched our status page\.\n\nWhether it’s a scheduled maintenance window or a reported incident, [^\n]*\n\nThe OpenMethods Status Page provides an at-a-glance overview of planned and past maintenance, past or current incidents, and the current status of the OpenMethods platform\.\n\n## /,
    );
    assert.ok(!headings(page, '##').includes('About Our Status Page'));
  });
});

describe('the hours are headed in the seed\'s words', () => {
  // OpenBack: "Support Hours"; OfficeSpace: "Support Hours:   Monday through Friday, ...";
  // OpenKey: "Regular Business Hours 9 am - 5 pm CST M-F" (it never says "support hours").
  it('OpenBack and OfficeSpace: Support Hours; OpenKey: Regular Business Hours', () => {
    for (const name of ['openback', 'officespace']) {
      assert.ok(headings(md(name), '##').includes('Support Hours'), name);
      assert.ok(!headings(md(name), '##').includes('Support hours'), name);
    }
    const openkey = md('openkey');
    assert.match(openkey, /\n## Regular Business Hours\n\n### Regular Business Hours 9 am - 5 pm CST M-F\n/);
    assert.doesNotMatch(openkey, /support hours/i);
  });

  // OPS-COM heads no hours of its own ("What hours is telephone support available?" is a question
  // about the telephone, published as it is): Accord's plain heading stays.
  it('OPS-COM, which heads no hours, keeps the plain Support hours', () => {
    assert.ok(headings(md('opscom'), '##').includes('Support hours'));
  });
});

describe('other sections are headed in the seed\'s words where it has them', () => {
  // OpenBack: "How to Contact Support", "Support Levels", "Technical Support Coverage" with
  // "Issues Covered by Technical Support" and "Issues Not Covered by Technical Support", and its
  // clause "Named Support Contacts: Customers shall designate named individuals ...".
  it('OpenBack', () => {
    const page = md('openback');
    const h2 = headings(page, '##');
    for (const h of ['How to Contact Support', 'Support Hours', 'Support Levels', 'Priority Definitions', 'Technical Support Coverage', 'Named Support Contacts', 'Support Request Abuse']) {
      assert.ok(h2.includes(h), h);
    }
    for (const h of ['How to contact support', 'Support levels', 'Technical support coverage', 'Named support contacts', 'Onboarding']) assert.ok(!h2.includes(h), h);
    // "Additional Support Terms" heads the seed's sentence of its onboarding clause ("(1) OpenBack will only
    // provide Standard Support to customers who do not complete the OpenBack Technical On-boarding").
    assert.match(page, /\n## Additional Support Terms\n\nNotwithstanding the support package level specified in an OpenBack Platform Agreement and purchased by a customer, \(1\) OpenBack will only provide Standard Support to customers who do not complete the OpenBack Technical On-boarding/);
    assert.match(page, /\n### Issues Covered by Technical Support\n\n- Issues and problems with OpenBack services\.\n/);
    assert.match(page, /\n### Issues Not Covered by Technical Support\n\n- Implementations not using the OpenBack Limited SDKs\.\n/);
    assert.doesNotMatch(page, /^(Covered|Not covered):$/m);
  });

  // Under "Support Levels" the seed heads each plan's paragraph "Growth Support", "Pro Support" and
  // "Enterprise Support" ("Growth Support is our entry-level support tier ..."); the matrix's
  // columns stay "Growth | Pro | Enterprise", as the seed's are.
  it('OpenBack heads each plan as the seed does, Growth Support, Pro Support, Enterprise Support', () => {
    const page = md('openback');
    const levels = page.slice(page.indexOf('## Support Levels'), page.indexOf('## Priority Definitions'));
    assert.deepEqual(headings(levels, '###'), ['Growth Support', 'Pro Support', 'Enterprise Support']);
    assert.match(levels, /\n### Growth Support\n\nGrowth Support is our entry-level support tier /);
    assert.match(levels, /\n\| Support Feature \| Growth \| Pro \| Enterprise \|\n/);
    assert.ok(html('openback').includes('<h3>Enterprise Support</h3>'));
  });

  // Without the headings, the same file's plans are headed by their names.
  it('a plan without a heading of its own is headed by its name', () => {
    const source = exampleSource('openback').replace(/^    heading: .*\n/gm, '');
    const page = renderPolicy(policyFrom(source), 'md', { year: 2026 });
    const levels = page.slice(page.indexOf('## Support Levels'), page.indexOf('## Priority Definitions'));
    assert.deepEqual(headings(levels, '###'), ['Growth', 'Pro', 'Enterprise']);
  });

  // OpenKey: "Contacting OpenKey". OPS-COM: "What after-hours support do you provide?".
  it('OpenKey: Contacting OpenKey; OPS-COM: What after-hours support do you provide?', () => {
    assert.ok(headings(md('openkey'), '##').includes('Contacting OpenKey'));
    assert.ok(headings(md('opscom'), '##').includes('What after-hours support do you provide?'));
    assert.ok(!headings(md('opscom'), '##').includes('After-hours support'));
  });

  // OpenKey heads its dependency paragraphs ("Depending on severity of the issue, it may need
  // assistance ...", "Note: In cases where OpenKey is dependent on a third party ...") "Tier 2 Support
  // Issues"; the page headed them "Third-party dependencies", a heading the seed never wrote.
  it('OpenKey: the third-party paragraphs under the seed\'s own heading, Tier 2 Support Issues', () => {
    const page = md('openkey');
    assert.ok(headings(page, '##').includes('Tier 2 Support Issues'));
    assert.ok(!page.includes('Third-party dependencies'));
    assert.match(page, /## Tier 2 Support Issues\n\nEmergency Tier 2 issues outside of business hours [^\n]*\n\nDepending on severity of the issue, it may need assistance/);
  });
});

describe('OpenKey: what the seed writes under "Contacting OpenKey" is published under it', () => {
  // The seed, under "Contacting OpenKey": "Customer Assistance:" and its lines (the channels table),
  // then "For emergency assistance during off hours, our Support team can be reached at 1 (877)
  // 800-2006 (answered 24/7/365).", then "Billing Questions:" "- Email Billing@OpenKey.co",
  // "Training Needs:" "- Browse our Knowledge Base/Frequently Asked Questions" "- Email
  // Support@OpenKey.co", "Sales:" "- Start an online chat or submit a Demo Request on OpenKey's
  // website" "- Email Sales@OpenKey.co". The page headed the emergency line "After-hours support"
  // and the routing "Where to send each kind of request", headings the seed never wrote.
  it('the emergency line and the Billing Questions, Training Needs and Sales lines follow the channels, under their own labels', () => {
    const page = md('openkey');
    const h2 = headings(page, '##');
    assert.ok(!h2.includes('After-hours support'), h2.join(' | '));
    assert.ok(!h2.includes('Where to send each kind of request'), h2.join(' | '));
    assert.equal(h2.filter((h) => h === 'Contacting OpenKey').length, 1, 'headed once');
    const section = page.slice(page.indexOf('## Contacting OpenKey'), page.indexOf('## Regular Business Hours'));
    assert.match(section, /\| Chat support \|.*\n\nFor emergency assistance during off hours, our Support team can be reached at 1 \(877\) 800-2006 \(answered 24\/7\/365\)\.\n/);
    assert.ok(section.includes([
      'Billing Questions:', '', '- Email Billing@OpenKey.co', '',
      'Training Needs:', '', '- Browse our Knowledge Base/Frequently Asked Questions', '- Email Support@OpenKey.co', '',
      'Sales:', '', "- Start an online chat or submit a Demo Request on OpenKey's website", '- Email Sales@OpenKey.co', '',
    ].join('\n')), section);
    // "Customer Assistance:" heads the lines the channels table already holds: not listed again.
    assert.ok(!section.includes('Customer Assistance:'));
    assert.ok(section.indexOf('For emergency assistance') < section.indexOf('Billing Questions:'), "in the seed's order");
  });

  it('a vendor that heads them apart keeps them apart: OPS-COM\'s after-hours section, headed in its words', () => {
    const page = md('opscom');
    const h2 = headings(page, '##');
    assert.ok(h2.includes('What after-hours support do you provide?'));
    assert.ok(h2.includes('How to contact support'));
    // Its contact section holds only its channels: the next line after the table is the next heading.
    const contact = 'How to contact support';
    assert.match(page.slice(page.indexOf(`## ${contact}`)), new RegExp(`^## ${contact.replace(/[?()]/g, '\\$&')}\n\n(\\|[^\n]*\n)+\n## `));
  });
});

describe('OpenBack\'s contact table states no hours the seed never gave a channel', () => {
  // "How to Contact Support": "support@openback.com | |", "Chat | Chat widget on our website, docs
  // and dashboard |", "Phone | Provided to our Pro and Enterprise Customers |", "Documentation |
  // https://docs.openback.com/ |": a channel and its details, no hours, and the matrix gives
  // Documentation a ✓ on every plan, not "24x7".
  it('Documentation, Chat and Phone have no hours; Growth has no phone; no plan columns at all', () => {
    const page = md('openback');
    const contact = page.slice(page.indexOf('## How to Contact Support'), page.indexOf('## Support Hours'));
    assert.equal(contact, [
      '## How to Contact Support', '',
      '| Channel | Address | Details |',
      '| --- | --- | --- |',
      '| Email | support@openback.com |  |',
      '| Chat |  | Chat widget on our website, docs and dashboard |',
      '| Phone |  | Provided to our Pro and Enterprise Customers |',
      '| Documentation | https://docs.openback.com/ |  |',
      '', '',
    ].join('\n'));
    assert.match(page, /\n\| Documentation – FAQs, Searchable \| ✓ \| ✓ \| ✓ \|\n/);
  });

  // "OpenBack's regular support hours are Monday through Friday, 9am to 6pm GMT. We offer out of hours
  // standard support from 6pm to 9am via email support from our offices around the world.": the seed
  // says it once, under Support Hours; its Email row gives the address alone. Before, the page said it
  // twice (the Email row's Details too) and gave the row per-plan cells the seed never wrote
  // ("9am – 6pm GMT, and out of hours from 6pm to 9am").
  it('says the out-of-hours email sentence once, under Support Hours, and no hours of Accord\'s wording for email', () => {
    const page = md('openback');
    assert.equal(page.split('We offer out of hours standard support from 6pm to 9am via email support').length - 1, 1);
    const hours = page.slice(page.indexOf('## Support Hours'), page.indexOf('## Support Levels'));
    assert.match(hours, /We offer out of hours standard support from 6pm to 9am via email support from our offices around the world\./);
    assert.doesNotMatch(page, /and out of hours from 6pm to 9am/);
    const html = renderPolicy(examplePolicy('openback'), 'html', { year: 2026 });
    assert.equal(html.split('We offer out of hours standard support from 6pm to 9am via email support').length - 1, 1);
  });

  // The channel keeps its words for what the desk tells a customer (a receipt, a closed chat's refusal):
  // only the contact table leaves them out, and only where the file says the vendor wrote them elsewhere.
  it('a receipt still tells the customer the description; another policy without the key publishes its details', () => {
    // A Growth request through the portal at Friday 07:29 GMT waits for 09:00; its receipt names the
    // email support answered now, in the description the table leaves out.
    assert.equal(
      answeredNowText(examplePolicy('openback'), { plan_id: 'growth', channel: 'web' }, Temporal.Instant.from('2026-12-04T07:29:00Z').epochMilliseconds),
      'Email (support@openback.com) is answered now: We offer out of hours standard support from 6pm to 9am via email support from our offices around the world.',
    );
    const source = exampleSource('openback').replace(/\n *publish_description: false\n/, '\n');
    assert.match(renderPolicy(policyFrom(source, 'other.yaml'), 'md', { year: 2026 }), /\n\| Email \| support@openback\.com \| We offer out of hours standard support from 6pm to 9am via email support from our offices around the world \|\n/);
  });
});

describe('the lead of the named contacts\' duties is the policy\'s own', () => {
  // OpenBack: "Named Support Contacts are responsible for: (i) reporting cases to OpenBack, (ii)
  // overseeing Customer's support case activity, and (iii) technical knowledge of ...".
  // The page and a held request's quote say the same one numbered sentence (render-said-once.test.ts).
  it('OpenBack publishes its own lead with the duties and quotes it with them', () => {
    assert.match(md('openback'), /OpenBack\. Named Support Contacts are responsible for: \(i\) reporting cases to OpenBack, \(ii\) overseeing Customer’s support case activity, and \(iii\) technical knowledge of/);
    assert.match(responsibilitiesSentence(examplePolicy('openback').file.contacts) ?? '', /^Named Support Contacts are responsible for: \(i\) reporting cases to OpenBack, \(ii\) overseeing Customer’s support case activity, and \(iii\) technical knowledge of /);
  });

  // Another vendor's words are published as that vendor wrote them, never OpenBack's.
  it('another policy is told its own lead, not OpenBack\'s', () => {
    const source = exampleSource('openback').replace('responsibilities_lead: "Named Support Contacts are responsible for:"', 'responsibilities_lead: "Authorised Contacts shall:"');
    const policy = policyFrom(source, 'other.yaml');
    const page = renderPolicy(policy, 'md', { year: 2026 });
    assert.match(page, /OpenBack\. Authorised Contacts shall: \(i\) reporting cases to OpenBack, \(ii\) /);
    assert.doesNotMatch(page, /are responsible for/);
    assert.equal(responsibilitiesSentence(policy.file.contacts)?.startsWith('Authorised Contacts shall: (i) reporting cases to OpenBack, (ii) '), true);
  });

  // A policy stored before the lead existed still loads; its list is led by plain words that say
  // only what the field means, never OpenBack's capitalised sentence as if the vendor wrote it.
  it('loads responsibilities without a lead under plain words, and refuses a lead without responsibilities, naming the field', () => {
    const source = exampleSource('openback').replace(/\n *responsibilities_lead: .*\n/, '\n');
    const without = loadPolicySource(source, 'no-lead.yaml');
    assert.equal(without.ok, true);
    const policy = policyFrom(source, 'no-lead.yaml');
    assert.match(renderPolicy(policy, 'md', { year: 2026 }), /OpenBack\. Named support contacts are responsible for: \(i\) reporting cases to OpenBack, \(ii\) /);
    assert.equal(responsibilitiesSentence(policy.file.contacts)?.startsWith('Named support contacts are responsible for: (i) reporting cases to OpenBack, (ii) '), true);
    // Quoted to a customer, the plain lead stays outside the quotation marks: only the list is the vendor's.
    assert.equal(quotedResponsibilities(policy.file.contacts)?.startsWith('Named support contacts are responsible for: “(i) reporting cases to OpenBack, (ii) '), true);
    assert.equal(quotedResponsibilities(examplePolicy('openback').file.contacts)?.startsWith('“Named Support Contacts are responsible for: (i) reporting cases to OpenBack, (ii) '), true);
    const alone = loadPolicySource(exampleSource('openback').replace(/\n {2}responsibilities:\n( {4}- .*\n)+/, '\n'), 'lead-alone.yaml');
    assert.equal(alone.ok, false);
    if (!alone.ok) assert.deepEqual(alone.problems.map((p) => p.path), ['contacts.responsibilities_lead']);
  });
});
