// Password reset by emailed single-use token (the link built from the configured base URL), and
// CSRF protection on every form: missing, wrong or cross-site tokens are refused with 403.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/index.ts';
import { silentLogger } from '../../src/platform/index.ts';
import { RESET_MINUTES } from '../../src/web/auth/index.ts';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, PASSWORD, setCookies, type WebApp } from './web-app.ts';

async function form(app: FastifyInstance, url: string, fields: Record<string, string>, cookie: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: new URLSearchParams(fields).toString() });
}

describe('password reset', () => {
  let h: WebApp;
  let app: FastifyInstance;
  let cookie: string;
  let csrf: string;
  before(async () => {
    h = await openWebApp();
    // Served at a configured address; requests arrive with a Host header an attacker could choose.
    app = await buildApp({ db: h.desk.t.db, clock: h.desk.clock, logger: silentLogger(), baseUrl: 'https://desk.example.com' });
    const page = await app.inject({ method: 'GET', url: '/forgot' });
    csrf = /accord_csrf=([^;]+)/.exec(setCookies(page).join(';'))![1];
    cookie = `accord_csrf=${csrf}`;
  });
  after(async () => {
    await app.close();
    await h.close();
  });

  const outbox = async () => (await h.desk.t.db.query<{ kind: string; recipient: string; body: string; payload: { link: string } }>("SELECT kind, recipient, body, payload FROM outbox WHERE kind = 'password_reset' ORDER BY created_at")).rows;

  it('queues one email with a link on the configured base URL, whatever the Host header says', async () => {
    const res = await form(app, '/forgot', { _csrf: csrf, email: 'Agent@vendor.example' }, cookie, { host: 'evil.example' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /a link to choose a new password is on its way/);
    const mails = await outbox();
    assert.equal(mails.length, 1);
    assert.equal(mails[0].recipient, 'agent@vendor.example');
    assert.match(mails[0].payload.link, /^https:\/\/desk\.example\.com\/reset\?token=[A-Za-z0-9_-]{43}$/);
    assert.ok(mails[0].body.includes(mails[0].payload.link));
    assert.ok(mails[0].body.includes(`${RESET_MINUTES} minutes`));
  });

  it('answers an unknown email the same way and sends nothing', async () => {
    const res = await form(app, '/forgot', { _csrf: csrf, email: 'nobody@vendor.example' }, cookie);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /a link to choose a new password is on its way/);
    assert.equal((await outbox()).length, 1);
  });

  // QA 2026-12-07: a customer asking for a new password was mailed "Reset your Accord password": they
  // know the vendor's support portal, not the software behind it. The policy here is OpenBack's.
  it('names the place as the person knows it: a contact the vendor\'s support portal, an agent its desk', async () => {
    const mailOf = async (email: string) => (await h.desk.t.db.query<{ subject: string; body: string }>("SELECT subject, body FROM outbox WHERE kind = 'password_reset' AND recipient = $1", [email])).rows;
    const [agent] = await mailOf('agent@vendor.example');
    assert.equal(agent.subject, "Reset your password for OpenBack's support desk");
    await form(app, '/forgot', { _csrf: csrf, email: 'contact1@customer.example' }, cookie);
    const [contact] = await mailOf('contact1@customer.example');
    assert.equal(contact.subject, "Reset your password for OpenBack's support portal");
    assert.match(contact.body, /^Someone asked to reset the password of contact1@customer\.example on OpenBack's support portal\.\n/);
    assert.doesNotMatch(`${agent.subject}${agent.body}${contact.subject}${contact.body}`, /Accord/);
  });

  it('sets the new password once: the token is spent, old sessions end, the new password signs in', async () => {
    const before = await h.session(h.agent, 'agent');
    const token = new URL((await outbox())[0].payload.link).searchParams.get('token')!;
    const page = await app.inject({ method: 'GET', url: `/reset?token=${token}`, headers: { cookie } });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`value="${token}"`));
    const short = await form(app, '/reset', { _csrf: csrf, token, password: 'short' }, cookie);
    assert.equal(short.statusCode, 400);
    const done = await form(app, '/reset', { _csrf: csrf, token, password: 'a brand new password' }, cookie);
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /Your password is changed/);
    const again = await form(app, '/reset', { _csrf: csrf, token, password: 'another new password' }, cookie);
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /not valid any more/);
    // QA 2026-12-07: the spent link, opened again, showed the password form, refused only once a new password was typed.
    const spent = await app.inject({ method: 'GET', url: `/reset?token=${token}`, headers: { cookie } });
    assert.equal(spent.statusCode, 200);
    const spentMain = /<main[\s\S]*<\/main>/.exec(spent.body)?.[0] ?? '';
    assert.match(spentMain, /id="reset-error">This reset link is not valid any more: ask for a new one<\/p>\s*<p><a href="\/forgot">Ask for a new link<\/a> · <a href="\/login">Back to sign in<\/a><\/p>/);
    assert.doesNotMatch(spentMain, /<form/);
    assert.equal((await before.get('/agent')).statusCode, 303);
    const v = await h.visitor();
    assert.equal((await v.post('/login', { email: 'agent@vendor.example', password: PASSWORD })).statusCode, 401);
    assert.equal((await v.post('/login', { email: 'agent@vendor.example', password: 'a brand new password' })).statusCode, 303);
  });

  it('refuses a token past its lifetime', async () => {
    await form(app, '/forgot', { _csrf: csrf, email: 'escalation@vendor.example' }, cookie);
    const token = new URL((await outbox()).at(-1)!.payload.link).searchParams.get('token')!;
    assert.match((await app.inject({ method: 'GET', url: `/reset?token=${token}`, headers: { cookie } })).body, /<form method="post" action="\/reset"/, 'a link in its time: the form');
    h.desk.clock.advance({ minutes: RESET_MINUTES + 1 });
    // Opened past its time: no form to fill in for nothing (QA 2026-12-07).
    assert.doesNotMatch((await app.inject({ method: 'GET', url: `/reset?token=${token}`, headers: { cookie } })).body, /<form method="post" action="\/reset"/);
    const res = await form(app, '/reset', { _csrf: csrf, token, password: 'a brand new password' }, cookie);
    assert.equal(res.statusCode, 400);
    // QA 2026-12-04: an expired link showed the password form again, with no way to a new link.
    const main = /<main[\s\S]*<\/main>/.exec(res.body)?.[0] ?? '';
    assert.match(main, /id="reset-error">This reset link is not valid any more: ask for a new one<\/p>/);
    assert.match(main, /<p><a href="\/forgot">Ask for a new link<\/a> · <a href="\/login">Back to sign in<\/a><\/p>/);
    assert.doesNotMatch(main, /<form/, 'no password can be set with it');
  });

  it('without a token, the reset page says where the link comes from instead of a form that cannot work; the forgot page leads back to sign in', async () => {
    const page = await app.inject({ method: 'GET', url: '/reset', headers: { cookie } });
    assert.equal(page.statusCode, 200);
    const main = /<main[\s\S]*<\/main>/.exec(page.body)?.[0] ?? '';
    assert.match(main, /<p id="reset-no-token">This page opens from the link in the mail we sent you\. No mail, or the link has expired\?<\/p>\s*<p><a href="\/forgot">Ask for a new link<\/a>/);
    assert.doesNotMatch(main, /<form/);
    // Sent without one (the field emptied): the same words as a spent link, not "The input is not valid".
    const posted = await form(app, '/reset', { _csrf: csrf, token: '', password: 'a brand new password' }, cookie);
    assert.equal(posted.statusCode, 400);
    assert.match(posted.body, /id="reset-error">This reset link is not valid any more: ask for a new one<\/p>/);
    for (const body of [(await app.inject({ method: 'GET', url: '/forgot' })).body, (await form(app, '/forgot', { _csrf: csrf, email: 'nobody@vendor.example' }, cookie)).body]) {
      assert.match(body, /<p><a href="\/login">Back to sign in<\/a><\/p>\s*<\/main>/);
    }
  });
});

describe('CSRF protection', () => {
  let h: WebApp;
  let ticketId: string;
  before(async () => {
    h = await openWebApp();
    ticketId = (await openTicket(h, h.contactA)).id;
  });
  after(() => h.close());

  const replies = async () => Number((await h.desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'reply'", [ticketId])).rows[0].n);

  it('refuses a signed-in form without the token, with a wrong one, or with another session\'s', async () => {
    const a = await h.session(h.agent, 'agent');
    const other = await h.session(h.escalation, 'agent');
    const url = `/agent/tickets/${ticketId}/reply`;
    const send = (csrf: string | null) =>
      h.app.inject({ method: 'POST', url, headers: { cookie: a.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...(csrf === null ? {} : { _csrf: csrf }), body: 'Hello' }).toString() });
    for (const csrf of [null, '', 'x'.repeat(43), other.csrf]) {
      const res = await send(csrf);
      assert.equal(res.statusCode, 403, String(csrf));
      assert.match(res.headers['content-type'] ?? '', /text\/html/);
      assert.match(res.body, /This form has expired or did not come from this site/);
    }
    assert.equal(await replies(), 0);
    assert.equal((await send(a.csrf)).statusCode, 303);
    assert.equal(await replies(), 1);
  });

  it('accepts the token as an X-CSRF-Token header (for scripts)', async () => {
    const a = await h.session(h.agent, 'agent');
    const res = await h.app.inject({
      method: 'POST', url: `/agent/tickets/${ticketId}/note`,
      headers: { cookie: a.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': a.csrf }, payload: 'body=Internal',
    });
    assert.equal(res.statusCode, 303);
  });

  it('refuses a form posted from another origin even with the right token', async () => {
    const a = await h.session(h.agent, 'agent');
    const res = await a.post(`/agent/tickets/${ticketId}/reply`, { body: 'From elsewhere' }, { origin: 'https://evil.example' });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /sent from another site/);
    const same = await a.post(`/agent/tickets/${ticketId}/reply`, { body: 'From here' }, { origin: 'http://127.0.0.1:3000' });
    assert.equal(same.statusCode, 303);
  });

  it('protects the sign-in form with a double-submit cookie', async () => {
    const noCookie = await h.app.inject({
      method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: 'a'.repeat(43), email: 'agent@vendor.example', password: PASSWORD }).toString(),
    });
    assert.equal(noCookie.statusCode, 403);
    const v = await h.visitor();
    const mismatched = await h.app.inject({
      method: 'POST', url: '/login', headers: { cookie: v.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: 'b'.repeat(43), email: 'agent@vendor.example', password: PASSWORD }).toString(),
    });
    assert.equal(mismatched.statusCode, 403);
    assert.equal((await v.post('/login', { email: 'agent@vendor.example', password: PASSWORD })).statusCode, 303);
  });

  it('puts the session token in every form of a page', async () => {
    const a = await h.session(h.agent, 'agent');
    const page = await a.get(`/agent/tickets/${ticketId}`);
    const forms = page.body.match(/<form method="post"[\s\S]*?<\/form>/g) ?? [];
    assert.ok(forms.length >= 7, `${forms.length} forms`);
    for (const f of forms) assert.ok(f.includes(`name="_csrf" value="${a.csrf}"`), f.slice(0, 120));
  });
});
