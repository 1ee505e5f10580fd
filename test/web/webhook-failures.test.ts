// The admin webhooks page shows each webhook's recent failed deliveries, so an admin sees a broken
// receiver without the API: a real receiver on 127.0.0.1 answering 503, the delivery job run with
// the desk's clock moved through the retries (jitter drawn at 0.5: +10%), beside one that answers 200.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWebhook, deliverDueWebhooks } from '../../src/webhooks/index.ts';
import { openTicket } from '../http/ticket-app.ts';
import { startReceiver, type Receiver } from '../webhooks/helpers.ts';
import { openWebApp, type WebApp } from './web-app.ts';

const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';

describe('failed webhook deliveries on the admin webhooks page, OpenBack', () => {
  let h: WebApp;
  let broken: Receiver;
  let fine: Receiver;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
    broken = await startReceiver(() => ({ status: 503, body: 'down for maintenance' }));
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
    const rows = [...table.matchAll(/<tr><td>[\s\S]*?<\/tr>/g)].map((m) => m[0].replace(/\n/g, ''));
    assert.deepEqual(rows, [
      '<tr><td>ticket.created</td><td>2026-12-09 14:00 UTC</td><td>1</td><td>HTTP 503: down for maintenance</td><td>Retry 2 of 8 at 2026-12-09 14:00 UTC</td></tr>',
      '<tr><td>ticket.created</td><td>2026-12-02 10:00 UTC</td><td>8</td><td>HTTP 503: down for maintenance</td><td>Given up</td></tr>',
    ]);
    assert.match(page, new RegExp(`<h3 id="failed-${fineHook.id}">http://127\\.0\\.0\\.1:${fine.port}/hook</h3>\\s*<p>No failed deliveries\\.</p>`));
    assert.doesNotMatch(page, new RegExp(`id="failures-${fineHook.id}"`));
  });
});
