// The status routes over HTTP on OpenMethods: every route as every actor (the access rows, where
// the page exists), the pages without JavaScript, the feeds parsed by real parsers, the
// subscription flow end to end, tickets linked to an incident. What they refuse and limit (an
// expired confirmation link, generated input, the subscribe rate limit): route-limits.test.ts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DOMParser, type Element } from '@xmldom/xmldom';
import ICAL from 'ical.js';
import { fanOutPending } from '../../src/status/index.ts';
import { ACTORS, type ActorName } from '../http/access/matrix-kit.ts';
import { statusRows } from '../http/access/status-rows.ts';
import { openTicket, openTicketApp, type TicketApp } from '../http/ticket-app.ts';
import { outbox } from './helpers.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('status routes (OpenMethods)', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('openmethods', 'premium');
  });
  after(() => h.close());

  const tokenOf = (actor: ActorName): string | null =>
    ({
      anonymous: null, contactA: h.contactA.token, contactB: h.contactB.token, front_line: h.agent.token, escalation: h.escalation.token,
      manager: h.manager.token, admin: h.admin.token, revoked: h.revokedToken, expired: h.expiredToken,
    })[actor];

  it('answers every status route as the access rows say, as every actor, where the page exists', async () => {
    const ticketA = (await openTicket(h, h.contactA, { severity: 3 })).id;
    let n = 0;
    const rows = statusRows({ h, ticketA, unique: (label) => `${label}-${++n}` }, true);
    const wrong: string[] = [];
    for (const actor of ACTORS) {
      for (const row of rows) {
        const request = await row.request(actor);
        const token = tokenOf(actor);
        const res = await h.app.inject({ ...request, headers: { ...(request.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) } });
        if (res.statusCode !== row.expect[actor]) wrong.push(`${actor} ${row.method} ${row.url}: ${res.statusCode} (expected ${row.expect[actor]}) ${res.body.slice(0, 160)}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('the page works without JavaScript: one script, self-hosted, a strict CSP, labelled form, lang and landmarks', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/status' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/html; charset=utf-8$/);
    assert.match(res.headers['content-security-policy'] as string, /script-src 'self'/);
    const page = res.body;
    assert.match(page, /^<!doctype html>\n<html lang="en">/);
    assert.deepEqual([...page.matchAll(/<script[^>]*>/g)].map((m) => m[0]), ['<script src="/status/assets/local-time.js" defer>']);
    assert.match(page, /<form method="post" action="\/status\/subscribe">/);
    assert.match(page, /<label for="email">Email address<\/label>/);
    assert.match(page, /<main id="main">/);
    assert.match(page, /<h2 id="components">Components<\/h2>/);
    // 90 bars per component, each a day with a title for sighted users; the list is one labelled image.
    const bars = [...page.matchAll(/<ol class="bars" role="img" aria-label="([^"]+)">([\s\S]*?)<\/ol>/g)];
    assert.equal(bars.length, 4);
    assert.equal([...bars[0][2].matchAll(/<li class="day day-/g)].length, 90);
    assert.match(bars[0][1], /^Media bar: 100\.00% uptime over 90 days$/);
    const js = await h.app.inject({ method: 'GET', url: '/status/assets/local-time.js' });
    assert.match(js.headers['content-type'] as string, /^text\/javascript/);
  });

  it('shows an incident, its timeline and postmortem; escapes what agents write', async () => {
    const created = await h.as(h.agent.token, {
      method: 'POST', url: '/api/v1/status/incidents',
      payload: { name: 'Media bar <b>down</b>', body: 'Investigating <script>x</script>', impact: 'critical', components: [{ id: 'media-bar', status: 'major_outage' }] },
    });
    assert.equal(created.statusCode, 201);
    const id = created.json().id;
    h.desk.clock.advance({ minutes: 30 });
    assert.equal((await h.as(h.agent.token, { method: 'POST', url: `/api/v1/status/incidents/${id}/updates`, payload: { status: 'resolved', body: 'Back.' } })).statusCode, 201);
    h.desk.clock.advance({ hours: 2 });
    assert.equal((await h.as(h.agent.token, { method: 'PUT', url: `/api/v1/status/incidents/${id}/postmortem`, payload: { body: 'A certificate expired.\n\nWe now renew early.' } })).statusCode, 200);
    const page = (await h.app.inject({ method: 'GET', url: `/status/incidents/${id}` })).body;
    assert.match(page, /<h1>Media bar &lt;b&gt;down&lt;\/b&gt;<\/h1>/);
    assert.doesNotMatch(page, /<script>x<\/script>/);
    assert.match(page, /Impact: Critical\./, 'the impact as a word, not its code');
    assert.match(page, /<h2 id="postmortem">Postmortem<\/h2>\s*<p>A certificate expired\.<\/p><p>We now renew early\.<\/p>/);
    const headings = [...page.matchAll(/<h3>(\w+) <span class="when"><time datetime="([^"]+)">([^<]+)<\/time>/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    // The times in the zone OpenMethods states ("6am-4pm U.S. Eastern Standard Time"), five hours
    // behind UTC in December, named as that zone's time is named then (EST).
    assert.deepEqual(headings, ['Resolved 2026-12-02T10:30:00Z Wed Dec 2 2026 05:30 AM EST', 'Investigating 2026-12-02T10:00:00Z Wed Dec 2 2026 05:00 AM EST']);
    // Each time carries its own label (EST, or EDT in summer): the footer names the zone, not "Standard Time".
    assert.match(page, /<span class="zone-note">Times are shown in the America\/New_York time zone\.<\/span>/);
    // The uptime bar of today shows the 30-minute major outage.
    const index = (await h.app.inject({ method: 'GET', url: '/status' })).body;
    assert.match(index, /title="2026-12-02: [\d.]+%, 30 min major outage"/);
    assert.equal((await h.app.inject({ method: 'GET', url: '/status/incidents/00000000-0000-4000-8000-00000000dead' })).statusCode, 404);
    // A browser following a link cut short or mistyped: the status page's own "not found", with the way back.
    for (const url of ['/status/incidents/00000000-0000-4000-8000-00000000dead', `/status/incidents/${id.slice(0, 20)}`]) {
      const lost = await h.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      assert.equal(lost.statusCode, 404, url);
      assert.match(lost.body, /<h1>Not found<\/h1>/);
      assert.match(lost.body, /<a href="\/status">Back to the status page<\/a>/);
      assert.doesNotMatch(lost.body, /uuid|params/);
    }
    const history = await h.app.inject({ method: 'GET', url: '/status/history?month=2026-13' });
    assert.equal(history.statusCode, 400);
    assert.match(history.body, /month/);
  });

  it('the Atom feed is well-formed Atom: namespace, feed and entry ids, titles, updated times, links', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/status/feed.atom' });
    assert.match(res.headers['content-type'] as string, /^application\/atom\+xml/);
    const doc = new DOMParser().parseFromString(res.body, 'application/xml');
    const feed = doc.documentElement!;
    const ATOM = 'http://www.w3.org/2005/Atom';
    assert.equal(feed.namespaceURI, ATOM);
    assert.equal(feed.localName, 'feed');
    const children = (el: Element, name: string): Element[] =>
      Array.from(el.childNodes as unknown as ArrayLike<Element>).filter((n) => n.nodeType === 1 && n.localName === name);
    const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
    for (const name of ['id', 'title', 'updated']) assert.equal(children(feed, name).length, 1, `feed has one ${name}`);
    assert.match(children(feed, 'updated')[0].textContent!, RFC3339);
    assert.equal(children(feed, 'author').length, 1, 'a feed-level author covers every entry');
    assert.equal(children(feed, 'link').find((l) => l.getAttribute('rel') === 'self')?.getAttribute('href'), 'http://127.0.0.1:3000/status/feed.atom');
    const entries = children(feed, 'entry');
    assert.ok(entries.length >= 2);
    const ids = new Set<string>();
    for (const e of entries) {
      for (const name of ['id', 'title', 'updated']) assert.equal(children(e, name).length, 1, `entry has one ${name}`);
      assert.match(children(e, 'id')[0].textContent!, /^urn:uuid:[0-9a-f-]{36}$/);
      assert.match(children(e, 'updated')[0].textContent!, RFC3339);
      assert.equal(children(e, 'link')[0].getAttribute('rel'), 'alternate');
      ids.add(children(e, 'id')[0].textContent!);
    }
    assert.equal(ids.size, entries.length, 'entry ids are unique');
    assert.ok(entries.some((e) => children(e, 'title')[0].textContent === 'Incident (Postmortem): Media bar <b>down</b>'));
  });

  it('the Atom feed carries the 50 entries changed last: an update to an older incident puts it first, ahead of 55 newer ones', async () => {
    const create = async (name: string): Promise<string> => {
      const res = await h.as(h.agent.token, { method: 'POST', url: '/api/v1/status/incidents', payload: { name, body: 'Investigating.' } });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id;
    };
    const older = await create('Older incident');
    h.desk.clock.advance({ minutes: 1 });
    for (let i = 0; i < 55; i++) await create(`Newer incident ${i}`);
    h.desk.clock.advance({ minutes: 1 });
    assert.equal((await h.as(h.agent.token, { method: 'POST', url: `/api/v1/status/incidents/${older}/updates`, payload: { status: 'identified', body: 'Found it.' } })).statusCode, 201);
    const doc = new DOMParser().parseFromString((await h.app.inject({ method: 'GET', url: '/status/feed.atom' })).body, 'application/xml');
    const entries = Array.from(doc.getElementsByTagName('entry') as unknown as ArrayLike<Element>);
    assert.equal(entries.length, 50);
    const text = (e: Element, name: string) => e.getElementsByTagName(name)[0].textContent;
    assert.equal(text(entries[0], 'id'), `urn:uuid:${older}`);
    assert.equal(text(entries[0], 'title'), 'Incident (Identified): Older incident');
    // The other 49 are newer incidents, in order of last change (all at one instant here).
    assert.ok(entries.slice(1).every((e) => /^Incident \(Investigating\): Newer incident \d+$/.test(text(e, 'title')!)));
    // The page's own list of past incidents stays by creation (the newest first).
    const past = (await h.as(h.agent.token, { method: 'GET', url: '/api/v2/incidents.json' })).json().incidents as { name: string }[];
    assert.equal(past.length, 50);
    assert.ok(!past.some((i) => i.name === 'Older incident'));
    // The policy promises subscribers every one of these: send them all, so none waits for the tests below.
    while (await fanOutPending(h.desk.system, { baseUrl: 'http://127.0.0.1:3000', batchSize: 500 }) > 0);
  });

  it('the iCalendar feed parses with ical.js: one event per maintenance at its UTC times, described in the page\'s zone; rescheduling bumps SEQUENCE', async () => {
    const created = await h.as(h.manager.token, {
      method: 'POST', url: '/api/v1/status/maintenances',
      payload: { name: 'Routing upgrade; phase 1, part 2', body: 'Chat and email pause.', scheduled_for: '2026-12-12T03:00:00Z', scheduled_until: '2026-12-12T05:30:00Z', components: ['chat-routing', 'email-routing'] },
    });
    assert.equal(created.statusCode, 201);
    const id = created.json().id;
    h.desk.clock.advance({ minutes: 1 });
    const moved = await h.as(h.manager.token, { method: 'PATCH', url: `/api/v1/status/maintenances/${id}`, payload: { scheduled_for: '2026-12-13T03:00:00Z', scheduled_until: '2026-12-13T05:30:00Z' } });
    assert.equal(moved.statusCode, 200);
    const res = await h.app.inject({ method: 'GET', url: '/status/maintenance.ics' });
    assert.match(res.headers['content-type'] as string, /^text\/calendar/);
    assert.ok(res.body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75), 'lines folded at 75 octets');
    const calendar = new ICAL.Component(ICAL.parse(res.body));
    assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
    const event = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)).find((e) => e.uid.startsWith(id))!;
    assert.equal(event.summary, 'Maintenance: Routing upgrade; phase 1, part 2');
    assert.equal(event.startDate.toJSDate().toISOString(), '2026-12-13T03:00:00.000Z');
    assert.equal(event.endDate.toJSDate().toISOString(), '2026-12-13T05:30:00.000Z');
    assert.equal(event.sequence, 1);
    // The text a person reads gives the times as the page does: 03:00-05:30 UTC on 13 December is
    // Saturday 12 December 22:00 to Sunday 13 December 00:30 EST.
    assert.match(event.description, /^Scheduled for Sat Dec 12 2026, 10:00 PM to Sun Dec 13 2026, 12:30 AM EST\n/);
  });

  it('refuses maintenance that would begin in the past with a 400 naming scheduled_for', async () => {
    const now = h.desk.clock.now();
    const res = await h.as(h.agent.token, {
      method: 'POST', url: '/api/v1/status/maintenances',
      payload: { name: 'Too late', body: 'x', scheduled_for: now.subtract({ minutes: 2 }).toString(), scheduled_until: now.add({ hours: 1 }).toString() },
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json().details.map((d: { path: string }) => d.path), ['scheduled_for']);
  });

  it('subscription end to end: form post, same answer for any address, confirm page and POST, manage, RFC 8058 one-click unsubscribe', async () => {
    const post = (email: string) => h.app.inject({ method: 'POST', url: '/status/subscribe', headers: FORM, payload: `email=${encodeURIComponent(email)}&components=chat-routing&components=media-bar` });
    const first = await post('Flow@Customer.example');
    assert.equal(first.statusCode, 202);
    assert.match(first.body, /If the address can receive mail, a confirmation link is on its way; it works for 48 hours\./);
    const [mail] = (await outbox(h.desk.t.db, 'status_confirm')).filter((m) => m.recipient === 'flow@customer.example');
    const confirmPath = /http:\/\/127\.0\.0\.1:3000(\/status\/confirm\/[A-Za-z0-9_-]+)/.exec(mail.body)![1];
    // The link shows a button; following it (as a mail scanner does) confirms nothing.
    const shown = await h.app.inject({ method: 'GET', url: confirmPath });
    assert.match(shown.body, new RegExp(`<form method="post" action="${confirmPath}">`));
    assert.deepEqual(await outbox(h.desk.t.db, 'status_confirm').then((m) => m.filter((x) => x.recipient === 'flow@customer.example').length), 1);
    // The answer is the same for a known address as for a new one; a second request sends a new link that replaces the first
    // (a minute later, so the outbox's order by time tells the two links apart).
    h.desk.clock.advance({ minutes: 1 });
    const answers = [];
    for (const email of ['flow@customer.example', 'stranger@customer.example']) {
      const res = await h.app.inject({ method: 'POST', url: '/status/subscribe', payload: { email, components: ['chat-routing', 'media-bar'] } });
      answers.push([res.statusCode, res.body]);
    }
    assert.deepEqual(answers[0], answers[1]);
    assert.equal((await h.app.inject({ method: 'POST', url: confirmPath })).statusCode, 404, 'the replaced link');
    const latest = (await outbox(h.desk.t.db, 'status_confirm')).filter((m) => m.recipient === 'flow@customer.example').at(-1)!;
    const latestPath = /(\/status\/confirm\/[A-Za-z0-9_-]+)/.exec(latest.body)![1];
    const confirmed = await h.app.inject({ method: 'POST', url: latestPath });
    assert.equal(confirmed.statusCode, 200);
    const managePath = /<a href="(\/status\/subscription\/[A-Za-z0-9_-]+)">Choose components or unsubscribe<\/a>/.exec(confirmed.body)![1];
    const again = await h.app.inject({ method: 'POST', url: latestPath });
    assert.equal(again.statusCode, 200, 'a confirmation link confirms once; used again, it says so');
    assert.match(again.body, /<h1>Already confirmed<\/h1>/);
    // Once confirmed, asking again sends the manage link and the same answer.
    const known = await h.app.inject({ method: 'POST', url: '/status/subscribe', payload: { email: 'flow@customer.example' } });
    assert.deepEqual([known.statusCode, known.body], answers[1]);
    const manage = await h.app.inject({ method: 'GET', url: managePath });
    assert.match(manage.body, /flow@customer\.example: subscribed/);
    assert.match(manage.body, /value="chat-routing" id="c-chat-routing" checked>/);
    assert.match(manage.body, /value="email-routing" id="c-email-routing">/);
    const saved = await h.app.inject({ method: 'POST', url: managePath, headers: FORM, payload: 'components=email-routing' });
    assert.match(saved.body, /value="email-routing" id="c-email-routing" checked>/);
    // One-click: the mail client POSTs List-Unsubscribe=One-Click to the header's URL.
    const token = managePath.split('/').at(-1)!;
    const oneClick = await h.app.inject({ method: 'POST', url: `/status/unsubscribe/${token}`, headers: FORM, payload: 'List-Unsubscribe=One-Click' });
    assert.equal(oneClick.statusCode, 200);
    assert.match(oneClick.body, /flow@customer\.example will receive no more of these notices\./);
    assert.match((await h.app.inject({ method: 'GET', url: managePath })).body, /flow@customer\.example: unsubscribed/);
    assert.equal((await h.app.inject({ method: 'POST', url: `/status/unsubscribe/${token}`, headers: FORM, payload: 'List-Unsubscribe=One-Click' })).statusCode, 200, 'repeatable');
    const bad = await h.app.inject({ method: 'POST', url: '/status/subscribe', payload: { email: 'nope' } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().details[0].path, 'email');
  });

  it("tickets linked to an incident: an update can go to their requesters; the resolution always does", async () => {
    const ticket = await openTicket(h, h.contactA, { severity: 2 });
    const incident = (await h.as(h.agent.token, { method: 'POST', url: '/api/v1/status/incidents', payload: { name: 'Flows failing', body: 'Investigating.' } })).json();
    const linked = await h.as(h.agent.token, { method: 'POST', url: `/api/v1/status/incidents/${incident.id}/tickets`, payload: { ticket_id: ticket.id } });
    assert.deepEqual(linked.json().ticket_ids, [ticket.id]);
    assert.equal((await h.as(h.contactA.token, { method: 'POST', url: `/api/v1/status/incidents/${incident.id}/tickets`, payload: { ticket_id: ticket.id } })).statusCode, 403);
    const missing = await h.as(h.agent.token, { method: 'POST', url: `/api/v1/status/incidents/${incident.id}/tickets`, payload: { ticket_id: '00000000-0000-4000-8000-0000000000ff' } });
    assert.equal(missing.statusCode, 404);
    h.desk.clock.advance({ minutes: 10 });
    await h.as(h.agent.token, { method: 'POST', url: `/api/v1/status/incidents/${incident.id}/updates`, payload: { status: 'identified', body: 'A bad deploy.', notify_tickets: true } });
    h.desk.clock.advance({ minutes: 10 });
    await h.as(h.agent.token, { method: 'POST', url: `/api/v1/status/incidents/${incident.id}/updates`, payload: { status: 'monitoring', body: 'Rolled back.' } });
    h.desk.clock.advance({ minutes: 10 });
    await h.as(h.agent.token, { method: 'POST', url: `/api/v1/status/incidents/${incident.id}/updates`, payload: { status: 'resolved', body: 'Fixed.' } });
    const mails = (await outbox(h.desk.t.db, 'status_ticket_update')).filter((m) => m.payload.incidentId === incident.id);
    assert.deepEqual(mails.map((m) => m.subject), [
      `[OpenMethods Status Page] Identified: Flows failing (case [#${ticket.number}])`,
      `[OpenMethods Status Page] Resolved: Flows failing (case [#${ticket.number}])`,
    ]);
    const { rows: [requester] } = await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactA.id]);
    assert.ok(mails.every((m) => m.recipient === requester.email));
  });

  it('posting an update returns before fan-out; the job then queues one mail per matching subscriber', async () => {
    await fanOutPending(h.desk.system, { baseUrl: 'http://127.0.0.1:3000', batchSize: 500 });
    const before = (await outbox(h.desk.t.db, 'status_notice')).length;
    await h.as(h.agent.token, { method: 'PUT', url: '/api/v1/status/components/email-routing', payload: { status: 'degraded_performance' } });
    const res = await h.as(h.agent.token, { method: 'POST', url: '/api/v1/status/incidents', payload: { name: 'Email slow', body: 'Looking.', components: [{ id: 'email-routing', status: 'partial_outage' }] } });
    assert.equal(res.json().updates[0].affected_components[0].old_status, 'degraded_performance');
    assert.equal((await outbox(h.desk.t.db, 'status_notice')).length, before);
    const queued = await fanOutPending(h.desk.system, { baseUrl: 'http://127.0.0.1:3000', batchSize: 500 });
    const { rows: [{ n }] } = await h.desk.t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM status_subscribers WHERE list = 'status' AND confirmed_at IS NOT NULL AND unsubscribed_at IS NULL AND (component_ids IS NULL OR component_ids @> '[\"email-routing\"]')",
    );
    assert.ok(Number(n) > 0, 'some subscribers hear of email routing');
    // Two notices, each to every subscriber of email routing: the component's status set on its
    // own (operational -> degraded performance), then the incident naming it.
    assert.equal(queued, 2 * Number(n));
  });
});
