// The status page's pure rules, with expected values worked out by hand.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canMove, foldLine, groupStatus, maintenanceOnlyStatus, overallStatus, uptimeDays } from '../../src/status/index.ts';

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
    });
    assert.equal(r.days[0].worst, 'major_outage');
    assert.equal(r.days[0].uptime, 0.875); // 180 of 1440 minutes down
    assert.equal(r.days[1].uptime, 1);
    // 180 down over 1440 + 720 elapsed minutes: 1 - 180/2160 = 0.91666... -> 0.9167
    assert.equal(r.uptime, 0.9167);
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
