// Subscribers on the verbs, on both databases: double opt-in with an expiring link, the same
// answer for any address, per-component filtering, one-click unsubscribe, notice lists, and
// fan-out that queues each (update, subscriber) exactly once, even with the worker killed mid-way.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  announceNotice, confirmSubscription, createIncident, fanOutBatch, fanOutPending, listSubscribers, postUpdate, subscribe, unsubscribe, updateSubscription,
} from '../../src/status/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { LINKS, outbox } from './helpers.ts';

const linkToken = (body: string, path: string) => new RegExp(`${path}/([A-Za-z0-9_-]+)`).exec(body)![1];

describe('subscribers (OpenMethods)', () => {
  let d: Desk;
  const anon = () => ({ ...d.system, actor: { kind: 'anonymous' as const } });
  /** Subscribes and confirms an address; returns its manage token. */
  const subscribed = async (email: string, components?: string[], list = 'status') => {
    await subscribe({ ctx: anon(), input: { email, components, list }, settings: LINKS });
    const mail = (await outbox(d.t.db, 'status_confirm')).filter((m) => m.recipient === email).at(-1)!;
    const sub = await confirmSubscription({ ctx: anon(), input: { token: linkToken(mail.body, '/status/confirm') } });
    return sub.manageToken;
  };
  before(async () => {
    d = await openDesk('openmethods', '2026-12-02T10:00:00Z');
  });
  after(() => d.close());

  it('double opt-in: nothing is sent before confirmation; the link expires after 48 hours and confirms once', async () => {
    await subscribe({ ctx: anon(), input: { email: 'Late@Customer.example' }, settings: LINKS });
    const [mail] = (await outbox(d.t.db, 'status_confirm')).filter((m) => m.recipient === 'late@customer.example');
    assert.match(mail.subject, /^Confirm your subscription to OpenMethods Status Page$/);
    const token = linkToken(mail.body, '/status/confirm');
    assert.match(mail.body, new RegExp(`^Confirm within 48 hours: https://desk\\.example/status/confirm/${token}$`, 'm'));
    d.clock.advance({ hours: 48 });
    await assert.rejects(confirmSubscription({ ctx: anon(), input: { token } }), { code: 'not_found' });
    // Subscribing again sends a new link, which confirms once.
    await subscribe({ ctx: anon(), input: { email: 'late@customer.example' }, settings: LINKS });
    const again = (await outbox(d.t.db, 'status_confirm')).filter((m) => m.recipient === 'late@customer.example').at(-1)!;
    const fresh = linkToken(again.body, '/status/confirm');
    assert.notEqual(fresh, token);
    const sub = await confirmSubscription({ ctx: anon(), input: { token: fresh } });
    assert.equal(sub.email, 'late@customer.example');
    assert.equal(sub.confirmedAt?.toString(), d.clock.now().toString());
    // Used again, the link confirms nothing more and says the subscription is confirmed.
    const twice = await confirmSubscription({ ctx: anon(), input: { token: fresh } });
    assert.deepEqual([twice.alreadyConfirmed, twice.confirmedAt?.toString()], [true, sub.confirmedAt?.toString()]);
  });

  it('an address already subscribed gets its manage link, and nothing about it changes', async () => {
    const manage = await subscribed('steady@customer.example', ['media-bar']);
    await subscribe({ ctx: anon(), input: { email: 'steady@customer.example', components: ['chat-routing'] }, settings: LINKS });
    const last = (await outbox(d.t.db, 'status_confirm')).filter((m) => m.recipient === 'steady@customer.example').at(-1)!;
    assert.equal(last.subject, 'Your subscription to OpenMethods Status Page');
    assert.match(last.body, new RegExp(`/status/subscription/${manage}`));
    const [row] = (await listSubscribers({ ctx: d.ctx(d.manager), input: {} })).filter((s) => s.email === 'steady@customer.example');
    assert.deepEqual(row.componentIds, ['media-bar']);
  });

  it('refuses bad addresses and unknown components, naming the field', async () => {
    await assert.rejects(subscribe({ ctx: anon(), input: { email: 'not-an-address' }, settings: LINKS }), (e: any) => e.details[0].path === 'email');
    await assert.rejects(subscribe({ ctx: anon(), input: { email: 'x@y.example', components: ['nope'] }, settings: LINKS }), (e: any) => e.details[0].path === 'components.0');
  });

  it('fans an update out to every confirmed subscriber whose components match, once each, with one-click unsubscribe headers', async () => {
    await subscribed('all@customer.example');
    await subscribed('chat@customer.example', ['chat-routing']);
    await subscribed('email@customer.example', ['email-routing']);
    await subscribe({ ctx: anon(), input: { email: 'pending@customer.example' }, settings: LINKS }); // never confirmed
    const gone = await subscribed('gone@customer.example');
    await unsubscribe({ ctx: anon(), input: { token: gone } });
    const before = (await outbox(d.t.db, 'status_notice')).length;
    await createIncident({ ctx: d.ctx(d.agent), input: { name: 'Chat routing slow', body: 'Investigating.', components: [{ id: 'chat-routing', status: 'degraded_performance' }] } });
    assert.equal((await outbox(d.t.db, 'status_notice')).length, before, 'posting returns before any mail is queued');
    await fanOutPending(d.system, LINKS);
    await fanOutPending(d.system, LINKS); // a second run finds nothing to do
    const mails = (await outbox(d.t.db, 'status_notice')).slice(before);
    // steady@ chose media-bar only: not told about chat routing.
    assert.deepEqual(mails.map((m) => m.recipient).sort(), ['all@customer.example', 'chat@customer.example', 'late@customer.example']);
    const chat = mails.find((m) => m.recipient === 'chat@customer.example')!;
    assert.equal(chat.subject, '[OpenMethods Status Page] Investigating: Chat routing slow');
    const unsubscribeUrl = chat.payload.headers['List-Unsubscribe'];
    assert.match(unsubscribeUrl, /^<https:\/\/desk\.example\/status\/unsubscribe\/[A-Za-z0-9_-]{20,}>$/);
    assert.equal(chat.payload.headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    assert.match(chat.payload.html, /<a href="https:\/\/desk\.example\/status\/unsubscribe\/[A-Za-z0-9_-]+">Unsubscribe now<\/a>/);
    assert.match(chat.body, /^- Chat routing: Degraded performance$/m);
    assert.doesNotMatch(chat.body + chat.payload.html, /accord-subscriber-token/);
    // The unsubscribe link in the header stops the next notice.
    await unsubscribe({ ctx: anon(), input: { token: /unsubscribe\/([^>]+)>/.exec(unsubscribeUrl)![1] } });
    const [incident] = (await d.t.db.query<{ id: string }>("SELECT id FROM status_incidents WHERE name = 'Chat routing slow'")).rows;
    d.clock.advance({ minutes: 5 });
    await postUpdate({ ctx: d.ctx(d.agent), input: { incidentId: incident.id, status: 'resolved', body: 'Fixed.' } });
    await fanOutPending(d.system, LINKS);
    const next = (await outbox(d.t.db, 'status_notice')).slice(before + 3).map((m) => m.recipient).sort();
    assert.deepEqual(next, ['all@customer.example', 'late@customer.example']);
  });

  it('choosing components through the manage link changes what arrives', async () => {
    const token = await subscribed('choosy@customer.example');
    const changed = await updateSubscription({ ctx: anon(), input: { token, components: ['media-bar', 'media-bar'] } });
    assert.deepEqual(changed.componentIds, ['media-bar']);
    const back = await updateSubscription({ ctx: anon(), input: { token, components: [] } });
    assert.equal(back.componentIds, null, 'none chosen: every component');
  });

  it('exactly once with the worker killed mid-way: a batch that dies rolls back, the next run resumes from the committed cursor', async () => {
    await d.t.db.query('DELETE FROM status_notifications WHERE done_at IS NULL');
    for (let i = 0; i < 7; i++) await subscribed(`bulk${i}@customer.example`);
    const { rows: [{ n: confirmed }] } = await d.t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM status_subscribers WHERE list = 'status' AND confirmed_at IS NOT NULL AND unsubscribed_at IS NULL",
    );
    d.clock.advance({ minutes: 1 });
    await createIncident({ ctx: d.ctx(d.agent), input: { name: 'Everything slow', body: 'Investigating.' } });
    const settings = { ...LINKS, batchSize: 3 };
    assert.equal(await fanOutBatch(d.system, settings), 3);
    // The worker dies inside the second batch, after its inserts, before its commit.
    await assert.rejects(fanOutBatch(d.system, settings, { beforeCommit: async () => { throw new Error('killed'); } }), /killed/);
    let total = 3;
    for (let queued = await fanOutBatch(d.system, settings); queued !== null; queued = await fanOutBatch(d.system, settings)) total += queued;
    assert.equal(total, Number(confirmed));
    const { rows } = await d.t.db.query<{ recipient: string; n: number }>(
      "SELECT recipient, count(*)::int AS n FROM outbox WHERE kind = 'status_notice' AND subject LIKE '%Everything slow' GROUP BY recipient",
    );
    assert.equal(rows.length, Number(confirmed));
    assert.ok(rows.every((r) => Number(r.n) === 1), 'nobody twice');
    const [n] = (await d.t.db.query<{ recipients: number; done: boolean }>("SELECT recipients, done_at IS NOT NULL AS done FROM status_notifications WHERE subject LIKE '%Everything slow'")).rows;
    assert.equal(Number(n.recipients), Number(confirmed));
    assert.equal(n.done, true);
  });

  it('the subprocessor list: its own opt-in and unsubscribe; admins announce, to its subscribers only', async () => {
    const token = await subscribed('legal@customer.example', undefined, 'subprocessors');
    await subscribe({ ctx: anon(), input: { email: 'legal2@customer.example', list: 'subprocessors' }, settings: LINKS });
    await assert.rejects(subscribe({ ctx: anon(), input: { email: 'x@y.example', list: 'subprocessors', components: ['media-bar'] }, settings: LINKS }), (e: any) => e.details[0].path === 'components');
    await assert.rejects(subscribe({ ctx: anon(), input: { email: 'x@y.example', list: 'marketing' }, settings: LINKS }), { code: 'not_found' });
    await assert.rejects(announceNotice({ ctx: d.ctx(d.manager), input: { list: 'subprocessors', subject: 'New subprocessor', body: 'x' } }), { code: 'forbidden' });
    await announceNotice({ ctx: d.ctx(d.admin), input: { list: 'subprocessors', subject: 'New subprocessor', body: 'We now use Example Mail Ltd for outbound email.' } });
    await fanOutPending(d.system, LINKS);
    const mails = (await outbox(d.t.db, 'status_notice')).filter((m) => m.subject === '[Data Processing Agreement] New subprocessor');
    assert.deepEqual(mails.map((m) => m.recipient), ['legal@customer.example']);
    // The list has no components to choose (subscribing with some is refused above): its link
    // offers what its page has, the unsubscribe, not "Choose components".
    assert.equal(mails[0].body, [
      'We now use Example Mail Ltd for outbound email.', '', '--',
      `Manage or unsubscribe: https://desk.example/status/subscription/${token}`,
      `Unsubscribe now: https://desk.example/status/unsubscribe/${token}`, '',
    ].join('\n'));
    assert.match(mails[0].payload.html, new RegExp(`<a href="https://desk\\.example/status/subscription/${token}">Manage or unsubscribe</a>`));
    assert.doesNotMatch(mails[0].payload.html, /components/i);
    await unsubscribe({ ctx: anon(), input: { token } });
    const subs = await listSubscribers({ ctx: d.ctx(d.admin), input: { list: 'subprocessors' } });
    assert.equal(subs.find((s) => s.email === 'legal@customer.example')?.unsubscribedAt?.toString(), d.clock.now().toString());
    await assert.rejects(listSubscribers({ ctx: d.ctx(d.agent), input: {} }), { code: 'forbidden' });
  });
});
