// Admin pages for people who change or leave, OpenBack: an agent's role, deactivating an agent
// (refused beside the form while they are on call; not offered to be asked on a note after), tokens,
// a contact named, un-named, deactivated, erased, and an email corrected (a contact's when mail to it
// came back, an agent's). What agents set for themselves: agent-own-settings.test.ts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRotation } from '../../src/oncall/index.ts';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, PASSWORD, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('people on the admin pages, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('changes an agent\'s role, refuses to deactivate one on call (saying why), and deactivates them once off it', async () => {
    const a = await h.session(h.admin, 'agent');
    assert.equal((await a.post(`/admin/agents/${h.escalation.id}`, { role: 'manager' })).headers.location, '/admin/agents?done=1');
    // A form with nothing in it (a role select left out): said in a sentence, no empty field name.
    const nothing = main((await a.post(`/admin/agents/${h.escalation.id}`, {})).body);
    assert.match(nothing, /<ul><li>Nothing to change<\/li><\/ul>/);
    assert.doesNotMatch(nothing, /<strong><\/strong>/);
    const rotation = await createRotation({
      ctx: h.desk.system,
      input: { name: 'Weekends', timeZone: 'Europe/London', handoverTime: '09:00', cadence: 'weekly', handoverWeekday: 'sat', startDate: '2026-11-28', members: [h.escalation.id] },
    });
    // Not ticked: nothing deactivated, the box named (their tokens would be revoked for good).
    const unticked = await a.post(`/admin/agents/${h.escalation.id}`, { active: 'no' });
    assert.equal(unticked.statusCode, 400);
    assert.match(main(unticked.body), new RegExp(`id="agent-${h.escalation.id}-error">\\s*<p>Nothing was deactivated: tick &quot;Yes, deactivate this agent&quot; to deactivate it</p>\\s*<ul><li><strong>Yes, deactivate this agent</strong> is not ticked</li>`));
    assert.match(main(unticked.body), /<label><input type="checkbox" name="confirm" required> Yes, deactivate this agent<\/label>/);
    const refused = await a.post(`/admin/agents/${h.escalation.id}`, { active: 'no', confirm: 'on' });
    assert.equal(refused.statusCode, 409);
    // Named by who they are, not by the form's field ("Active is on the on-call rotation").
    assert.match(main(refused.body), /<li><strong>escalation@vendor\.example<\/strong> is on the on-call rotation &quot;Weekends&quot; \(or covers it\): take them off it first<\/li>/);
    assert.doesNotMatch(main(refused.body), /<strong>Active<\/strong>/);
    assert.equal((await a.post(`/admin/oncall/${rotation.id}/delete`, { confirm: 'on' })).statusCode, 303);
    assert.equal((await a.post(`/admin/agents/${h.escalation.id}`, { active: 'no', confirm: 'on' })).statusCode, 303);
    const page = main((await a.get('/admin/agents')).body);
    assert.match(page, /escalation@vendor\.example <small>\(deactivated 2026-12-02 10:00 UTC\)<\/small>/);
    assert.match(page, /<option value="manager" selected>Manager<\/option>/);
    assert.match((await a.get('/admin/agents')).body, /<span class="hint">· Admin<\/span>/, 'the header names the reader\'s role in words');
    assert.match(page, /<input type="hidden" name="active" value="yes">\s*<button type="submit">Reactivate escalation@vendor\.example<\/button>/, 'reactivating asks nothing');
    // Their own row offers no deactivation (refused: another admin does it); the others' rows do.
    const own = new RegExp(`<tr><td>admin@vendor\\.example</td>[^]*?</tr>`).exec(page)?.[0] ?? '';
    assert.match(own, /<p class="hint" id="own-account">Your own account: another admin deactivates it\.<\/p>/);
    assert.doesNotMatch(own, /Deactivate admin@vendor/);
    assert.match(page, /<button type="submit">Deactivate agent@vendor\.example<\/button>/);
    // Offered nowhere: not in the on-call form nor the token owners.
    assert.doesNotMatch(main((await a.get('/admin/oncall')).body), new RegExp(`member_${h.escalation.id}`));
    assert.doesNotMatch(main((await a.get('/admin/tokens')).body), new RegExp(`agent:${h.escalation.id}`));
  });

  it('creates a token with scopes on the tokens page, lists them, and refuses a wrong one naming it', async () => {
    const a = await h.session(h.admin, 'agent');
    // Made, then shown once on the page the form redirects to (admin-secrets-once.test.ts).
    const posted = await a.post('/admin/tokens', { owner: `agent:${h.agent.id}`, name: 'status bot', scopes: 'status:write, kb:read' });
    assert.equal(posted.statusCode, 303);
    const created = await a.get(String(posted.headers.location));
    const token = /<code id="new-token">([^<]+)<\/code>/.exec(created.body)?.[1] ?? '';
    assert.match(main(created.body), /<small class="scopes">\(status:write kb:read\)<\/small><\/td><td>status bot<\/td>/);
    assert.equal((await h.as(token, { method: 'GET', url: '/api/v1/tickets' })).statusCode, 403);
    const wrong = await a.post('/admin/tokens', { name: 'typo', scopes: 'tickets:raed' });
    assert.equal(wrong.statusCode, 400);
    assert.match(main(wrong.body), /<strong>Scopes<\/strong> is area:read or area:write/);
    assert.doesNotMatch(main(wrong.body), /<td>typo<\/td>/);
  });

  it("creates a customer contact's token by their email; an email that is no contact, none given, or given for another owner is refused naming the field", async () => {
    const a = await h.session(h.admin, 'agent');
    const email = (await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactA.id])).rows[0].email;
    const form = main((await a.get('/admin/tokens')).body);
    // Not a select of every contact of the desk: their email, suggested as typed.
    assert.match(form, /<option value="contact">A customer's contact \(their email below\)<\/option>/);
    assert.match(form, /<input id="t-contact" name="contact_email" type="email" maxlength="254" list="token-contacts" data-find="\/agent\/contacts\/suggest" autocomplete="off" value="">/);
    assert.doesNotMatch(form, new RegExp(`contact:${h.contactA.id}`));

    const posted = await a.post('/admin/tokens', { owner: 'contact', contact_email: email.toUpperCase(), name: 'CRM sync' });
    assert.equal(posted.statusCode, 303);
    const created = await a.get(String(posted.headers.location));
    const token = /<code id="new-token">([^<]+)<\/code>/.exec(created.body)?.[1] ?? '';
    const row = (await h.desk.t.db.query<{ contact_id: string | null; agent_id: string | null }>("SELECT contact_id, agent_id FROM api_tokens WHERE name = 'CRM sync'")).rows;
    assert.deepEqual(row, [{ contact_id: h.contactA.id, agent_id: null }]);
    // Listed with the contact's email as its owner; the token is the contact's (their organization's cases only).
    assert.match(main(created.body), new RegExp(`<td>CRM sync</td><td>${email.replace('.', '\\.')}</td>`));
    assert.equal((await h.as(token, { method: 'GET', url: '/api/v1/contacts' })).json().items.every((c: { organization_id: string }) => c.organization_id === h.contactA.organizationId), true);

    const count = async () => Number((await h.desk.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_tokens')).rows[0].n);
    const before = await count();
    const unknown = await a.post('/admin/tokens', { owner: 'contact', contact_email: 'nobody@nowhere.example', name: 'ghost' });
    assert.equal(unknown.statusCode, 400);
    assert.match(main(unknown.body), /<p>No contact has the email nobody@nowhere\.example<\/p>[\s\S]*<strong>Contact(?:&#39;|')s email<\/strong> is not a contact of any organization/);
    assert.match(main(unknown.body), /<option value="contact" selected>/);
    assert.match(main(unknown.body), /name="contact_email" type="email" maxlength="254" list="token-contacts" data-find="\/agent\/contacts\/suggest" autocomplete="off" value="nobody@nowhere\.example">/);
    const none = await a.post('/admin/tokens', { owner: 'contact', contact_email: ' ', name: 'nobody' });
    assert.equal(none.statusCode, 400);
    assert.match(main(none.body), /<strong>Contact(?:&#39;|')s email<\/strong> is required for a contact(?:&#39;|')s token/);
    // An email typed while "Me" stays chosen would otherwise make a token for the admin: refused.
    const mine = await a.post('/admin/tokens', { owner: '', contact_email: email, name: 'meant for them' });
    assert.equal(mine.statusCode, 400);
    assert.match(main(mine.body), /<strong>Contact(?:&#39;|')s email<\/strong> is only for a contact(?:&#39;|')s token: choose “A customer(?:&#39;|')s contact” under For, or empty it/);
    assert.equal(await count(), before, 'nothing created by a refused form');
  });

  it('names and deactivates a contact from the organization\'s list; their ticket says they left', async () => {
    const a = await h.session(h.admin, 'agent');
    const id = h.contactB.id;
    const t = await openTicket(h, h.contactB, { subject: 'Before leaving', severity: 3 });
    assert.equal((await a.post(`/admin/contacts/${id}`, { named: 'no' })).headers.location, '/admin/organizations?done=1');
    assert.equal((await a.post(`/admin/contacts/${id}`, { active: 'no' })).statusCode, 303);
    const page = main((await a.get('/admin/organizations')).body);
    const email = (await h.desk.t.db.query<{ email: string; name: string }>('SELECT email, name FROM contacts WHERE id = $1', [id])).rows[0];
    assert.match(page, new RegExp(`${email.name} &lt;${email.email.replace('.', '\\.')}&gt; <small>\\(deactivated 2026-12-02 10:00 UTC\\)</small>`));
    assert.match(page, new RegExp(`<button type="submit">Make ${email.name} a named contact</button>`));
    assert.match(page, new RegExp(`<button type="submit">Reactivate ${email.name}</button>`));
    const api = await h.as(h.admin.token, { method: 'GET', url: `/api/v1/contacts?email=${encodeURIComponent(email.email)}` });
    assert.equal(api.json().items[0].deactivated_at, '2026-12-02T10:00:00Z');
    assert.match(main((await a.get(`/agent/tickets/${t.id}`)).body), /id="requester-left">Left the customer on 2026-12-02 10:00 UTC: mailed nothing more; change the requester below<\/strong>/);
  });

  it("a contact whose mail came back is flagged where agents read them; an admin corrects the address on the organization's list", async () => {
    const c = await h.newContact();
    const t = await openTicket(h, c, { subject: 'Printer offline', severity: 3 });
    const { rows: [person] } = await h.desk.t.db.query<{ email: string; name: string }>('SELECT email, name FROM contacts WHERE id = $1', [c.id]);
    // The receipt of their request went out, then came back.
    await h.desk.t.db.query(
      "UPDATE outbox SET status = 'sent', sent_at = created_at, bounced_at = created_at + interval '1 minute', bounce_reason = '5.1.1 <mailbox unknown>' WHERE recipient = $1", [person.email],
    );
    const flag = new RegExp(`id="mail-trouble-${c.id}">Mail to ${person.email.replace('.', '\\.')} does not arrive: the latest, of 2026-12-02 10:00 UTC, came back \\(5\\.1\\.1 &lt;mailbox unknown&gt;\\)\\. `);
    const a = await h.session(h.admin, 'agent');
    assert.match(main((await a.get(`/agent/tickets/${t.id}`)).body), new RegExp(`${flag.source}They may not have read our mail: reach them another way; an admin corrects the address on the organizations page\\.</strong>`));
    assert.match(main((await a.get(`/agent/organizations/${c.organizationId}`)).body), flag);
    const admin = main((await a.get(`/admin/organizations?q=${encodeURIComponent((await h.desk.t.db.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [c.organizationId])).rows[0].name)}`)).body);
    assert.match(admin, new RegExp(`${flag.source}Correct the address below if it is wrong\\.</strong>`));
    assert.match(admin, new RegExp(`<details class="contact-email" open><summary>Correct ${person.name}&#39;s email</summary>\\s*<form method="post" action="/admin/contacts/${c.id}" class="filters">`), 'open: their mail does not arrive');
    assert.match(admin, new RegExp(`<input id="email-${c.id}" name="email" type="email" required maxlength="254" value="${person.email.replace('.', '\\.')}"> <button type="submit">Correct ${person.name}&#39;s email</button>`));
    const api = await h.as(h.agent.token, { method: 'GET', url: `/api/v1/contacts?email=${encodeURIComponent(person.email)}` });
    assert.deepEqual(api.json().items[0].mail_undelivered, { how: 'bounced', kind: 'ticket_received', mail_at: '2026-12-02T10:00:00Z', reason: '5.1.1 <mailbox unknown>' });
    const theirs = await h.as(c.token, { method: 'GET', url: `/api/v1/contacts?email=${encodeURIComponent(person.email)}` });
    assert.equal(theirs.json().items[0].mail_undelivered, null, 'not for a contact');
    // They are told themselves, how and when (not the server's words): on their portal and by the API.
    assert.deepEqual((await h.as(c.token, { method: 'GET', url: '/api/v1/me' })).json().mail_undelivered, { how: 'bounced', mail_at: '2026-12-02T10:00:00Z' });
    const portal = main((await (await h.session(c, 'contact')).get('/portal')).body);
    assert.match(portal, new RegExp(`<p class="flash warning" role="status" id="my-mail-undelivered">Our latest mail to you at ${person.email.replace('.', '\\.')}, of Wed 2 Dec 2026 10:00 GMT, came back to us: you may be missing what we send \\(a full mailbox, or an address that changed\\)\\. Your cases are all here\\. If your address changed, <a href="\\/portal\\/settings#address-h">change it on your settings page</a>; otherwise tell us in a case\\.</p>`));
    assert.doesNotMatch(portal, /mailbox unknown/, "the server's words are the team's");
    // Found among all: the organizations page says how many, and lists theirs alone when asked.
    const count = /<p id="mail-undelivered-count" class="flash warning"><a href="\/admin\/organizations\?mail=undelivered">Mail does not reach (\d+) (?:person|people)<\/a>: their latest mail was refused or came back\. See whose, and correct their address\.<\/p>/.exec(main((await a.get('/admin/organizations')).body));
    assert.ok(count && Number(count[1]) >= 1, 'the count of people mail does not reach, linked');
    const only = main((await a.get('/admin/organizations?mail=undelivered')).body);
    assert.match(only, new RegExp(`<p id="orgs-mail-undelivered">Organizations with someone whose latest mail was refused or came back \\(${count![1]} (?:person|people) in all\\): correct an address that is wrong, then send again from the ticket what they missed\\.</p>`));
    assert.match(only, new RegExp(`<section aria-labelledby="org-${c.organizationId}">`));
    assert.doesNotMatch(only, new RegExp(`<section aria-labelledby="org-${h.contactA.organizationId}">`), 'an organization whose mail arrives is not listed');
    const listed = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/contacts?mail_undelivered=true&limit=200' });
    assert.ok(listed.json().items.some((x: { id: string }) => x.id === c.id));
    const orgs = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/organizations?mail_undelivered=true&limit=200' });
    assert.ok(orgs.json().items.some((o: { id: string }) => o.id === c.organizationId));
    const asked = await h.as(c.token, { method: 'GET', url: '/api/v1/contacts?mail_undelivered=true' });
    assert.equal(asked.statusCode, 403, 'whether mail reaches a colleague is the team\'s business');
    const notBoolean = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/contacts?mail_undelivered=maybe' });
    assert.deepEqual([notBoolean.statusCode, notBoolean.json().details.map((d: { path: string }) => d.path)], [400, ['querystring.mail_undelivered']]);

    // Another contact's address: refused beside the row, what was typed kept.
    const { rows: [taken] } = await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactA.id]);
    const refused = await a.post(`/admin/contacts/${c.id}`, { email: taken.email });
    assert.equal(refused.statusCode, 409);
    assert.match(main(refused.body), new RegExp(`id="contact-${c.id}-error">\\s*<p>The email is already in use</p>`));
    assert.match(main(refused.body), new RegExp(`id="email-${c.id}" name="email" type="email" required maxlength="254" value="${taken.email.replace('.', '\\.')}"`));
    const fixed = await a.post(`/admin/contacts/${c.id}`, { email: ' Printer.Owner@Example.com ' });
    assert.equal(fixed.headers.location, '/admin/organizations?done=1');
    const after = main((await a.get(`/agent/tickets/${t.id}`)).body);
    assert.match(after, /&lt;<a href="mailto:printer\.owner@example\.com">printer\.owner@example\.com<\/a>&gt;/);
    assert.doesNotMatch(after, /class="mail-trouble"/, 'nothing sent to the new address has failed');
    assert.equal((await h.as(c.token, { method: 'GET', url: '/api/v1/me' })).json().mail_undelivered, null, 'their new address has had no mail fail');
    assert.doesNotMatch(main((await a.get('/admin/organizations?mail=undelivered')).body), new RegExp(`<section aria-labelledby="org-${c.organizationId}">`), 'corrected: no longer listed');
    // The API, for a manager, the same.
    const patched = await h.as(h.manager.token, { method: 'PATCH', url: `/api/v1/contacts/${c.id}`, payload: { email: 'owner@example.com' } });
    assert.deepEqual([patched.statusCode, patched.json().email], [200, 'owner@example.com']);
    const bad = await h.as(h.manager.token, { method: 'PATCH', url: `/api/v1/contacts/${c.id}`, payload: { email: 'nobody' } });
    assert.deepEqual([bad.statusCode, bad.json().details.map((d: { path: string }) => d.path)], [400, ['email']]);
  });

  it('a note on the ticket page asks several colleagues (a multiple select, sent as multipart); the timeline names them', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Ask around', severity: 3 });
    const a = await h.session(h.agent, 'agent');
    const page = main((await a.get(`/agent/tickets/${t.id}`)).body);
    assert.match(page, /<select id="note-notify" name="notify" multiple size="3">/);
    assert.doesNotMatch(page.slice(page.indexOf('id="note-notify"'), page.indexOf('</select>', page.indexOf('id="note-notify"'))), /escalation@vendor/, 'the agent deactivated above is not offered');
    const sent = await a.upload(`/agent/tickets/${t.id}/note`, { body: 'Who knows the export job?', notify: [h.admin.id, h.manager.id] }, []);
    assert.equal(sent.statusCode, 303);
    const { rows } = await h.desk.t.db.query<{ recipient: string }>("SELECT recipient FROM outbox WHERE kind = 'agent_note_notice' AND payload->>'ticket_id' = $1 ORDER BY recipient", [t.id]);
    assert.deepEqual(rows.map((r) => r.recipient), ['admin@vendor.example', 'manager@vendor.example']);
    assert.match(main((await a.get(`/agent/tickets/${t.id}`)).body), /<div class="body">Who knows the export job\?<\/div>\s*<p class="asked">Asked: admin@vendor\.example, manager@vendor\.example<\/p>/);
    // The customer's view has no trace of it.
    const c = await h.session(h.contactA, 'contact');
    assert.doesNotMatch((await c.get(`/portal/cases/${t.id}`)).body, /Who knows|Asked:/);
  });

  it("erases a contact's personal data from the organization's list (their email typed again), and the API refuses a body without it, naming the field", async () => {
    const a = await h.session(h.admin, 'agent');
    const email = 'leaving.for.good@customer.example';
    const made = await h.as(h.admin.token, { method: 'POST', url: '/api/v1/contacts', payload: { organization_id: h.contactA.organizationId, email, name: 'Leaving Forgood' } });
    const id = made.json().id as string;
    const t = await openTicket(h, h.contactA, { subject: 'About a colleague', description: `Please copy ${email} on this.`, severity: 3 });
    // Before: a copy of what is held, as a download.
    const copy = await a.get(`/admin/contacts/${id}/personal-data`);
    assert.equal(copy.statusCode, 200);
    assert.match(String(copy.headers['content-disposition']), new RegExp(`^attachment; filename="personal-data-${id}-2026-12-02\\.json"$`));
    assert.deepEqual([JSON.parse(copy.body).contact.email, JSON.parse(copy.body).internal_included], [email, false]);
    const missing = await h.as(h.admin.token, { method: 'POST', url: `/api/v1/contacts/${id}/erasure`, payload: {} });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(missing.json().details.map((d: { path: string }) => d.path), ['confirm_email']);
    const wrong = await a.post(`/admin/contacts/${id}/erasure`, { confirm_email: 'someone.else@customer.example' });
    assert.equal(wrong.statusCode, 400);
    assert.match(main(wrong.body), /must be the contact&#39;s email, to confirm an erasure that cannot be undone/);
    const done = await a.post(`/admin/contacts/${id}/erasure`, { confirm_email: email });
    assert.equal(done.statusCode, 200);
    assert.match(main(done.body), /Personal data erased: 0 tickets opened/);
    assert.doesNotMatch(main(done.body), /The team&#39;s notes about/, 'no note names them');
    // Contact A's description names them: the page links it for the admin to read.
    assert.match(main(done.body), new RegExp(`Other tickets still name them in their words: read and edit these: <a href="/agent/tickets/${t.id}">#${t.number}</a>`));
    assert.match(main(done.body), /Erased contact <small>\(personal data erased 2026-12-02 10:00 UTC\)<\/small>/);
    assert.doesNotMatch(main(done.body), /leaving\.for\.good/);
    const api = await h.as(h.admin.token, { method: 'GET', url: `/api/v1/contacts?email=${encodeURIComponent(`erased-${id}@erased.invalid`)}` });
    assert.deepEqual([api.json().items[0].name, api.json().items[0].erased_at, api.json().items[0].deactivated_at], ['Erased contact', '2026-12-02T10:00:00Z', '2026-12-02T10:00:00Z']);
  });

  it("an admin corrects an agent's email on the agents page or by the API: they sign in with it, notices not sent yet follow, both addresses are told; someone else's is refused naming the field", async () => {
    const a = await h.session(h.admin, 'agent');
    const db = h.desk.t.db;
    // A notice still waiting for the manager's old address, and a sign-in link mailed there.
    await db.query(
      "INSERT INTO outbox (id, kind, recipient, subject, body, payload, status, attempts, next_attempt_at, created_at) VALUES (gen_random_uuid(), 'agent_assigned', 'manager@vendor.example', 'Assigned', 'You hold it', '{}', 'pending', 0, $1, $1)",
      [h.desk.clock.now()],
    );
    assert.equal((await a.post(`/admin/agents/${h.manager.id}/invitation`, {})).statusCode, 303);
    const page = main((await a.get('/admin/agents')).body);
    assert.match(page, new RegExp(`<input id="agent-email-${h.manager.id}" name="email" type="email" required maxlength="254" value="manager@vendor\\.example"> <button type="submit">Correct manager@vendor\\.example&#39;s email</button>`));
    // Another agent's address, a contact's, or none: refused beside the row, what was typed kept.
    const taken = await a.post(`/admin/agents/${h.manager.id}`, { email: 'agent@vendor.example' });
    assert.equal(taken.statusCode, 409);
    assert.match(main(taken.body), new RegExp(`id="agent-${h.manager.id}-error">[\\s\\S]*?<li><strong>Email</strong> already in use</li>`));
    assert.match(main(taken.body), new RegExp(`<details class="agent-email" open><summary>[^<]*</summary>\\s*<form[^>]*><input type="hidden" name="_csrf" value="[^"]+"><label for="agent-email-${h.manager.id}">Their email</label> <input id="agent-email-${h.manager.id}" name="email" type="email" required maxlength="254" value="agent@vendor\\.example">`));
    const contactEmail = (await db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactB.id])).rows[0].email;
    assert.equal((await h.as(h.admin.token, { method: 'PATCH', url: `/api/v1/agents/${h.manager.id}`, payload: { email: contactEmail } })).statusCode, 409);
    const bad = await h.as(h.admin.token, { method: 'PATCH', url: `/api/v1/agents/${h.manager.id}`, payload: { email: 'not an address' } });
    assert.deepEqual([bad.statusCode, bad.json().details.map((d: { path: string }) => d.path)], [400, ['email']]);
    assert.equal((await h.as(h.manager.token, { method: 'PATCH', url: `/api/v1/agents/${h.manager.id}`, payload: { email: 'me@vendor.example' } })).statusCode, 403);
    // Corrected. What waits for the old address: the notice above, any other notice, and the sign-in link.
    const waiting = (await db.query<{ kind: string }>("SELECT kind FROM outbox WHERE recipient = 'manager@vendor.example' AND status = 'pending'")).rows.map((r) => r.kind);
    assert.ok(waiting.includes('agent_assigned') && waiting.includes('invitation'));
    const done = await a.post(`/admin/agents/${h.manager.id}`, { email: ' Morgan@NewVendor.example ' });
    assert.deepEqual([done.statusCode, done.headers.location], [303, '/admin/agents?done=1']);
    const listed = await h.as(h.admin.token, { method: 'GET', url: '/api/v1/agents?limit=100' });
    assert.equal(listed.json().items.find((x: { id: string }) => x.id === h.manager.id).email, 'morgan@newvendor.example');
    assert.deepEqual((await db.query("SELECT recipient FROM outbox WHERE kind = 'agent_assigned' AND subject = 'Assigned'")).rows, [{ recipient: 'morgan@newvendor.example' }]);
    const told = (await db.query<{ recipient: string; body: string }>("SELECT recipient, body FROM outbox WHERE kind = 'address_changed' AND subject = 'Your address for the support desk was changed' ORDER BY recipient")).rows;
    assert.deepEqual(told.map((m) => m.recipient), ['manager@vendor.example', 'morgan@newvendor.example']);
    assert.match(told[0].body, /^An admin changed the address you sign in to the support desk with from this one, manager@vendor\.example, to morgan@newvendor\.example, at Wed 2 Dec 2026 10:00 GMT\./);
    const { rows: audit } = await db.query<{ data: Record<string, unknown> }>("SELECT data FROM audit_events WHERE type = 'agent.updated' AND subject_id = $1 AND data ? 'email'", [h.manager.id]);
    // Every notice follows; the sign-in link, void now, goes to neither address.
    assert.deepEqual(audit.map((x) => x.data), [{ email: { from: 'manager@vendor.example', to: 'morgan@newvendor.example' }, mailRedirected: waiting.length - 1 }]);
    assert.deepEqual((await db.query("SELECT recipient, status, last_error FROM outbox WHERE kind = 'invitation' AND recipient LIKE 'm%'")).rows, [
      { recipient: 'manager@vendor.example', status: 'suppressed', last_error: 'not sent: its link works no more, the address changed' },
    ]);
    // The sign-in link mailed to the old address works no more; the new address signs in.
    const link = (await db.query<{ payload: { link: string } }>("SELECT payload FROM outbox WHERE kind = 'invitation' AND recipient = 'manager@vendor.example'")).rows[0].payload.link;
    const v = await h.visitor();
    const reset = await v.post('/reset', { token: new URL(link).searchParams.get('token')!, password: 'a brand new password' });
    assert.equal(reset.statusCode, 400);
    assert.equal((await v.post('/login', { email: 'manager@vendor.example', password: PASSWORD })).statusCode, 401);
    assert.equal((await v.post('/login', { email: 'morgan@newvendor.example', password: PASSWORD })).statusCode, 303);
  });
});
