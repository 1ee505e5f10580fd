// The history page lists a month in the zone its times are shown in (OpenMethods: U.S. Eastern,
// "6am-4pm U.S. Eastern Standard Time"): an incident opened 1 December 2026 at 03:00 UTC is
// 30 November 22:00 EST, so it is November's, not December's; with no month asked, the page shows
// the month it is in that zone.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { activePolicy } from '../../src/policy-versions/index.ts';
import { createIncident, historyMonth, monthEntries, statusPageOf } from '../../src/status/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { testBackend } from '../support/test-db.ts';

describe(`the status history's months are the page's zone's, on ${testBackend}`, () => {
  let d: Desk;
  before(async () => {
    d = await openDesk('openmethods', '2026-12-01T03:00:00Z');
  });
  after(() => d.close());

  it('an incident at 03:00 UTC on 1 December (22:00 EST on 30 November) is listed under November', async () => {
    await createIncident({ ctx: d.ctx(d.agent), input: { name: 'Late evening outage', body: 'Investigating.' } });
    const page = statusPageOf((await activePolicy(d.t.db)).model)!;
    assert.deepEqual((await monthEntries(d.t.db, page, '2026-11')).map((e) => e.name), ['Late evening outage']);
    assert.deepEqual(await monthEntries(d.t.db, page, '2026-12'), []);
    assert.equal(historyMonth(undefined, d.clock.now(), page.zone.timeZone).toString(), '2026-11');
  });
});
