// The scheduled-outage mail to every customer contact (OfficeSpace's "customers are usually notified
// via email") and its link's page name whose customers they are: a vendor's name ending in s takes an
// apostrophe alone ("Northwind Systems' customers"), never "Systems's". OfficeSpace's policy as code,
// its vendor renamed; the desk's clock: Wed 2 Dec 2026 10:00 UTC.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { activatePolicy } from '../../src/policy-versions/index.ts';
import { fanOutPending, scheduleMaintenance } from '../../src/status/index.ts';
import { openTicketApp, type TicketApp } from '../http/ticket-app.ts';
import { examplePolicySource } from '../support/desk.ts';
import { outbox } from './helpers.ts';

describe("whose customers a scheduled-outage notice is sent to, a vendor's name ending in s", () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('officespace', 'standard');
    const source = examplePolicySource('officespace');
    const renamed = source.replace('name: OfficeSpace Software', 'name: Northwind Systems');
    assert.notEqual(renamed, source);
    await activatePolicy({ ctx: h.desk.system, input: { source: renamed } });
  });
  after(() => h.close());

  it("the mail and its link's page say \"Northwind Systems' customers\"", async () => {
    await scheduleMaintenance({
      ctx: h.desk.ctx(h.desk.agent),
      input: { name: 'Upgrade', body: 'The service will be down for an upgrade.', scheduledFor: '2026-12-05T14:00:00Z', scheduledUntil: '2026-12-05T16:00:00Z' },
    });
    await fanOutPending(h.desk.system, { baseUrl: 'https://desk.example', batchSize: 500 });
    const mail = (await outbox(h.desk.t.db, 'status_notice'))[0];
    assert.match(mail.body, /\n--\nSent to the contacts of Northwind Systems' customers\.\n/);
    const path = /https:\/\/desk\.example(\/status\/notices\/[A-Za-z0-9_-]+)\n$/.exec(mail.body)![1];
    const page = await h.app.inject({ method: 'GET', url: path, headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`<p>${mail.recipient} is among the contacts of Northwind Systems&#39; customers mailed notices of Scheduled Outages.</p>`), page.body);
  });
});
