// The managers' SLA reports over the API (/api/v1/sla/attainment, /api/v1/sla/response-times),
// OpenBack Enterprise, worked out by hand. The desk's clock: Wednesday 2 December 2026, 10:00
// (GMT = UTC), inside OpenBack's hours (Monday to Friday 09:00-18:00, Saturday 09:00-16:00,
// London). Two Major tickets (first response within 12 business hours: due Thursday 13:00): one
// answered at 12:30, after 2 h 30 min of those hours (9000 s); one not answered yet, still
// running at 14:00. Both open in the week of Monday 30 November.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket, openTicketApp, type TicketApp } from './ticket-app.ts';

describe('SLA reports over the API, OpenBack', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('openback', 'enterprise');
  });
  after(() => h.close());

  const window = 'from=2026-11-30T00:00:00Z&to=2026-12-07T00:00:00Z';

  it('says what was met, breached or running, and how long meeting took, to managers and admins', async () => {
    const answered = await openTicket(h, h.contactA, { subject: 'Answered', severity: 2 });
    await openTicket(h, h.contactA, { subject: 'Waiting', severity: 2 });
    h.desk.clock.set('2026-12-02T12:30:00Z');
    assert.equal((await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${answered.id}/replies`, payload: { body: 'On it.' } })).statusCode, 201);
    h.desk.clock.set('2026-12-02T14:00:00Z');

    const attainment = await h.as(h.manager.token, { method: 'GET', url: `/api/v1/sla/attainment?${window}` });
    assert.equal(attainment.statusCode, 200);
    assert.deepEqual(attainment.json(), { items: [{ period: '2026-11-30', metric: 'first_response', plan: 'enterprise', severity: 2, met: 1, breached: 0, open: 1 }] });
    const times = await h.as(h.admin.token, { method: 'GET', url: `/api/v1/sla/response-times?${window}` });
    assert.equal(times.statusCode, 200);
    assert.deepEqual(times.json(), { items: [{ metric: 'first_response', plan: 'enterprise', met: 1, half_within_seconds: 9000, nine_in_ten_within_seconds: 9000 }] });
    // By the day: the Wednesday.
    assert.equal((await h.as(h.manager.token, { method: 'GET', url: `/api/v1/sla/attainment?${window}&period=day` })).json().items[0].period, '2026-12-02');
  });

  it('refuses a window the wrong way round or not an instant, naming the field, and people who are not managers', async () => {
    const backwards = await h.as(h.manager.token, { method: 'GET', url: '/api/v1/sla/attainment?from=2026-12-07T00:00:00Z&to=2026-11-30T00:00:00Z' });
    assert.equal(backwards.statusCode, 400);
    assert.equal(backwards.json().details[0].path, 'to');
    const notInstant = await h.as(h.manager.token, { method: 'GET', url: '/api/v1/sla/response-times?from=last%20week&to=2026-12-07T00:00:00Z' });
    assert.equal(notInstant.statusCode, 400);
    assert.match(JSON.stringify(notInstant.json().details), /from/);
    assert.equal((await h.as(h.manager.token, { method: 'GET', url: '/api/v1/sla/attainment?from=2026-11-30T00:00:00Z' })).statusCode, 400);
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: `/api/v1/sla/attainment?${window}` })).statusCode, 403);
    assert.equal((await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/sla/response-times?${window}` })).statusCode, 403);
  });
});
