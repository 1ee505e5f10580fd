// A person's own details on their settings page. Their name: anyone corrects theirs, audited, and
// the desk shows it from then on; a blank one is refused beside the form.
// A contact changes the address they are known by on their settings page: their password asked, a
// link mailed to the new address, the change made when the link's page is confirmed; refused for
// someone else's address, a wrong password, too many asks; a link used, expired, replaced or taken
// back works no more; erasing the contact erases the mail of an address never confirmed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { updateContact } from '../../src/customers/index.ts';
import { queueMessage } from '../../src/outbox/index.ts';
import { eraseContact } from '../../src/privacy/index.ts';
import { openWebApp, PASSWORD, type Browserless, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('a contact changes their own address, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  const db = () => h.desk.t.db;
  const emailOf = async (id: string) => (await db().query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [id])).rows[0].email;
  const mails = async (kind: string) =>
    (await db().query<{ recipient: string; subject: string; body: string; payload: { link?: string } }>('SELECT recipient, subject, body, payload FROM outbox WHERE kind = $1 ORDER BY created_at, id', [kind])).rows;
  const tokenOf = (link: string | undefined) => new URL(link!).searchParams.get('token')!;
  const ask = (c: Browserless, email: string, current = PASSWORD) => c.post('/portal/settings/address', { email, current });

  it('asks for the password and mails a link to the new address; nothing changes until it is opened and confirmed', async () => {
    const c = await h.session(h.contactA, 'contact');
    const old = await emailOf(h.contactA.id);
    const form = main((await c.get('/portal/settings')).body);
    assert.match(form, new RegExp(`<p id="my-address">You are known by <strong>${old.replace('.', '\\.')}</strong>`));
    assert.match(form, /<form method="post" action="\/portal\/settings\/address" class="stack narrow">/);
    // A wrong password: refused beside the form, what was typed kept, nothing mailed.
    const wrong = await ask(c, 'Me@NewCompany.example', 'not my password');
    assert.equal(wrong.statusCode, 400);
    assert.match(main(wrong.body), /<li><strong>Current password<\/strong> is not the password you sign in with<\/li>/);
    assert.match(main(wrong.body), /<input id="new-address" name="email" type="email" autocomplete="email" required maxlength="254" value="Me@NewCompany\.example">/);
    const notAnAddress = await ask(c, 'me at home');
    assert.equal(notAnAddress.statusCode, 400);
    assert.match(main(notAnAddress.body), /<li><strong>New address<\/strong> is not an email address<\/li>/);
    const same = await ask(c, old.toUpperCase());
    assert.equal(same.statusCode, 400);
    assert.match(main(same.body), /<li><strong>New address<\/strong> is the address you are known by now<\/li>/);
    assert.equal((await mails('address_confirm')).length, 0);

    const asked = await ask(c, 'Me@NewCompany.example');
    assert.deepEqual([asked.statusCode, asked.headers.location], [303, '/portal/settings?done=address']);
    const [mail] = await mails('address_confirm');
    assert.equal(mail.recipient, 'me@newcompany.example');
    assert.equal(mail.subject, 'Confirm your new address for support');
    assert.match(mail.payload.link!, /\/address\/confirm\?token=[A-Za-z0-9_-]{43}$/);
    assert.ok(mail.body.startsWith(`Someone signed in to the support desk as ${old} asked to be known by this address, me@newcompany.example, instead.\n\n`));
    assert.ok(mail.body.includes(mail.payload.link!) && mail.body.includes('within 24 hours'));
    // Mail to an address nobody confirmed quotes nothing the contact chose, not even their name.
    const name = (await db().query<{ name: string }>('SELECT name FROM contacts WHERE id = $1', [h.contactA.id])).rows[0].name;
    assert.ok(!mail.body.includes(name));
    const settings = main((await c.get('/portal/settings?done=address')).body);
    assert.match(settings, /We mailed a link to the new address: open it within 24 hours to make the change\./);
    // The desk's clock stands at 2026-12-02 10:00 UTC: the link works a day; in the plan's zone (London, on GMT in December).
    assert.match(settings, /<p id="address-pending">We mailed a link to <strong>me@newcompany\.example<\/strong> to confirm it: until you open it \(by Thu 3 Dec 2026 10:00 GMT\) nothing changes\.<\/p>/);
    assert.equal(await emailOf(h.contactA.id), old, 'unchanged until the link is opened');

    // Opening the link asks first (a mail scanner following it changes nothing); anyone holding it may confirm.
    const token = tokenOf(mail.payload.link);
    const v = await h.visitor();
    const page = await v.get(`/address/confirm?token=${token}`);
    assert.equal(page.statusCode, 200);
    assert.match(main(page.body), new RegExp(`Be known by <strong>me@newcompany\\.example</strong> instead of ${old.replace('.', '\\.')}\\?`));
    assert.equal(await emailOf(h.contactA.id), old);
    // Mail queued to the old address and not sent yet goes to the new one.
    await queueMessage(db(), { kind: 'ticket_reply', recipient: old, subject: 'Re: waiting', body: 'An answer', createdAt: h.desk.clock.now(), payload: {} });
    const confirmed = await v.post('/address/confirm', { token });
    assert.equal(confirmed.statusCode, 200);
    assert.match(main(confirmed.body), new RegExp(`You are known by me@newcompany\\.example now, instead of ${old.replace('.', '\\.')}`));
    assert.equal(await emailOf(h.contactA.id), 'me@newcompany.example');
    assert.deepEqual((await db().query("SELECT recipient FROM outbox WHERE kind = 'ticket_reply' AND subject = 'Re: waiting'")).rows, [{ recipient: 'me@newcompany.example' }]);
    // Told at both, in their own words; the old address stays known as theirs; audited as done by them.
    const told = await mails('address_changed');
    assert.deepEqual(told.map((m) => m.recipient).sort(), [old, 'me@newcompany.example'].sort());
    assert.ok(told.every((m) => m.body.startsWith('You changed the address you are known by from ')));
    assert.deepEqual((await db().query('SELECT email FROM contact_former_emails WHERE contact_id = $1', [h.contactA.id])).rows, [{ email: old }]);
    const { rows: audit } = await db().query<{ actor_kind: string; actor_id: string; data: Record<string, unknown> }>(
      "SELECT actor_kind, actor_id, data FROM audit_events WHERE type = 'contact.updated' AND subject_id = $1", [h.contactA.id],
    );
    assert.deepEqual(audit, [{ actor_kind: 'contact', actor_id: h.contactA.id, data: { email: { from: old, to: 'me@newcompany.example' }, confirmedByLink: true, mailRedirected: 1 } }]);
    // They sign in with the new address, the same password; the session they had goes on.
    const visitor = await h.visitor();
    assert.equal((await visitor.post('/login', { email: 'me@newcompany.example', password: PASSWORD })).statusCode, 303);
    assert.equal((await visitor.post('/login', { email: old, password: PASSWORD })).statusCode, 401);
    assert.equal((await c.get('/portal/settings')).statusCode, 200);
    // Their own copy of what the desk holds lists it.
    const held = JSON.parse((await c.get('/portal/settings/personal-data')).body) as { address_changes: Array<Record<string, unknown>> };
    assert.deepEqual(held.address_changes, [{ new_email: 'me@newcompany.example', requested_at: '2026-12-02T10:00:00Z', expires_at: '2026-12-03T10:00:00Z', confirmed_at: '2026-12-02T10:00:00Z' }]);
    // Used once.
    const again = await v.post('/address/confirm', { token });
    assert.equal(again.statusCode, 400);
    assert.match(main(again.body), /This link is not valid any more: ask for the change again on your settings page/);
    const reopened = await v.get(`/address/confirm?token=${token}`);
    assert.equal(reopened.statusCode, 404);
    assert.match(main(reopened.body), /<p id="address-no-link">This link is not valid any more/);
  });

  it("someone else's address, a colleague's or an agent's, reads to the contact as any other (it would tell them who the desk knows); that address is told, with no link", async () => {
    const c = await h.session(h.contactB, 'contact');
    for (const taken of ['Agent@vendor.example', 'me@newcompany.example']) {
      const asked = await ask(c, taken);
      assert.deepEqual([asked.statusCode, asked.headers.location], [303, '/portal/settings?done=address']);
      assert.match(main((await c.get('/portal/settings')).body), new RegExp(`<p id="address-pending">We mailed a link to <strong>${taken.toLowerCase().replace('.', '\\.')}</strong> to confirm it`));
    }
    const told = (await mails('address_confirm')).filter((m) => m.recipient === 'agent@vendor.example');
    assert.equal(told.length, 1);
    assert.equal(told[0].subject, 'Your address for support');
    assert.equal(told[0].payload.link, undefined, 'no link is made');
    assert.match(told[0].body, /^Someone signed in to the support desk as [^ ]+ asked to be known by this address, agent@vendor\.example\. It is in use at the desk already \(perhaps by you\), so nothing was changed and no link was made\./);
    // The asks count as any (an hour later, the next test starts afresh).
    h.desk.clock.advance({ minutes: 61 });
  });

  it('a newer ask voids the link before; taking it back voids the latest; a link lives 24 hours', async () => {
    const c = await h.session(h.contactB, 'contact');
    assert.equal((await ask(c, 'first@b.example')).statusCode, 303);
    assert.equal((await ask(c, 'second@b.example')).statusCode, 303);
    const sent = await mails('address_confirm');
    const links = ['first@b.example', 'second@b.example'].map((to) => sent.find((m) => m.recipient === to)!);
    assert.equal(sent.filter((m) => m.recipient.endsWith('@b.example')).length, 2);
    const v = await h.visitor();
    assert.equal((await v.post('/address/confirm', { token: tokenOf(links[0].payload.link) })).statusCode, 400, 'the first link was replaced');
    // Not mailed either, if it still waited: nor is one taken back.
    const statusOf = async (to: string) => (await db().query<{ status: string; last_error: string | null }>("SELECT status, last_error FROM outbox WHERE kind = 'address_confirm' AND recipient = $1", [to])).rows[0];
    assert.deepEqual(await statusOf('first@b.example'), { status: 'suppressed', last_error: 'not sent: a newer link was asked for' });
    // Taken back: the latest works no more either.
    const kept = await c.post('/portal/settings/address/cancel', {});
    assert.deepEqual([kept.statusCode, kept.headers.location], [303, '/portal/settings?done=address-kept']);
    assert.doesNotMatch(main((await c.get('/portal/settings')).body), /id="address-pending"/);
    assert.deepEqual(await statusOf('second@b.example'), { status: 'suppressed', last_error: 'not sent: the change was taken back' });
    assert.equal((await v.post('/address/confirm', { token: tokenOf(links[1].payload.link) })).statusCode, 400);
    // Three asks an hour at most (each mails an address typed), those replaced or taken back too; an hour later, one more.
    assert.equal((await ask(c, 'third@b.example')).statusCode, 303);
    const limited = await ask(c, 'fourth@b.example');
    assert.equal(limited.statusCode, 429);
    assert.match(main(limited.body), /You asked for 3 links in the last hour: use the latest one, or try again later/);
    h.desk.clock.advance({ minutes: 61 });
    assert.equal((await ask(c, 'fourth@b.example')).statusCode, 303);
    const third = (await mails('address_confirm')).find((m) => m.recipient === 'fourth@b.example')!;
    h.desk.clock.advance({ hours: 24, seconds: 1 });
    assert.equal((await v.get(`/address/confirm?token=${tokenOf(third.payload.link)}`)).statusCode, 404);
    assert.equal((await v.post('/address/confirm', { token: tokenOf(third.payload.link) })).statusCode, 400, 'expired');
    assert.notEqual(await emailOf(h.contactB.id), 'fourth@b.example');
  });

  it('a contact who left meanwhile is not changed; erasing one erases the link mailed to an address never confirmed', async () => {
    const person = await h.newContact();
    await db().query('UPDATE contacts SET password_hash = (SELECT password_hash FROM contacts WHERE id = $2) WHERE id = $1', [person.id, h.contactA.id]);
    const c = await h.session(person, 'contact');
    assert.equal((await ask(c, 'never@c.example')).statusCode, 303);
    const link = (await mails('address_confirm')).find((m) => m.recipient === 'never@c.example')!;
    await updateContact({ ctx: h.desk.ctx(h.desk.admin), input: { contactId: person.id, active: false } });
    const v = await h.visitor();
    const refused = await v.post('/address/confirm', { token: tokenOf(link.payload.link) });
    assert.equal(refused.statusCode, 409);
    assert.match(main(refused.body), /This person is no longer a contact of the desk: nothing was changed/);
    const email = await emailOf(person.id);
    await eraseContact({ ctx: h.desk.ctx(h.desk.admin), input: { contactId: person.id, confirmEmail: email } });
    assert.deepEqual((await db().query('SELECT 1 FROM contact_address_changes WHERE contact_id = $1', [person.id])).rows, []);
    const { rows: erased } = await db().query<{ recipient: string; body: string }>("SELECT recipient, body FROM outbox WHERE kind = 'address_confirm' AND recipient NOT LIKE '%@b.example' AND recipient NOT IN ('me@newcompany.example', 'agent@vendor.example')");
    assert.deepEqual(erased, [{ recipient: `erased-${person.id}@erased.invalid`, body: '[erased]' }]);
  });

  it('is a contact\'s page: an agent or a visitor cannot ask', async () => {
    const a = await h.session(h.agent, 'agent');
    assert.equal((await a.post('/portal/settings/address', { email: 'x@y.example', current: PASSWORD })).statusCode, 403);
    assert.doesNotMatch(main((await a.get('/agent/settings')).body), /id="address-h"/);
    const v = await h.visitor();
    assert.equal((await v.post('/portal/settings/address', { email: 'x@y.example', current: PASSWORD })).statusCode, 303);
  });
});

describe('one\'s own name, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('a contact and an agent correct their name on their settings page and by the API; a blank one is refused, what was typed kept; audited', async () => {
    const c = await h.session(h.contactA, 'contact');
    const before = main((await c.get('/portal/settings')).body);
    const old = (await h.desk.t.db.query<{ name: string }>('SELECT name FROM contacts WHERE id = $1', [h.contactA.id])).rows[0].name;
    assert.match(before, new RegExp(`<input id="my-name" name="name" required maxlength="200" autocomplete="name" value="${old}">`));
    const blank = await c.post('/portal/settings/name', { name: '   ' });
    assert.equal(blank.statusCode, 400);
    assert.match(main(blank.body), /<li><strong>Name<\/strong> is required<\/li>/);
    assert.match(main(blank.body), /<input id="my-name" name="name" required maxlength="200" autocomplete="name" value="   ">/);
    // One line: a name with a line break in it is refused (it goes into pages and mail).
    const twoLines = await c.post('/portal/settings/name', { name: 'Dana\nVerify at https://evil.example' });
    assert.equal(twoLines.statusCode, 400);
    assert.match(main(twoLines.body), /<li><strong>Name<\/strong> must be one line, without control characters<\/li>/);
    // A refusal of another field changes nothing: the name stays as it was.
    const mixed = await h.as(h.contactA.token, { method: 'PATCH', url: '/api/v1/me', payload: { name: 'Eve', time_zone: 'Mars/Base' } });
    assert.deepEqual([mixed.statusCode, mixed.json().details.map((d: { path: string }) => d.path)], [400, ['time_zone']]);
    assert.equal((await h.desk.t.db.query<{ name: string }>('SELECT name FROM contacts WHERE id = $1', [h.contactA.id])).rows[0].name, old);
    const saved = await c.post('/portal/settings/name', { name: '  Dana O\'Neil ' });
    assert.deepEqual([saved.statusCode, saved.headers.location], [303, '/portal/settings?done=name']);
    assert.match(main((await c.get('/portal/settings?done=name')).body), /Your name is changed\./);
    assert.equal((await h.desk.t.db.query<{ name: string }>('SELECT name FROM contacts WHERE id = $1', [h.contactA.id])).rows[0].name, "Dana O'Neil");
    // The same name again changes nothing and is not audited again.
    await c.post('/portal/settings/name', { name: "Dana O'Neil" });
    const { rows: audit } = await h.desk.t.db.query<{ actor_kind: string; type: string; organization_id: string; data: unknown }>(
      'SELECT actor_kind, type, organization_id, data FROM audit_events WHERE subject_id = $1', [h.contactA.id],
    );
    assert.deepEqual(audit, [{ actor_kind: 'contact', type: 'contact.updated', organization_id: h.contactA.organizationId, data: { name: { from: old, to: "Dana O'Neil" } } }]);
    // An agent by the API; a contact's API token may too. A name past 200 characters is refused naming it.
    const renamed = await h.as(h.agent.token, { method: 'PATCH', url: '/api/v1/me', payload: { name: 'Alex Front' } });
    assert.deepEqual([renamed.statusCode, renamed.json().name], [200, 'Alex Front']);
    const long = await h.as(h.contactB.token, { method: 'PATCH', url: '/api/v1/me', payload: { name: 'x'.repeat(201) } });
    assert.equal(long.statusCode, 400);
    assert.deepEqual(long.json().details.map((d: { path: string }) => d.path), ['name']);
    const a = await h.session(h.agent, 'agent');
    assert.match(main((await a.get('/agent/settings')).body), /<input id="my-name" name="name" required maxlength="200" autocomplete="name" value="Alex Front">/);
  });
});
