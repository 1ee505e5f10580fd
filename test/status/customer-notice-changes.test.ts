// OfficeSpace: "Scheduled Outages: are usually scheduled during weekends and customers are usually
// notified via email". The customers mailed of an outage are mailed what changes it while it is
// still to come (a new time, an update, its completion before its start, which calls it off),
// each contact once per change; the change cannot be posted silently. A contact subscribed to
// other components than the outage's is mailed as a customer, since their subscription does not
// mail them this one. The policy's components here are a test variant (the seed names none).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { confirmSubscription, fanOutPending, postUpdate, rescheduleMaintenance, scheduleMaintenance, subscribe } from '../../src/status/index.ts';
import { examplePolicySource, openDesk, type Desk } from '../support/desk.ts';
import { LINKS, notifications, outbox } from './helpers.ts';

const WITH_COMPONENTS = examplePolicySource('officespace').replace(
  '  publishes: [maintenance]\n',
  '  publishes: [maintenance]\n  components:\n    - { id: booking, name: Room booking }\n    - { id: kiosk, name: Kiosks }\n',
);
const linkToken = (body: string, path: string) => new RegExp(`${path}/([A-Za-z0-9_-]+)`).exec(body)![1];
const refusesNotify = (e: any) => e.code === 'invalid_input' && e.details[0].path === 'notify';

describe('the customers told of an outage are told of its changes (OfficeSpace)', () => {
  let d: Desk;
  const anon = () => ({ ...d.system, actor: { kind: 'anonymous' as const } });
  const emailOf = async (contactId: string) => (await d.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [contactId])).rows[0].email;
  const subscribed = async (email: string, components: string[]) => {
    await subscribe({ ctx: anon(), input: { email, components }, settings: LINKS });
    const mail = (await outbox(d.t.db, 'status_confirm')).filter((m) => m.recipient === email).at(-1)!;
    await confirmSubscription({ ctx: anon(), input: { token: linkToken(mail.body, '/status/confirm') } });
  };
  const mailTo = async (email: string) => (await outbox(d.t.db, 'status_notice')).filter((m) => m.recipient === email);
  let plain: string, kioskFan: string, bookingFan: string, outage: string;
  before(async () => {
    d = await openDesk('officespace', '2026-12-07T15:00:00Z', WITH_COMPONENTS); // Monday 09:00 GMT-6
    const emails: string[] = [];
    for (let i = 0; i < 3; i++) emails.push(await emailOf((await d.addOrganization('standard')).contactId));
    [plain, kioskFan, bookingFan] = emails;
    await subscribed(kioskFan, ['kiosk']);
    await subscribed(bookingFan, ['booking']);
  });
  after(() => d.close());

  it('mails a contact subscribed to other components as a customer, and one subscribed to its components as a subscriber', async () => {
    outage = (await scheduleMaintenance({
      ctx: d.ctx(d.agent),
      input: { name: 'Weekend upgrade', body: 'Room booking will be down.', components: ['booking'], scheduledFor: '2026-12-12T14:00:00Z', scheduledUntil: '2026-12-12T16:00:00Z' },
    })).id;
    await fanOutPending(d.system, LINKS);
    for (const who of [plain, kioskFan, bookingFan]) assert.equal((await mailTo(who)).length, 1, who);
    assert.match((await mailTo(kioskFan))[0].body, /Sent to the contacts of OfficeSpace Software's customers\.\nStop mailing me these notices: /);
    assert.match((await mailTo(bookingFan))[0].body, /Unsubscribe now: /);
  });

  it('refuses to move it, update it or call it off silently, naming notify', async () => {
    d.clock.set('2026-12-08T15:00:00Z');
    await assert.rejects(rescheduleMaintenance({
      ctx: d.ctx(d.agent), input: { incidentId: outage, scheduledFor: '2026-12-13T14:00:00Z', scheduledUntil: '2026-12-13T16:00:00Z', notify: false },
    }), refusesNotify);
    await assert.rejects(postUpdate({ ctx: d.ctx(d.agent), input: { incidentId: outage, status: 'scheduled', body: 'Quiet note.', notify: false } }), refusesNotify);
    await assert.rejects(postUpdate({ ctx: d.ctx(d.agent), input: { incidentId: outage, status: 'completed', body: 'Quietly off.', notify: false } }), refusesNotify);
    assert.equal((await notifications(d.t.db)).length, 2); // the scheduling's two, nothing more
  });

  it('mails each of them once a new time, an update while still scheduled, and its completion before its start', async () => {
    await rescheduleMaintenance({ ctx: d.ctx(d.agent), input: { incidentId: outage, scheduledFor: '2026-12-13T14:00:00Z', scheduledUntil: '2026-12-13T16:00:00Z' } });
    d.clock.set('2026-12-08T16:00:00Z');
    await postUpdate({ ctx: d.ctx(d.agent), input: { incidentId: outage, status: 'scheduled', body: 'Kiosks keep working throughout.' } });
    d.clock.set('2026-12-08T17:00:00Z');
    await postUpdate({ ctx: d.ctx(d.agent), input: { incidentId: outage, status: 'completed', body: 'Called off: the upgrade is not needed.' } });
    await fanOutPending(d.system, LINKS);
    const toCustomers = (await notifications(d.t.db)).filter((n) => n.list === '@customers').map((n) => n.event);
    assert.deepEqual(toCustomers, ['maintenance_scheduled', 'maintenance_rescheduled', 'maintenance_updated', 'maintenance_completed']);
    for (const who of [plain, kioskFan, bookingFan]) assert.equal((await mailTo(who)).length, 4, who);
    // Queued in one fan-out, the four are told apart by their words, not their order.
    const last = (await mailTo(plain)).filter((m) => m.subject === '[OfficeSpace Software status] Completed: Weekend upgrade');
    assert.equal(last.length, 1);
    assert.match(last[0].body, /^Completed: Called off: the upgrade is not needed\.$/m);
    assert.equal((await mailTo(kioskFan)).filter((m) => /^Scheduled: Kiosks keep working throughout\.$/m.test(m.body)).length, 1);
    // Again from the start of every notification: the dedupe keys add nothing.
    await d.t.db.query('UPDATE status_notifications SET done_at = NULL, cursor_subscriber_id = NULL');
    await fanOutPending(d.system, LINKS);
    assert.equal((await outbox(d.t.db, 'status_notice')).length, 12);
  });
});
