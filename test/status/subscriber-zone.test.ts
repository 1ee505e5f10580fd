// A status-page subscriber whose address is an active customer contact's, and who chose a time zone
// of their own (as the portal shows them times), reads a notice's times as the customers' notice
// gives them (fan-out-customers.ts): when it was posted in their zone, a maintenance's window in the
// page's zone with theirs beside it. Every other subscriber's message is the page's, byte for byte;
// a deactivated contact's zone is not used. The fan-out still queues each subscriber once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createIncident, fanOutBatch, fanOutPending, scheduleMaintenance } from '../../src/status/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { LINKS, outbox, subscribeConfirmed } from './helpers.ts';

describe("subscribers who are customer contacts read times in their own zone (OpenMethods, page in America/New_York)", () => {
  let d: Desk;
  const tokens = new Map<string, string>();
  // addOrganization names its contacts contact1@, contact2@, ... in order.
  const [BERLIN, PLAIN, GONE, PAGE_ZONE, VISITOR] = ['contact1@customer.example', 'contact2@customer.example', 'contact3@customer.example', 'contact4@customer.example', 'visitor@elsewhere.example'];
  // The notice's incident or maintenance on the status page, then the subscriber's own links.
  const footer = (email: string, entryId: string) => {
    const t = tokens.get(email)!;
    return `\n\nOn the status page: https://desk.example/status/incidents/${entryId}\n\n--\nChoose components or unsubscribe: https://desk.example/status/subscription/${t}\nUnsubscribe now: https://desk.example/status/unsubscribe/${t}\n`;
  };
  const notice = async (subject: string) => {
    const { rows: [n] } = await d.t.db.query<{ id: string; body: string }>('SELECT id, body FROM status_notifications WHERE subject = $1', [subject]);
    const mails = (await outbox(d.t.db, 'status_notice')).filter((m) => m.subject === subject);
    return { n, to: (email: string) => mails.find((m) => m.recipient === email)!, count: mails.length };
  };
  before(async () => {
    d = await openDesk('openmethods', '2026-12-02T10:00:00Z');
    const [berlin, , gone, pageZone] = [await d.addOrganization('premium'), await d.addOrganization('premium'), await d.addOrganization('premium'), await d.addOrganization('premium')];
    await d.t.db.query("UPDATE contacts SET time_zone = 'Europe/Berlin' WHERE id = $1", [berlin.contactId]);
    await d.t.db.query("UPDATE contacts SET time_zone = 'Asia/Tokyo', deactivated_at = $2 WHERE id = $1", [gone.contactId, d.clock.now()]);
    await d.t.db.query("UPDATE contacts SET time_zone = 'America/New_York' WHERE id = $1", [pageZone.contactId]);
    // The Berlin contact subscribes with the address written otherwise: it is the same address.
    tokens.set(BERLIN, await subscribeConfirmed(d, 'Contact1@Customer.example'));
    for (const email of [PLAIN, GONE, PAGE_ZONE, VISITOR]) tokens.set(email, await subscribeConfirmed(d, email));
  });
  after(() => d.close());

  it("an incident: the Berlin contact reads when it was posted in Berlin; everyone else the page's message as it was", async () => {
    const { id } = await createIncident({ ctx: d.ctx(d.agent), input: { name: 'Chat delays', body: 'Chats wait to be routed.', impact: 'minor', notify: true } });
    await fanOutPending(d.system, LINKS);
    const { n, to, count } = await notice('[OpenMethods Status Page] Investigating: Chat delays');
    assert.equal(count, 5);
    // Posted Wednesday 2 December 2026 10:00 UTC: 05:00 AM EST (UTC-5) at the page, 11:00 CET (UTC+1) in Berlin.
    assert.match(n.body, /^Posted: Wed Dec 2 2026 05:00 AM EST$/m);
    const berlin = to(BERLIN);
    assert.equal(berlin.body, n.body.replace('Posted: Wed Dec 2 2026 05:00 AM EST', 'Posted: Wed 2 Dec 2026 11:00 CET') + footer(BERLIN, id));
    assert.match(berlin.payload.html, /Posted: Wed 2 Dec 2026 11:00 CET/);
    assert.doesNotMatch(berlin.payload.html, /05:00 AM EST|accord-subscriber-token/);
    assert.match(berlin.payload.html, new RegExp(`<a href="https://desk\\.example/status/unsubscribe/${tokens.get(BERLIN)}">Unsubscribe now</a>`));
    assert.deepEqual(berlin.payload.headers, { 'List-Unsubscribe': `<https://desk.example/status/unsubscribe/${tokens.get(BERLIN)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    assert.equal(berlin.payload.notificationId, n.id);
    const { rows: [sub] } = await d.t.db.query<{ id: string }>("SELECT id FROM status_subscribers WHERE email = $1 AND list = 'status'", [BERLIN]);
    assert.equal(berlin.dedupe_key, `status:${n.id}:${sub.id}`);
    // A contact without a zone, a deactivated one (Tokyo's zone unused), one in the page's own zone, and a visitor: the page's words.
    for (const email of [PLAIN, GONE, PAGE_ZONE, VISITOR]) {
      assert.equal(to(email).body, n.body + footer(email, id), email);
      assert.match(to(email).payload.html, /Posted: Wed Dec 2 2026 05:00 AM EST/, email);
    }
  });

  it("a maintenance: the Berlin contact reads its window in Berlin beside the page's; the others the page's alone", async () => {
    d.clock.advance({ minutes: 30 });
    const { id } = await scheduleMaintenance({
      ctx: d.ctx(d.agent),
      input: { name: 'Upgrade', body: 'Email routing pauses.', scheduledFor: '2026-12-12T15:00:00Z', scheduledUntil: '2026-12-12T17:00:00Z', notify: true },
    });
    await fanOutPending(d.system, LINKS);
    const { n, to } = await notice('[OpenMethods Status Page] Scheduled: Upgrade');
    // Posted 10:30 UTC: 05:30 AM EST, 11:30 CET. The window 15:00-17:00 UTC on Saturday 12 December:
    // 10:00 AM to 12:00 PM EST (UTC-5), 16:00 to 18:00 CET (UTC+1).
    const [posted, window] = ['Posted: Wed Dec 2 2026 05:30 AM EST', 'Scheduled for Sat Dec 12 2026, 10:00 AM to 12:00 PM EST'];
    assert.match(n.body, new RegExp(`^${posted}$[\\s\\S]*^${window}$`, 'm'));
    const theirs = n.body.replace(posted, 'Posted: Wed 2 Dec 2026 11:30 CET').replace(window, `${window} (Sat 12 Dec 2026, 16:00 to 18:00 CET your time)`);
    assert.equal(to(BERLIN).body, theirs + footer(BERLIN, id));
    assert.match(to(BERLIN).payload.html, /Sat Dec 12 2026, 10:00 AM to 12:00 PM EST \(Sat 12 Dec 2026, 16:00 to 18:00 CET your time\)/);
    for (const email of [PLAIN, GONE, PAGE_ZONE, VISITOR]) assert.equal(to(email).body, n.body + footer(email, id), email);
  });

  it('exactly once with the worker killed mid-way, the zoned messages among them', async () => {
    d.clock.advance({ minutes: 1 });
    await createIncident({ ctx: d.ctx(d.agent), input: { name: 'Everything slow', body: 'Investigating.', notify: true } });
    const kill = { beforeCommit: async () => { throw new Error('killed'); } };
    // A batch of all five dies after its inserts (the page's and the Berlin one's); then batches of two, the second killed too.
    await assert.rejects(fanOutBatch(d.system, { ...LINKS, batchSize: 5 }, kill), /killed/);
    const settings = { ...LINKS, batchSize: 2 };
    let total = await fanOutBatch(d.system, settings) ?? 0;
    await assert.rejects(fanOutBatch(d.system, settings, kill), /killed/);
    for (let queued = await fanOutBatch(d.system, settings); queued !== null; queued = await fanOutBatch(d.system, settings)) total += queued;
    assert.equal(total, 5);
    const { n, to, count } = await notice('[OpenMethods Status Page] Investigating: Everything slow');
    assert.equal(count, 5, 'nobody twice');
    // Posted 10:31 UTC: 05:31 AM EST, 11:31 CET.
    assert.match(to(BERLIN).body, /^Posted: Wed 2 Dec 2026 11:31 CET$/m);
    assert.match(to(VISITOR).body, /^Posted: Wed Dec 2 2026 05:31 AM EST$/m);
    const { rows: [row] } = await d.t.db.query<{ recipients: number; done: boolean }>('SELECT recipients, done_at IS NOT NULL AS done FROM status_notifications WHERE id = $1', [n.id]);
    assert.deepEqual([Number(row.recipients), row.done], [5, true]);
  });
});
