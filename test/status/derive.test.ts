// The status page's pure rules, with expected values worked out by hand.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canMove, foldLine, groupStatus, maintenanceOnlyStatus, overallStatus, uptimeDays, uptimeWindowStart } from '../../src/status/index.ts';

const at = (s: string) => Temporal.Instant.from(s);

describe('overallStatus', () => {
  it('is all operational with nothing wrong', () => {
    assert.deepEqual(overallStatus(['operational', 'operational'], []), { indicator: 'none', description: 'All Systems Operational' });
  });
  it('takes the worst component: degraded -> minor, partial -> major, major outage -> critical', () => {
    assert.deepEqual(overallStatus(['operational', 'degraded_performance'], []), { indicator: 'minor', description: 'Partially Degraded Service' });
    assert.deepEqual(overallStatus(['degraded_performance', 'partial_outage'], []), { indicator: 'major', description: 'Partial System Outage' });
    assert.deepEqual(overallStatus(['partial_outage', 'major_outage', 'under_maintenance'], []), { indicator: 'critical', description: 'Major System Outage' });
  });
  it('shows maintenance only when nothing is worse', () => {
    assert.equal(overallStatus(['under_maintenance', 'operational'], []).indicator, 'maintenance');
    assert.equal(overallStatus(['under_maintenance', 'degraded_performance'], []).indicator, 'minor');
  });
  it('an unresolved incident raises the indicator even with every component operational', () => {
    assert.equal(overallStatus(['operational'], ['major']).indicator, 'major');
    assert.equal(overallStatus(['partial_outage'], ['minor']).indicator, 'major');
    assert.equal(overallStatus([], ['none']).indicator, 'none');
  });
  it('a maintenance-only page never says "All Systems Operational": it says no maintenance is in progress, or that one is', () => {
    assert.deepEqual(maintenanceOnlyStatus([], false), { indicator: 'none', description: 'No maintenance in progress' });
    assert.deepEqual(maintenanceOnlyStatus(['operational', 'operational'], false), { indicator: 'none', description: 'No maintenance in progress' });
    assert.deepEqual(maintenanceOnlyStatus([], true), { indicator: 'maintenance', description: 'Service Under Maintenance' });
    assert.deepEqual(maintenanceOnlyStatus(['under_maintenance'], false), { indicator: 'maintenance', description: 'Service Under Maintenance' });
    // A status the team set on a component is their claim, shown as on any page.
    assert.deepEqual(maintenanceOnlyStatus(['partial_outage'], true), { indicator: 'major', description: 'Partial System Outage' });
  });
  it("a group's status is its worst member's", () => {
    assert.equal(groupStatus(['operational', 'under_maintenance', 'degraded_performance']), 'degraded_performance');
    assert.equal(groupStatus([]), 'operational');
  });
});

describe('uptimeDays', () => {
  it('a 6-hour major outage on a full day is 75 % that day; a 3-day window averages it', () => {
    // Window: 2026-12-01, 02, 03 (today, ending at 24:00 exactly: now is 12-04 00:00 minus nothing).
    const r = uptimeDays({
      initial: 'operational',
      changes: [{ at: at('2026-12-02T06:00:00Z'), status: 'major_outage' }, { at: at('2026-12-02T12:00:00Z'), status: 'operational' }],
      now: at('2026-12-03T23:59:59.999Z'),
      days: 3,
      timeZone: 'UTC',
    });
    assert.deepEqual(r.days.map((d) => d.date), ['2026-12-01', '2026-12-02', '2026-12-03']);
    assert.deepEqual(r.days.map((d) => d.worst), ['operational', 'major_outage', 'operational']);
    assert.equal(r.days[1].uptime, 0.75);
    assert.deepEqual(r.days[1].minutes, { major_outage: 360 });
    // 360 down minutes over (3 days - 1 ms) of minutes: 1 - 360/4320 = 0.916666... -> 0.9167
    assert.equal(r.uptime, 0.9167);
  });

  it('a partial outage counts 30 %, degraded performance and maintenance count as up', () => {
    // 10 hours partial (counts 3 hours) on a full day: 1 - 180/1440 = 0.875.
    const r = uptimeDays({
      initial: 'operational',
      changes: [
        { at: at('2026-12-01T00:00:00Z'), status: 'partial_outage' },
        { at: at('2026-12-01T10:00:00Z'), status: 'degraded_performance' },
        { at: at('2026-12-01T14:00:00Z'), status: 'under_maintenance' },
        { at: at('2026-12-01T16:00:00Z'), status: 'operational' },
      ],
      now: at('2026-12-02T00:00:00Z'),
      days: 2,
      timeZone: 'UTC',
    });
    assert.equal(r.days[0].uptime, 0.875);
    assert.equal(r.days[0].worst, 'partial_outage');
    assert.deepEqual(r.days[0].minutes, { partial_outage: 600, degraded_performance: 240, under_maintenance: 120 });
    // Today (12-02) has not started: no elapsed time, counted as up, and adds nothing to the total.
    assert.equal(r.days[1].uptime, 1);
    assert.equal(r.uptime, 0.875);
  });

  it('an outage open across midnight and before the window counts from the window start, today only as far as now', () => {
    // Major outage since 11-20 (before the 2-day window 12-01..12-02), fixed 12-01 03:00; now 12-02 12:00.
    const r = uptimeDays({
      initial: 'operational',
      changes: [{ at: at('2026-11-20T00:00:00Z'), status: 'major_outage' }, { at: at('2026-12-01T03:00:00Z'), status: 'operational' }],
      now: at('2026-12-02T12:00:00Z'),
      days: 2,
      timeZone: 'UTC',
    });
    assert.equal(r.days[0].worst, 'major_outage');
    assert.equal(r.days[0].uptime, 0.875); // 180 of 1440 minutes down
    assert.equal(r.days[1].uptime, 1);
    // 180 down over 1440 + 720 elapsed minutes: 1 - 180/2160 = 0.91666... -> 0.9167
    assert.equal(r.uptime, 0.9167);
  });
  it("the days are the page zone's: an outage from 23:00 EST on 30 November to 01:00 on 1 December marks both days' bars", () => {
    // 2026-11-30T23:00-05:00 is 2026-12-01T04:00Z; 2026-12-01T01:00-05:00 is 06:00Z. In UTC days
    // both would fall on 1 December; in New York's, an hour on each. Now: 2 December 00:00 EST.
    const r = uptimeDays({
      initial: 'operational',
      changes: [{ at: at('2026-12-01T04:00:00Z'), status: 'major_outage' }, { at: at('2026-12-01T06:00:00Z'), status: 'operational' }],
      now: at('2026-12-02T05:00:00Z'),
      days: 3,
      timeZone: 'America/New_York',
    });
    assert.deepEqual(r.days.map((d) => d.date), ['2026-11-30', '2026-12-01', '2026-12-02']);
    assert.deepEqual(r.days.map((d) => d.worst), ['major_outage', 'major_outage', 'operational']);
    assert.deepEqual(r.days.map((d) => d.minutes), [{ major_outage: 60 }, { major_outage: 60 }, {}]);
    // 60 of 1440 minutes down each day: 1 - 60/1440 = 0.958333... -> 0.9583; 2 December has not begun.
    assert.deepEqual(r.days.map((d) => d.uptime), [0.9583, 0.9583, 1]);
    assert.equal(r.uptime, 0.9583); // 120 of 2880 minutes
  });

  it('a day of a clock change is one bar from midnight to midnight: 25 hours on 1 November, 23 on 8 March (New York)', () => {
    // 1 November 2026 runs from 00:00 EDT (04:00Z) to 2 November 00:00 EST (05:00Z): 1500 minutes.
    // Major outage 05:00Z-07:30Z (01:00 EDT to 02:30 EST, the repeated hour inside it): 150 minutes;
    // partial outage 2 November 04:30Z-05:30Z: 30 minutes before midnight EST, 30 after.
    const r = uptimeDays({
      initial: 'operational',
      changes: [
        { at: at('2026-11-01T05:00:00Z'), status: 'major_outage' },
        { at: at('2026-11-01T07:30:00Z'), status: 'operational' },
        { at: at('2026-11-02T04:30:00Z'), status: 'partial_outage' },
        { at: at('2026-11-02T05:30:00Z'), status: 'operational' },
      ],
      now: at('2026-11-02T17:00:00Z'), // 2 November 12:00 EST
      days: 3,
      timeZone: 'America/New_York',
    });
    assert.equal(uptimeWindowStart(at('2026-11-02T17:00:00Z'), 3, 'America/New_York').toString(), '2026-10-31T04:00:00Z');
    assert.deepEqual(r.days.map((d) => d.date), ['2026-10-31', '2026-11-01', '2026-11-02']);
    assert.deepEqual(r.days.map((d) => d.worst), ['operational', 'major_outage', 'partial_outage']);
    assert.deepEqual(r.days[1].minutes, { major_outage: 150, partial_outage: 30 });
    assert.deepEqual(r.days[2].minutes, { partial_outage: 30 });
    // 1 November: 150 + 0.3 * 30 = 159 down of 1500 -> 0.894 (of 1440 it would be 0.8896).
    // 2 November: 9 down of 720 elapsed (05:00Z-17:00Z) -> 0.9875.
    assert.deepEqual(r.days.map((d) => d.uptime), [1, 0.894, 0.9875]);
    // 168 down of 1440 + 1500 + 720 = 3660 minutes: 1 - 0.0459016... -> 0.9541
    assert.equal(r.uptime, 0.9541);

    // 8 March 2026 runs from 00:00 EST (05:00Z) to 9 March 00:00 EDT (04:00Z): 1380 minutes. A
    // 69-minute major outage is 1 - 69/1380 = 0.95 of it.
    const spring = uptimeDays({
      initial: 'operational',
      changes: [{ at: at('2026-03-08T05:00:00Z'), status: 'major_outage' }, { at: at('2026-03-08T06:09:00Z'), status: 'operational' }],
      now: at('2026-03-09T04:00:00Z'),
      days: 2,
      timeZone: 'America/New_York',
    });
    assert.deepEqual(spring.days.map((d) => [d.date, d.uptime]), [['2026-03-08', 0.95], ['2026-03-09', 1]]);
    assert.equal(spring.uptime, 0.95);
  });
});

describe('status moves', () => {
  it('incidents move among open statuses and to resolved, never back from resolved', () => {
    assert.equal(canMove('incident', 'investigating', 'monitoring'), true);
    assert.equal(canMove('incident', 'monitoring', 'identified'), true);
    assert.equal(canMove('incident', 'identified', 'resolved'), true);
    assert.equal(canMove('incident', 'resolved', 'investigating'), false);
    assert.equal(canMove('incident', 'postmortem', 'resolved'), false);
    assert.equal(canMove('incident', 'investigating', 'in_progress'), false);
  });
  it('maintenance moves forward only', () => {
    assert.equal(canMove('maintenance', 'scheduled', 'in_progress'), true);
    assert.equal(canMove('maintenance', 'scheduled', 'scheduled'), true);
    assert.equal(canMove('maintenance', 'in_progress', 'verifying'), true);
    assert.equal(canMove('maintenance', 'verifying', 'completed'), true);
    assert.equal(canMove('maintenance', 'in_progress', 'scheduled'), false);
    assert.equal(canMove('maintenance', 'completed', 'completed'), false);
  });
});

describe('iCalendar line folding', () => {
  it('folds at 75 octets with CRLF and a space, never splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'a'.repeat(70)}ééé`; // 8 + 70 = 78 chars; é is 2 octets
    const folded = foldLine(line);
    const [first, second] = folded.split('\r\n ');
    // 78 ASCII octets would pass 75: the first line takes 75 octets: 8 + 67 a's.
    assert.equal(Buffer.byteLength(first), 75);
    assert.equal(second, `${'a'.repeat(3)}ééé`);
    assert.equal(foldLine('SHORT:x'), 'SHORT:x');
  });
});
