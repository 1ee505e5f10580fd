// Where an emergency goes after hours, as the receipt of a request that waits for the morning says
// it (audit 2026-12, seeds 000 and 004): in the vendor's own word for its hours, and the channels
// listed only where the rule's own words do not already give them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { afterHoursElsewhere } from '../../src/tickets/after-hours-rules.ts';
import { outsideHoursText } from '../../src/tickets/arrival-words.ts';
import { takenAfterHoursText } from '../../src/tickets/after-hours.ts';
import { hoursNamed } from '../../src/policy/index.ts';
import { examplePolicy, exampleSource, policyFrom } from '../helpers/policies.ts';

// OpenKey's after-hours rule as its policy words it (examples/policies/openkey.yaml), two paragraphs.
const OPENKEY_1 = 'For emergency assistance during off hours, our Support team can be reached at 1 (877) 800-2006 (answered 24/7/365).';
const OPENKEY_2 = 'Emergency Tier 2 issues outside of business hours can be addressed by calling 877-800-2008. Please request to speak to the Openkey After Hours Emergency Contact. Off hours emergency issues resolution times will vary depending on the nature of the issue.';

describe('after hours elsewhere, in the vendor\'s words', () => {
  it('OpenKey: the rule\'s own words give both numbers, so no list of the same numbers comes before them', () => {
    const text = afterHoursElsewhere(examplePolicy('openkey'), { plan_id: 'standard', channel: 'email' });
    assert.equal(text, `${OPENKEY_1}\n\n${OPENKEY_2}`);
  });

  it('OpenKey with words that give one number only: the channels are listed, outside its regular business hours', () => {
    // The rule's first paragraph left out: 1 (877) 800-2006 is then in no word of the rule.
    const source = exampleSource('openkey').replace(/      For emergency assistance during off hours, our Support team can be reached at 1 \(877\)\n      800-2006 \(answered 24\/7\/365\)\.\n\n/, '');
    const text = afterHoursElsewhere(policyFrom(source), { plan_id: 'standard', channel: 'email' });
    assert.equal(
      text,
      'Outside regular business hours, Emergency Tier 2 requests are taken by: Customer Assistance (1-877-800-2008); Emergency assistance during off hours (1 (877) 800-2006).' +
        `\n\n${OPENKEY_2}`,
    );
  });

  // OPS-COM: "This support is provided by email" names no address; the list says where to write.
  it('OPS-COM: words that name no address keep the list, outside support hours', () => {
    const text = afterHoursElsewhere(examplePolicy('opscom'), { plan_id: 'premium', channel: 'phone' }) ?? '';
    assert.ok(
      text.startsWith('Outside support hours, Critical requests are taken by: Email (a new message to the address our mail comes from).\n\nAfter hours support is limited to critical issues.'),
      text,
    );
  });
});

describe('outside which hours a request arrived', () => {
  it('OpenKey: outside our regular business hours; OpenBack and OPS-COM: outside our support hours', () => {
    const resumes = 'Mon Dec 7 2026 09:00 AM CST';
    assert.equal(
      outsideHoursText(examplePolicy('openkey'), { severity: 2 }, 'business', resumes),
      'We received your request outside our regular business hours. Work on it resumes Mon Dec 7 2026 09:00 AM CST.',
    );
    assert.equal(
      outsideHoursText(examplePolicy('openback'), { severity: 3 }, 'weekdays', 'Mon 7 Dec 2026 09:00 GMT'),
      'We received your request outside our support hours. Work on it resumes Mon 7 Dec 2026 09:00 GMT.',
    );
    assert.equal(
      outsideHoursText(examplePolicy('opscom'), { severity: 2 }, 'business', 'Thu Dec 3 2026 09:00 AM EST'),
      'We received your request outside our support hours. Work on it resumes Thu Dec 3 2026 09:00 AM EST.',
    );
  });
});

describe('the plan\'s hours as the team is told them, and who was alerted', () => {
  it('OpenKey: its regular business hours; OpenMethods: the hours of its remediation work, by name; OPS-COM: support hours', () => {
    // OpenKey's calendar: hours_word "regular business hours".
    assert.equal(hoursNamed(examplePolicy('openkey'), 'business'), 'regular business hours');
    // "Remediation work: 6am-4pm U.S. Eastern Standard Time": the seed never calls them support hours.
    assert.equal(hoursNamed(examplePolicy('openmethods'), 'remediation'), 'the hours "6am-4pm U.S. Eastern Standard Time"');
    assert.equal(hoursNamed(examplePolicy('opscom'), 'business'), 'support hours');
  });

  it('OpenKey: the After Hours Emergency Contact was alerted, then the rule\'s own words', () => {
    // "Please request to speak to the Openkey After Hours Emergency Contact": who, in the rule's words (staffed_by).
    assert.equal(
      takenAfterHoursText(examplePolicy('openkey'), ['emergency-line'], { alerted: true, rulesWords: true }),
      `We have alerted the Openkey After Hours Emergency Contact.\n\n${OPENKEY_1}\n\n${OPENKEY_2}`,
    );
    // OPS-COM: "This support is provided by email and is staffed by on-call personnel."
    assert.equal(takenAfterHoursText(examplePolicy('opscom'), ['critical-on-call'], { alerted: true, rulesWords: false }), 'We have alerted on-call personnel.');
  });
});
