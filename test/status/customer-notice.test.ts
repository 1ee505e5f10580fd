// OfficeSpace: "Scheduled Outages: are usually scheduled during weekends and customers are usually
// notified via email and/or at support.officespacesoftware.com". Scheduling an outage mails every
// active contact of every customer organization, subscribed to the status page or not, each
// address once; a contact who unsubscribed from the page's notices, or who left their customer,
// is mailed nothing. OpenMethods mails subscribers only: "Subscribed users will be notified, and
// non-subscripted users will be able to visually see the current and historical events."
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { updateContact } from '../../src/customers/index.ts';
import {
  confirmSubscription, fanOutPending, rescheduleMaintenance, runStatusSweep, scheduleMaintenance, subscribe, unsubscribe,
} from '../../src/status/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { LINKS, notifications, outbox } from './helpers.ts';

const linkToken = (body: string, path: string) => new RegExp(`${path}/([A-Za-z0-9_-]+)`).exec(body)![1];
// One contact at a time: the cursor over contacts is walked batch by batch.
const ONE_AT_A_TIME = { ...LINKS, batchSize: 1 };

describe('scheduled outages mailed to the customers (OfficeSpace)', () => {
  let d: Desk;
  const anon = () => ({ ...d.system, actor: { kind: 'anonymous' as const } });
  const emailOf = async (contactId: string) => (await d.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [contactId])).rows[0].email;
  const subscribed = async (email: string) => {
    await subscribe({ ctx: anon(), input: { email }, settings: LINKS });
    const mail = (await outbox(d.t.db, 'status_confirm')).filter((m) => m.recipient === email).at(-1)!;
    return (await confirmSubscription({ ctx: anon(), input: { token: linkToken(mail.body, '/status/confirm') } })).manageToken;
  };
  let plain: string, subscriber: string, unsubscribed: string, left: string;
  before(async () => {
    d = await openDesk('officespace', '2026-12-07T15:00:00Z'); // Monday 09:00 GMT-6
    const emails: string[] = [];
    for (let i = 0; i < 4; i++) emails.push(await emailOf((await d.addOrganization('standard')).contactId));
    [plain, subscriber, unsubscribed, left] = emails;
    await subscribed(subscriber);
    await subscribed('watcher@elsewhere.example');
    await unsubscribe({ ctx: anon(), input: { token: await subscribed(unsubscribed) } });
    const leaving = (await d.t.db.query<{ id: string }>('SELECT id FROM contacts WHERE email = $1', [left])).rows[0].id;
    await updateContact({ ctx: d.system, input: { contactId: leaving, active: false } });
  });
  after(() => d.close());

  let outage: string;
  it('mails each customer contact once, a subscribed contact only as a subscriber, and no one who unsubscribed or left', async () => {
    const m = await scheduleMaintenance({
      ctx: d.ctx(d.agent),
      input: { name: 'Weekend upgrade', body: 'The service will be down for an upgrade.', scheduledFor: '2026-12-12T14:00:00Z', scheduledUntil: '2026-12-12T16:00:00Z' },
    });
    outage = m.id;
    await fanOutPending(d.system, ONE_AT_A_TIME);
    const mail = await outbox(d.t.db, 'status_notice');
    assert.deepEqual(mail.map((x) => x.recipient).sort(), [plain, subscriber, 'watcher@elsewhere.example'].sort());
    const toPlain = mail.find((x) => x.recipient === plain)!;
    assert.equal(toPlain.subject, '[OfficeSpace Software status] Scheduled: Weekend upgrade');
    // 14:00-16:00 UTC on Saturday 12 December 2026 is 08:00-10:00 at GMT-6.
    // The contact's own link to stop these mails closes it (customer-notice-stop.test.ts follows it).
    const token = /\/status\/notices\/([A-Za-z0-9_-]+)\n$/.exec(toPlain.body)![1];
    assert.equal(toPlain.body, [
      // Posted at the desk's clock, Monday 7 December 15:00 UTC: 09:00 GMT-6.
      'Weekend upgrade', 'Scheduled: The service will be down for an upgrade.', '', 'Posted: Mon 7 Dec 2026 09:00 GMT-6', '',
      'Scheduled for Sat 12 Dec 2026, 08:00 to 10:00 GMT-6', '', 'OfficeSpace Software status', '',
      // The outage's page on the status page, under the desk's address.
      `On the status page: https://desk.example/status/incidents/${outage}`, '',
      '--', "Sent to the contacts of OfficeSpace Software's customers.",
      `Stop mailing me these notices: https://desk.example/status/notices/${token}`, '',
    ].join('\n'));
    assert.match(toPlain.dedupe_key, /^status:[0-9a-f-]{36}:contact:[0-9a-f-]{36}$/);
    // The subscribed contact's one mail is the subscriber's, with their unsubscribe link.
    assert.match(mail.find((x) => x.recipient === subscriber)!.body, /Unsubscribe now: https:\/\/desk\.example\/status\/unsubscribe\//);
  });

  it('queues nothing twice: the fan-out again, even from the start of the contacts, adds no mail', async () => {
    await d.t.db.query("UPDATE status_notifications SET done_at = NULL, cursor_subscriber_id = NULL WHERE list = '@customers'");
    await fanOutPending(d.system, ONE_AT_A_TIME);
    assert.equal((await outbox(d.t.db, 'status_notice')).length, 3);
  });

  it('mails the customers a new time, but not the start or completion of the outage', async () => {
    d.clock.set('2026-12-08T15:00:00Z');
    await rescheduleMaintenance({ ctx: d.ctx(d.agent), input: { incidentId: outage, scheduledFor: '2026-12-13T14:00:00Z', scheduledUntil: '2026-12-13T16:00:00Z' } });
    d.clock.set('2026-12-13T14:00:00Z');
    await runStatusSweep(d.system, LINKS);
    d.clock.set('2026-12-13T16:00:01Z');
    await runStatusSweep(d.system, LINKS);
    await fanOutPending(d.system, LINKS);
    const toCustomers = (await notifications(d.t.db)).filter((n) => n.list === '@customers').map((n) => n.event);
    assert.deepEqual(toCustomers, ['maintenance_scheduled', 'maintenance_rescheduled']);
    const toPlain = (await outbox(d.t.db, 'status_notice')).filter((x) => x.recipient === plain);
    assert.equal(toPlain.length, 2);
    assert.match(toPlain[1].body, /^Scheduled for Sun 13 Dec 2026, 08:00 to 10:00 GMT-6$/m);
  });
});

describe('scheduled maintenance at OpenMethods goes to subscribers only', () => {
  let d: Desk;
  before(async () => {
    d = await openDesk('openmethods', '2026-12-07T15:00:00Z');
    await d.addOrganization('premium');
  });
  after(() => d.close());

  it('mails no contact who did not subscribe', async () => {
    await scheduleMaintenance({
      ctx: d.ctx(d.agent),
      input: { name: 'Code elevation', body: 'A planned code elevation.', scheduledFor: '2026-12-12T14:00:00Z', scheduledUntil: '2026-12-12T16:00:00Z' },
    });
    await fanOutPending(d.system, LINKS);
    assert.deepEqual((await notifications(d.t.db)).map((n) => n.list), ['status']);
    assert.deepEqual(await outbox(d.t.db, 'status_notice'), []);
  });
});
