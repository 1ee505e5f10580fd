// OfficeSpace: "customers are usually notified via email and/or at support.officespacesoftware.com".
// Every contact of every customer is mailed a scheduled outage, subscribed or not; none of them asked
// for it, so each such mail carries the contact's own link to stop it: in the text, the HTML part
// and List-Unsubscribe (RFC 8058 one-click). Its page stops the mail with one button (a GET changes
// nothing: mail scanners follow links) and starts it again; a stopped contact is passed over, the
// others still mailed. A link cut short is a 404 page saying what to do.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fanOutPending, scheduleMaintenance } from '../../src/status/index.ts';
import { openTicketApp, type TicketApp } from '../http/ticket-app.ts';
import { outbox } from './helpers.ts';

const LINKS = { baseUrl: 'https://desk.example', batchSize: 500 };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const HTML = { accept: 'text/html,application/xhtml+xml' };

describe("a customer contact stops the scheduled-outage mail (OfficeSpace)", () => {
  let h: TicketApp;
  let a: string, b: string;
  before(async () => {
    h = await openTicketApp('officespace', 'standard'); // the desk's clock: Wed 2 Dec 2026 10:00 UTC
    const emailOf = async (id: string) => (await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [id])).rows[0].email;
    a = await emailOf(h.contactA.id);
    b = await emailOf(h.contactB.id);
  });
  after(() => h.close());

  let outages = 0;
  /** Schedules an outage on a coming Saturday and fans it out; the notices mailed for it, by recipient. */
  const schedule = async () => {
    const day = 5 + 7 * outages++; // Sat 5 Dec, Sat 12 Dec, ...
    const at = `2026-12-${String(day).padStart(2, '0')}`;
    await scheduleMaintenance({
      ctx: h.desk.ctx(h.desk.agent),
      input: { name: `Upgrade ${outages}`, body: 'The service will be down for an upgrade.', scheduledFor: `${at}T14:00:00Z`, scheduledUntil: `${at}T16:00:00Z` },
    });
    await fanOutPending(h.desk.system, LINKS);
    const mail = (await outbox(h.desk.t.db, 'status_notice')).filter((m) => m.subject.endsWith(`Upgrade ${outages}`));
    return new Map(mail.map((m) => [m.recipient, m]));
  };
  const page = (method: 'GET' | 'POST', url: string, payload?: string) =>
    h.app.inject({ method, url, headers: payload === undefined ? HTML : { ...HTML, ...FORM }, ...(payload === undefined ? {} : { payload }) });

  let path = '';
  it('each notice carries the contact\'s own link: in the text, the HTML part and List-Unsubscribe', async () => {
    const mail = await schedule();
    assert.deepEqual([...mail.keys()].sort(), [a, b].sort());
    const toA = mail.get(a)!;
    // The notice as before, then the link: "--", who it is sent to, and the line that stops it.
    const m = /\n--\nSent to the contacts of OfficeSpace Software's customers\.\nStop mailing me these notices: https:\/\/desk\.example(\/status\/notices\/([A-Za-z0-9_-]+))\n$/.exec(toA.body);
    assert.ok(m, toA.body);
    path = m[1];
    assert.deepEqual(toA.payload.headers, {
      'List-Unsubscribe': `<https://desk.example${path}/stop>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    assert.match(toA.payload.html, new RegExp(`<a href="https://desk\\.example${path}">Stop mailing me these notices</a></p>`));
    assert.doesNotMatch(toA.payload.html, /Unsubscribe now/);
    // B's link is B's own.
    assert.ok(mail.get(b)!.body.includes('/status/notices/'));
    assert.ok(!mail.get(b)!.body.includes(path));
  });

  it('the link\'s page names the address and changes nothing until its button is pressed', async () => {
    const res = await page('GET', path);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Notices of Scheduled Outages<\/h1>/);
    assert.ok(res.body.includes(`<p>${a} is among the contacts of OfficeSpace Software&#39;s customers mailed notices of Scheduled Outages.</p>`), res.body);
    assert.match(res.body, new RegExp(`<form method="post" action="${path}/stop">\\s*<p><button type="submit">Stop mailing them to me</button>`));
    const { rows } = await h.desk.t.db.query('SELECT 1 FROM customer_notice_links WHERE stopped_at IS NOT NULL');
    assert.equal(rows.length, 0);
  });

  it('the one-click post stops it, once (audited); the next outage is mailed to the others only', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await page('POST', `${path}/stop`, 'List-Unsubscribe=One-Click');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<h1>Stopped<\/h1>/);
      assert.ok(res.body.includes(`<p>No more notices of Scheduled Outages are mailed to ${a}. They are still posted on the status page.</p>`), res.body);
    }
    const { rows } = await h.desk.t.db.query<{ subject_id: string }>("SELECT subject_id FROM audit_events WHERE type = 'contact.outage_mail_stopped'");
    assert.deepEqual(rows.map((r) => r.subject_id), [h.contactA.id]);
    assert.match((await page('GET', path)).body, /<h1>These notices are stopped<\/h1>[\s\S]*<button type="submit">Mail them to me again<\/button>/);
    assert.deepEqual([...(await schedule()).keys()], [b]);
  });

  it('started again, the contact is mailed the next outage', async () => {
    const res = await page('POST', `${path}/resume`, '');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Mailed again<\/h1>/);
    assert.deepEqual([...(await schedule()).keys()].sort(), [a, b].sort());
  });

  it('a link cut short is a 404 page saying what to do, never a 400; an API client gets the envelope', async () => {
    const cut = path.slice(0, -20);
    for (const [method, url] of [['GET', cut], ['POST', `${cut}/stop`], ['POST', `${cut}/resume`]] as const) {
      const res = await page(method, url, method === 'POST' ? '' : undefined);
      assert.equal(res.statusCode, 404, `${method} ${url}`);
      assert.match(res.body, /<h1>This link does not work<\/h1>\s*<p>This link to stop the notices is incomplete or no longer valid\.<\/p>/);
      assert.match(res.body, /<p>The next notice mailed to you brings the link again\.<\/p>/);
    }
    const api = await h.app.inject({ method: 'POST', url: `${cut}/stop`, headers: FORM, payload: 'List-Unsubscribe=One-Click' });
    assert.deepEqual([api.statusCode, api.json().code], [404, 'not_found']);
  });
});
