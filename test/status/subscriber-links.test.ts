// The links in subscriber mail as a subscriber meets them in a browser: cut short by a mail
// program (404, on the status page's look, saying what to do), followed twice (confirmed, not
// "not found"), the manage page saying what it saved, unsubscribing once and for good; and the
// history page's month refused in words. API clients keep the JSON envelope.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicketApp, type TicketApp } from '../http/ticket-app.ts';
import { outbox } from './helpers.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const HTML = { accept: 'text/html,application/xhtml+xml' };

describe('subscriber links (OpenMethods)', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('openmethods', 'premium');
  });
  after(() => h.close());

  const page = (method: 'GET' | 'POST', url: string, payload?: string) =>
    h.app.inject({ method, url, headers: payload === undefined ? HTML : { ...HTML, ...FORM }, ...(payload === undefined ? {} : { payload }) });
  /** Subscribes through the form; the confirm path of the mail that answers it. */
  const confirmPathFor = async (email: string, components = ''): Promise<string> => {
    const res = await page('POST', '/status/subscribe', `email=${encodeURIComponent(email)}${components}`);
    assert.equal(res.statusCode, 202);
    const mail = (await outbox(h.desk.t.db, 'status_confirm')).filter((m) => m.recipient === email).at(-1)!;
    return /http:\/\/127\.0\.0\.1:3000(\/status\/confirm\/[A-Za-z0-9_-]+)$/m.exec(mail.body)![1];
  };
  /** Subscribes and confirms; the manage path the confirmation page links to. */
  const managePathFor = async (email: string, components = ''): Promise<string> => {
    const confirmed = await page('POST', await confirmPathFor(email, components));
    assert.equal(confirmed.statusCode, 200);
    return /<a href="(\/status\/subscription\/[A-Za-z0-9_-]+)">Choose components or unsubscribe<\/a>/.exec(confirmed.body)![1];
  };

  it('a confirmation link cut short or mangled is a 404 page saying what to do, never a 400', async () => {
    const path = await confirmPathFor('cut@customer.example');
    const token = path.split('/').at(-1)!;
    const shorter = `/status/confirm/${token.slice(0, 12)}`;
    for (const url of [shorter, `/status/confirm/${token.slice(0, 25)}`, `/status/confirm/${token}%3E`, '/status/confirm/']) {
      for (const method of ['GET', 'POST'] as const) {
        const res = await page(method, url);
        assert.equal(res.statusCode, 404, `${method} ${url}`);
        assert.match(res.headers['content-type'] as string, /^text\/html/);
        assert.match(res.body, /<p class="brand"><a href="\/status">OpenMethods Status Page<\/a><\/p>/, 'the status page look');
        assert.match(res.body, /<h1>This link does not work<\/h1>\s*<p>This confirmation link is incomplete or no longer valid\.<\/p>/);
        assert.match(res.body, /<p>Mail programs sometimes break a long link over two lines, so that only its first part opens: copy the whole link from the mail into the address bar\.<\/p>/);
        assert.match(res.body, /<p><a href="\/status#subscribe">Subscribe again on the status page<\/a><\/p>/);
        assert.doesNotMatch(res.body, /pattern|params\.token|must (NOT )?(match|have)/);
      }
    }
    // The whole link still works after all that.
    assert.match((await page('GET', path)).body, /<h1>Confirm your subscription<\/h1>/);
    // An API client (no HTML asked for) gets the envelope, with the same status.
    const api = await h.app.inject({ method: 'POST', url: shorter });
    assert.equal(api.statusCode, 404);
    assert.deepEqual([api.json().code, api.json().message], ['not_found', 'This confirmation link is incomplete or no longer valid']);
  });

  it('a manage or unsubscribe link cut short is the same 404 page, for each of their routes', async () => {
    const manage = await managePathFor('cutmanage@customer.example');
    const token = manage.split('/').at(-1)!;
    const cut = token.slice(0, 10);
    const requests: Array<['GET' | 'POST', string, string?]> = [
      ['GET', `/status/subscription/${cut}`], ['POST', `/status/subscription/${cut}`, 'components=media-bar'],
      ['GET', `/status/unsubscribe/${cut}`], ['POST', `/status/unsubscribe/${cut}`, 'List-Unsubscribe=One-Click'],
      ['GET', `/status/subscription/${token.slice(0, -1)}`], ['POST', `/status/unsubscribe/${token}.`, ''],
    ];
    for (const [method, url, payload] of requests) {
      const res = await page(method, url, payload);
      assert.equal(res.statusCode, 404, `${method} ${url}`);
      assert.match(res.body, /<h1>This link does not work<\/h1>\s*<p>This subscription link is incomplete or no longer valid\.<\/p>/, `${method} ${url}`);
      assert.match(res.body, /copy the whole link from the mail into the address bar/);
      assert.match(res.body, /<a href="\/status#subscribe">Subscribe again on the status page<\/a>/);
    }
    // Nothing happened to the subscription.
    assert.match((await page('GET', manage)).body, /cutmanage@customer\.example: subscribed/);
  });

  it('following a confirmation link again says the subscription is confirmed, and links to its manage page', async () => {
    const path = await confirmPathFor('twice@customer.example');
    const first = await page('POST', path);
    assert.match(first.body, /<h1>You are subscribed<\/h1>\s*<p>twice@customer\.example will receive notices\.<\/p>/);
    const manage = /<a href="(\/status\/subscription\/[A-Za-z0-9_-]+)">Choose components or unsubscribe<\/a>/.exec(first.body)![1];
    for (const method of ['GET', 'POST'] as const) {
      const again = await page(method, path);
      assert.equal(again.statusCode, 200, method);
      assert.match(again.body, /<h1>Already confirmed<\/h1>\s*<p>twice@customer\.example is subscribed: this link confirmed it before\.<\/p>/);
      assert.ok(again.body.includes(`<p><a href="${manage}">Choose components or unsubscribe</a></p>`));
      assert.doesNotMatch(again.body, /<form|Not found/);
    }
    const { rows } = await h.desk.t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE type = 'status_subscriber.confirmed' AND subject_id = (SELECT id FROM status_subscribers WHERE email = 'twice@customer.example')",
    );
    assert.equal(Number(rows[0].n), 1, 'confirmed once');
  });

  it('the manage page says what it saved; unsubscribing says so, once, and offers subscribing again instead', async () => {
    const manage = await managePathFor('keeper@customer.example', '&components=media-bar');
    const token = manage.split('/').at(-1)!;
    const shown = (await page('GET', manage)).body;
    assert.doesNotMatch(shown, /Saved/);
    const two = await page('POST', manage, 'components=media-bar&components=chat-routing');
    assert.equal(two.statusCode, 200);
    assert.match(two.body, /<p class="notice" role="status">Saved: you will get notices about Media bar and Chat routing only\.<\/p>/);
    assert.match(two.body, /value="chat-routing" id="c-chat-routing" checked>/);
    const all = await page('POST', manage, '');
    assert.match(all.body, /<p class="notice" role="status">Saved: you will get notices about every component\.<\/p>/);
    // The manage page's Unsubscribe button posts to the unsubscribe link.
    assert.ok(all.body.includes(`<form method="post" action="/status/unsubscribe/${token}">`));
    const gone = await page('POST', `/status/unsubscribe/${token}`, '');
    assert.equal(gone.statusCode, 200);
    assert.match(gone.body, /<h1>You are unsubscribed<\/h1>\s*<p>keeper@customer\.example will receive no more of these notices\.<\/p>/);
    assert.match(gone.body, /<a href="\/status#subscribe">Subscribe again on the status page<\/a>/);
    assert.doesNotMatch(gone.body, /<button/);
    // The manage page and the unsubscribe link now say so, with no Unsubscribe button and no components to save.
    const after = (await page('GET', manage)).body;
    assert.match(after, /keeper@customer\.example: unsubscribed<\/p>\s*<p>This address receives no more of these notices\.<\/p>/);
    assert.match(after, /<a href="\/status#subscribe">Subscribe again on the status page<\/a>/);
    assert.doesNotMatch(after, /<form|Unsubscribe<\/button>/);
    const link = (await page('GET', `/status/unsubscribe/${token}`)).body;
    assert.match(link, /<h1>You are unsubscribed<\/h1>/);
    assert.doesNotMatch(link, /<form/);
    // Used again (a mail client retrying the one-click POST), the link answers the same and records nothing more.
    const retried = await h.app.inject({ method: 'POST', url: `/status/unsubscribe/${token}`, headers: FORM, payload: 'List-Unsubscribe=One-Click' });
    assert.equal(retried.statusCode, 200);
    assert.match(retried.body, /keeper@customer\.example will receive no more of these notices\./);
    const { rows } = await h.desk.t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE type = 'status_subscriber.unsubscribed' AND subject_id = (SELECT id FROM status_subscribers WHERE email = 'keeper@customer.example')",
    );
    assert.equal(Number(rows[0].n), 1, 'unsubscribed once');
  });

  it('after unsubscribing, the old confirmation link no longer confirms; subscribing again does', async () => {
    const path = await confirmPathFor('comeback@customer.example');
    const manage = /<a href="(\/status\/subscription\/[A-Za-z0-9_-]+)"/.exec((await page('POST', path)).body)![1];
    await page('POST', manage.replace('/subscription/', '/unsubscribe/'), '');
    const old = await page('POST', path);
    assert.equal(old.statusCode, 404);
    assert.match(old.body, /<p>This confirmation link is incomplete or no longer valid\.<\/p>/);
    assert.match((await page('GET', manage)).body, /comeback@customer\.example: unsubscribed/);
    await page('POST', await confirmPathFor('comeback@customer.example'));
    assert.match((await page('GET', manage)).body, /comeback@customer\.example: subscribed/);
  });

  it('the history page refuses a month that is not one in words naming it; valid months work', async () => {
    for (const [month, text] of [
      ['2026-13', 'Month: 2026-13 is not a month; give it as YYYY-MM, such as 2026-11'],
      ['abc', 'Month: abc is not a month; give it as YYYY-MM, such as 2026-11'],
      ['2026-1', 'Month: 2026-1 is not a month; give it as YYYY-MM, such as 2026-11'],
      ['1999-12', 'Month: 1999-12 is outside the years this page covers (2000 to 2199)'],
    ]) {
      const res = await page('GET', `/status/history?month=${month}`);
      assert.equal(res.statusCode, 400, month);
      assert.match(res.body, /<h1>That did not work<\/h1>/);
      assert.ok(res.body.includes(`<p>${text}</p>`), `${month}: ${res.body.slice(res.body.indexOf('<h1>'), res.body.indexOf('</main>'))}`);
      assert.equal(res.body.split(text).length, 2, 'said once');
      assert.doesNotMatch(res.body, /pattern|querystring|\[0-9\]/);
    }
    const api = await h.app.inject({ method: 'GET', url: '/status/history?month=2026-13' });
    assert.equal(api.statusCode, 400);
    assert.deepEqual(api.json().details, [{ path: 'month', message: '2026-13 is not a month; give it as YYYY-MM, such as 2026-11' }]);
    const november = await page('GET', '/status/history?month=2026-11');
    assert.equal(november.statusCode, 200);
    assert.match(november.body, /<h1>History: November 2026<\/h1>/);
    assert.match(november.body, /href="\/status\/history\?month=2026-10" rel="prev"/);
    assert.match(november.body, /href="\/status\/history\?month=2026-12" rel="next"/);
    assert.match((await page('GET', '/status/history')).body, /<h1>History: December 2026<\/h1>/);
  });

  it('the subscribers API keeps its JSON envelope', async () => {
    const bad = await h.as(h.manager.token, { method: 'GET', url: '/api/v1/status/subscribers?limit=0', headers: HTML });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'invalid_input');
    assert.equal(bad.json().details[0].path, 'querystring.limit');
    const listed = await h.as(h.manager.token, { method: 'GET', url: '/api/v1/status/subscribers' });
    assert.equal(listed.statusCode, 200);
    const keeper = listed.json().items.find((s: { email: string }) => s.email === 'keeper@customer.example');
    assert.deepEqual([keeper.component_ids, typeof keeper.unsubscribed_at], [null, 'string']);
  });
});
