// OfficeSpace: "Scheduled Outages: are usually scheduled during weekends" (status_page.maintenance
// usual_days [sat, sun], days of the page's GMT-6). "usually" is a hedge: the API takes an outage on
// any day, and its answer says when the window falls outside the weekend, as the status console does
// beside the outage, so that whoever schedules it through the API does so knowingly.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicketApp, type TicketApp } from '../http/ticket-app.ts';

describe('scheduling an outage through the API says when it falls outside the usual window (OfficeSpace)', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('officespace', 'standard');
  });
  after(() => h.close());

  const schedule = (scheduledFor: string, scheduledUntil: string) => h.as(h.agent.token, {
    method: 'POST', url: '/api/v1/status/maintenances',
    payload: { name: 'Database upgrade', body: 'The service will be down for an upgrade.', scheduled_for: scheduledFor, scheduled_until: scheduledUntil },
  });

  it('takes an outage on a Monday and says it falls outside the weekends, on which day, in GMT-6', async () => {
    // 14:00-16:00 UTC on Monday 14 December 2026 is 08:00-10:00 at GMT-6: a Monday there too.
    const res = await schedule('2026-12-14T14:00:00Z', '2026-12-14T16:00:00Z');
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json().outside_usual_window, {
      usual_window: 'weekends', days: ['Mon 14 Dec 2026'], time_zone: 'GMT-6',
      message: 'Outside the usual window: the support policy says scheduled outages are usually scheduled during weekends; this one falls on Mon 14 Dec 2026 (GMT-6).',
    });
  });

  it('says nothing of a Saturday outage', async () => {
    // 14:00-16:00 UTC on Saturday 12 December 2026 is 08:00-10:00 at GMT-6.
    const res = await schedule('2026-12-12T14:00:00Z', '2026-12-12T16:00:00Z');
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().outside_usual_window, null);
  });

  it("reads the days in the page's zone: a Saturday morning in UTC is still Friday night at GMT-6", async () => {
    // 03:00-05:00 UTC on Saturday 12 December is 21:00-23:00 on Friday 11 December at GMT-6.
    const res = await schedule('2026-12-12T03:00:00Z', '2026-12-12T05:00:00Z');
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json().outside_usual_window.days, ['Fri 11 Dec 2026']);
  });

  it('names only the weekday of a weekend outage that runs on into Monday', async () => {
    // Saturday 12 December 22:00 GMT-6 (04:00 UTC on the 13th) to Monday 14 December 02:00 GMT-6
    // (08:00 UTC): Saturday and Sunday are usual, Monday is not.
    const res = await schedule('2026-12-13T04:00:00Z', '2026-12-14T08:00:00Z');
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json().outside_usual_window.days, ['Mon 14 Dec 2026']);
  });

  it('says so of a weekend outage moved to a weekday, and not of one moved back', async () => {
    const id = (await schedule('2026-12-19T14:00:00Z', '2026-12-19T16:00:00Z')).json().id;
    const move = (scheduledFor: string, scheduledUntil: string) =>
      h.as(h.agent.token, { method: 'PATCH', url: `/api/v1/status/maintenances/${id}`, payload: { scheduled_for: scheduledFor, scheduled_until: scheduledUntil } });
    // 14:00-16:00 UTC on Tuesday 22 December 2026 is 08:00-10:00 at GMT-6.
    const weekday = await move('2026-12-22T14:00:00Z', '2026-12-22T16:00:00Z');
    assert.equal(weekday.statusCode, 200, weekday.body);
    assert.deepEqual(weekday.json().outside_usual_window.days, ['Tue 22 Dec 2026']);
    // Sunday 27 December, 08:00-10:00 at GMT-6.
    const sunday = await move('2026-12-27T14:00:00Z', '2026-12-27T16:00:00Z');
    assert.equal(sunday.statusCode, 200, sunday.body);
    assert.equal(sunday.json().outside_usual_window, null);
  });
});

describe('a policy that names no usual window (OpenMethods)', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('openmethods', 'premium');
  });
  after(() => h.close());

  it('answers outside_usual_window null on any day', async () => {
    // Monday 14 December 2026: a weekday, but OpenMethods names no usual days.
    const res = await h.as(h.agent.token, {
      method: 'POST', url: '/api/v1/status/maintenances',
      payload: { name: 'Upgrade', body: 'An upgrade.', scheduled_for: '2026-12-14T14:00:00Z', scheduled_until: '2026-12-14T16:00:00Z' },
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().outside_usual_window, null);
  });
});
