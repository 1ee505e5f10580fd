// Canned responses on the agent pages (OpenBack): a manager writes them at /agent/canned-responses,
// a front-line agent reads them there and picks one on a ticket, where it is filled for that
// ticket in the reply box (without scripts: a reload with ?canned=; with them, the text route).
// Expected text by hand: the vendor is "OpenBack", the agent "agent@vendor.example".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('canned responses pages, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('a manager writes one beside a refusal that keeps the text; a front-line agent reads them but has no forms', async () => {
    const m = await h.session(h.manager, 'agent');
    const refused = await m.post('/agent/canned-responses', { title: 'Logs please', body: 'Hi {{customer}}, please send logs.' });
    assert.equal(refused.statusCode, 400);
    assert.match(main(refused.body), /unknown placeholder \{\{customer\}\}/);
    assert.match(main(refused.body), /<textarea id="new-body" name="body" rows="5" required>Hi \{\{customer\}\}, please send logs\.<\/textarea>/);
    const saved = await m.post('/agent/canned-responses', { title: 'Logs please', body: 'Hi {{requester.name}}, please send the logs for #{{ticket.number}}. {{agent.name}}, {{vendor.name}}' });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/agent/canned-responses?done=saved');

    const a = await h.session(h.agent, 'agent');
    const list = main((await a.get('/agent/canned-responses?q=logs')).body);
    assert.match(list, /<h2 id="canned-[0-9a-f-]+">Logs please<\/h2>/);
    assert.doesNotMatch(list, /<form method="post" action="\/agent\/canned-responses\/[0-9a-f-]+/, "no forms to change the team's for a front-line agent");
    assert.match(list, /<input type="hidden" name="private" value="on"><p class="hint">Yours alone/);
    assert.equal((await a.post('/agent/canned-responses', { title: 'Mine', body: 'x' })).statusCode, 403, "the team's are a manager's to write");
    // Their own: written, listed to them as theirs with its forms, and to no one else.
    assert.equal((await a.post('/agent/canned-responses', { title: 'My sign-off', body: 'Cheers, {{agent.name}}', private: 'on' })).statusCode, 303);
    const mine = main((await a.get('/agent/canned-responses?q=sign-off')).body);
    assert.match(mine, /My sign-off <small>\(only for me\)<\/small><\/h2>\s*<form method="post" action="\/agent\/canned-responses\/[0-9a-f-]+"/);
    const manager = await h.session(h.manager, 'agent');
    assert.doesNotMatch(main((await manager.get('/agent/canned-responses?q=sign-off')).body), /My sign-off/);
  });

  // QA walk (2026-12-07): one click on Delete removed a team's canned response for good; it asks for
  // its box to be ticked, as deleting a webhook or a rotation and revoking a token do.
  it('deleting one asks for its box to be ticked, and says so beside it when not', async () => {
    const m = await h.session(h.manager, 'agent');
    assert.equal((await m.post('/agent/canned-responses', { title: 'Keep me', body: 'Still needed.' })).statusCode, 303);
    const { rows: [canned] } = await h.desk.t.db.query<{ id: string }>("SELECT id FROM canned_responses WHERE title = 'Keep me'");
    const list = main((await m.get('/agent/canned-responses?q=keep')).body);
    assert.match(list, new RegExp(`action="/agent/canned-responses/${canned.id}/delete" class="inline">[\\s\\S]*?<label><input type="checkbox" name="confirm" required> Yes, delete this canned response</label>`));
    const refused = await m.post(`/agent/canned-responses/${canned.id}/delete`, {});
    assert.equal(refused.statusCode, 400);
    assert.match(main(refused.body), /Nothing was deleted: tick &quot;Yes, delete this canned response&quot; to delete it/);
    assert.equal((await h.desk.t.db.query('SELECT 1 FROM canned_responses WHERE id = $1', [canned.id])).rows.length, 1);
    const deleted = await m.post(`/agent/canned-responses/${canned.id}/delete`, { confirm: 'on' });
    assert.equal(deleted.headers.location, '/agent/canned-responses?done=deleted');
    assert.equal((await h.desk.t.db.query('SELECT 1 FROM canned_responses WHERE id = $1', [canned.id])).rows.length, 0);
  });

  it('fills the picked one for the ticket in the reply box, escaped, and as text for the script', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Push <b>stuck</b>' });
    const m = await h.session(h.manager, 'agent');
    await m.post('/agent/canned-responses', { title: 'About your ticket', body: 'About #{{ticket.number}} "{{ticket.subject}}": {{agent.name}} at {{vendor.name}}' });
    const { rows: [canned] } = await h.desk.t.db.query<{ id: string }>("SELECT id FROM canned_responses WHERE title = 'About your ticket'");
    const a = await h.session(h.agent, 'agent');
    const page = main((await a.get(`/agent/tickets/${t.id}`)).body);
    assert.match(page, new RegExp(`<option value="${canned.id}">About your ticket</option>`));
    const filled = main((await a.get(`/agent/tickets/${t.id}?canned=${canned.id}`)).body);
    assert.match(filled, new RegExp(`data-shortcut="r">About #${t.number} &quot;Push &lt;b&gt;stuck&lt;/b&gt;&quot;: agent@vendor.example at OpenBack</textarea>`));
    const text = await a.get(`/agent/tickets/${t.id}/canned/${canned.id}`);
    assert.equal(text.statusCode, 200);
    assert.match(String(text.headers['content-type']), /^text\/plain/);
    assert.equal(text.body, `About #${t.number} "Push <b>stuck</b>": agent@vendor.example at OpenBack`);
    // A response deleted meanwhile: the page says so at the reply box.
    const gone = main((await a.get(`/agent/tickets/${t.id}?canned=00000000-0000-4000-8000-000000000000`)).body);
    assert.match(gone, /That canned response no longer exists\./);
  });

  it('a canned response may say what becomes of the ticket: the reply form shows its status and tags to change, and sending does it', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Known bug', severity: 3 });
    const m = await h.session(h.manager, 'agent');
    assert.equal((await m.post('/agent/canned-responses', { title: 'Known issue', body: 'A fix comes with the next release.', status: 'pending_third_party', tags: 'known-issue, Release-Next' })).statusCode, 303);
    const bad = await m.post('/agent/canned-responses', { title: 'Bad tags', body: 'x', tags: 'has space!' });
    assert.equal(bad.statusCode, 400);
    const { rows: [canned] } = await h.desk.t.db.query<{ id: string; set_status: string; add_tags: string[] }>("SELECT id, set_status, add_tags FROM canned_responses WHERE title = 'Known issue'");
    assert.deepEqual([canned.set_status, canned.add_tags], ['pending_third_party', ['known-issue', 'release-next']]);
    const a = await h.session(h.agent, 'agent');
    // Without scripts: the page comes back with the text, the status chosen and the tags typed in.
    const filled = main((await a.get(`/agent/tickets/${t.id}?canned=${canned.id}`)).body);
    assert.match(filled, /<option value="pending_third_party" selected>/);
    assert.match(filled, /<input id="reply-tags" name="add_tags" value="known-issue release-next" maxlength="1100">/);
    // For the script: the same as JSON.
    const json = await a.get(`/agent/tickets/${t.id}/canned/${canned.id}`, { accept: 'application/json' });
    assert.deepEqual(JSON.parse(json.body), { body: 'A fix comes with the next release.', status: 'pending_third_party', tags: ['known-issue', 'release-next'] });
    // Sent: the reply, then the tags and the status, in one change.
    assert.equal((await a.post(`/agent/tickets/${t.id}/reply`, { body: 'A fix comes with the next release.', status: 'pending_third_party', add_tags: 'known-issue release-next' })).statusCode, 303);
    const ticket = await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${t.id}` });
    assert.deepEqual([ticket.json().status, ticket.json().tags], ['pending_third_party', ['known-issue', 'release-next']]);
    // The API's reply takes add_tags too; a customer may not tag.
    const contact = await h.as(h.contactA.token, { method: 'POST', url: `/api/v1/tickets/${t.id}/replies`, payload: { body: 'Thanks', add_tags: ['x'] } });
    assert.equal(contact.statusCode, 400);
    assert.deepEqual(contact.json().details.map((d: { path: string }) => d.path), ['add_tags']);
  });
});
