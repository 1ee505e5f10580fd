// Each word of a status notice's subject once. A maintenance's reminder and its new time are said
// so ("Reminder: Database upgrade", "Rescheduled: ..."), not under "Scheduled:" again, which read as
// the announcement a second time with "Scheduled: Reminder: ..." as its first line; and a name that
// begins with the word of the step ("Scheduled maintenance") is not given it twice. (QA, the demo
// desk: "[OpenMethods Status Page] Scheduled: Scheduled maintenance (demo)".)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rescheduleMaintenance, runStatusSweep, scheduleMaintenance } from '../../src/status/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { LINKS, notifications } from './helpers.ts';

describe("status notices' subjects say each word once (OpenMethods)", () => {
  let d: Desk;
  before(async () => {
    d = await openDesk('openmethods', '2026-12-02T15:00:00Z');
  });
  after(() => d.close());

  it('names the announcement, the new time and the reminder of a maintenance each once', async () => {
    const m = await scheduleMaintenance({
      ctx: d.ctx(d.agent),
      input: { name: 'Scheduled maintenance', body: 'Chats pause.', scheduledFor: '2026-12-05T04:00:00Z', scheduledUntil: '2026-12-05T06:00:00Z', components: ['chat-routing'], reminderMinutes: 60 },
    });
    d.clock.advance({ minutes: 10 });
    // Moved by an hour: Saturday 5 December 05:00-07:00 UTC, 12:00 to 02:00 AM EST.
    await rescheduleMaintenance({ ctx: d.ctx(d.agent), input: { incidentId: m.id, scheduledFor: '2026-12-05T05:00:00Z', scheduledUntil: '2026-12-05T07:00:00Z' } });
    d.clock.set('2026-12-05T04:00:00Z');
    await runStatusSweep(d.system, LINKS);
    d.clock.set('2026-12-05T05:00:00Z');
    await runStatusSweep(d.system, LINKS);
    const sent = await notifications(d.t.db);
    assert.deepEqual(sent.map((n) => n.subject), [
      '[OpenMethods Status Page] Scheduled maintenance',
      '[OpenMethods Status Page] Rescheduled: Scheduled maintenance',
      '[OpenMethods Status Page] Reminder: Scheduled maintenance',
      '[OpenMethods Status Page] In progress: Scheduled maintenance',
    ]);
    assert.deepEqual(sent.map((n) => n.body.split('\n')[1]), [
      'Scheduled: Chats pause.',
      'Rescheduled: Sat Dec 5 2026, 12:00 AM to 02:00 AM EST.',
      'Reminder: this maintenance starts at Sat Dec 5 2026 12:00 AM EST.',
      'In progress: Scheduled maintenance is in progress.',
    ]);
  });
});
