// A scheduled outage mailed to the customers' contacts (OfficeSpace: "customers are usually notified
// via email") gives its times in the status page's zone, as the page publishes them (GMT-6), and a
// contact who chose a time zone of their own (as the portal shows them times) reads the window in
// theirs beside it, both ends: the published times stay the vendor's.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fanOutPending, scheduleMaintenance } from '../../src/status/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { LINKS, outbox } from './helpers.ts';

describe("a scheduled outage's mail to a contact in their own zone (OfficeSpace)", () => {
  let d: Desk;
  let berlin: string, tokyo: string, plain: string;
  before(async () => {
    d = await openDesk('officespace', '2026-12-07T15:00:00Z');
    const a = await d.addOrganization('standard');
    const b = await d.addOrganization('standard');
    const c = await d.addOrganization('standard');
    await d.t.db.query("UPDATE contacts SET time_zone = 'Europe/Berlin' WHERE id = $1", [a.contactId]);
    await d.t.db.query("UPDATE contacts SET time_zone = 'Asia/Tokyo' WHERE id = $1", [c.contactId]);
    const emailOf = async (id: string) => (await d.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [id])).rows[0].email;
    [berlin, plain, tokyo] = [await emailOf(a.contactId), await emailOf(b.contactId), await emailOf(c.contactId)];
  });
  after(() => d.close());

  it('the page zone\'s times, and the Berlin and Tokyo contacts\' beside them', async () => {
    await scheduleMaintenance({
      ctx: d.ctx(d.agent),
      input: { name: 'Weekend upgrade', body: 'The service will be down for an upgrade.', scheduledFor: '2026-12-12T14:00:00Z', scheduledUntil: '2026-12-12T16:00:00Z' },
    });
    await fanOutPending(d.system, LINKS);
    const mail = await outbox(d.t.db, 'status_notice');
    const line = (to: string) => mail.find((m) => m.recipient === to)!.body.split('\n').find((l) => l.startsWith('Scheduled for'));
    // 14:00-16:00 UTC on Saturday 12 December 2026: 08:00-10:00 at GMT-6, 15:00-17:00 in Berlin (CET, UTC+1).
    assert.equal(line(plain), 'Scheduled for Sat 12 Dec 2026, 08:00 to 10:00 GMT-6');
    assert.equal(line(berlin), 'Scheduled for Sat 12 Dec 2026, 08:00 to 10:00 GMT-6 (Sat 12 Dec 2026, 15:00 to 17:00 CET your time)');
    // In Tokyo (UTC+9) the window runs past midnight: 23:00 Saturday to 01:00 Sunday, both dates said.
    assert.equal(line(tokyo), 'Scheduled for Sat 12 Dec 2026, 08:00 to 10:00 GMT-6 (Sat 12 Dec 2026, 23:00 to Sun 13 Dec 2026, 01:00 GMT+9 your time)');
  });
});
