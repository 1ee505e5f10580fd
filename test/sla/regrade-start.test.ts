// Regrades before a ticket's first response (OpenMethods: "OpenMethods upgrades and downgrades the
// severity level of incidents if a change in the disposition of the incident warrants an upgrade
// or downgrade"): an upgrade owes the graver severity's time from the regrade, never later than the
// time already owed; a downgrade ("severity 1 tickets may be reevaluated and potentially regraded
// to a severity 2 ticket") is measured from the opening.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { projectClocks, type TicketHistoryEvent } from '../../src/sla/index.ts';
import { examplePolicy } from '../helpers/policies.ts';

const at = (iso: string) => Temporal.Instant.from(iso).epochMilliseconds;
const iso = (ms: number | null) => (ms === null ? null : Temporal.Instant.fromEpochMilliseconds(ms).toString());
const om = examplePolicy('openmethods');

/** The first response clock of an OpenMethods Premium ticket opened at `opened` as `from`, regraded as `events` say, now `now`. */
function response(opened: string, from: number, now: number, events: TicketHistoryEvent[]) {
  const c = projectClocks(om, { plan: 'premium', severity: now, openedSeverity: from, channel: 'support', openedAt: at(opened), events }, { explain: true })
    .find((x) => x.metric === 'first_response')!;
  return { state: c.state, started: iso(c.startedAt), due: iso(c.dueAt), explain: c.explain };
}

describe('a regrade before the first response (OpenMethods)', () => {
  // Wednesday 2 December 2026, 14:00Z = 09:00 EST, inside the remediation hours 6am-4pm.
  const opened = '2026-12-02T14:00:00Z';

  it('an upgrade to a System Outage an hour after the opening owes the 30 minutes from the regrade, not from the opening', () => {
    // Severity 2 at 09:00 EST: 2 hours of remediation hours, due 11:00 EST = 16:00Z.
    // Regraded to 1 at 10:00 EST (15:00Z): 30 minutes round the clock, due 10:30 EST = 15:30Z,
    // sooner than 16:00Z. From the opening it would have been 09:30 EST, breached before anyone knew.
    const c = response(opened, 2, 1, [{ type: 'regraded', at: at('2026-12-02T15:00:00Z'), to: 1 }]);
    assert.deepEqual([c.state, c.started, c.due], ['running', '2026-12-02T15:00:00Z', '2026-12-02T15:30:00Z']);
    assert.match(c.explain[0], /^Regraded to severity 1 \(System Outage\) Wed Dec 2 2026 10:00 AM EST = 2026-12-02T15:00:00Z: the severity changed then, so its time counts from the regrade, not from the opening\.$/);
  });

  it('an upgrade late in the 2 hours keeps the 2 hours already owed when they end sooner', () => {
    // Regraded to 1 at 10:50 EST (15:50Z): 30 minutes from then is 11:20 EST (16:20Z), later than the
    // 11:00 EST (16:00Z) Severity 2 already owed, which stands.
    const c = response(opened, 2, 1, [{ type: 'regraded', at: at('2026-12-02T15:50:00Z'), to: 1 }]);
    assert.deepEqual([c.started, c.due], ['2026-12-02T14:00:00Z', '2026-12-02T16:00:00Z']);
    assert.match(c.explain[0], /^Regraded to severity 1 \(System Outage\) Wed Dec 2 2026 10:50 AM EST = 2026-12-02T15:50:00Z: the time already owed under severity 2 \(Major Impairment\), due Wed Dec 2 2026 11:00 AM EST = 2026-12-02T16:00:00Z, ends sooner than the time of severity 1 \(System Outage\) counted from the regrade, and stands\.$/);
  });

  it('a downgrade to a Major Impairment is measured from the opening: 2 hours of remediation hours from 09:00 EST', () => {
    // Severity 1 at 09:00 EST, regraded to 2 at 09:10 EST (14:10Z): 11:00 EST = 16:00Z, no note.
    const c = response(opened, 1, 2, [{ type: 'regraded', at: at('2026-12-02T14:10:00Z'), to: 2 }]);
    assert.deepEqual([c.started, c.due], ['2026-12-02T14:00:00Z', '2026-12-02T16:00:00Z']);
    assert.doesNotMatch(c.explain.join(' '), /Regraded/);
  });

  it('a response given before the upgrade stays met: the regrade changes nothing of it', () => {
    // Answered at 09:20 EST (14:20Z), regraded to 1 at 10:00 EST: met, against Severity 2's time from the opening.
    const c = response(opened, 2, 1, [
      { type: 'public_reply', at: at('2026-12-02T14:20:00Z'), byAgent: true, hasEta: false },
      { type: 'regraded', at: at('2026-12-02T15:00:00Z'), to: 1 },
    ]);
    assert.deepEqual([c.state, c.started], ['met', '2026-12-02T14:00:00Z']);
  });

  it('up, then down again: back to the opening, Severity 2\'s time', () => {
    // 2 -> 1 at 09:30 EST (14:30Z), then 1 -> 2 at 09:45 EST (14:45Z): 2 hours from 09:00 EST, 16:00Z.
    const c = response(opened, 2, 2, [
      { type: 'regraded', at: at('2026-12-02T14:30:00Z'), to: 1 },
      { type: 'regraded', at: at('2026-12-02T14:45:00Z'), to: 2 },
    ]);
    assert.deepEqual([c.started, c.due], ['2026-12-02T14:00:00Z', '2026-12-02T16:00:00Z']);
  });
});
