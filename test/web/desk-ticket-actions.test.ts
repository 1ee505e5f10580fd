// Working tickets on the agent's desk pages, OpenBack: merging one into another by its number,
// changing, closing and tagging the chosen tickets on the queue at once, copying colleagues,
// handing a ticket to another person of the organization, when a solved ticket closes, and a reply
// not sent because someone wrote meanwhile. The desk's clock: Wednesday 2 December 2026, 10:00 UTC.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addReply, setTicketTags, updateTicket } from '../../src/tickets/index.ts';
import { openDeskApp, ticketIdOf, ticketRowOf } from './desk-kit.ts';
import type { WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('working tickets on the desk pages, OpenBack', () => {
  let h: WebApp;
  let emailA: string;
  before(async () => ({ h, emailA } = await openDeskApp()));
  after(() => h.close());

  const ticketRow = (id: string) => ticketRowOf(h, id);

  it('merges a ticket into another by its number: the agent lands on that one, the customer is pointed there', async () => {
    const a = await h.session(h.agent, 'agent');
    const open = async (subject: string) => {
      const res = await a.post('/agent/tickets/new', { requester: emailA, channel: 'email', subject, description: `${subject}: reported by mail`, severity: '3' });
      return ticketIdOf(res.headers.location);
    };
    const into = await open('Dashboard slow');
    const from = await open('Dashboard slow again');
    const [intoRow, fromRow] = [await ticketRow(into), await ticketRow(from)];
    // The other open tickets of the requester are offered as the number is typed.
    assert.match(main((await a.get(`/agent/tickets/${from}`)).body), new RegExp(`<option value="${intoRow.number}">Dashboard slow</option>`));

    const bad = await a.post(`/agent/tickets/${from}/merge`, { into: 'the other one' });
    assert.equal(bad.statusCode, 400);
    assert.match(main(bad.body), /Type the number of the ticket to merge into/);
    assert.equal((await ticketRow(from)).number, fromRow.number);

    // Merging cannot be undone: without its box ticked, nothing is merged.
    const unticked = await a.post(`/agent/tickets/${from}/merge`, { into: `#${intoRow.number}` });
    assert.equal(unticked.statusCode, 400);
    assert.match(main(unticked.body), /Nothing was merged: tick &quot;Yes, merge this ticket&quot; to merge it/);
    assert.equal((await ticketRow(from)).number, fromRow.number);
    assert.equal((await h.desk.t.db.query<{ merged_into: string | null }>('SELECT merged_into FROM tickets WHERE id = $1', [from])).rows[0].merged_into, null);

    const res = await a.post(`/agent/tickets/${from}/merge`, { into: `#${intoRow.number}`, confirm: 'on' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/agent/tickets/${into}?done=merged`);
    const target = main((await a.get(`/agent/tickets/${into}?done=merged`)).body);
    assert.match(target, /Ticket merged into this one; its customer was told\./);
    assert.match(target, new RegExp(`Merged from <a href="/agent/tickets/${from}">ticket #${fromRow.number}</a>: Dashboard slow again`));
    const source = main((await a.get(`/agent/tickets/${from}`)).body);
    assert.match(source, new RegExp(`<dt>Merged into</dt><dd><a href="/agent/tickets/${into}">#${intoRow.number}</a>`));
    assert.doesNotMatch(source, /action="\/agent\/tickets\/[0-9a-f-]+\/merge"/, 'a closed ticket offers no merge');

    // The customer's case says where the conversation went, and offers no reply form.
    const c = await h.session(h.contactA, 'contact');
    const mine = main((await c.get(`/portal/cases/${from}`)).body);
    assert.match(mine, new RegExp(`This case was merged into <a href="/portal/cases/${into}">case #${intoRow.number}</a>`));
    assert.doesNotMatch(mine, /id="reply-form"/);
  });

  it('changes the tickets chosen on the queue at once, and says which were refused and why', async () => {
    const a = await h.session(h.agent, 'agent');
    const open = async (subject: string) => ticketIdOf((await a.post('/agent/tickets/new', { requester: emailA, channel: 'email', subject, description: 'Bulk check', severity: '3' })).headers.location);
    const [one, two, gone] = [await open('Bulk one'), await open('Bulk two'), await open('Bulk gone')];
    const queue = main((await a.get('/agent?view=unassigned')).body);
    assert.match(queue, new RegExp(`<input type="checkbox" name="ticket" value="${one}" form="bulk-form" aria-label="Select #\\d+">`));
    assert.match(queue, /<input type="hidden" name="back" value="\/agent\?view=unassigned">/);
    await updateTicket({ ctx: h.desk.ctx({ kind: 'system' }), input: { ticketId: gone, status: 'closed' } });
    const gonePage = await ticketRow(gone);
    const res = await a.post('/agent/bulk', { ticket: [one, two, gone], status: 'pending_customer', assignee: h.agent.id, back: '/agent?view=unassigned' });
    // Back to the view it came from (a reload there sends nothing again), the outcome in its address: numbers only.
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/agent?view=unassigned&done=bulk&changed=2&refused_closed=${gonePage.number}`);
    const shown = main((await a.get(String(res.headers.location))).body);
    assert.match(shown, new RegExp(`2 tickets changed; 1 refused:</p>\\s*<ul><li>#${gonePage.number}: this ticket is closed; open a new ticket instead</li></ul>`));
    // Said at the top, above the tickets, not below up to 50 rows.
    assert.ok(shown.indexOf('id="bulk-result"') < shown.indexOf('<nav aria-label="Queues"'), 'the outcome comes before the queue');
    // The two are assigned now, so no longer unassigned.
    assert.match(shown, /<a href="\/agent\?view=unassigned" aria-current="page">/);
    assert.doesNotMatch(shown, /Bulk one|Bulk two/);
    // Nothing ticked: said so, and what was chosen comes back (QA: "0 changed; 1 refused", tags cleared).
    const none = await a.post('/agent/bulk', { status: 'solved', add_tags: 'vip urgent', back: '/agent' });
    assert.equal(none.statusCode, 400);
    const page = main(none.body);
    assert.match(page, /<div class="flash error" role="alert" id="bulk-result"><p>Choose the tickets to change with their boxes first: nothing was changed\.<\/p><\/div>/);
    assert.match(page, /<option value="solved" selected>Solved<\/option>/);
    assert.match(page, /<input id="bulk-tags" name="add_tags" size="12" value="vip urgent">/);
  });

  it('comes back to the queue with its filters and order after a bulk change, saying each refusal by its reason; the address carries numbers only', async () => {
    const a = await h.session(h.agent, 'agent');
    const open = async (subject: string) => ticketIdOf((await a.post('/agent/tickets/new', { requester: emailA, channel: 'email', subject, description: 'Bulk back', severity: '3' })).headers.location);
    const [fine, full] = [await open('Bulk fine'), await open('Bulk full')];
    // Twenty tags, the most a ticket takes (MAX_TAGS): one more is refused for that ticket alone.
    await setTicketTags({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: full, tags: Array.from({ length: 20 }, (_, i) => `t${i}`) } });
    const fullNumber = (await ticketRow(full)).number;
    const back = `/agent?view=all&severity=3&organization=${h.contactA.organizationId}&sort=due`;
    const res = await a.post('/agent/bulk', { ticket: [fine, full, '00000000-0000-4000-8000-000000000000'], add_tags: 'wave-2', back });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${back}&done=bulk&changed=1&refused_tags=${fullNumber}&refused_missing=1`);
    const shown = main((await a.get(String(res.headers.location))).body);
    assert.match(shown, new RegExp(`<p>1 ticket changed; 2 refused:</p>\\s*<ul><li>#${fullNumber}: these tags would give the ticket more than 20</li><li>A ticket chosen: not found</li></ul>`));
    // The queue as it was: the filters and the order, and the forms' way back without the outcome.
    assert.match(shown, /<option value="due" selected>Due soonest first<\/option>/);
    assert.match(shown, new RegExp(`<input type="hidden" name="back" value="/agent\\?organization=${h.contactA.organizationId}&amp;view=all&amp;severity=3&amp;sort=due">`));
    // Words in the address are refused, not shown.
    assert.equal((await a.get('/agent?done=bulk&changed=1&refused_closed=Call%20us')).statusCode, 400);
  });

  it('closes a ticket, one or many, only with the box that says closing is final ticked', async () => {
    const a = await h.session(h.agent, 'agent');
    const open = async (subject: string) => ticketIdOf((await a.post('/agent/tickets/new', { requester: emailA, channel: 'email', subject, description: 'Close check', severity: '3' })).headers.location);
    const [one, two, three] = [await open('Close one'), await open('Close two'), await open('Close three')];
    const status = async (id: string) => (await h.desk.t.db.query<{ status: string }>('SELECT status FROM tickets WHERE id = $1', [id])).rows[0].status;
    const page = main((await a.get(`/agent/tickets/${one}`)).body);
    assert.match(page, /<label><input type="checkbox" name="confirm" id="status-confirm"> When closing: yes, close this ticket \(closed is final: the customer's reply then opens a new ticket\)<\/label>/);
    const unticked = await a.post(`/agent/tickets/${one}/status`, { status: 'closed' });
    assert.equal(unticked.statusCode, 400);
    assert.match(main(unticked.body), /id="status-error"[\s\S]*Nothing was closed: tick &quot;Yes, close this ticket&quot; to close it/);
    assert.equal(await status(one), 'open');
    // Another status needs no box.
    assert.equal((await a.post(`/agent/tickets/${one}/status`, { status: 'pending_customer' })).statusCode, 303);
    assert.equal((await a.post(`/agent/tickets/${one}/status`, { status: 'closed', confirm: 'on' })).statusCode, 303);
    assert.equal(await status(one), 'closed');

    const bulk = await a.post('/agent/bulk', { ticket: [two, three], status: 'closed', back: '/agent' });
    assert.equal(bulk.statusCode, 400);
    assert.match(main(bulk.body), /id="bulk-result"><p>Nothing was changed: closing is final \(a reply then opens a new ticket\); tick &quot;When closing: yes, close them&quot; to close the tickets chosen\.<\/p>/);
    assert.deepEqual([await status(two), await status(three)], ['open', 'open']);
    const closed = await a.post('/agent/bulk', { ticket: [two, three], status: 'closed', confirm: 'on', back: '/agent' });
    assert.equal(closed.headers.location, '/agent?done=bulk&changed=2');
    assert.match(main((await a.get('/agent?done=bulk&changed=2')).body), /<div class="flash ok" role="status" id="bulk-result">\s*<p>2 tickets changed\.<\/p>/);
    assert.deepEqual([await status(two), await status(three)], ['closed', 'closed']);
  });

  it('copies colleagues by email on the ticket page, refusing an email of no contact beside the form', async () => {
    const a = await h.session(h.agent, 'agent');
    const id = ticketIdOf((await a.post('/agent/tickets/new', { requester: emailA, channel: 'email', subject: 'Copy check', description: 'Copy', severity: '3' })).headers.location);
    await h.desk.t.db.query(
      "INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES (gen_random_uuid(), $1, 'cc-page@customer.example', 'Cc Page', false, now())",
      [h.contactA.organizationId],
    );
    const bad = await a.post(`/agent/tickets/${id}/ccs`, { emails: 'cc-page@customer.example, nobody@nowhere.example' });
    assert.equal(bad.statusCode, 400);
    assert.match(main(bad.body), /id="ccs-error"[\s\S]*No contact has the email nobody@nowhere\.example/);
    const ok = await a.post(`/agent/tickets/${id}/ccs`, { emails: 'CC-page@customer.example' });
    assert.equal(ok.headers.location, `/agent/tickets/${id}?done=ccs`);
    const page = main((await a.get(`/agent/tickets/${id}?done=ccs`)).body);
    assert.match(page, /<dt>Copied<\/dt><dd>Cc Page &lt;cc-page@customer\.example&gt;<\/dd>/);
    assert.match(page, /<input id="cc-emails" name="emails" value="cc-page@customer\.example">/);
    const c = await h.session(h.contactA, 'contact');
    assert.match(main((await c.get(`/portal/cases/${id}`)).body), /<dt>Copied<\/dt><dd>Cc Page<\/dd>/);
  });

  it('says when a solved ticket closes unless someone replies: 7 days after the solve (OpenBack says nothing, so the default)', async () => {
    const a = await h.session(h.agent, 'agent');
    const id = ticketIdOf((await a.post('/agent/tickets/new', { requester: emailA, channel: 'email', subject: 'Close check', description: 'Close', severity: '3' })).headers.location);
    assert.doesNotMatch(main((await a.get(`/agent/tickets/${id}`)).body), /unless someone replies/);
    await updateTicket({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: id, status: 'solved' } });
    // The desk's clock stands at Wednesday 2 December 2026 10:00 UTC: the ticket closes a week later.
    assert.match(main((await a.get(`/agent/tickets/${id}`)).body), /<dt>Status<\/dt><dd>Solved <small>\(closes 2026-12-09 10:00 UTC unless someone replies\)<\/small><\/dd>/);
    const c = await h.session(h.contactA, 'contact');
    // The customer reads it in the plan's zone (London, on GMT in December).
    assert.match(main((await c.get(`/portal/cases/${id}`)).body), /Reply before Wed 9 Dec 2026 10:00 GMT and it reopens; after that it is closed/);
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${id}` })).json().closes_at, '2026-12-09T10:00:00Z');
  });

  it('tags a ticket on its page, shows the tags on the queue, filters by one, and tags the chosen tickets at once; the customer sees none', async () => {
    const a = await h.session(h.agent, 'agent');
    const open = async (subject: string) => ticketIdOf((await a.post('/agent/tickets/new', { requester: emailA, channel: 'email', subject, description: 'Tag check', severity: '3' })).headers.location);
    const [one, two] = [await open('Tagged one'), await open('Tagged two')];
    const bad = await a.post(`/agent/tickets/${one}/tags`, { tags: 'fine, not#ok' });
    assert.equal(bad.statusCode, 400);
    assert.match(main(bad.body), /id="tags-error"[\s\S]*<strong>Tags<\/strong> a tag is letters, digits/);
    const ok = await a.post(`/agent/tickets/${one}/tags`, { tags: 'SSO, okta' });
    assert.equal(ok.headers.location, `/agent/tickets/${one}?done=tags`);
    const page = main((await a.get(`/agent/tickets/${one}?done=tags`)).body);
    assert.match(page, /<dt>Tags<\/dt><dd><a class="tag" href="\/agent\?tag=okta">okta<\/a> <a class="tag" href="\/agent\?tag=sso">sso<\/a> <small>\(internal\)<\/small><\/dd>/);
    assert.match(page, /<input id="tag-list" name="tags" value="okta sso">/);
    const filtered = main((await a.get('/agent?tag=SSO')).body);
    assert.match(filtered, /Tagged one<\/a> <a class="tag" href="\/agent\?tag=okta">okta<\/a> <a class="tag" href="\/agent\?tag=sso">sso<\/a>/);
    assert.doesNotMatch(filtered, /Tagged two/);
    assert.match(filtered, /<input id="f-tag" name="tag" value="SSO" size="12">/);
    const bulk = await a.post('/agent/bulk', { ticket: [one, two], add_tags: 'wave-1', back: '/agent?tag=wave-1' });
    assert.equal(bulk.headers.location, '/agent?tag=wave-1&done=bulk&changed=2');
    const after = main((await a.get(String(bulk.headers.location))).body);
    assert.match(after, /2 tickets changed\./);
    assert.match(after, /Tagged one<\/a>[^\n]*wave-1/);
    assert.match(after, /Tagged two<\/a> <a class="tag" href="\/agent\?tag=wave-1">wave-1<\/a>/);
    const c = await h.session(h.contactA, 'contact');
    assert.doesNotMatch((await c.get(`/portal/cases/${one}`)).body, /okta|wave-1/);
  });

  it('does not send a reply when someone wrote meanwhile: the page comes back with the reply kept and says who; sending again sends it', async () => {
    const a = await h.session(h.agent, 'agent');
    const id = ticketIdOf((await a.post('/agent/tickets/new', { requester: emailA, channel: 'email', subject: 'Meanwhile check', description: 'Two agents', severity: '3' })).headers.location);
    const seen = /<input type="hidden" name="seen_events" value="(\d+)">/.exec((await a.get(`/agent/tickets/${id}`)).body)?.[1];
    assert.ok(seen, 'the reply form says how much of the timeline it showed');
    await addReply({ ctx: h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId! }), input: { ticketId: id, body: 'Any update?' } });
    const stale = await a.post(`/agent/tickets/${id}/reply`, { body: 'We restarted the <worker>.', seen_events: seen! });
    assert.equal(stale.statusCode, 409);
    const shown = main(stale.body);
    assert.match(shown, /id="reply-error"[\s\S]*Not sent: since you opened this ticket, the customer wrote on it\./);
    assert.match(shown, /<textarea id="reply-body" name="body" rows="4" required data-shortcut="r">We restarted the &lt;worker&gt;\.<\/textarea>/);
    const now = /<input type="hidden" name="seen_events" value="(\d+)">/.exec(shown)?.[1];
    assert.equal(Number(now), Number(seen) + 1, 'the customer\'s reply is on the page now');
    assert.equal((await h.desk.t.db.query("SELECT 1 FROM ticket_events WHERE ticket_id = $1 AND type = 'reply' AND body = 'We restarted the <worker>.'", [id])).rows.length, 0);
    const sent = await a.post(`/agent/tickets/${id}/reply`, { body: 'We restarted the <worker>.', seen_events: now! });
    assert.equal(sent.statusCode, 303);
    // The agent's own entries since do not hold a reply back; a refusal for another reason keeps the words too.
    const mine = await a.post(`/agent/tickets/${id}/reply`, { body: 'And checked the logs.', seen_events: now!, eta: 'soon' });
    assert.equal(mine.statusCode, 400);
    assert.match(main(mine.body), />And checked the logs\.<\/textarea>/);
    assert.match(main(mine.body), /id="reply-error"[\s\S]*<strong>ETA<\/strong>/);
  });

  it('hands a ticket to another person of the organization by email on its page; an email of no contact is refused beside the form', async () => {
    const a = await h.session(h.agent, 'agent');
    const id = ticketIdOf((await a.post('/agent/tickets/new', { requester: emailA, channel: 'phone', subject: 'Wrong caller', description: 'Logged for the wrong person', severity: '3' })).headers.location);
    await h.desk.t.db.query(
      "INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES (gen_random_uuid(), $1, 'right-caller@customer.example', 'Right Caller', true, now())",
      [h.contactA.organizationId],
    );
    const bad = await a.post(`/agent/tickets/${id}/requester`, { email: 'nobody@nowhere.example' });
    assert.equal(bad.statusCode, 400);
    assert.match(main(bad.body), /id="requester-error"[\s\S]*No contact has the email nobody@nowhere\.example/);
    assert.equal((await a.post(`/agent/tickets/${id}/requester`, { email: 'Right-Caller@customer.example' })).headers.location, `/agent/tickets/${id}?done=requester`);
    const page = main((await a.get(`/agent/tickets/${id}?done=requester`)).body);
    assert.match(page, /<dt>Requester<\/dt><dd>Right Caller &lt;<a href="mailto:right-caller@customer\.example">right-caller@customer\.example<\/a>&gt; <small>\(named contact\)<\/small><\/dd>/);
    assert.match(page, /<strong>Requester changed<\/strong>[\s\S]*?<span>From: Contact 1<\/span> <span>To: Right Caller<\/span>/);
  });
});
