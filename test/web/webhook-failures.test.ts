// The admin webhooks page shows each webhook's recent failed deliveries, so an admin sees a broken
// receiver without the API: a real receiver on 127.0.0.1 answering 503, the delivery job run with
// the desk's clock moved through the retries (jitter drawn at 0.5: +10%), beside one that answers 200.
// Once the receiver is fixed, a given-up delivery's Redeliver button sends its event again (admins only).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWebhook, deliverDueWebhooks } from '../../src/webhooks/index.ts';
import { openTicket } from '../http/ticket-app.ts';
import { startReceiver, type Receiver } from '../webhooks/helpers.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('failed webhook deliveries on the admin webhooks page, OpenBack', () => {
  let h: WebApp;
  let broken: Receiver;
  let fine: Receiver;
  // What the broken receiver answers: 503 until it is fixed.
  let brokenStatus = 503;
  let brokenHookId = '';
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
    broken = await startReceiver(() => (brokenStatus === 503 ? { status: 503, body: 'down for maintenance' } : { status: 200 }));
    fine = await startReceiver();
  });
  after(async () => {
    await broken.close();
    await fine.close();
    await h.close();
  });

  it('lists, newest first, the event, when, attempts, last error, and the next retry or that it was given up; a healthy receiver has none', async () => {
    const settings = { allowPrivate: true };
    const hook = (url: string) => createWebhook({ ctx: h.desk.system, settings, input: { url, events: ['ticket.created'] } });
    const [brokenHook, fineHook] = [await hook(broken.url), await hook(fine.url)];
    brokenHookId = brokenHook.id;
    const deliver = () => deliverDueWebhooks({ ctx: h.desk.system, settings: { ...settings, random: () => 0.5 } });

    // At 10:00 on 2 December: tried 8 times, the longest wait (24 h + 10%) under the 27 h moved each time; then given up.
    await openTicket(h, h.contactA, { subject: 'First' });
    for (let attempt = 1; attempt <= 8; attempt++) {
      await deliver();
      if (attempt < 8) h.desk.clock.advance({ hours: 27 });
    }
    // At 14:00 on 9 December: tried once, retried 30 s (+10%) later, at 14:00:33.
    h.desk.clock.set('2026-12-09T14:00:00Z');
    await openTicket(h, h.contactA, { subject: 'Second' });
    await deliver();
    assert.equal(broken.requests.length, 9);
    assert.equal(fine.requests.length, 2);

    const a = await h.session(h.admin, 'agent');
    const res = await a.get('/admin/webhooks');
    assert.equal(res.statusCode, 200);
    const page = main(res.body);
    const table = new RegExp(`<table id="failures-${brokenHook.id}">[\\s\\S]*?</table>`).exec(page)?.[0] ?? '';
    // The given-up one has a Redeliver form (checked in the next test); here its cell reads as a mark.
    const rows = [...table.matchAll(/<tr><td>[\s\S]*?<\/tr>/g)].map((m) => m[0].replace(/\n/g, '').replace(/<form [\s\S]*?<\/form>/, '[Redeliver]'));
    assert.deepEqual(rows, [
      '<tr><td>Ticket opened<br><small><code>ticket.created</code></small></td><td>2026-12-09 14:00 UTC</td><td>1</td><td>HTTP 503: down for maintenance</td><td>Retry 2 of 8 at 2026-12-09 14:00 UTC</td><td></td></tr>',
      '<tr><td>Ticket opened<br><small><code>ticket.created</code></small></td><td>2026-12-02 10:00 UTC</td><td>8</td><td>HTTP 503: down for maintenance</td><td>Given up</td><td>[Redeliver]</td></tr>',
    ]);
    // The webhooks' events in words, the API's name beside each.
    assert.match(page, /<caption class="visually-hidden">Webhooks<\/caption>[\s\S]*<td><ul><li>Ticket opened <small><code>ticket\.created<\/code><\/small><\/li><\/ul><\/td>/);
    assert.match(page, new RegExp(`<h3 id="failed-${fineHook.id}">http://127\\.0\\.0\\.1:${fine.port}/hook</h3>\\s*<p>No failed deliveries\\.</p>`));
    assert.doesNotMatch(page, new RegExp(`id="failures-${fineHook.id}"`));
  });

  it('redelivers a given-up delivery from its Redeliver button, once the receiver is fixed; admins only; refusals at the webhook', async () => {
    const { rows: [given] } = await h.desk.t.db.query<{ id: string; event_id: string }>(
      "SELECT id, payload->>'id' AS event_id FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'failed'", [brokenHookId],
    );
    const { rows: [pending] } = await h.desk.t.db.query<{ id: string }>(
      "SELECT id FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'pending'", [brokenHookId],
    );
    const redeliver = (id: string) => `/admin/webhooks/${brokenHookId}/deliveries/${id}/redeliver`;
    const a = await h.session(h.admin, 'agent');
    const page = main((await a.get('/admin/webhooks')).body);
    // The button on the given-up delivery only, not on the one still retried.
    assert.match(page, new RegExp(`<form method="post" action="${redeliver(given.id)}" class="inline"><input type="hidden" name="_csrf" value="[^"]+"><button type="submit">Redeliver</button></form>`));
    assert.doesNotMatch(page, new RegExp(redeliver(pending.id)));

    // Not an admin: refused; nothing queued.
    const manager = await h.session(h.manager, 'agent');
    assert.equal((await manager.post(redeliver(given.id), {})).statusCode, 403);
    const contact = await h.session(h.contactA, 'contact');
    assert.equal((await contact.post(redeliver(given.id), {})).statusCode, 403);
    // Still pending (retried on its own): refused beside the webhook's failed deliveries; unknown: not found.
    const stillPending = await a.post(redeliver(pending.id), {});
    assert.equal(stillPending.statusCode, 409);
    assert.match(main(stillPending.body), new RegExp(`id="failures-${brokenHookId}-error"[\\s\\S]*The delivery is still pending`));
    assert.equal((await a.post(redeliver('00000000-0000-4000-8000-000000000001'), {})).statusCode, 404);
    const queued = await h.desk.t.db.query('SELECT 1 FROM webhook_deliveries WHERE redelivery_of IS NOT NULL');
    assert.equal(queued.rows.length, 0);

    // Fixed, redelivered: back to the page with the confirmation; the next run sends the same event.
    brokenStatus = 200;
    const done = await a.post(redeliver(given.id), {});
    assert.deepEqual([done.statusCode, done.headers.location], [303, '/admin/webhooks?done=redelivered']);
    assert.match(main((await a.get('/admin/webhooks?done=redelivered')).body), /Redelivery queued: the event goes to the receiver again within seconds/);
    const before = broken.requests.length;
    h.desk.clock.advance({ minutes: 1 });
    await deliverDueWebhooks({ ctx: h.desk.system, settings: { allowPrivate: true, random: () => 0.5 } });
    const sent = broken.requests.slice(before).map((r) => JSON.parse(r.body).id);
    assert.ok(sent.includes(given.event_id), `${given.event_id} in ${sent.join(', ')}`);
  });
});
