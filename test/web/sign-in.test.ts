// Signing in to the pages: the session cookie's attributes, "/" sending each visitor home,
// wrong passwords, throttling, signing out, and safe redirects after sign-in.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../src/http/index.ts';
import { silentLogger } from '../../src/platform/index.ts';
import { MAX_FAILURES_PER_EMAIL, pruneLoginAttempts, pruneSessions, THROTTLE_WINDOW } from '../../src/web/auth/index.ts';
import { openWebApp, PASSWORD, setCookies, type WebApp } from './web-app.ts';

describe('web sign-in', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp();
  });
  after(() => h.close());

  it('signs an agent in with an HttpOnly, SameSite session cookie and sends it to the queues', async () => {
    const v = await h.visitor();
    const res = await v.post('/login', { email: 'Agent@Vendor.example', password: PASSWORD });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/agent');
    const cookie = setCookies(res).find((c) => c.startsWith('accord_session='))!;
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Lax/);
    // Served over plain http (the default base URL): not Secure, or the browser would drop it.
    assert.doesNotMatch(cookie, /Secure/);
    const token = /accord_session=([^;]+)/.exec(cookie)![1];
    const home = await h.app.inject({ method: 'GET', url: '/', headers: { cookie: `accord_session=${token}` } });
    assert.equal(home.headers.location, '/agent');
    const queue = await h.app.inject({ method: 'GET', url: '/agent', headers: { cookie: `accord_session=${token}` } });
    assert.equal(queue.statusCode, 200);
    // Only a hash of the token is stored.
    const { rows } = await h.desk.t.db.query<{ token_hash: string }>('SELECT token_hash FROM web_sessions');
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r) => r.token_hash !== token && /^[0-9a-f]{64}$/.test(r.token_hash)));
  });

  it('marks the cookie Secure when Accord is served over HTTPS', async () => {
    const app = await buildApp({ db: h.desk.t.db, clock: h.desk.clock, logger: silentLogger(), baseUrl: 'https://desk.example.com' });
    try {
      const page = await app.inject({ method: 'GET', url: '/login' });
      const csrf = /accord_csrf=([^;]+)/.exec(setCookies(page).join(';'))![1];
      assert.match(setCookies(page)[0], /; Secure/);
      const res = await app.inject({
        method: 'POST', url: '/login', headers: { cookie: `accord_csrf=${csrf}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf, email: 'manager@vendor.example', password: PASSWORD }).toString(),
      });
      assert.equal(res.statusCode, 303);
      assert.match(setCookies(res).find((c) => c.startsWith('accord_session='))!, /; Secure/);
    } finally {
      await app.close();
    }
  });

  it('sends a contact to its portal, and a visitor without a session to the sign-in page', async () => {
    const v = await h.visitor();
    const res = await v.post('/login', { email: (await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactA.id])).rows[0].email, password: PASSWORD });
    assert.equal(res.headers.location, '/portal');
    const anonymous = await h.app.inject({ method: 'GET', url: '/' });
    assert.equal(anonymous.headers.location, '/login');
    const deep = await h.app.inject({ method: 'GET', url: '/agent?view=mine' });
    assert.equal(deep.statusCode, 303);
    assert.equal(deep.headers.location, '/login?next=%2Fagent%3Fview%3Dmine');
  });

  it('returns to a local page after sign-in, never to another site', async () => {
    const v = await h.visitor();
    const local = await v.post('/login', { email: 'escalation@vendor.example', password: PASSWORD, next: '/agent?view=mine' });
    assert.equal(local.headers.location, '/agent?view=mine');
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const res = await v.post('/login', { email: 'escalation@vendor.example', password: PASSWORD, next });
      assert.equal(res.headers.location, '/agent', next);
    }
  });

  it('refuses a wrong password with 401 and the form again, naming no account', async () => {
    const v = await h.visitor();
    const wrong = await v.post('/login', { email: 'admin@vendor.example', password: 'not it at all' });
    const unknown = await v.post('/login', { email: 'nobody@vendor.example', password: 'not it at all' });
    for (const res of [wrong, unknown]) {
      assert.equal(res.statusCode, 401);
      assert.match(res.body, /The email or password is not right/);
      assert.equal(setCookies(res).some((c) => c.startsWith('accord_session=')), false);
    }
    const empty = await v.post('/login', { email: '', password: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter your email and password/);
  });

  it(`throttles an email after ${MAX_FAILURES_PER_EMAIL} failures, even with the right password, until the window passes`, async () => {
    const v = await h.visitor();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) assert.equal((await v.post('/login', { email: 'manager@vendor.example', password: `guess number ${i}` })).statusCode, 401);
    const blocked = await v.post('/login', { email: 'manager@vendor.example', password: PASSWORD });
    assert.equal(blocked.statusCode, 429);
    assert.match(blocked.body, /Too many failed sign-in attempts/);
    // Another account is not blocked by this one's failures.
    assert.equal((await v.post('/login', { email: 'admin@vendor.example', password: PASSWORD })).statusCode, 303);
    h.desk.clock.advance(THROTTLE_WINDOW);
    h.desk.clock.advance({ seconds: 1 });
    assert.equal((await v.post('/login', { email: 'manager@vendor.example', password: PASSWORD })).statusCode, 303);
  });

  it('signs out: the session stops working at once and the cookie is cleared', async () => {
    const s = await h.session(h.admin, 'agent');
    assert.equal((await s.get('/admin')).statusCode, 200);
    const out = await s.post('/logout', {});
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, '/login');
    assert.match(setCookies(out).find((c) => c.startsWith('accord_session='))!, /Max-Age=0/);
    const after = await s.get('/admin');
    assert.equal(after.statusCode, 303);
    assert.match(String(after.headers.location), /^\/login/);
  });

  it('ends a session left idle past its timeout', async () => {
    const s = await h.session(h.agent, 'agent');
    assert.equal((await s.get('/agent')).statusCode, 200);
    h.desk.clock.advance({ hours: 12, minutes: 1 });
    assert.equal((await s.get('/agent')).statusCode, 303);
  });

  it('prunes ended sessions and sign-in attempts older than the throttling window', async () => {
    const count = async (table: string) => Number((await h.desk.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
    const fresh = await h.session(h.manager, 'agent');
    h.desk.clock.advance(THROTTLE_WINDOW);
    h.desk.clock.advance({ seconds: 1 });
    const attempts = await count('web_login_attempts');
    assert.ok(attempts > 0);
    assert.equal(await pruneLoginAttempts(h.desk.t.db, h.desk.clock), attempts);
    assert.equal(await count('web_login_attempts'), 0);
    // Every session but the one made a quarter of an hour ago is idle past 12 hours or signed out.
    const sessions = await count('web_sessions');
    assert.equal(await pruneSessions(h.desk.t.db, h.desk.clock), sessions - 1);
    assert.equal((await fresh.get('/agent')).statusCode, 200);
  });
});
