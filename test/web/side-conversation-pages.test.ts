// Side conversations on the agent's ticket page, OpenBack: written to someone who is not the
// customer from the ticket, listed there with what was sent and answered, written on again, shown
// on the timeline as the team's; a refusal is beside its form with what was typed; the customer's
// case page shows none of it; the answer's mail is one an agent may turn off on their settings page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { receiveSideReply } from '../../src/tickets/index.ts';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('side conversations on the ticket page, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('writes to a supplier from the ticket, lists the conversation, writes on it again; the customer sees none of it', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Encoder fails', severity: 3 });
    const a = await h.session(h.agent, 'agent');
    const before = main((await a.get(`/agent/tickets/${t.id}`)).body);
    assert.match(before, /<h3 id="side-h">Side conversations <small>\(the team only\)<\/small><\/h3>/);
    assert.doesNotMatch(before, /class="side-conversations"/, 'none yet');
    assert.match(before, /<input id="side-subject" name="subject" required maxlength="300" value="Encoder fails">/, "the ticket's subject to start with");
    assert.match(before, /<p class="hint" id="side-files-hint">Up to 10 MiB together: they get them by mail, and cannot read the ticket\.<\/p>/);

    const sent = await a.post(`/agent/tickets/${t.id}/side-conversations`, { to: 'Sam@Partner.example', subject: 'Encoder keys <2.1>', body: 'Seen this on 2.1?' });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, `/agent/tickets/${t.id}?done=side`);
    const page = main((await a.get(`/agent/tickets/${t.id}?done=side`)).body);
    assert.match(page, /Sent from the support address: their answer comes back on this ticket, for the team only\./);
    assert.match(page, /<li><strong>Encoder keys &lt;2\.1&gt;<\/strong> with <a href="mailto:sam@partner\.example">sam@partner\.example<\/a>: 1 sent, 0 answers, last /);
    assert.match(page, /<strong>Side conversation: written to<\/strong>\s*by agent@vendor\.example/);
    assert.match(page, /<span>To: sam@partner\.example<\/span> <span>Subject: Encoder keys &lt;2\.1&gt;<\/span>/);
    const conversation = /action="\/agent\/tickets\/[^"]+\/side-conversations\/([0-9a-f-]{36})"/.exec(page)?.[1];
    assert.ok(conversation, 'each conversation has its own form');

    const again = await a.post(`/agent/tickets/${t.id}/side-conversations/${conversation}`, { body: 'And on 2.2?' });
    assert.equal(again.statusCode, 303);
    assert.match(main((await a.get(`/agent/tickets/${t.id}`)).body), /sam@partner\.example<\/a>: 2 sent, 0 answers/);
    const { rows } = await h.desk.t.db.query<{ subject: string }>("SELECT subject FROM outbox WHERE kind = 'side_message' AND payload->>'ticket_id' = $1 ORDER BY created_at, subject", [t.id]);
    assert.deepEqual(rows.map((r) => r.subject).sort(), ['Encoder keys <2.1>', 'Re: Encoder keys <2.1>']);

    const c = await h.session(h.contactA, 'contact');
    const theirs = (await c.get(`/portal/cases/${t.id}`)).body;
    assert.equal(theirs.includes('Seen this on 2.1?') || theirs.includes('Encoder keys') || theirs.includes('partner.example'), false);
  });

  it('a merged ticket\'s conversation is listed on the ticket it was merged into, naming where its earlier messages are', async () => {
    const from = await openTicket(h, h.contactA, { subject: 'Door 7 encoder', severity: 3 });
    const into = await openTicket(h, h.contactA, { subject: 'Door 8 encoder', severity: 3 });
    const a = await h.session(h.agent, 'agent');
    assert.equal((await a.post(`/agent/tickets/${from.id}/side-conversations`, { to: 'sam@partner.example', body: 'Door 7 too?' })).statusCode, 303);
    assert.equal((await a.post(`/agent/tickets/${from.id}/merge`, { into: String(into.number), confirm: 'on' })).statusCode, 303);
    const page = main((await a.get(`/agent/tickets/${into.id}`)).body);
    assert.match(page, new RegExp(`<strong>Door 7 encoder</strong> with <a href="mailto:sam@partner\\.example">sam@partner\\.example</a>: 1 sent, 0 answers, last [^<]*<span class="hint">\\(begun on <a href="/agent/tickets/${from.id}">#${from.number}</a>, merged into this one: its earlier messages are there\\)</span>`));
    assert.match(page, new RegExp(`action="/agent/tickets/${into.id}/side-conversations/[0-9a-f-]{36}"`), 'written on from here');
  });

  it("quotes the customer's request below the message only when asked", async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Keys fail at door 12', severity: 3 });
    const a = await h.session(h.agent, 'agent');
    assert.match(main((await a.get(`/agent/tickets/${t.id}`)).body), /<label><input type="checkbox" name="quote_request"> Quote the customer's request below my message<\/label>/);
    assert.equal((await a.post(`/agent/tickets/${t.id}/side-conversations`, { to: 'sam@partner.example', body: 'Seen this?', quote_request: 'on' })).statusCode, 303);
    const page = main((await a.get(`/agent/tickets/${t.id}`)).body);
    const conversation = /side-conversations\/([0-9a-f-]{36})"/.exec(page)![1];
    assert.equal((await a.post(`/agent/tickets/${t.id}/side-conversations/${conversation}`, { body: 'Any news?' })).statusCode, 303);
    const { rows } = await h.desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'side_message' AND payload->>'ticket_id' = $1 ORDER BY subject", [t.id]);
    // The ticket's description (openTicket's): "Since 09:00"; the agent has no signature.
    assert.deepEqual(rows.map((r) => r.body), ['Seen this?\n\n----- The request -----\nKeys fail at door 12\n\nSince 09:00', 'Any news?']);
  });

  it('takes the supplier\'s colleagues in with "Also to": each gets a copy, the list and the timeline name them; a refused one keeps what was typed', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Keys at door 3', severity: 3 });
    const a = await h.session(h.agent, 'agent');
    assert.match(main((await a.get(`/agent/tickets/${t.id}`)).body), /<label for="side-also">Also to \(optional: their colleagues, separated by commas; each gets a copy of their own and their answers come back too\)<\/label>/);
    const sent = await a.post(`/agent/tickets/${t.id}/side-conversations`, { to: 'sam@partner.example', subject: 'Keys', body: 'Seen this?', also_to: 'Ops@Partner.example; boss@partner.example ' });
    assert.equal(sent.statusCode, 303);
    const page = main((await a.get(`/agent/tickets/${t.id}`)).body);
    assert.match(page, /<strong>Keys<\/strong> with <a href="mailto:sam@partner\.example">sam@partner\.example<\/a> and ops@partner\.example, boss@partner\.example: 1 sent, 0 answers/);
    assert.match(page, /<span>To: sam@partner\.example<\/span> <span>Also to: ops@partner\.example, boss@partner\.example<\/span> <span>Taken in now: ops@partner\.example, boss@partner\.example<\/span>/);
    assert.match(page, /<button type="submit">Send to sam@partner\.example and 2 others<\/button>/);
    const recipients = async () => (await h.desk.t.db.query<{ recipient: string }>("SELECT recipient FROM outbox WHERE kind = 'side_message' AND payload->>'ticket_id' = $1 ORDER BY recipient", [t.id])).rows.map((r) => r.recipient);
    assert.deepEqual(await recipients(), ['boss@partner.example', 'ops@partner.example', 'sam@partner.example']);
    const conversation = /side-conversations\/([0-9a-f-]{36})"/.exec(page)![1];
    const form = `side-${conversation}`;
    const refused = await a.post(`/agent/tickets/${t.id}/side-conversations/${conversation}`, { body: 'And you?', also_to: 'agent@vendor.example' });
    assert.equal(refused.statusCode, 400);
    assert.match(main(refused.body), /<li><strong>Also to<\/strong> is an agent of the desk: ask them with an internal note that notifies them<\/li>/);
    assert.match(main(refused.body), new RegExp(`<input id="${form}-also" name="also_to" maxlength="3300" value="agent@vendor\\.example">`));
    assert.equal((await recipients()).length, 3, 'nothing more was sent');
    // Ops was a mistake: left out with their button; the next message goes to the others alone.
    assert.match(page, /<li>ops@partner\.example <form method="post" action="[^"]+\/people" class="inline"><input type="hidden" name="_csrf" value="[^"]+"><input type="hidden" name="remove" value="ops@partner\.example"><button type="submit">Stop writing to ops@partner\.example<\/button><\/form><\/li>/);
    const left = await a.post(`/agent/tickets/${t.id}/side-conversations/${conversation}/people`, { remove: 'ops@partner.example' });
    assert.deepEqual([left.statusCode, left.headers.location], [303, `/agent/tickets/${t.id}?done=side-people`]);
    const after = main((await a.get(`/agent/tickets/${t.id}?done=side-people`)).body);
    assert.match(after, /Left out of the side conversation: they get no more of its messages, and an answer of theirs is held for review\./);
    assert.match(after, /sam@partner\.example<\/a> and boss@partner\.example: 1 sent/);
    assert.equal((await a.post(`/agent/tickets/${t.id}/side-conversations/${conversation}`, { body: 'Any news?' })).statusCode, 303);
    assert.deepEqual((await recipients()).filter((r) => r !== 'ops@partner.example'), ['boss@partner.example', 'boss@partner.example', 'sam@partner.example', 'sam@partner.example']);
    assert.equal((await recipients()).filter((r) => r === 'ops@partner.example').length, 1, 'only the first message went to ops');
  });

  it('a refusal is beside its form, with what was typed kept; nothing is sent', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Who to ask', severity: 3 });
    const a = await h.session(h.agent, 'agent');
    const email = (await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactA.id])).rows[0].email;
    const refused = await a.post(`/agent/tickets/${t.id}/side-conversations`, { to: email, subject: 'Kept subject', body: 'Kept words' });
    assert.equal(refused.statusCode, 400);
    const page = main(refused.body);
    assert.match(page, /<li><strong>To<\/strong> is the requester or copied on this ticket: write to them with a reply<\/li>/);
    assert.match(page, /<input id="side-subject" name="subject" required maxlength="300" value="Kept subject">/);
    assert.match(page, /<textarea id="side-body" name="body" rows="3" required>Kept words<\/textarea>/);
    const { rows } = await h.desk.t.db.query("SELECT 1 FROM outbox WHERE kind = 'side_message' AND payload->>'ticket_id' = $1", [t.id]);
    assert.equal(rows.length, 0);
  });

  it('a reply written while the supplier answered is not sent: the page says who wrote and keeps it', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Waiting on the supplier', severity: 3 });
    const a = await h.session(h.agent, 'agent');
    assert.equal((await a.post(`/agent/tickets/${t.id}/side-conversations`, { to: 'sam@partner.example', subject: 'Keys', body: 'Seen this?' })).statusCode, 303);
    const page = main((await a.get(`/agent/tickets/${t.id}`)).body);
    const seen = /name="seen_events" value="(\d+)"/.exec(page)![1];
    const conversation = /side-conversations\/([0-9a-f-]{36})"/.exec(page)![1];
    await receiveSideReply({ ctx: h.desk.system, input: { conversationId: conversation, body: 'Fixed in 2.2.', messageId: null, files: [] } });
    const refused = await a.post(`/agent/tickets/${t.id}/reply`, { body: 'We still wait on our supplier.', seen_events: seen });
    assert.equal(refused.statusCode, 409);
    assert.match(main(refused.body), /Not sent: since you opened this ticket, sam@partner\.example wrote on it\./);
    assert.match(main(refused.body), /<textarea id="reply-body" name="body" rows="4" required data-shortcut="r">We still wait on our supplier\.<\/textarea>/);
  });

  it("an answer's mail is one an agent may turn off on the settings page", async () => {
    const a = await h.session(h.agent, 'agent');
    const settings = main((await a.get('/agent/settings')).body);
    assert.match(settings, /<input type="checkbox" name="side_reply" checked> someone I wrote to from a ticket, or written to from a ticket I hold, answers \(a side conversation\)/);
    const kept = ['assigned', 'customer_replied', 'designated_new_ticket', 'note_notify'].map((k) => [k, 'on']);
    assert.equal((await a.post('/agent/settings', Object.fromEntries(kept))).statusCode, 303);
    const prefs = (await h.as(h.agent.token, { method: 'GET', url: '/api/v1/agents/me/mail-preferences' })).json();
    assert.deepEqual([prefs.side_reply, prefs.note_notify], [false, true]);
  });
});
