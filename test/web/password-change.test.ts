// A person changes their own password on their settings page, OpenBack: the current password
// first (a wrong one refused beside the form and counted as a failed sign-in, five of them
// throttled), a new one of ten characters or more that is not the same; the change keeps this
// session, ends the others, is audited and mailed to them. "Sign out everywhere else" ends the
// others without a new password. Agents and contacts alike.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, PASSWORD, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const NEW = 'a much longer secret';

describe('changing one\'s own password, and signing out elsewhere, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  const signsIn = async (email: string, password: string) => {
    const v = await h.visitor();
    return (await v.post('/login', { email, password })).statusCode === 303;
  };

  it('an agent changes theirs with the current one: the other sessions end, this one stays; audited and mailed', async () => {
    const here = await h.session(h.agent, 'agent');
    const elsewhere = await h.session(h.agent, 'agent');
    const page = main((await here.get('/agent/settings')).body);
    assert.match(page, /<h2 id="password-h">Password and where I am signed in<\/h2>/);
    assert.match(page, /<input id="current-password" name="current" type="password" autocomplete="current-password" required maxlength="200">/);
    assert.match(page, /<p id="other-sessions">You are also signed in in one other place \(another browser or computer\)\.<\/p>/);

    // Wrong current password: refused beside the form, nothing changed.
    const wrong = await here.post('/agent/settings/password', { current: 'not my password', password: NEW });
    assert.equal(wrong.statusCode, 400);
    assert.match(main(wrong.body), /<p>Your current password is not right: nothing was changed<\/p>\s*<ul><li><strong>Current password<\/strong> is not the password you sign in with<\/li><\/ul>/);
    assert.doesNotMatch(wrong.body, /not my password|a much longer secret/, 'no password is echoed back');
    const short = await here.post('/agent/settings/password', { current: PASSWORD, password: 'short' });
    assert.equal(short.statusCode, 400);
    assert.match(main(short.body), /<strong>New password<\/strong> must be at least 10 characters/);
    const same = await here.post('/agent/settings/password', { current: PASSWORD, password: PASSWORD });
    assert.equal(same.statusCode, 400);
    assert.match(main(same.body), /<strong>New password<\/strong> is the same as the current one/);
    assert.equal((await elsewhere.get('/agent')).statusCode, 200, 'nothing ended by a refused change');
    assert.ok(await signsIn('agent@vendor.example', PASSWORD));

    const done = await here.post('/agent/settings/password', { current: PASSWORD, password: NEW });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/agent/settings?done=password');
    const after = main((await here.get('/agent/settings?done=password')).body);
    assert.match(after, /Your password is changed; you are signed out everywhere else\./);
    assert.match(after, /<p id="other-sessions">You are signed in here only\.<\/p>/);
    const gone = await elsewhere.get('/agent');
    assert.equal(gone.statusCode, 303, 'the other session ended');
    assert.match(String(gone.headers.location), /^\/login/);
    assert.equal(await signsIn('agent@vendor.example', PASSWORD), false);
    assert.ok(await signsIn('agent@vendor.example', NEW));

    const mail = (await h.desk.t.db.query<{ recipient: string; subject: string; body: string }>("SELECT recipient, subject, body FROM outbox WHERE kind = 'password_changed'")).rows;
    assert.equal(mail.length, 1);
    assert.equal(mail[0].recipient, 'agent@vendor.example');
    // The place named as the agent knows it (QA 2026-12-07: not the software's name, "Accord").
    assert.equal(mail[0].subject, "Your password for OpenBack's support desk was changed");
    assert.match(mail[0].body, /^The password of agent@vendor\.example on OpenBack's support desk was changed at 2026-12-02 10:00 UTC, and every other place signed in with it was signed out\.\n\nIf you did not change it, someone else has your password: choose a new one now at\nhttp[^\n]+\/forgot\n/);
    const audit = (await h.desk.t.db.query<{ type: string; subject_id: string; data: { endedSessions: number } }>("SELECT type, subject_id, data FROM audit_events WHERE type = 'agent.password_changed'")).rows;
    assert.deepEqual(audit.map((a) => [a.type, a.subject_id, a.data.endedSessions]), [['agent.password_changed', h.agent.id, 2]]);
  });

  it('five wrong current passwords in the window stop the sixth try, even a right one', async () => {
    h.desk.clock.set('2026-12-02T12:00:00Z');
    // Contact B reads times in New York's zone (their profile's): the mail of the change gives it so, as the portal does.
    await h.desk.t.db.query("UPDATE contacts SET time_zone = 'America/New_York' WHERE id = $1", [h.contactB.id]);
    const email = (await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactB.id])).rows[0].email;
    const c = await h.session(h.contactB, 'contact');
    for (let i = 0; i < 5; i++) assert.equal((await c.post('/portal/settings/password', { current: `guess ${i}`, password: NEW })).statusCode, 400);
    const stopped = await c.post('/portal/settings/password', { current: PASSWORD, password: NEW });
    assert.equal(stopped.statusCode, 429);
    assert.match(main(stopped.body), /Too many wrong passwords: try again in 15 minutes, or reset your password/);
    assert.equal(await signsIn(email, NEW), false, 'not changed');
    h.desk.clock.advance({ minutes: 16 });
    assert.equal((await c.post('/portal/settings/password', { current: PASSWORD, password: NEW })).statusCode, 303);
    assert.ok(await signsIn(email, NEW));
    // Changed at 12:16 UTC on Wed 2 Dec 2026: 07:16 AM EST.
    const [mail] = (await h.desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'password_changed' AND recipient = $1", [email])).rows;
    assert.match(mail.body, / was changed at Wed Dec 2 2026 07:16 AM EST, /);
  });

  it('a contact signs out everywhere else from the portal; this session stays', async () => {
    const here = await h.session(h.contactA, 'contact');
    const phone = await h.session(h.contactA, 'contact');
    const laptop = await h.session(h.contactA, 'contact');
    assert.match(main((await here.get('/portal/settings')).body), /<p id="other-sessions">You are also signed in in 2 other places \(another browser or computer\)\.<\/p>/);
    const done = await here.post('/portal/settings/sessions/end-others', {});
    assert.equal(done.headers.location, '/portal/settings?done=signed-out');
    assert.match(main((await here.get('/portal/settings?done=signed-out')).body), /You are signed out everywhere else\.[\s\S]*You are signed in here only\./);
    assert.equal((await phone.get('/portal')).statusCode, 303);
    assert.equal((await laptop.get('/portal')).statusCode, 303);
    assert.equal((await here.get('/portal')).statusCode, 200);
    // Another person's sessions are not touched.
    const agent = await h.session(h.manager, 'agent');
    await here.post('/portal/settings/sessions/end-others', {});
    assert.equal((await agent.get('/agent')).statusCode, 200);
  });
});
