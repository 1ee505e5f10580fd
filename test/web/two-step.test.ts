// Two-step sign-in (web/auth/two-step.ts), OpenBack: an agent sets it up on their settings page
// (a key, confirmed with a code), gets ten recovery codes once; signing in then asks for a code
// after the password; a code works once; a recovery code works once; wrong codes count against the
// challenge and the email's throttle; turned off with a code; an admin turns it off for someone
// who lost their device. The codes are worked out here from the key with RFC 4226/6238 (HMAC-SHA1,
// dynamic truncation, 30-second steps), not by Accord's code; the first check is RFC 6238's own
// vector (T = 59 s, 8 digits: 94287082).
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_FAILURES_PER_EMAIL } from '../../src/web/auth/index.ts';
import { openWebApp, PASSWORD, setCookies, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

function base32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of text.replace(/=+$/, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  return Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
}

function totp(key: Buffer, atMs: number, digits = 6): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(value).padStart(digits, '0');
}

describe('two-step sign-in, OpenBack', () => {
  let h: WebApp;
  let key: Buffer;
  let recovery: string[];
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());
  const now = () => h.desk.clock.now().epochMilliseconds;

  it('the codes here follow RFC 6238 (its test vector)', () => {
    assert.equal(totp(Buffer.from('12345678901234567890'), 59_000, 8), '94287082');
  });

  it('an agent sets it up with a code and gets ten recovery codes, once', async () => {
    const a = await h.session(h.agent, 'agent');
    assert.match(main((await a.get('/agent/settings')).body), /<p id="two-step-off">Off: your password alone signs you in\./);
    assert.equal((await a.post('/agent/settings/two-step/start', {})).headers.location, '/agent/settings?done=saved');
    const setup = main((await a.get('/agent/settings')).body);
    const secret = /<code id="two-step-secret">([A-Z2-7]+)<\/code>/.exec(setup)![1];
    assert.match(setup, /<a href="otpauth:\/\/totp\/Accord:agent%40vendor\.example\?[^"]*secret=[A-Z2-7]+/);
    // The same URI as a QR code to scan: an SVG image of dark modules on white.
    const qr = Buffer.from(/<img id="two-step-qr" src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)"/.exec(setup)![1], 'base64').toString();
    assert.match(qr, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+">[\s\S]*<path fill="black" d="M[\d,hvz.M-]+"\/><\/svg>$/);
    key = base32(secret);
    const wrong = await a.post('/agent/settings/two-step/confirm', { code: '000000' === totp(key, now()) ? '111111' : '000000' });
    assert.equal(wrong.statusCode, 400);
    assert.match(main(wrong.body), /id="two-step-error">\s*<p>That code is not right/);
    // The codes are shown once, after a redirect (POST-redirect-GET, as the admin secrets are): the POST's
    // answer has none, so a reload of the page sends no form again, and a second look shows them no more.
    const on = await a.post('/agent/settings/two-step/confirm', { code: totp(key, now()) });
    assert.equal(on.statusCode, 303);
    assert.doesNotMatch(on.body, /<code>/);
    const shownAt = on.headers.location as string;
    assert.match(shownAt, /^\/agent\/settings\?created=[0-9a-f-]{36}$/);
    const shown = main((await a.get(shownAt)).body);
    recovery = [...shown.matchAll(/<li><code>([0-9a-f]{5}-[0-9a-f]{5})<\/code><\/li>/g)].map((m) => m[1]);
    assert.equal(recovery.length, 10);
    assert.equal(new Set(recovery).size, 10);
    const reloaded = main((await a.get(shownAt)).body);
    assert.doesNotMatch(reloaded, /<li><code>/);
    assert.match(reloaded, /<p id="recovery-gone">Your recovery codes were shown once, when two-step sign-in was turned on, and are not shown again/);
    // Another session of the same agent, given the link, sees none either.
    const other = await h.session(h.agent, 'agent');
    assert.doesNotMatch(main((await other.get(shownAt)).body), /<li><code>/);
    assert.match(main((await a.get('/agent/settings')).body), /<p id="two-step-on">On since 2026-12-02 10:00 UTC: [\s\S]*10 recovery codes left\./);
  });

  it('signing in asks for a code after the password; a code works once; a recovery code works once', async () => {
    const v = await h.visitor();
    const step1 = await v.post('/login', { email: 'agent@vendor.example', password: PASSWORD, next: '/agent/search' });
    assert.equal(step1.statusCode, 200);
    assert.equal(setCookies(step1).find((c) => c.startsWith('accord_session=')), undefined, 'no session yet');
    const challenge = /name="challenge" value="([^"]+)"/.exec(step1.body)![1];
    // The code used to set it up is of this very step: it does not work twice.
    const replay = await v.post('/login/code', { challenge, code: totp(key, now()), next: '/agent/search' });
    assert.equal(replay.statusCode, 400);
    h.desk.clock.advance({ seconds: 30 });
    const done = await v.post('/login/code', { challenge, code: totp(key, now()), next: '/agent/search' });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/agent/search');
    assert.ok(setCookies(done).some((c) => c.startsWith('accord_session=')));
    assert.equal((await v.post('/login/code', { challenge, code: totp(key, now()) })).statusCode, 401, 'a challenge answered is spent');

    const again = /name="challenge" value="([^"]+)"/.exec((await v.post('/login', { email: 'agent@vendor.example', password: PASSWORD })).body)![1];
    assert.equal((await v.post('/login/code', { challenge: again, code: recovery[0].toUpperCase().replace('-', ' ') })).statusCode, 303, 'case, spaces and dashes do not count');
    const third = /name="challenge" value="([^"]+)"/.exec((await v.post('/login', { email: 'agent@vendor.example', password: PASSWORD })).body)![1];
    assert.equal((await v.post('/login/code', { challenge: third, code: recovery[0] })).statusCode, 400, 'a recovery code works once');
  });

  it('wrong codes end the challenge after five and count against the email like wrong passwords', async () => {
    const v = await h.visitor();
    h.desk.clock.advance({ minutes: 30 }); // the throttle's window holds only what follows
    const challenge = /name="challenge" value="([^"]+)"/.exec((await v.post('/login', { email: 'agent@vendor.example', password: PASSWORD })).body)![1];
    for (let i = 0; i < 5; i++) assert.equal((await v.post('/login/code', { challenge, code: '12345' })).statusCode, 400);
    const ended = await v.post('/login/code', { challenge, code: totp(key, now()) });
    assert.equal(ended.statusCode, 401);
    assert.match(main(ended.body), /This sign-in has expired or had too many wrong codes: sign in again/);
    assert.equal(MAX_FAILURES_PER_EMAIL, 5);
    assert.equal((await v.post('/login', { email: 'agent@vendor.example', password: PASSWORD })).statusCode, 429, 'five wrong codes: the email is throttled');
    h.desk.clock.advance({ minutes: 30 });
  });

  it('turned off with a code; an admin turns it off for someone who lost their device, on the audit trail', async () => {
    const a = await h.session(h.agent, 'agent');
    assert.equal((await a.post('/agent/settings/two-step/off', { code: '999999' === totp(key, now()) ? '888888' : '999999' })).statusCode, 400);
    assert.equal((await a.post('/agent/settings/two-step/off', { code: totp(key, now()) })).headers.location, '/agent/settings?done=saved');
    const v = await h.visitor();
    assert.equal((await v.post('/login', { email: 'agent@vendor.example', password: PASSWORD })).statusCode, 303, 'the password alone again');

    // On again, then reset by an admin from the agents page.
    await a.post('/agent/settings/two-step/start', {});
    const secret = /<code id="two-step-secret">([A-Z2-7]+)<\/code>/.exec(main((await a.get('/agent/settings')).body))![1];
    h.desk.clock.advance({ seconds: 30 });
    assert.equal((await a.post('/agent/settings/two-step/confirm', { code: totp(base32(secret), now()) })).statusCode, 303);
    const admin = await h.session(h.admin, 'agent');
    assert.match(main((await admin.get('/admin/agents')).body), /<button type="submit">Turn off agent@vendor\.example&#39;s two-step sign-in<\/button>/);
    assert.equal((await admin.post(`/admin/agents/${h.agent.id}/two-step/off`, {})).statusCode, 303);
    assert.equal((await v.post('/login', { email: 'agent@vendor.example', password: PASSWORD })).statusCode, 303);
    const { rows } = await h.desk.t.db.query<{ type: string }>("SELECT type FROM audit_events WHERE subject_id = $1 AND type = 'agent.two_step_reset'", [h.agent.id]);
    assert.equal(rows.length, 1);
  });
});

describe('a desk that requires two-step sign-in of its admins (ACCORD_TWO_STEP_REQUIRED=admins), OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise', { twoStepRequired: 'admins' });
  });
  after(() => h.close());
  const now = () => h.desk.clock.now().epochMilliseconds;

  it('sends an admin without it to their settings page until it is on; a front-line agent and a contact are not asked', async () => {
    const admin = await h.session(h.admin, 'agent');
    for (const path of ['/agent', '/admin', `/admin/organizations`]) {
      const sent = await admin.get(path);
      assert.deepEqual([sent.statusCode, sent.headers.location], [303, '/agent/settings'], path);
    }
    const refused = await admin.post('/admin/organizations', { name: 'Not yet', plan: 'pro', onboarding: 'complete' });
    assert.equal(refused.statusCode, 403);
    assert.match(main(refused.body), /This desk requires two-step sign-in: set it up on your settings page first/);
    assert.equal((await h.desk.t.db.query("SELECT 1 FROM organizations WHERE name = 'Not yet'")).rows.length, 0, 'nothing was done');
    const settings = await admin.get('/agent/settings');
    assert.equal(settings.statusCode, 200);
    assert.match(main(settings.body), /<p class="warning" role="alert" id="two-step-required"><strong>This desk requires two-step sign-in for you\.<\/strong>/);
    // The API's tokens are a credential of their own (README): not held back.
    assert.equal((await h.as(h.admin.token, { method: 'GET', url: '/api/v1/organizations' })).statusCode, 200);

    const front = await h.session(h.agent, 'agent');
    assert.equal((await front.get('/agent')).statusCode, 200);
    assert.doesNotMatch(main((await front.get('/agent/settings')).body), /two-step-required/);
    assert.equal((await (await h.session(h.contactA, 'contact')).get('/portal')).statusCode, 200);

    // Set up (start, then a code worked out here from the key): the desk is open to them again.
    assert.equal((await admin.post('/agent/settings/two-step/start', {})).statusCode, 303);
    const secret = /<code id="two-step-secret">([A-Z2-7]+)<\/code>/.exec(main((await admin.get('/agent/settings')).body))![1];
    assert.equal((await admin.post('/agent/settings/two-step/confirm', { code: totp(base32(secret), now()) })).statusCode, 303);
    assert.equal((await admin.get('/admin')).statusCode, 200);
    assert.doesNotMatch(main((await admin.get('/agent/settings')).body), /two-step-required/);
  });

  it('everyone: a contact without it is sent to the portal settings page', async () => {
    const app = await openWebApp('openback', 'enterprise', { twoStepRequired: 'everyone' });
    try {
      const c = await app.session(app.contactA, 'contact');
      const sent = await c.get('/portal');
      assert.deepEqual([sent.statusCode, sent.headers.location], [303, '/portal/settings']);
      assert.match(main((await c.get('/portal/settings')).body), /id="two-step-required"/);
    } finally {
      await app.close();
    }
  });
});
