// OpenKey's published page follows the seed's order and puts each of its paragraphs under the
// heading the seed wrote it under. The seed's words are copied here by hand (seed 000):
//   Contacting OpenKey / Customer Assistance: ... / "For emergency assistance during off hours, our
//   Support team can be reached at 1 (877) 800-2006 (answered 24/7/365)." / "An example of an
//   emergency is a total system outage when both mobile and RFID keys will not allow access to any
//   guest rooms." / Billing Questions: / Training Needs: / Sales: / Overview / "OpenKey offers the
//   following products:" / Tier 1 Support / Tier 2 Support / Tier 2 Support Issues / "Tier 2 Support
//   issues will have a response time ..." / "Emergency Tier 2 issues outside of business hours can be
//   addressed by calling 877-800-2008. Please request to speak to the Openkey After Hours Emergency
//   Contact. ..." / "Depending on severity ..." / Continuous Monitoring.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderPolicy } from '../../src/policy/render/index.ts';
import { createTicket } from '../../src/tickets/index.ts';
import { examplePolicy, exampleSource, policyFrom } from '../helpers/policies.ts';
import { openDesk } from '../support/desk.ts';

const page = renderPolicy(examplePolicy('openkey'), 'md', { year: 2026 });
const h2 = page.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
const section = (heading: string) => {
  const start = page.indexOf(`\n## ${heading}\n`);
  const next = page.indexOf('\n## ', start + 1);
  return page.slice(start, next === -1 ? undefined : next);
};
const EMERGENCY_TIER_2 = 'Emergency Tier 2 issues outside of business hours can be addressed by calling 877-800-2008. Please request to speak to the Openkey After Hours Emergency Contact.';

describe("OpenKey's page in the seed's order", () => {
  it('Contacting OpenKey, its hours, Overview (the products), the tiers, Tier 2 Support Issues, Continuous Monitoring', () => {
    // "Regular Business Hours" is Accord's generated section of the seed's "Regular Business Hours
    // 9 am - 5 pm CST M-F" line, a line of "Contacting OpenKey": it follows that section.
    assert.deepEqual(h2, ['Contacting OpenKey', 'Regular Business Hours', 'Overview', 'Tiers', 'Tier 2 Support Issues', 'Continuous Monitoring']);
    assert.match(section('Overview'), /^\n## Overview\n\nOpenKey offers the following products:\n\n- OpenKey HOST web portal\n/);
    // Not also after the introduction, before the contact lines.
    assert.equal(page.split('OpenKey offers the following products:').length, 2, 'published once');
  });

  it('the off-hours line and the example of an emergency under "Contacting OpenKey", with no list in words of Accord', () => {
    const contact = section('Contacting OpenKey');
    assert.ok(contact.includes([
      'For emergency assistance during off hours, our Support team can be reached at 1 (877) 800-2006 (answered 24/7/365).', '',
      'An example of an emergency is a total system outage when both mobile and RFID keys will not allow access to any guest rooms.', '',
      'Billing Questions:',
    ].join('\n')), contact);
    // The seed never wrote "Tiers: ...", "Channels: ..." or "Staffed by: ..." under its heading.
    assert.doesNotMatch(page, /^- (Tiers|Channels|Staffed by): /m);
    assert.ok(!contact.includes('Emergency Tier 2 issues outside of business hours'), 'that paragraph is under Tier 2 Support Issues');
  });

  it('the Emergency Tier 2 paragraph under "Tier 2 Support Issues", once, before the third-party paragraphs', () => {
    const issues = section('Tier 2 Support Issues');
    assert.match(issues, /^\n## Tier 2 Support Issues\n\nEmergency Tier 2 issues outside of business hours can be addressed by calling 877-800-2008\. Please request to speak to the Openkey After Hours Emergency Contact\. Off hours emergency issues resolution times will vary depending on the nature of the issue\.\n\nDepending on severity/);
    assert.equal(page.split(EMERGENCY_TIER_2).length, 2, 'published once on the page');
  });

  it('the example of an emergency once, in the seed\'s sentence: not listed again under Emergency Tier 2', () => {
    // The seed says it once: "An example of an emergency is a total system outage when both mobile and
    // RFID keys will not allow access to any guest rooms." (under "Contacting OpenKey").
    assert.equal(page.split('total system outage when both mobile and RFID keys').length, 2, 'published once');
    const emergency = page.slice(page.indexOf('\n### Emergency Tier 2\n'), page.indexOf('\n## Tier 2 Support Issues\n'));
    assert.doesNotMatch(emergency, /Examples:/);
    // Without publish_examples: false the tier lists it, as any level's examples are.
    const listed = renderPolicy(policyFrom(exampleSource('openkey').replace(/^    publish_examples: false\n/m, '')), 'md', { year: 2026 });
    assert.match(listed, /\n### Emergency Tier 2\n\nExamples:\n\n- a total system outage when both mobile and RFID keys will not allow access to any guest rooms\n/);
  });

  it('Tier 2 Support gives its example in the seed\'s sentence, where the seed wrote it, not as a list of "Examples:"', () => {
    // The seed: "Tier 2 Support - Any issues resulting in disruptions in service to the property or
    // substantial recurring malfunctions in the software. An example would be PMS Integration issues."
    // then, on its own line, "These are issues that may not be able to be resolved by the Hotel Staff
    // using information available in the Knowledge Base and will require direction from OpenKey Support."
    const tier2 = page.slice(page.indexOf('\n### Tier 2 Support\n'), page.indexOf('\n### Emergency Tier 2\n'));
    assert.ok(tier2.startsWith([
      '', '### Tier 2 Support', '',
      'Any issues resulting in disruptions in service to the property or substantial recurring malfunctions in the software. An example would be PMS Integration issues.', '',
      'These are issues that may not be able to be resolved by the Hotel Staff using information available in the Knowledge Base and will require direction from OpenKey Support.', '',
      'Tier 2 Support issues will have a response time of approximately 30 minutes during our regular business hours.', '',
    ].join('\n')), tier2);
    // One example, said once: no "Examples:" (a word the seed does not use there) listing it again.
    assert.doesNotMatch(tier2, /Examples:/);
    assert.equal(page.split('PMS Integration issues').length, 2, 'published once');
  });

  // The page splits the rule's words between two headings (page_text); a receipt quotes it whole. A
  // support request by email at Saturday 03:00 CST waits for Monday 09:00 and is told where an
  // emergency goes now: both paragraphs, both numbers.
  it('the receipts still quote the rule whole: both numbers, as the seed gives them to an emergency', async () => {
    const desk = await openDesk('openkey', '2026-12-05T09:00:00Z');
    try {
      const org = await desk.addOrganization('standard');
      const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Keys fail', description: 'Please advise', requestType: 'support', channel: 'email' } });
      const { rows } = await desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [t.id]);
      assert.equal(rows.length, 1);
      assert.ok(rows[0].body.includes(
        'For emergency assistance during off hours, our Support team can be reached at 1 (877) 800-2006 (answered 24/7/365).\n\n' +
          `${EMERGENCY_TIER_2} Off hours emergency issues resolution times will vary depending on the nature of the issue.`,
      ), rows[0].body);
    } finally {
      await desk.close();
    }
  });

  it('without page_text and publish_summary a rule is published as before: its description and Accord\'s list', () => {
    const source = exampleSource('openkey').replace(/^    page_text: >-\n(      .*\n|\n)*?(?=    #)/m, '').replace(/^    publish_summary: false\n/m, '');
    const plain = renderPolicy(policyFrom(source), 'md', { year: 2026 });
    const contact = plain.slice(plain.indexOf('## Contacting OpenKey'), plain.indexOf('## Regular Business Hours'));
    assert.ok(contact.includes(EMERGENCY_TIER_2), contact);
    assert.match(contact, /\n- Staffed by: the Openkey After Hours Emergency Contact\n/);
    assert.doesNotMatch(contact, /An example of an emergency/);
  });
});
