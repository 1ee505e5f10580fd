// What the status routes on OpenMethods refuse and limit: a confirmation link past its 48 hours,
// generated input (a 4xx naming the field, never a 5xx), and the subscribe rate limit (per address,
// across instances, one window for all the notice lists, pruned).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pruneRateLimits } from '../../src/status/index.ts';
import { buildApp } from '../../src/http/index.ts';
import { emailSettingsFor } from '../../src/email/index.ts';
import { silentLogger } from '../../src/platform/index.ts';
import { openTicketApp, type TicketApp } from '../http/ticket-app.ts';
import { outbox } from './helpers.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('status confirmation links (OpenMethods)', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('openmethods', 'premium');
  });
  after(() => h.close());

  it('the confirmation link expires after 48 hours', async () => {
    await h.app.inject({ method: 'POST', url: '/status/subscribe', payload: { email: 'slow@customer.example' } });
    const [mail] = (await outbox(h.desk.t.db, 'status_confirm')).filter((m) => m.recipient === 'slow@customer.example');
    const path = /(\/status\/confirm\/[A-Za-z0-9_-]+)/.exec(mail.body)![1];
    h.desk.clock.advance({ hours: 48 });
    const res = await h.app.inject({ method: 'POST', url: path });
    assert.equal(res.statusCode, 404);
    assert.match(res.json().message, /expired/);
    // A browser is shown the refusal as a page, with the same status.
    const page = await h.app.inject({ method: 'POST', url: path, headers: { accept: 'text/html,application/xhtml+xml' } });
    assert.equal(page.statusCode, 404);
    assert.match(page.headers['content-type'] as string, /^text\/html/);
    assert.match(page.body, /<h1>This link does not work<\/h1>\s*<p>This confirmation link has expired: it works for 48 hours\.<\/p>/);
    const form = await h.app.inject({ method: 'POST', url: '/status/subscribe', headers: { ...FORM, accept: 'text/html' }, payload: 'email=not-an-address' });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /<p>Email address: must be an email address<\/p>/);
  });
});

describe('status routes under generated input', () => {
  it('answer 2xx or a 4xx envelope naming the field, never a 5xx (fixed seed)', async () => {
    const h = await openTicketApp('openmethods', 'premium');
    try {
      const incident = (await h.as(h.agent.token, { method: 'POST', url: '/api/v1/status/incidents', payload: { name: 'Fuzz', body: 'Fuzzing.' } })).json().id;
      const weird = fc.oneof(fc.string(), fc.constantFrom('', '\u0000', '<script>', 'x'.repeat(30_000), '2026-13-40T99:00:00Z'), fc.integer(), fc.boolean(), fc.constant(null),
        fc.array(fc.oneof(fc.string(), fc.constantFrom('media-bar', 'chat-routing')), { maxLength: 3 }));
      const body = fc.dictionary(fc.constantFrom('name', 'body', 'status', 'impact', 'components', 'notify', 'email', 'scheduled_for', 'scheduled_until', 'postmortem', 'x'), weird, { maxKeys: 6 });
      const routes = [
        ['POST', '/api/v1/status/incidents'], ['POST', `/api/v1/status/incidents/${incident}/updates`], ['POST', '/api/v1/status/maintenances'],
        ['POST', '/api/v1/status/hotfixes'], ['PUT', '/api/v1/status/components/media-bar'], ['POST', '/status/subscribe'],
      ] as const;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...routes), body, fc.boolean(), async ([method, url], payload, form) => {
          const request = form
            ? { method, url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(Object.entries(payload).map(([k, v]) => [k, String(v)])).toString() }
            : { method, url, payload };
          const res = await h.as(h.agent.token, request);
          assert.ok(res.statusCode < 500, `${method} ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
          if (res.statusCode >= 400) assert.ok(['code', 'message', 'details', 'requestId'].every((k) => k in res.json()));
        }),
        { seed: 20261202, numRuns: 150 },
      );
    } finally {
      await h.close();
    }
  });
});

describe('subscribe rate limit', () => {
  it('answers 429 after 10 requests from one address in 15 minutes, and again after the window', async () => {
    const h = await openTicketApp('openmethods', 'premium');
    try {
      const post = (i: number) => h.app.inject({ method: 'POST', url: '/status/subscribe', payload: { email: `r${i}@customer.example` }, remoteAddress: '203.0.113.7' });
      for (let i = 0; i < 10; i++) assert.equal((await post(i)).statusCode, 202);
      const refused = await post(10);
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.json().code, 'limit_exceeded');
      const other = await h.app.inject({ method: 'POST', url: '/status/subscribe', payload: { email: 'other@customer.example' }, remoteAddress: '203.0.113.8' });
      assert.equal(other.statusCode, 202, 'another address has its own window');
      h.desk.clock.advance({ minutes: 15 });
      assert.equal((await post(11)).statusCode, 202);
    } finally {
      await h.close();
    }
  });

  it('counts one address across instances, one window for all the notice lists, and prunes old windows', async () => {
    const h = await openTicketApp('openmethods', 'premium');
    // A second instance: another app on the same database, as a second process would be.
    const second = await buildApp({ db: h.desk.t.db, clock: h.desk.clock, logger: silentLogger(), email: { settings: emailSettingsFor('support@accord.localhost'), devMail: true } });
    try {
      const post = (app: typeof h.app, i: number, url = '/status/subscribe') =>
        app.inject({ method: 'POST', url, payload: { email: `x${i}@customer.example` }, remoteAddress: '198.51.100.9' });
      for (let i = 0; i < 5; i++) assert.equal((await post(h.app, i)).statusCode, 202);
      for (let i = 5; i < 10; i++) assert.equal((await post(second, i)).statusCode, 202);
      assert.equal((await post(second, 10)).statusCode, 429, 'the eleventh, through the other instance, is refused');
      assert.equal((await post(h.app, 11)).statusCode, 429);
      // The notice lists share one window, whatever list a request names (made-up names included).
      for (let i = 0; i < 10; i++) assert.notEqual((await post(i % 2 ? h.app : second, 100 + i, `/status/lists/made-up-${i}/subscribe`)).statusCode, 429);
      assert.equal((await post(h.app, 110, '/status/lists/another/subscribe')).statusCode, 429);
      assert.equal(await pruneRateLimits(h.desk.t.db, h.desk.clock.now()), 0, 'windows under a day old are kept');
      h.desk.clock.advance({ hours: 24, seconds: 1 });
      assert.equal(await pruneRateLimits(h.desk.t.db, h.desk.clock.now()), 2, "the status form's window and the lists' window");
    } finally {
      await second.close();
      await h.close();
    }
  });
});
