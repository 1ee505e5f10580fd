// The receipt's target lines as each vendor words its times (audit, 2026-12-06): a time given
// "approximately" is around a time, a "Response Goal" is aimed for, not due by; and where a time
// counts only in some hours, the line names them, so a due time days on is seen to be right.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applicableTargets, projectClocks } from '../../src/sla/index.ts';
import { targetLines } from '../../src/tickets/receipt-targets.ts';
import type { TicketRow } from '../../src/tickets/store.ts';
import { examplePolicy } from '../helpers/policies.ts';

const instant = (ms: number | null) => (ms === null ? null : Temporal.Instant.fromEpochMilliseconds(ms));

/** The receipt's lines for a new ticket, its clocks projected as createTicket projects them. */
function receiptLines(name: string, plan: string, severity: number, opened: string, channel = 'web'): string[] {
  const policy = examplePolicy(name);
  const openedAt = Temporal.Instant.from(opened).epochMilliseconds;
  const rows = projectClocks(policy, { plan, severity, channel, openedAt, events: [] }).map((c) => ({
    metric: c.metric, state: c.state, goal_at: instant(c.goalAt), due_at: instant(c.dueAt),
  }));
  // targetLines reads only the ticket's plan (its time zone and its hours).
  return targetLines(policy, { plan_id: plan } as TicketRow, rows, applicableTargets(policy, { plan, severity, openedAt, channel }));
}

describe("the receipt's target lines", () => {
  it('OpenKey Tier 2: the vendor\'s sentence, then around a time, not by it', () => {
    // Wed 2 Dec 2026 16:00Z is 10:00 CST, in business hours: 30 minutes on, 10:30 AM CST.
    assert.deepEqual(receiptLines('openkey', 'standard', 2, '2026-12-02T16:00:00Z'), [
      '- Response time (Tier 2 Support issues will have a response time of approximately 30 minutes during our regular business hours.): around Wed Dec 2 2026 10:30 AM CST',
    ]);
  });

  it('OfficeSpace Critical: a Response Goal aimed for, counted in its support hours', () => {
    // Wed 2 Dec 2026 16:00Z is 10:00 GMT-6: 2 support hours on, 12:00 GMT-6.
    assert.deepEqual(receiptLines('officespace', 'standard', 1, '2026-12-02T16:00:00Z'), [
      '- Response Goal (2 hours, counted in Monday through Friday, from 5:00 AM to 10:00 PM Central Standard Time (GMT-6)): aimed for Wed 2 Dec 2026 12:00 GMT-6',
    ]);
  });

  it('OfficeSpace Basic Product Support late on a Thursday: 24 support hours, aimed for Monday, the hours named', () => {
    // Fri 4 Dec 2026 03:00Z is Thu 3 Dec 21:00 GMT-6: 1 h to 22:00 Thursday, 17 h on Friday (18 h),
    // the weekend closed, 6 h more from Monday 05:00: Mon 7 Dec 11:00 GMT-6.
    assert.deepEqual(receiptLines('officespace', 'standard', 3, '2026-12-04T03:00:00Z'), [
      '- Response Goal (24 hours, counted in Monday through Friday, from 5:00 AM to 10:00 PM Central Standard Time (GMT-6)): aimed for Mon 7 Dec 2026 11:00 GMT-6',
    ]);
  });

  it('OpenMethods Severity 4: 24 hours counted in its remediation hours, by their name', () => {
    // Wed 2 Dec 2026 15:00Z is 10:00 EST: 6 h Wednesday, 10 h Thursday, 8 h Friday: Fri 4 Dec 02:00 PM EST.
    // The communication cadence ("when material updates or progress is made") has no time to give.
    assert.deepEqual(receiptLines('openmethods', 'standard', 4, '2026-12-02T15:00:00Z'), [
      '- Response time (24 hours, counted in 6am-4pm U.S. Eastern Standard Time): by Fri Dec 4 2026 02:00 PM EST',
    ]);
  });

  it('OpenMethods System Outage: real time, no hours named', () => {
    // Sat 5 Dec 2026 15:00Z is 10:00 EST: 30 minutes and 60 minutes of real time.
    assert.deepEqual(receiptLines('openmethods', 'standard', 1, '2026-12-05T15:00:00Z'), [
      '- Response time (30 minutes): by Sat Dec 5 2026 10:30 AM EST',
      '- Communication cadence (status update once every 60 minutes): by Sat Dec 5 2026 11:00 AM EST',
    ]);
  });

  it('OpenBack: business days need no hours named; 24x7 named as the page does', () => {
    // Pro Severity 2 from Wed 2 Dec 2026 10:00 GMT: one business day on, Thu 3 Dec 10:00 GMT.
    assert.deepEqual(receiptLines('openback', 'pro', 2, '2026-12-02T10:00:00Z'), ['- First response (Under 1 business day): by Thu 3 Dec 2026 10:00 GMT']);
    // Enterprise Severity 3 ("6 - 12 business hours", Saturdays 9am - 4pm too) from Fri 4 Dec 2026 15:00 GMT:
    // 3 h to 18:00 Friday, 3 h more on Saturday (09:00-12:00) for the 6, 6 h more for the 12 (12:00-16:00
    // Saturday, 09:00-11:00 Monday).
    assert.deepEqual(receiptLines('openback', 'enterprise', 3, '2026-12-04T15:00:00Z'), [
      '- First response (6 - 12 business hours): aimed for Sat 5 Dec 2026 12:00 GMT, at the latest Mon 7 Dec 2026 11:00 GMT',
    ]);
    // Growth Severity 1: 6 hours, 24x7, from Wed 2 Dec 10:00 GMT.
    assert.deepEqual(receiptLines('openback', 'growth', 1, '2026-12-02T10:00:00Z'), ['- First response (6 hours, 24x7): by Wed 2 Dec 2026 16:00 GMT']);
  });
});
