// A notice left unticked (notify: false) where the policy promises it is refused, and the refusal
// says to whom it is promised, from the policy: subscribers (status_page.notify) and/or the
// customers' contacts (status_page.maintenance.email_customers: OfficeSpace, "customers are usually
// notified via email"). It used to say "promises subscribers this notice" even of the customers' mail.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicketApp, type TicketApp } from '../http/ticket-app.ts';

const SUBSCRIBERS = "must be true: the policy's status_page.notify promises maintenance_scheduled";
const CUSTOMERS = "must be true: the policy's status_page.maintenance.email_customers mails the customers told of this outage";

describe("the refusal of a silent outage names whom it is promised to (OfficeSpace)", () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('officespace', 'standard');
  });
  after(() => h.close());

  const schedule = (notify: boolean) => h.as(h.agent.token, {
    method: 'POST', url: '/api/v1/status/maintenances',
    // Saturday 12 December 2026, 08:00-10:00 at GMT-6.
    payload: { name: 'Weekend upgrade', body: 'Down for an upgrade.', scheduled_for: '2026-12-12T14:00:00Z', scheduled_until: '2026-12-12T16:00:00Z', notify },
  });

  it("scheduling: promised to subscribers (notify: [maintenance_scheduled]) and mailed to the customers' contacts", async () => {
    const res = await schedule(false);
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().message, "The support policy promises this notice to subscribers and the customers' contacts");
    assert.deepEqual(res.json().details, [{ path: 'notify', message: SUBSCRIBERS }, { path: 'notify', message: CUSTOMERS }]);
  });

  it("moving it: not in status_page.notify, so promised to the customers' contacts alone", async () => {
    const id = (await schedule(true)).json().id;
    const res = await h.as(h.agent.token, {
      method: 'PATCH', url: `/api/v1/status/maintenances/${id}`,
      // Sunday 13 December 2026, 08:00-10:00 at GMT-6.
      payload: { scheduled_for: '2026-12-13T14:00:00Z', scheduled_until: '2026-12-13T16:00:00Z', notify: false },
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().message, "The support policy promises this notice to the customers' contacts");
    assert.deepEqual(res.json().details, [{ path: 'notify', message: CUSTOMERS }]);
  });
});

describe('the refusal of a silent hotfix names subscribers only (OpenMethods)', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('openmethods', 'premium');
  });
  after(() => h.close());

  it("promised to subscribers (status_page.notify has hotfix_postmortem); OpenMethods mails no customers' contacts", async () => {
    const res = await h.as(h.agent.token, { method: 'POST', url: '/api/v1/status/hotfixes', payload: { name: 'Quiet fix', body: 'Applied.', postmortem: 'A typo.', notify: false } });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().message, 'The support policy promises this notice to subscribers');
    assert.deepEqual(res.json().details, [{ path: 'notify', message: "must be true: the policy's status_page.notify promises hotfix_postmortem" }]);
  });
});
