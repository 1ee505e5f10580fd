// A maintenance's window said once, as its notices say it (notify.ts scheduledLine): the default
// text of a new time, the status page's HTML (server-rendered, before its script rewrites the
// <time> elements), and a reader in their own zone. OpenMethods' page is in America/New_York
// ("U.S. Eastern Standard Time"), so its windows cross midnight and the changes of EDT and EST.
// Every expected string is worked by hand from UTC (EST = UTC-5, EDT = UTC-4, CET = UTC+1).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fanOutPending, rescheduleMaintenance, runStatusSweep, scheduleMaintenance } from '../../src/status/index.ts';
import { openTicketApp, type TicketApp } from '../http/ticket-app.ts';
import { LINKS, outbox, subscribeConfirmed } from './helpers.ts';

describe('a maintenance window said once (OpenMethods, America/New_York)', () => {
  let h: TicketApp;
  let BERLIN = '';
  const schedule = (name: string, from: string, until: string, reminderMinutes?: number) => scheduleMaintenance({
    ctx: h.desk.ctx(h.desk.agent),
    input: { name, body: 'Email routing pauses.', scheduledFor: from, scheduledUntil: until, components: ['email-routing'], reminderMinutes },
  });
  // A minute later than its scheduling, so that the new time's update and notice come after it.
  const reschedule = (incidentId: string, from: string, until: string, body?: string) => {
    h.desk.clock.advance({ minutes: 1 });
    return rescheduleMaintenance({ ctx: h.desk.ctx(h.desk.agent), input: { incidentId, scheduledFor: from, scheduledUntil: until, body } });
  };
  const updateBodies = async (id: string) => (await h.desk.t.db.query<{ body: string }>(
    'SELECT body FROM status_incident_updates WHERE incident_id = $1 ORDER BY created_at, id', [id],
  )).rows.map((r) => r.body);
  before(async () => {
    h = await openTicketApp('openmethods', 'premium');
    // Late October 2026, so that windows on 1 November (EDT ends) are still to come.
    h.desk.clock.set('2026-10-20T12:00:00Z');
    const org = await h.desk.addOrganization('premium');
    BERLIN = (await h.desk.t.db.query<{ email: string }>("UPDATE contacts SET time_zone = 'Europe/Berlin' WHERE id = $1 RETURNING email", [org.contactId])).rows[0].email;
    await subscribeConfirmed(h.desk, BERLIN);
  });
  after(() => h.close());

  it('a new time crossing midnight: both dates, the zone once', async () => {
    const m = await schedule('Midnight upgrade', '2026-12-05T04:00:00Z', '2026-12-05T06:00:00Z');
    // 04:00-06:00 UTC on Saturday 12 December is Friday 11 December 11 PM to Saturday 1 AM EST.
    await reschedule(m.id, '2026-12-12T04:00:00Z', '2026-12-12T06:00:00Z');
    assert.equal((await updateBodies(m.id)).at(-1), 'Rescheduled: Fri Dec 11 2026, 11:00 PM to Sat Dec 12 2026, 01:00 AM EST.');
  });

  it('a new time on one day: the date and the zone once', async () => {
    const m = await schedule('Morning upgrade', '2026-12-05T04:00:00Z', '2026-12-05T06:00:00Z');
    // 14:00-16:00 UTC on Saturday 19 December is 09:00 to 11:00 AM EST.
    await reschedule(m.id, '2026-12-19T14:00:00Z', '2026-12-19T16:00:00Z');
    assert.equal((await updateBodies(m.id)).at(-1), 'Rescheduled: Sat Dec 19 2026, 09:00 AM to 11:00 AM EST.');
  });

  it('a new time across the end of summer time: each end with its own zone, the date once', async () => {
    const m = await schedule('Fall-back upgrade', '2026-10-31T05:00:00Z', '2026-10-31T08:00:00Z', 60);
    // Sunday 1 November 2026, 2:00 AM EDT (06:00 UTC) the clocks go back to 1:00 AM EST:
    // 05:00 UTC is 01:00 AM EDT (UTC-4), 08:00 UTC is 03:00 AM EST (UTC-5), three hours later.
    await reschedule(m.id, '2026-11-01T05:00:00Z', '2026-11-01T08:00:00Z');
    assert.equal((await updateBodies(m.id)).at(-1), 'Rescheduled: Sun Nov 1 2026, 01:00 AM EDT to 03:00 AM EST.');
  });

  it('a text given with the new time is kept as written', async () => {
    const m = await schedule('Worded upgrade', '2026-12-05T04:00:00Z', '2026-12-05T06:00:00Z');
    await reschedule(m.id, '2026-12-26T14:00:00Z', '2026-12-26T16:00:00Z', 'Moved to the 26th.');
    assert.equal((await updateBodies(m.id)).at(-1), 'Moved to the 26th.');
  });

  it('a subscriber in Berlin reads the new time with theirs beside it, once in the text and once in the window line', async () => {
    await fanOutPending(h.desk.system, LINKS);
    const mail = (await outbox(h.desk.t.db, 'status_notice'))
      .filter((m) => m.recipient === BERLIN && m.subject === '[OpenMethods Status Page] Rescheduled: Midnight upgrade').at(-1)!;
    // 04:00-06:00 UTC on 12 December is 05:00 to 07:00 CET on Saturday 12 December.
    const theirs = ' (Sat 12 Dec 2026, 05:00 to 07:00 CET your time)';
    assert.match(mail.body, new RegExp(`^Rescheduled: Fri Dec 11 2026, 11:00 PM to Sat Dec 12 2026, 01:00 AM EST${esc(theirs)}\\.$`, 'm'));
    assert.match(mail.body, new RegExp(`^Scheduled for Fri Dec 11 2026, 11:00 PM to Sat Dec 12 2026, 01:00 AM EST${esc(theirs)}$`, 'm'));
    assert.equal(mail.body.split('your time').length - 1, 2, 'each mention once, none doubled');
  });

  it('a notice written before, with both times in full, still gives the Berlin reader each time in theirs', async () => {
    const m = await schedule('Older notice', '2026-12-05T04:00:00Z', '2026-12-05T06:00:00Z');
    // Saturday 9 January 2027, 14:00-16:00 UTC: 09:00 to 11:00 AM EST, 15:00 to 17:00 CET.
    await reschedule(m.id, '2027-01-09T14:00:00Z', '2027-01-09T16:00:00Z');
    const [now, before] = ['Rescheduled: Sat Jan 9 2027, 09:00 AM to 11:00 AM EST.', 'Rescheduled: Sat Jan 9 2027 09:00 AM EST to Sat Jan 9 2027 11:00 AM EST.'];
    const { rows } = await h.desk.t.db.query(
      "UPDATE status_notifications SET body = replace(body, $1, $2) WHERE event = 'maintenance_rescheduled' AND incident_id = $3 AND body LIKE '%' || $1 || '%' RETURNING id", [now, before, m.id],
    );
    assert.equal(rows.length, 1);
    await fanOutPending(h.desk.system, LINKS);
    const mail = (await outbox(h.desk.t.db, 'status_notice')).filter((x) => x.recipient === BERLIN && x.subject === '[OpenMethods Status Page] Rescheduled: Older notice').at(-1)!;
    assert.match(mail.body, /^Rescheduled: Sat Jan 9 2027 09:00 AM EST \(Sat 9 Jan 2027 15:00 CET your time\) to Sat Jan 9 2027 11:00 AM EST \(Sat 9 Jan 2027 17:00 CET your time\)\.$/m);
    assert.match(mail.body, /^Scheduled for Sat Jan 9 2027, 09:00 AM to 11:00 AM EST \(Sat 9 Jan 2027, 15:00 to 17:00 CET your time\)$/m);
  });

  it('the reminder names the start; the end is in the window line below it, said once, with no hedge the vendor did not write', async () => {
    // The fall-back window's reminder, 60 minutes before 05:00 UTC.
    h.desk.clock.set('2026-11-01T04:00:00Z');
    assert.equal((await runStatusSweep(h.desk.system, LINKS)).reminded, 1);
    const { rows: [n] } = await h.desk.t.db.query<{ body: string }>("SELECT body FROM status_notifications WHERE event = 'maintenance_reminder'");
    assert.match(n.body, /^Reminder: this maintenance starts at Sun Nov 1 2026 01:00 AM EDT\.$/m);
    assert.match(n.body, /^Scheduled for Sun Nov 1 2026, 01:00 AM EDT to 03:00 AM EST$/m);
    assert.equal(n.body.split('03:00 AM EST').length - 1, 1);
    assert.doesNotMatch(n.body, /expected|until|approximately/i);
  });

  it('the status page writes each window compactly in <time> elements, the date and zone once where they can be', async () => {
    h.desk.clock.set('2026-11-20T12:00:00Z');
    const html = (await h.app.inject({ method: 'GET', url: '/status' })).body;
    // Crossing midnight (both dates, the zone once) and on one day (the date and the zone once).
    assert.match(html, /Scheduled for <span class="window"><time datetime="2026-12-12T04:00:00Z">Fri Dec 11 2026, 11:00 PM<\/time> to <time datetime="2026-12-12T06:00:00Z">Sat Dec 12 2026, 01:00 AM EST<\/time><\/span>/);
    assert.match(html, /Scheduled for <span class="window"><time datetime="2026-12-19T14:00:00Z">Sat Dec 19 2026, 09:00 AM<\/time> to <time datetime="2026-12-19T16:00:00Z">11:00 AM EST<\/time><\/span>/);
    assert.doesNotMatch(html, /Scheduled for <time/);
  });

  it('the entry page of a window across the start of summer time names each end\'s zone', async () => {
    // Sunday 14 March 2027, 2:00 AM EST (07:00 UTC) the clocks go forward to 3:00 AM EDT:
    // 06:30 UTC is 01:30 AM EST (UTC-5), 08:30 UTC is 04:30 AM EDT (UTC-4).
    const m = await schedule('Spring upgrade', '2027-03-14T06:30:00Z', '2027-03-14T08:30:00Z');
    const html = (await h.app.inject({ method: 'GET', url: `/status/incidents/${m.id}` })).body;
    assert.match(html, /Scheduled for <span class="window"><time datetime="2027-03-14T06:30:00Z">Sun Mar 14 2027, 01:30 AM EST<\/time> to <time datetime="2027-03-14T08:30:00Z">04:30 AM EDT<\/time><\/span>\./);
  });
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
