// Admin pages a support team works from, OpenBack: an inbound message held back from tickets has a
// page of its own (admins only) with why it was held, its envelope and headers, its text (HTML mail
// as text, nothing of it run) and its attachments, and the list's actions, answering there; statuses
// and hand-over days in words, not codes; deleting an on-call rotation or a webhook asks for a
// ticked "Yes, delete" first, and one click deletes nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emailSettingsFor, processInbound, storeInbound } from '../../src/email/index.ts';
import { createApiToken } from '../../src/customers/index.ts';
import { createRotation } from '../../src/oncall/index.ts';
import { createWebhook } from '../../src/webhooks/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main, errorBox } from './page-parts.ts';

// A stranger's mail with a text part and a file: held (not a contact), the file kept with it.
const HELD = [
  'From: "Nora Stranger" <nora@unknown.example>', 'To: support@accord.localhost', 'Cc: ops@unknown.example', 'Subject: Export fails',
  'Date: Tue, 01 Dec 2026 09:30:00 -0500', 'Message-ID: <export-1@unknown.example>', 'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"', '', '--b1', 'Content-Type: text/plain; charset=utf-8', '',
  'The export stops at 50 percent.', '--b1', 'Content-Type: text/plain; name="notes.txt"', 'Content-Disposition: attachment; filename="notes.txt"',
  'Content-Transfer-Encoding: base64', '', 'SGVsbG8gZmlsZSE=', '--b1--', '',
].join('\r\n');

// HTML only, with a script, a style, an event handler and a remote image.
const HTML_ONLY = [
  'From: web@unknown.example', 'To: support@accord.localhost', 'Subject: Newsletter', 'Content-Type: text/html; charset=utf-8', '',
  '<html><head><style>p{color:red}</style><script>alert("boom")</script></head><body><p onclick="steal()">Hello <b>there</b> &amp; welcome</p><img src="https://t.example/p.gif" onerror="steal()"></body></html>', '',
].join('\r\n');

describe('admin email and on-call pages, OpenBack', () => {
  let h: WebApp;
  const settings = emailSettingsFor('support@accord.localhost');
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  const arrive = async (raw: string, from: string) =>
    (await storeInbound(h.desk.t.db, h.desk.clock, Buffer.from(raw), { source: 'smtp', envelopeFrom: from, envelopeTo: ['support@accord.localhost'] }))!;
  const held = async (raw: string, from: string) => {
    const id = await arrive(raw, from);
    assert.equal((await processInbound({ ctx: h.desk.system, settings, inboundId: id }))!.status, 'held');
    return id;
  };

  it('shows a held message: why, its headers, its text and its file, with the actions; the list links it and says the status in words', async () => {
    const id = await held(HELD, 'nora@unknown.example');
    const a = await h.session(h.admin, 'agent');
    const list = main((await a.get('/admin/email')).body);
    assert.match(list, new RegExp(`<td><a href="/admin/email/inbound/${id}">Export fails</a></td><td>Held for review</td>`));
    assert.doesNotMatch(list, /<td>held<\/td>/);

    const res = await a.get(`/admin/email/inbound/${id}`);
    assert.equal(res.statusCode, 200);
    const page = main(res.body);
    assert.match(page, /<h1>Export fails<\/h1>/);
    assert.match(page, /<dt>Status<\/dt><dd>Held for review<\/dd>/);
    assert.match(page, /<dt>Why<\/dt><dd>Held for review: nora@unknown\.example is not a contact of any organization<\/dd>/);
    assert.match(page, /<dt>From<\/dt><dd>Nora Stranger &lt;nora@unknown\.example&gt;<\/dd>/);
    assert.match(page, /<dt>To and Cc<\/dt><dd>support@accord\.localhost, ops@unknown\.example<\/dd>/);
    // 09:30 at UTC-5 is 14:30 UTC.
    assert.match(page, /<dt>Date<\/dt><dd>2026-12-01 14:30 UTC<\/dd>/);
    assert.match(page, /<dt>Message-ID<\/dt><dd>export-1@unknown\.example<\/dd>/);
    assert.match(page, /<div class="body">The export stops at 50 percent\.<\/div>/);
    assert.match(page, /<li>notes\.txt \(11 bytes\)<\/li>/);
    // The list's actions, answering on this page.
    for (const verb of ['retry', 'dismiss', 'add-sender']) {
      assert.match(page, new RegExp(`<form method="post" action="/admin/email/inbound/${id}/${verb}" class="inline"><input type="hidden" name="_csrf" value="[^"]+"><input type="hidden" name="back" value="message">`));
    }
  });

  it('shows HTML-only mail as text: nothing of its script, style, handlers or markup', async () => {
    const id = await held(HTML_ONLY, 'web@unknown.example');
    const page = main((await (await h.session(h.admin, 'agent')).get(`/admin/email/inbound/${id}`)).body);
    assert.match(page, /<div class="body">Hello there &amp; welcome/);
    assert.doesNotMatch(page, /<script|alert\(|steal\(|onclick|onerror|<b>there|color:red/);
  });

  it('reads a message never processed (quarantined) from its raw source, saying what went wrong', async () => {
    const id = await arrive('From: late@unknown.example\r\nTo: support@accord.localhost\r\nSubject: Still waiting\r\n\r\nAny news?\r\n', 'late@unknown.example');
    await h.desk.t.db.query("UPDATE inbound_messages SET status = 'quarantined', error = 'database unreachable', outcome = 'Quarantined: processing failed; an admin can read it and retry' WHERE id = $1", [id]);
    const page = main((await (await h.session(h.admin, 'agent')).get(`/admin/email/inbound/${id}`)).body);
    assert.match(page, /<h1>Still waiting<\/h1>/);
    assert.match(page, /<dt>Status<\/dt><dd>Quarantined: processing failed<\/dd>/);
    assert.match(page, /<dt>What went wrong<\/dt><dd>database unreachable<\/dd>/);
    assert.match(page, /<dt>Date<\/dt><dd>None given<\/dd>/);
    assert.match(page, /<div class="body">Any news\?<\/div>/);
  });

  it('is for admins only; an unknown message is not found', async () => {
    const id = await held(HELD.replace('export-1@', 'export-2@'), 'nora@unknown.example');
    for (const who of [h.agent, h.manager]) assert.equal((await (await h.session(who, 'agent')).get(`/admin/email/inbound/${id}`)).statusCode, 403);
    assert.equal((await (await h.session(h.contactA, 'contact')).get(`/admin/email/inbound/${id}`)).statusCode, 403);
    assert.equal((await (await h.session(h.admin, 'agent')).get('/admin/email/inbound/7d0c3a52-2b4c-4f5e-9a61-0c1f2e3d4b5a')).statusCode, 404);
  });

  it('an action taken on the message page answers there, and so does its refusal', async () => {
    const id = await held(HELD.replace('export-1@', 'export-3@'), 'nora@unknown.example');
    const a = await h.session(h.admin, 'agent');
    const done = await a.post(`/admin/email/inbound/${id}/dismiss`, { reason: 'duplicate', back: 'message' });
    assert.equal(done.headers.location, `/admin/email/inbound/${id}?done=1`);
    assert.match(main((await a.get(`/admin/email/inbound/${id}?done=1`)).body), /Saved\.[\s\S]*<dt>Status<\/dt><dd>Dismissed<\/dd>[\s\S]*<dt>Why<\/dt><dd>Dismissed by admin@vendor\.example: duplicate\. Before: Held for review/);
    const again = await a.post(`/admin/email/inbound/${id}/dismiss`, { back: 'message' });
    assert.equal(again.statusCode, 409);
    assert.match(errorBox(main(again.body), `inbound-${id}`), /<p>a dismissed message is not dismissed; only quarantined, held or ignored ones are<\/p>/);
    assert.match(main(again.body), /<h1>Export fails<\/h1>/);
  });

  it('says a rotation\'s hand-over days and turns in words', async () => {
    await createRotation({
      ctx: h.desk.system,
      input: { name: 'Midweek', timeZone: 'Europe/London', handoverTime: '09:00', cadence: 'weekly', handoverWeekday: 'wed', startDate: '2026-11-30', members: [h.agent.id] },
    });
    await createRotation({ ctx: h.desk.system, input: { name: 'Nightly', timeZone: 'UTC', handoverTime: '18:00', cadence: 'daily', startDate: '2026-12-01', members: [h.agent.id] } });
    const page = main((await (await h.session(h.admin, 'agent')).get('/admin/oncall')).body);
    assert.match(page, /Weekly: each member in turn holds it from Wednesday 09:00 to the next Wednesday 09:00 \(Europe\/London\), starting Monday 30 November 2026\./);
    assert.match(page, /Daily: each member in turn holds it from 18:00 to 18:00 the next day \(UTC\), starting Tuesday 1 December 2026\./);
    assert.match(page, /<option value="mon">Monday<\/option>/);
    assert.doesNotMatch(page, /weekly hand-over|>wed<|on wed /);
  });

  it('deletes a rotation or a webhook only once "Yes, delete" is ticked', async () => {
    const rotation = await createRotation({ ctx: h.desk.system, input: { name: 'Weekend cover', timeZone: 'UTC', handoverTime: '09:00', cadence: 'daily', startDate: '2026-12-01', members: [h.agent.id] } });
    const hook = await createWebhook({ ctx: h.desk.system, input: { url: 'https://hooks.example.com/desk', events: ['*'] }, settings: { allowPrivate: false } });
    const a = await h.session(h.admin, 'agent');
    const count = async (table: string, id: string) => Number((await h.desk.t.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE id = $1`, [id])).rows[0].n);
    for (const [kind, url, table, id] of [['rotation', `/admin/oncall/${rotation.id}/delete`, 'oncall_rotations', rotation.id], ['webhook', `/admin/webhooks/${hook.id}/delete`, 'webhook_endpoints', hook.id]]) {
      const refused = await a.post(url, {});
      assert.equal(refused.statusCode, 400, kind);
      const box = errorBox(main(refused.body), `${kind}-${id}`);
      assert.match(box, new RegExp(`<p>Nothing was deleted: tick &quot;Yes, delete this ${kind}&quot; to delete it</p>`));
      assert.match(box, new RegExp(`<li><strong>Yes, delete this ${kind}</strong> is not ticked</li>`));
      assert.equal(await count(table, id), 1, `the ${kind} is still there`);
      const deleted = await a.post(url, { confirm: 'on' });
      assert.equal(deleted.statusCode, 303, kind);
      assert.match(main((await a.get(deleted.headers.location as string)).body), /Deleted\./);
      assert.equal(await count(table, id), 0, `the ${kind} is gone`);
    }
  });

  it('revokes an API token only once "Yes, revoke this token" is ticked', async () => {
    const token = await createApiToken({ ctx: h.desk.system, input: { agentId: h.agent.id, name: 'CRM sync' } });
    const a = await h.session(h.admin, 'agent');
    const revokedAt = async () => (await h.desk.t.db.query<{ revoked_at: Date | null }>('SELECT revoked_at FROM api_tokens WHERE id = $1', [token.id])).rows[0].revoked_at;
    assert.match(main((await a.get('/admin/tokens')).body), new RegExp(`action="/admin/tokens/${token.id}/revoke" class="inline"><input type="hidden" name="_csrf" value="[^"]+"><label><input type="checkbox" name="confirm" required> Yes, revoke this token</label> <button type="submit" class="danger">Revoke</button>`));
    const refused = await a.post(`/admin/tokens/${token.id}/revoke`, {});
    assert.equal(refused.statusCode, 400);
    const box = errorBox(main(refused.body), `token-${token.id}`);
    assert.match(box, /<p>Nothing was revoked: tick &quot;Yes, revoke this token&quot; to revoke it<\/p>/);
    assert.match(box, /<li><strong>Yes, revoke this token<\/strong> is not ticked<\/li>/);
    assert.equal(await revokedAt(), null, 'the token still works');
    assert.equal((await a.post(`/admin/tokens/${token.id}/revoke`, { confirm: 'on' })).statusCode, 303);
    assert.notEqual(await revokedAt(), null, 'the token is revoked');

    // With no token at all (the last test of this file: the desk's own are removed), the page says so, not an empty table.
    await h.desk.t.db.query('DELETE FROM api_tokens');
    const none = main((await a.get('/admin/tokens')).body);
    assert.match(none, /<p id="tokens-none">No API tokens yet\. A token lets a script or another system use Accord&rsquo;s API as the person it is for; create one above\.<\/p>/);
    assert.doesNotMatch(none, /<caption class="visually-hidden">API tokens<\/caption>/);
  });
});
