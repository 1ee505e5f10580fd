// A component's status set outside any incident is a public change of the page, so it is mailed to
// the confirmed subscribers of that component (OpenMethods: "Whenever there is an update to the
// status page, you will receive an email with the status details"). Setting the status a component
// already has changes nothing and tells nobody.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { confirmSubscription, fanOutPending, setComponentStatus, subscribe } from '../../src/status/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { LINKS, notifications, outbox } from './helpers.ts';

const linkToken = (body: string, path: string) => new RegExp(`${path}/([A-Za-z0-9_-]+)`).exec(body)![1];

describe('component status set outside an incident (OpenMethods)', () => {
  let d: Desk;
  const anon = () => ({ ...d.system, actor: { kind: 'anonymous' as const } });
  const subscribed = async (email: string, components?: string[]) => {
    await subscribe({ ctx: anon(), input: { email, components }, settings: LINKS });
    const mail = (await outbox(d.t.db, 'status_confirm')).filter((m) => m.recipient === email).at(-1)!;
    await confirmSubscription({ ctx: anon(), input: { token: linkToken(mail.body, '/status/confirm') } });
  };
  /** The status_notice mail queued since `from`, by recipient. */
  const noticesSince = async (from: number) => (await outbox(d.t.db, 'status_notice')).slice(from);

  before(async () => {
    d = await openDesk('openmethods', '2026-12-02T10:00:00Z');
    await subscribed('all@customer.example');
    await subscribed('chat@customer.example', ['chat-routing']);
    await subscribed('media@customer.example', ['media-bar']);
    await subscribe({ ctx: anon(), input: { email: 'pending@customer.example' }, settings: LINKS }); // never confirmed
  });
  after(() => d.close());

  it("mails the component's confirmed subscribers its name and new status, in words", async () => {
    const sent = (await outbox(d.t.db, 'status_notice')).length;
    const change = await setComponentStatus({ ctx: d.ctx(d.agent), input: { componentId: 'chat-routing', status: 'partial_outage' } });
    assert.deepEqual(change, { code: 'chat-routing', name: 'Chat routing', oldStatus: 'operational', newStatus: 'partial_outage' });
    const [n] = await notifications(d.t.db);
    assert.deepEqual(n, {
      event: 'component_status_changed',
      list: 'status',
      component_ids: ['chat-routing'],
      subject: '[OpenMethods Status Page] Chat routing: Partial outage',
      body: 'Chat routing: Partial outage\n\nThe status of Chat routing changed from operational to partial outage.\n\nOpenMethods Status Page',
    });
    // No incident: the notice stands on its own.
    const { rows } = await d.t.db.query<{ incident_id: string | null }>("SELECT incident_id FROM status_notifications WHERE event = 'component_status_changed'");
    assert.deepEqual(rows, [{ incident_id: null }]);

    // Posting returns before any mail is queued; the fan-out then mails those who hear of chat
    // routing: all@ (every component) and chat@; not media@ (media bar only) nor pending@ (unconfirmed).
    assert.equal((await outbox(d.t.db, 'status_notice')).length, sent);
    assert.equal(await fanOutPending(d.system, LINKS), 2);
    const mails = await noticesSince(sent);
    assert.deepEqual(mails.map((m) => m.recipient).sort(), ['all@customer.example', 'chat@customer.example']);
    const chat = mails.find((m) => m.recipient === 'chat@customer.example')!;
    assert.equal(chat.subject, '[OpenMethods Status Page] Chat routing: Partial outage');
    assert.match(chat.body, /^Chat routing: Partial outage\n\nThe status of Chat routing changed from operational to partial outage\.\n\nOpenMethods Status Page\n\n--\nChoose components or unsubscribe: https:\/\/desk\.example\/status\/subscription\/[A-Za-z0-9_-]+\n/);
    assert.match(chat.payload.headers['List-Unsubscribe'], /^<https:\/\/desk\.example\/status\/unsubscribe\/[A-Za-z0-9_-]+>$/);
  });

  it('setting the status it already has tells nobody', async () => {
    const before = (await notifications(d.t.db)).length;
    d.clock.advance({ minutes: 5 });
    const same = await setComponentStatus({ ctx: d.ctx(d.agent), input: { componentId: 'chat-routing', status: 'partial_outage' } });
    assert.deepEqual([same.oldStatus, same.newStatus], ['partial_outage', 'partial_outage']);
    assert.equal((await notifications(d.t.db)).length, before);
    assert.equal(await fanOutPending(d.system, LINKS), 0);
  });

  it('back to operational is told too, and a change of another component goes to its own subscribers', async () => {
    const sent = (await outbox(d.t.db, 'status_notice')).length;
    d.clock.advance({ minutes: 30 });
    await setComponentStatus({ ctx: d.ctx(d.escalation), input: { componentId: 'chat-routing', status: 'operational' } });
    d.clock.advance({ minutes: 1 }); // notices are read back in order of their times
    await setComponentStatus({ ctx: d.ctx(d.escalation), input: { componentId: 'media-bar', status: 'under_maintenance' } });
    const [back, media] = (await notifications(d.t.db)).slice(-2);
    assert.deepEqual([back.subject, back.body], [
      '[OpenMethods Status Page] Chat routing: Operational',
      'Chat routing: Operational\n\nThe status of Chat routing changed from partial outage to operational.\n\nOpenMethods Status Page',
    ]);
    assert.deepEqual([media.subject, media.component_ids], ['[OpenMethods Status Page] Media bar: Under maintenance', ['media-bar']]);
    assert.equal(await fanOutPending(d.system, LINKS), 4);
    const mails = (await noticesSince(sent)).map((m) => `${m.recipient} ${m.subject}`).sort();
    assert.deepEqual(mails, [
      'all@customer.example [OpenMethods Status Page] Chat routing: Operational',
      'all@customer.example [OpenMethods Status Page] Media bar: Under maintenance',
      'chat@customer.example [OpenMethods Status Page] Chat routing: Operational',
      'media@customer.example [OpenMethods Status Page] Media bar: Under maintenance',
    ]);
  });
});
