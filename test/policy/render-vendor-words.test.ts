// The published page names things as the vendor names them: its levels by its own word, a time
// zone by its own label, no level the vendor never named, no heading it never wrote, and no
// punctuation it never put after an address. The seed words are written out here, copied by hand
// from the vendors' published policies, so the test reads nothing outside the repository.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderPolicy } from '../../src/policy/render/index.ts';
import { examplePolicy, exampleSource, policyFrom } from '../helpers/policies.ts';

const md = (name: string) => renderPolicy(examplePolicy(name), 'md', { year: 2026 });
const headings = (page: string, level: string) => page.split('\n').filter((l) => l.startsWith(`${level} `)).map((l) => l.slice(level.length + 1));

describe("the vendor's names for its levels", () => {
  // OfficeSpace: "Support Levels", then "Basic Product Support", "Technical Support" and
  // "Critical Technical Support", none of them numbered or called a severity.
  it('OfficeSpace publishes its Support Levels by their names, not as numbered severities', () => {
    const page = md('officespace');
    assert.ok(headings(page, '##').includes('Support Levels'));
    assert.ok(!headings(page, '##').includes('Severity definitions'));
    for (const name of ['Critical Technical Support', 'Technical Support', 'Basic Product Support']) assert.ok(headings(page, '###').includes(name), name);
    assert.doesNotMatch(page, /Severity \d/);
  });

  // The seed lists them "Basic Product Support", then "Technical Support", then "Critical Technical
  // Support", under "Support Levels", and calls none of them a severity.
  it('OfficeSpace lists its Support Levels in the seed\'s order, Basic first, and never says Severity among them', () => {
    const page = md('officespace');
    const section = page.slice(page.indexOf('\n## Support Levels\n'), page.indexOf('\n## ', page.indexOf('\n## Support Levels\n') + 1));
    const order = ['### Basic Product Support\n', '### Technical Support\n', '### Critical Technical Support\n'].map((h) => section.indexOf(h));
    assert.ok(order.every((at) => at > 0), String(order));
    assert.ok(order[0] < order[1] && order[1] < order[2], String(order));
    assert.doesNotMatch(section, /severit/i);
  });

  // OPS-COM defines one level only, in its after-hours answer: "After hours support is limited to
  // critical issues. Critical is defined as system outages or issues that threaten immediate work
  // stoppage." Nothing in the FAQ is called "Not critical", and nothing is numbered. The definition is
  // published there, once (render-said-once.test.ts): no section of levels says it again.
  it('OPS-COM publishes its one defined level, Critical, where it defines it, and no level it never named', () => {
    const page = md('opscom');
    assert.doesNotMatch(page, /Not critical/i);
    assert.doesNotMatch(page, /Severity \d/);
    assert.match(page, /\nAfter hours support is limited to critical issues\. Critical is defined as system outages or issues that threaten immediate work stoppage\. /);
    assert.match(page, /\n- Severities: Critical\n/);
    assert.ok(!headings(page, '###').includes('Critical'));
  });

  // Where its one level has a section (a policy whose after-hours answer does not define it), the
  // section is headed by the seed's "critical issues", not "Severity definitions" (it defines one level).
  it('OPS-COM heads its one level Critical issues, not Severity definitions', () => {
    const source = exampleSource('opscom').replace('critical issues. Critical is defined as system outages\n      or issues that threaten immediate work stoppage. This', 'critical issues. This');
    const page = renderPolicy(policyFrom(source), 'md', { year: 2026 });
    assert.ok(headings(page, '##').includes('Critical issues'));
    assert.ok(!headings(page, '##').includes('Severity definitions'));
    assert.ok(!headings(md('opscom'), '##').includes('Severity definitions'));
  });

  // OpenKey "classifies issues into separate tiers": "Tier 1 Support", "Tier 2 Support", and
  // "Emergency Tier 2 issues outside of business hours"; it numbers no severities.
  it('OpenKey publishes its tiers by their names, not as numbered severities', () => {
    const page = md('openkey');
    for (const name of ['Emergency Tier 2', 'Tier 2 Support', 'Tier 1 Support']) assert.ok(headings(page, '###').includes(name), name);
    assert.doesNotMatch(page, /Severity \d/);
    // Where a policy publishes its after-hours list, the tier is labelled by its name there too
    // (OpenKey's own page does not: its words say it all, publish_summary: false).
    const listed = renderPolicy(policyFrom(exampleSource('openkey').replace(/^    publish_summary: false\n/m, '')), 'md', { year: 2026 });
    assert.match(listed, /\n- Tiers: Emergency Tier 2\n/);
  });

  // "classifies issues into separate tiers": the section is "Tiers", listed as the seed does (Tier 1
  // Support, Tier 2 Support, then Emergency Tier 2 issues); "Severity definitions" is not its word.
  it('OpenKey heads its levels Tiers and lists Tier 1 Support first, Emergency Tier 2 last', () => {
    const page = md('openkey');
    assert.ok(headings(page, '##').includes('Tiers'));
    assert.ok(!headings(page, '##').includes('Severity definitions'));
    const levels = headings(page, '###').filter((h) => /Tier/.test(h));
    assert.deepEqual(levels, ['Tier 1 Support', 'Tier 2 Support', 'Emergency Tier 2']);
  });

  // OpenBack heads its four severities "Priority Definitions" (seed 001), though it calls each a severity.
  it('OpenBack heads its severities Priority Definitions, as the seed does', () => {
    const page = md('openback');
    assert.ok(headings(page, '##').includes('Priority Definitions'));
    assert.ok(!headings(page, '##').includes('Severity definitions'));
    assert.ok(headings(page, '###').includes('Severity 1 - Critical'));
  });

  it('a policy that numbers its severities keeps "Severity N - Name" (OpenMethods: "severity 1 tickets")', () => {
    assert.ok(headings(md('openmethods'), '###').includes('Severity 1 - System Outage'));
  });
});

describe("the vendor's label for its time zone", () => {
  // OPS-COM: "Mon-Fri 9-5 EST"; read as US Eastern civil time (America/New_York), which the page
  // may add for precision after the vendor's own label.
  it('OPS-COM hours say EST, as the vendor wrote, with the zone they are kept in', () => {
    const page = md('opscom');
    // In summer New York keeps EDT: said beside the label, so no July hour is stated an hour off.
    assert.match(page, /\n### Mon-Fri 9-5 EST\n\nMon-Fri 09:00-17:00 EST \(America\/New_York, EDT in summer\)\n/);
  });

  it('OpenKey says CST ("9 am - 5 pm CST M-F"), OpenBack GMT ("9am – 6pm GMT")', () => {
    assert.match(md('openkey'), /\nMon-Fri 09:00-17:00 CST \(America\/Chicago, CDT in summer\)\n/);
    // "9am to 6pm GMT" kept as UK time: in summer those hours are 9am to 6pm BST (UTC+1), and the
    // page says so beside the seed's label rather than publish "GMT" for a summer hour.
    assert.match(md('openback'), /\nMon-Fri 09:00-18:00 GMT \(Europe\/London, BST in summer\)\n/);
  });

  // OfficeSpace: "Central Standard Time (GMT-6)": a fixed offset the vendor states; its label says
  // it, so no UTC offset of Accord's is added.
  it('OfficeSpace hours say GMT-6, the offset the vendor states, and no UTC offset of its own', () => {
    const page = md('officespace');
    assert.match(page, /\nMon-Fri 05:00-22:00 GMT-6\n/);
    assert.doesNotMatch(page, /UTC/);
  });
});

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
      /\n## Subscription to Notifications\n\nYou can subscribe to email updates[^\n]*\n\n1\. Go to status\.openmethods\.com\.\n2\. Click Subscribe to updates\.\n3\. Enter your email address\.\n4\. Click Subscribe via email\.\n\nWhenever there is an update to the status page, you will receive an email with the status details\.\n\nIf you’d rather not receive email updates, you can access status\.openmethods\.com and see a chronological list of maintenance and incidents, as well as any planned maintenance windows\.\n\n## Types of Notifications\n/,
    );
  });

  // The seed: "Types of Notifications", then INCIDENT, HOTFIX and MAINTENANCE each on a line of its
  // own above its paragraph ("INCIDENT / If there is a service impacting event, ..."): subheadings,
  // not list items beginning "INCIDENT: ".
  it('OpenMethods: publishes INCIDENT, HOTFIX and MAINTENANCE as subheadings of Types of Notifications, as the seed heads them', () => {
    const page = md('openmethods');
    assert.match(
      page,
      /\n## Types of Notifications\n\n### INCIDENT\n\nIf there is a service impacting event, communication will be posted to the status page\. Subscribed users will be notified, and non-subscripted users will be able to visually see the current and historical events\.\n\n### HOTFIX\n\nIf a hotfix needs to be applied that does not introduce downtime, the hotfix will be documented as a POSTMORTEM event on the status page\.[^\n]*\n\n### MAINTENANCE\n\nIf maintenance is scheduled – as the result of an incident or a standard code elevation – the maintenance window will be documented in the MAINTENANCE section of the OpenMethods status page\.[^\n]*\n\n## Severity definitions\n/,
    );
    assert.doesNotMatch(page, /- (INCIDENT|HOTFIX|MAINTENANCE):/);
    const html = renderPolicy(examplePolicy('openmethods'), 'html', { year: 2026 });
    assert.match(html, /<h2[^>]*>Types of Notifications<\/h2>\s*<h3[^>]*>INCIDENT<\/h3>\s*<p>If there is a service impacting event/);
  });

  it('a section of subheadings alone is valid; one with no body, items or subsections is not', () => {
    const withSub = policyFrom(exampleSource('openmethods'));
    assert.equal(withSub.file.prose.sections?.find((x) => x.title === 'Types of Notifications')?.subsections?.length, 3);
    assert.throws(() => policyFrom(exampleSource('openmethods').replace(/^ {6}subsections:\n(?: {8}.*\n| {10}.*\n| {12}.*\n)+/m, '')), /prose\.sections\[4\].*give a \\"body\\", \\"items\\" or \\"subsections\\"/);
  });
});
