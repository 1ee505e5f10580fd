// The receipt's target paragraphs as each vendor words its times (audit, 2026-12-06): first what the
// policy says, credited to the vendor, in the words its published page uses; then, as ours, when each
// falls on this case: a time given "approximately" is around a time, a "Response Goal" is aimed for,
// not due by; and where counting a time only in some hours is our reading of the policy, not its
// words (OfficeSpace's "Response Goal: 4 Hours" counted in its support hours), our lines say so.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applicableTargets, projectClocks } from '../../src/sla/index.ts';
import { targetParagraphs } from '../../src/tickets/receipt-targets.ts';
import type { TicketRow } from '../../src/tickets/store.ts';
import { examplePolicy } from '../helpers/policies.ts';

const instant = (ms: number | null) => (ms === null ? null : Temporal.Instant.fromEpochMilliseconds(ms));

/** The receipt's paragraphs for a new ticket, its clocks projected as createTicket projects them. */
function receiptParagraphs(name: string, plan: string, severity: number, opened: string, channel = 'web', row: Partial<TicketRow> = {}): string[] {
  const policy = examplePolicy(name);
  const openedAt = Temporal.Instant.from(opened).epochMilliseconds;
  const rows = projectClocks(policy, { plan, severity, channel, openedAt, events: [] }).map((c) => ({
    metric: c.metric, state: c.state, goal_at: instant(c.goalAt), due_at: instant(c.dueAt),
  }));
  // targetParagraphs reads only the ticket's plan (its time zone and its hours) and severity (its targets' words).
  return targetParagraphs(policy, { plan_id: plan, severity, handed_over_at: null, ...row } as TicketRow, rows, applicableTargets(policy, { plan, severity, openedAt, channel }));
}

describe("the receipt's target paragraphs", () => {
  it('OpenKey Tier 2: the vendor\'s sentence, then around a time, not by it', () => {
    // Wed 2 Dec 2026 16:00Z is 10:00 CST, in business hours: 30 minutes on, 10:30 AM CST.
    // The seed's sentence on Tier 2 resolution has no time, so it is said, not counted.
    assert.deepEqual(receiptParagraphs('openkey', 'standard', 2, '2026-12-02T16:00:00Z'), [
      "What OpenKey's support policy says about it:\n- Response time: Tier 2 Support issues will have a response time of approximately 30 minutes during our regular business hours.\n- Resolution time: The resolution time of Tier 2 issues may differ based on the type of issue that has been raised.",
      'For this case, as we count it:\n- Response time: around Wed Dec 2 2026 10:30 AM CST',
    ]);
  });

  it('OpenKey emergency phoned in on a Saturday night: its time is counted from the opening of the regular business hours, said so', () => {
    // "Tier 2 Support issues will have a response time of approximately 30 minutes during our regular
    // business hours." Off hours: "Emergency Tier 2 issues outside of business hours can be addressed
    // by calling 877-800-2008. Please request to speak to the Openkey After Hours Emergency Contact."
    // Sat 5 Dec 2026 03:00 CST (09:00Z), handed to that contact as it arrived; the hours ("9 am - 5 pm
    // CST M-F") open Mon 7 Dec 09:00 CST, 30 minutes on: 09:30 CST. That time is the business-hours
    // promise, not when the contact answers: the line names the opening it is counted from.
    const phoned = '2026-12-05T09:00:00Z';
    assert.deepEqual(receiptParagraphs('openkey', 'standard', 1, phoned, 'emergency-phone', { handed_over_at: Temporal.Instant.from(phoned) }), [
      // All the policy says of an emergency, as the portal lists it: the resolution sentence too ("Off hours
      // emergency issues resolution times will vary depending on the nature of the issue."), with no time.
      "What OpenKey's support policy says about it:\n- Response time: Tier 2 Support issues will have a response time of approximately 30 minutes during our regular business hours.\n- Resolution time: Off hours emergency issues resolution times will vary depending on the nature of the issue.",
      'For this case, as we count it:\n- Response time: counted in our regular business hours, which open Mon Dec 7 2026 09:00 AM CST: around Mon Dec 7 2026 09:30 AM CST',
    ]);
    // A Tier 2 issue sent on the web then is handed to no one (its receipt says when work resumes): as before.
    assert.deepEqual(receiptParagraphs('openkey', 'standard', 2, phoned)[1], 'For this case, as we count it:\n- Response time: around Mon Dec 7 2026 09:30 AM CST');
    // OPS-COM's after-hours times run in real time: nothing to open. Wed 2 Dec 2026 23:00 EST (Thu 04:00Z).
    const night = '2026-12-03T04:00:00Z';
    assert.equal(receiptParagraphs('opscom', 'premium', 1, night, 'email', { handed_over_at: Temporal.Instant.from(night) })[1],
      'For this case, as we count them:\n- Triage: by Wed Dec 2 2026 11:15 PM EST\n- Status notification: by Thu Dec 3 2026 12:00 AM EST');
  });

  it('OfficeSpace Critical: a Response Goal aimed for, counted in its support hours', () => {
    // The seed: "Response Goal: 2 Hours", no more. Counting it in the support hours is our reading.
    // Wed 2 Dec 2026 16:00Z is 10:00 GMT-6: 2 support hours on, 12:00 GMT-6.
    assert.deepEqual(receiptParagraphs('officespace', 'standard', 1, '2026-12-02T16:00:00Z'), [
      "What OfficeSpace Software's support policy says about it:\n- Response Goal: 2 Hours",
      'For this case, as we count it:\n- Response Goal: counted in our support hours, Monday through Friday, from 5:00 AM to 10:00 PM Central Standard Time (GMT-6): aimed for Wed 2 Dec 2026 12:00 GMT-6',
    ]);
  });

  it('OfficeSpace Basic Product Support late on a Thursday: 24 support hours, aimed for Monday, the hours named as ours', () => {
    // Fri 4 Dec 2026 03:00Z is Thu 3 Dec 21:00 GMT-6: 1 h to 22:00 Thursday, 17 h on Friday (18 h),
    // the weekend closed, 6 h more from Monday 05:00: Mon 7 Dec 11:00 GMT-6.
    const [said, ours] = receiptParagraphs('officespace', 'standard', 3, '2026-12-04T03:00:00Z');
    assert.equal(said, "What OfficeSpace Software's support policy says about it:\n- Response Goal: 24 Hours");
    assert.doesNotMatch(said, /counted|Monday through Friday/, 'the vendor is credited with its own words only');
    assert.equal(ours, 'For this case, as we count it:\n- Response Goal: counted in our support hours, Monday through Friday, from 5:00 AM to 10:00 PM Central Standard Time (GMT-6): aimed for Mon 7 Dec 2026 11:00 GMT-6');
  });

  it('OpenMethods Severity 4: 24 hours counted in its remediation hours, by their name', () => {
    // The seed: "Response time: 24 hours" and "Remediation work: 6am-4pm U.S. Eastern Standard Time".
    // Wed 2 Dec 2026 15:00Z is 10:00 EST: 6 h Wednesday, 10 h Thursday, 8 h Friday: Fri 4 Dec 02:00 PM EST.
    // The remediation hours and the communication cadence ("when material updates or progress is
    // made") are the seed's promises for this severity too: said in its words, with no time to give.
    assert.deepEqual(receiptParagraphs('openmethods', 'standard', 4, '2026-12-02T15:00:00Z'), [
      "What OpenMethods' support policy says about it:\n- Response time: 24 hours\n- Remediation work: 6am-4pm U.S. Eastern Standard Time\n- Communication cadence: when material updates or progress is made",
      'For this case, as we count it:\n- Response time: counted in the hours of remediation work, 6am-4pm U.S. Eastern Standard Time: by Fri Dec 4 2026 02:00 PM EST',
    ]);
  });

  it('OpenMethods System Outage: real time, no hours named', () => {
    // Sat 5 Dec 2026 15:00Z is 10:00 EST: 30 minutes and 60 minutes of real time. "Remediation
    // work: 24/7 until resolved" is said where the seed puts it, after the response time.
    assert.deepEqual(receiptParagraphs('openmethods', 'standard', 1, '2026-12-05T15:00:00Z'), [
      "What OpenMethods' support policy says about it:\n- Response time: 30 minutes\n- Remediation work: 24/7 until resolved\n- Communication cadence: status update once every 60 minutes",
      'For this case, as we count them:\n- Response time: by Sat Dec 5 2026 10:30 AM EST\n- Communication cadence: by Sat Dec 5 2026 11:00 AM EST',
    ]);
  });

  it('OpenMethods Major Impairment late on a Friday: all three SLA lines said, the response timed into Monday', () => {
    // The seed: "Response time: 2 hours / Remediation work: 6am-4pm U.S. Eastern Standard Time /
    // Communication cadence: when material updates or progress is made". Premium is "prioritized for
    // remediation work" under the same SLAs. Fri 4 Dec 2026 20:30Z is 15:30 EST: 30 minutes to
    // 16:00 Friday, the weekend closed, 1 h 30 more from Monday 06:00: Mon 7 Dec 07:30 AM EST.
    assert.deepEqual(receiptParagraphs('openmethods', 'premium', 2, '2026-12-04T20:30:00Z'), [
      "What OpenMethods' support policy says about it:\n- Response time: 2 hours\n- Remediation work: 6am-4pm U.S. Eastern Standard Time\n- Communication cadence: when material updates or progress is made",
      'For this case, as we count it:\n- Response time: counted in the hours of remediation work, 6am-4pm U.S. Eastern Standard Time: by Mon Dec 7 2026 07:30 AM EST',
    ]);
  });

  it('OpenBack: business days need no hours named; 24x7 named as the page does', () => {
    // The seed's table: "Severity 2: Major - Initial Response Time | ... | Under 1 business day | ...".
    // Pro Severity 2 from Wed 2 Dec 2026 10:00 GMT: one business day on, Thu 3 Dec 10:00 GMT.
    assert.deepEqual(receiptParagraphs('openback', 'pro', 2, '2026-12-02T10:00:00Z'), [
      "What OpenBack's support policy says about it:\n- Initial Response Time: Under 1 business day",
      'For this case, as we count it:\n- Initial Response Time: by Thu 3 Dec 2026 10:00 GMT',
    ]);
    // Enterprise Severity 3 ("6 - 12 business hours", Saturdays 9am - 4pm too) from Fri 4 Dec 2026 15:00 GMT:
    // 3 h to 18:00 Friday, 3 h more on Saturday (09:00-12:00) for the 6, 6 h more for the 12 (12:00-16:00
    // Saturday, 09:00-11:00 Monday).
    assert.deepEqual(receiptParagraphs('openback', 'enterprise', 3, '2026-12-04T15:00:00Z'), [
      "What OpenBack's support policy says about it:\n- Initial Response Time: 6 - 12 business hours",
      'For this case, as we count it:\n- Initial Response Time: aimed for Sat 5 Dec 2026 12:00 GMT, at the latest Mon 7 Dec 2026 11:00 GMT',
    ]);
    // Growth Severity 1: "6 hours, 24x7", from Wed 2 Dec 10:00 GMT.
    assert.deepEqual(receiptParagraphs('openback', 'growth', 1, '2026-12-02T10:00:00Z'), [
      "What OpenBack's support policy says about it:\n- Initial Response Time: 6 hours, 24x7",
      'For this case, as we count it:\n- Initial Response Time: by Wed 2 Dec 2026 16:00 GMT',
    ]);
  });

  it('OPS-COM after hours: the rule\'s triage and status notification, in real time', () => {
    // "Issues will be triaged within 15 minutes and a status notification will be sent to you within
    // 1 hour for Critical issues." Wed 2 Dec 2026 23:00 EST (Thu 04:00Z): 23:15 and 00:00 EST.
    assert.deepEqual(receiptParagraphs('opscom', 'premium', 1, '2026-12-03T04:00:00Z', 'email'), [
      "What OPS-COM's support policy says about it:\n- Triage: 15 minutes\n- Status notification: 1 hour",
      'For this case, as we count them:\n- Triage: by Wed Dec 2 2026 11:15 PM EST\n- Status notification: by Thu Dec 3 2026 12:00 AM EST',
    ]);
  });
});
