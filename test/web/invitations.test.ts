// People added to the desk are invited to sign in, OpenBack: a link to choose their password,
// mailed when they are added (the admin pages by default, the API with invite: true) or again on
// demand, valid 7 days (the desk's clock stands at Wednesday 2 December 2026 10:00 UTC, so until
// Wednesday 9 December 10:00 UTC), once. A deactivated person is not invited; an agent is invited
// by admins only.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';

describe('invitations to sign in, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  const invitations = async (recipient: string) =>
    (await h.desk.t.db.query<{ subject: string; body: string; payload: { link: string } }>(
      "SELECT subject, body, payload FROM outbox WHERE kind = 'invitation' AND recipient = $1 ORDER BY created_at, id", [recipient],
    )).rows;

  it('a contact added by the API with invite: true is mailed a link that sets their password once; then they sign in', async () => {
    const made = await h.as(h.manager.token, {
      method: 'POST', url: '/api/v1/contacts',
      payload: { organization_id: h.contactA.organizationId, email: 'newbie@customer.example', name: 'Nia Newbie', invite: true },
    });
    assert.equal(made.statusCode, 201);
    const [mail] = await invitations('newbie@customer.example');
    assert.equal(mail.subject, "Your account on OpenBack's support portal");
    const link = mail.payload.link;
    assert.match(link, /^http:\/\/127\.0\.0\.1:3000\/reset\?token=[A-Za-z0-9_-]{43}&welcome=1$/);
    const org = (await h.desk.t.db.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [h.contactA.organizationId])).rows[0].name;
    assert.equal(mail.body, [
      `Nia Newbie, you have an account on OpenBack's support portal, for ${org}: newbie@customer.example. There you open cases, follow them and their promised times, and read the support policy.`,
      `To choose your password, open this link within 7 days:\n${link}`,
      'The link works once. Then sign in at http://127.0.0.1:3000/login. If it has expired, ask for a new one at http://127.0.0.1:3000/forgot.',
    ].join('\n\n'));
    // The link opens a page to choose one's (first) password, and sets it, once.
    const v = await h.visitor();
    const landing = await v.get(new URL(link).pathname + new URL(link).search);
    assert.match(landing.body, /<h1>Choose your password<\/h1>\s*<p id="welcome">Welcome: you were added to the support desk\./);
    assert.match(landing.body, /<input type="hidden" name="welcome" value="1">/);
    const token = new URL(link).searchParams.get('token')!;
    const set = await v.post('/reset', { token, password: 'a long enough password', welcome: '1' });
    assert.equal(set.statusCode, 200);
    assert.match(set.body, /Your password is set: sign in with it\./);
    assert.equal((await v.post('/reset', { token, password: 'another long password' })).statusCode, 400);
    const signIn = await v.post('/login', { email: 'newbie@customer.example', password: 'a long enough password' });
    assert.equal(signIn.statusCode, 303);
    assert.equal(signIn.headers.location, '/portal');
    // Without invite, nothing is mailed.
    await h.as(h.manager.token, { method: 'POST', url: '/api/v1/contacts', payload: { organization_id: h.contactA.organizationId, email: 'quiet@customer.example', name: 'Quinn Quiet' } });
    assert.deepEqual(await invitations('quiet@customer.example'), []);
  });

  it('invites again on demand; the link lasts 7 days; an agent is invited by admins only; never someone deactivated', async () => {
    const again = await h.as(h.manager.token, { method: 'POST', url: `/api/v1/contacts/${h.contactB.id}/invitation` });
    assert.equal(again.statusCode, 201);
    assert.equal(again.json().expires_at, '2026-12-09T10:00:00Z');
    const email = again.json().email as string;
    const link = (await invitations(email)).at(-1)!.payload.link;
    const token = new URL(link).searchParams.get('token')!;
    h.desk.clock.set('2026-12-09T10:00:00Z');
    const v = await h.visitor();
    assert.equal((await v.post('/reset', { token, password: 'a long enough password' })).statusCode, 400, 'expired at 7 days');
    h.desk.clock.set('2026-12-02T10:00:00Z');

    assert.equal((await h.as(h.manager.token, { method: 'POST', url: `/api/v1/agents/${h.agent.id}/invitation` })).statusCode, 403);
    const agentInvite = await h.as(h.admin.token, { method: 'POST', url: `/api/v1/agents/${h.agent.id}/invitation` });
    assert.equal(agentInvite.statusCode, 201);
    assert.equal((await invitations('agent@vendor.example')).at(-1)!.subject, "Your account on OpenBack's support desk");
    assert.equal((await h.as(h.admin.token, { method: 'POST', url: '/api/v1/contacts/00000000-0000-4000-8000-000000000000/invitation' })).statusCode, 404);

    await h.as(h.admin.token, { method: 'PATCH', url: `/api/v1/contacts/${h.contactB.id}`, payload: { active: false } });
    const refused = await h.as(h.admin.token, { method: 'POST', url: `/api/v1/contacts/${h.contactB.id}/invitation` });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.json().message, /deactivated: reactivate them first/);
    await h.as(h.admin.token, { method: 'PATCH', url: `/api/v1/contacts/${h.contactB.id}`, payload: { active: true } });
  });

  it('the admin pages invite by default when adding someone, and on demand', async () => {
    const a = await h.session(h.admin, 'agent');
    const form = (await a.get('/admin/agents')).body;
    assert.match(form, /<input type="checkbox" name="invite" checked> Mail them a link to choose their password \(7 days\)/);
    assert.equal((await a.post('/admin/agents', { name: 'Ada Added', email: 'ada@vendor.example', role: 'front_line', invite: 'on' })).statusCode, 303);
    assert.equal((await invitations('ada@vendor.example')).length, 1);
    assert.equal((await a.post('/admin/agents', { name: 'Una Uninvited', email: 'una@vendor.example', role: 'front_line' })).statusCode, 303);
    assert.equal((await invitations('una@vendor.example')).length, 0, 'the box cleared');
    const una = (await h.desk.t.db.query<{ id: string }>("SELECT id FROM agents WHERE email = 'una@vendor.example'")).rows[0].id;
    assert.match((await a.get('/admin/agents')).body, /<button type="submit">Mail Una Uninvited a sign-in link<\/button>/);
    assert.equal((await a.post(`/admin/agents/${una}/invitation`, {})).statusCode, 303);
    assert.equal((await invitations('una@vendor.example')).length, 1);
  });
});
