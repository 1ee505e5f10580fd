// The admin's pages over the verbs: the policy editor (a problem at its line, preview, diff,
// activation), the clock simulator, the SLA reports with their CSV export (cells a spreadsheet would
// run neutralised), and the admin email page. Expected values are worked out from the OpenBack
// policy by hand.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { examplePolicySource } from '../support/desk.ts';
import { openTicket } from '../http/ticket-app.ts';
import { csvCell, toCsv } from '../../src/web/csv.ts';
import { storeInbound } from '../../src/email/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('policy editor and reports', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp();
  });
  after(() => h.close());

  it('shows a policy problem at its line, previews and diffs a valid one, and activates it', async () => {
    const admin = await h.session(h.admin, 'agent');
    const source = examplePolicySource('openback');
    const lines = source.split('\n');
    const at = lines.findIndex((l) => l.startsWith('vendor:'));
    const broken = [...lines.slice(0, at), 'vendorr:', ...lines.slice(at + 1)].join('\n');
    const bad = await admin.post('/admin/policy/preview', { source: broken });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.body.includes(`<li value="${at + 1}" id="line-${at + 1}" class="problem-line"><code>vendorr:</code>`));
    assert.ok(bad.body.includes(`<a href="#line-${at + 1}">line ${at + 1}, column 1</a>: vendorr: unknown key &quot;vendorr&quot;`));
    const fixed = source.replace('title: OpenBack', 'title: OpenBack (revised)');
    assert.notEqual(fixed, source);
    const good = await admin.post('/admin/policy/preview', { source: fixed.replaceAll('\n', '\r\n') });
    assert.equal(good.statusCode, 200);
    assert.match(good.body, /<span class="del">- .*title: OpenBack/);
    assert.match(good.body, /<span class="add">\+ .*title: OpenBack \(revised\)/);
    assert.equal((good.body.match(/<span class="(add|del)">/g) ?? []).length, 2);
    assert.match(good.body, /Preview of the published policy/);
    const activated = await admin.post('/admin/policy/activate', { source: fixed });
    assert.equal(activated.headers.location, '/admin/policy?done=activated');
    assert.match((await h.app.inject({ method: 'GET', url: '/policy' })).body, /OpenBack \(revised\)/);
    // OpenBack names no holiday ("certain observed UK or US holidays"): none is listed.
    assert.doesNotMatch((await h.app.inject({ method: 'GET', url: '/policy' })).body, /Closed on these holidays/);
    // Its days listed: in December next year's holidays are published too (this year's are nearly all past).
    const listed = fixed.replaceAll('      published: false\n', '');
    assert.notEqual(listed, fixed);
    assert.equal((await admin.post('/admin/policy/activate', { source: listed })).headers.location, '/admin/policy?done=activated');
    assert.match((await h.app.inject({ method: 'GET', url: '/policy' })).body, /Closed on these holidays in 2026:[\s\S]*Closed on these holidays in 2027:/);
  });

  it('simulates clocks from a form', async () => {
    const admin = await h.session(h.admin, 'agent');
    const res = await admin.post('/admin/policy/simulate', { plan: 'enterprise', severity: '2', opened: '2026-12-02T10:00', channel: '' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<th scope="row">First response<\/th><td>2026-12-03 13:00 UTC/);
    // Where it opened is said once, in the target's "Why", not again as a hint under the table.
    assert.equal(res.body.match(/within the support hours of plan/g)?.length, 1);
    const bad = await admin.post('/admin/policy/simulate', { plan: 'nope', severity: '2', opened: 'yesterday' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /<strong>Plan<\/strong> must be one of this policy&#39;s plans: Growth, Pro, Enterprise/);
    assert.match(bad.body, /<strong>Opened<\/strong> must be a date and time between 1970 and 2200/);
    // In London's summer time (UTC+1): opened 10:00 BST is 09:00 UTC, and Enterprise's critical
    // first response (1 hour, round the clock) is due at 10:00 UTC.
    const zoned = await admin.post('/admin/policy/simulate', { plan: 'enterprise', severity: '1', opened: '2026-07-01T10:00', zone: 'Europe/London', channel: '' });
    assert.match(zoned.body, /<th scope="row">First response<\/th><td>2026-07-01 10:00 UTC/);
    // Named as the policy names the zone: OpenBack's "GMT", kept as UK time (zone-words.ts).
    assert.match(zoned.body, /<option value="Europe\/London" selected>GMT \(Europe\/London, BST in summer\)<\/option>/);
  });

  it('reports attainment per metric with one met and one breached first response: 50%', async () => {
    const met = (await openTicket(h, h.contactA, { subject: 'Answered in time', severity: 2 })).id;
    const late = (await openTicket(h, h.contactB, { subject: '=HYPERLINK("https://evil.example","click")', severity: 2 })).id;
    // Tagged by the team: both "checkout", the late one "vip" too (OpenBack's S2 has one clock, first response).
    for (const [id, tags] of [[met, ['checkout']], [late, ['checkout', 'vip']]] as const) {
      assert.equal((await h.as(h.agent.token, { method: 'PUT', url: `/api/v1/tickets/${id}/tags`, payload: { tags } })).statusCode, 200);
    }
    const a = await h.session(h.agent, 'agent');
    await a.post(`/agent/tickets/${met}/reply`, { body: 'On it' });
    // Both first responses were due Thu 3 Dec 13:00 UTC; three days later the unanswered one is past it.
    h.desk.clock.advance({ hours: 72 });
    const m = await h.session(h.manager, 'agent');
    const page = await m.get('/reports?from=2026-11-30&to=2026-12-06');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<th scope="row">First response<\/th><td>1<\/td><td>1<\/td><td>0<\/td><td>50.0%<\/td>/);
    assert.match(page.body, /<svg class="chart"[\s\S]*?<title id="chart-by-metric-t">By metric: attainment by period<\/title>/);
    assert.match(page.body, /<th scope="row">checkout<\/th><td>1<\/td><td>1<\/td><td>0<\/td><td>50.0%<\/td>/);
    assert.match(page.body, /<th scope="row">vip<\/th><td>0<\/td><td>1<\/td><td>0<\/td><td>0.0%<\/td>/);
    // How long it took: the one met, answered the moment it opened; the one never answered is not timed.
    assert.match(page.body, /<table id="times-taken">[\s\S]*<tr><th scope="row">First response<\/th><td>Enterprise<\/td><td>1<\/td><td>0 min<\/td><td>0 min<\/td><\/tr><\/tbody>/);
    const csv = await m.get('/reports/attainment.csv?from=2026-11-30&to=2026-12-06');
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(String(csv.headers['content-disposition']), /^attachment; filename="sla-attainment-2026-11-30-2026-12-06.csv"$/);
    assert.ok(csv.body.includes('\r\n2026-11-30,first_response,enterprise,2,1,1,0,50.0,Enterprise\r\n'));
    const breaches = await m.get('/reports/breaches.csv?from=2026-11-30&to=2026-12-06');
    const line = breaches.body.split('\r\n').find((l) => l.includes('HYPERLINK'))!;
    assert.match(line, /^\d+,"'=HYPERLINK\(""https:\/\/evil.example"",""click""\)",Org \d+,enterprise,2,first_response,2026-12-03T13:00:00Z,,Enterprise$/);
  });
});

describe('admin email page', () => {
  // Its own desk: the ticket the retried mail opens must not count in the reports above.
  let h: WebApp;
  before(async () => {
    h = await openWebApp();
  });
  after(() => h.close());

  it('shows admins inbound mail and processes a held message again', async () => {
    const admin = await h.session(h.admin, 'agent');
    // A message from a contact that was held (say, while the contact was missing): processed
    // again, it becomes a ticket of that contact.
    const { rows: [{ email }] } = await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactA.id]);
    const raw = Buffer.from(`From: ${email}\r\nTo: support@accord.localhost\r\nSubject: Held <b>then</b> retried\r\nMessage-ID: <held-1@example.com>\r\n\r\nPlease help\r\n`);
    const id = (await storeInbound(h.desk.t.db, h.desk.clock, raw, { source: 'smtp', envelopeFrom: email, envelopeTo: [] }))!;
    // As processing leaves a held message: its sender and subject read from the headers.
    await h.desk.t.db.query("UPDATE inbound_messages SET status = 'held', from_address = $2, subject = 'Held <b>then</b> retried' WHERE id = $1", [id, email]);
    const page = main((await admin.get('/admin/email')).body);
    assert.match(page, /support@accord\.localhost/);
    assert.match(page, /Held &lt;b&gt;then&lt;\/b&gt; retried/);
    assert.match(page, new RegExp(`/admin/email/inbound/${id}/retry`));
    const retried = await admin.post(`/admin/email/inbound/${id}/retry`, {});
    assert.equal(retried.statusCode, 303);
    const { rows } = await h.desk.t.db.query<{ status: string; ticket_id: string | null }>('SELECT status, ticket_id FROM inbound_messages WHERE id = $1', [id]);
    assert.equal(rows[0].status, 'created');
    assert.ok(rows[0].ticket_id);
    // Done: no second retry is offered, and asking anyway is refused with the page, not a 5xx.
    assert.doesNotMatch(main((await admin.get('/admin/email')).body), new RegExp(`/admin/email/inbound/${id}/retry`));
    assert.equal((await admin.post(`/admin/email/inbound/${id}/retry`, {})).statusCode, 409);
    const front = await h.session(h.agent, 'agent');
    assert.equal((await front.get('/admin/email')).statusCode, 403);
  });
});

describe('CSV cells', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    assert.equal(csvCell('=1+1'), "'=1+1");
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-1'), "'-1");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\tx'), "'\tx");
    assert.equal(csvCell('\r=1'), '"\'\r=1"');
    assert.equal(csvCell('=cmd|" /C calc"!A0'), '"\'=cmd|"" /C calc""!A0"');
    assert.equal(csvCell('a, b'), '"a, b"');
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell(42), '42');
    assert.equal(csvCell(null), '');
    assert.equal(toCsv(['a', 'b'], [['=x', 'y']]), "a,b\r\n'=x,y\r\n");
  });
});
