// "Why this deadline" through the API as a contact reads it: the policy's side only. The desk's
// reminder of an update it owes (and when it fires) is how the team keeps its time, not what the
// policy promises: a contact's token never gets it; an agent's does. The UTC instants stay in the
// API's text (a program reads it, and due/goal are UTC too); only the portal drops them for a person.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket, openTicketApp, type TicketApp } from './ticket-app.ts';

describe('clock explanations by who reads them, OpenMethods Premium (a status update once every 60 minutes)', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('openmethods', 'premium');
  });
  after(() => h.close());

  it('a contact reads when the update falls due, not when the team is reminded; an agent reads both', async () => {
    // Opened Wed 2 Dec 2026 10:00 UTC (05:00 AM EST in New York, UTC-5): the update is due 60 minutes
    // on, 11:00 UTC = 06:00 AM EST; the team is reminded 15 minutes before, 10:45 UTC = 05:45 AM EST.
    const t = await openTicket(h, h.contactA, { severity: 1 });
    const due = 'Due Wed Dec 2 2026 06:00 AM EST = 2026-12-02T11:00:00Z; breached after that.';
    const reminded = 'The support team is reminded Wed Dec 2 2026 05:45 AM EST = 2026-12-02T10:45:00Z, before the update falls due.';

    const theirs = (await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/tickets/${t.id}` })).json();
    const forThem = theirs.clocks.find((c: any) => c.metric === 'update');
    assert.deepEqual(forThem.explain, ['Communication cadence: 60 minutes of real time, nights and weekends included.', due]);
    assert.equal(forThem.remind_at, null);
    assert.equal(forThem.due, '2026-12-02T11:00:00Z');
    // The ticket as created, returned to the contact who opened it, says the same.
    assert.ok(!t.clocks.find((c: any) => c.metric === 'update').explain.includes(reminded));
    assert.equal(t.clocks.find((c: any) => c.metric === 'update').remind_at, null);

    const desk = (await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${t.id}` })).json();
    const forDesk = desk.clocks.find((c: any) => c.metric === 'update');
    assert.deepEqual(forDesk.explain.slice(-2), [due, reminded]);
    assert.equal(forDesk.remind_at, '2026-12-02T10:45:00Z');
  });
});
