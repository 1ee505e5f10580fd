// The inbound mail list (/admin/email), OpenBack: what an admin may do with a message (process it
// again, dismiss it, add its sender, correct an address, block) takes a row of its own, the table's
// width, under the message, each action on a line that wraps: in a sixth column it was squeezed to a
// sliver at 800 pixels wide and to a tall stack of broken lines at 1280 (QA in chromium).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emailSettingsFor, processInbound, storeInbound } from '../../src/email/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('the inbound mail list, its actions under each message, OpenBack', () => {
  let h: WebApp;
  const settings = emailSettingsFor('support@accord.localhost');
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  const arrive = async (from: string, subject: string) => {
    const raw = Buffer.from(`From: ${from}\r\nTo: support@accord.localhost\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@x.example>\r\n\r\nHello.\r\n`);
    const id = (await storeInbound(h.desk.t.db, h.desk.clock, raw, { source: 'smtp', envelopeFrom: from, envelopeTo: ['support@accord.localhost'] }))!;
    return { id, status: (await processInbound({ ctx: h.desk.system, settings, inboundId: id }))!.status };
  };

  it('puts a held message\'s actions in a row of their own under it, and none under a message that opened a ticket', async () => {
    const stranger = await arrive('stranger@elsewhere.example', 'Where is my invoice');
    assert.equal(stranger.status, 'held');
    const email = (await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactA.id])).rows[0].email;
    const opened = await arrive(email, 'Pushes late');
    assert.equal(opened.status, 'created');

    const a = await h.session(h.admin, 'agent');
    const page = main((await a.get('/admin/email')).body);
    const table = /<caption class="visually-hidden">Inbound mail<\/caption>[\s\S]*?<\/table>/.exec(page)?.[0] ?? '';
    assert.match(table, /<thead><tr><th scope="col">Received<\/th><th scope="col">From<\/th><th scope="col">Subject<\/th><th scope="col">Status<\/th><th scope="col">Outcome<\/th><\/tr><\/thead>/);
    const rowOf = (id: string) => new RegExp(`<tr[^>]*>\\s*<td>[^<]*</td><td>[^<]*</td><td><a href="/admin/email/inbound/${id}">[\\s\\S]*?</tr>`).exec(table)?.[0] ?? '';
    const after = (id: string) => table.slice(table.indexOf(rowOf(id)) + rowOf(id).length).trimStart();
    assert.ok(rowOf(stranger.id) && rowOf(opened.id), 'both messages are listed');
    assert.match(after(stranger.id), new RegExp(`^<tr class="inbound-actions-row"><td colspan="5"><div class="inbound-actions">[\\s\\S]*?action="/admin/email/inbound/${stranger.id}/add-sender"`));
    assert.doesNotMatch(after(opened.id), /^<tr class="inbound-actions-row">/);

    // Each action a line of its own that wraps, its label kept with its field.
    const css = (await a.get('/assets/app.css')).body;
    assert.match(css, /\.inbound-actions form \{[^}]*display: flex;[^}]*flex-wrap: wrap;/);
  });
});
