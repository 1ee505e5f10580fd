// Held requests past the first page (OpenBack, seed 001: phone is for Pro and Enterprise, so a
// Growth customer's call is held): the list pages by 50 with its tab kept in each link, and a
// link to one held request (from the new-ticket page, the list, a refusal) goes to its own page
// (/agent/held/<id>), wherever it stands in the list.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTicket } from '../../src/tickets/index.ts';
import { openDeskApp } from './desk-kit.ts';
import type { WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const unescape = (href: string) => href.replaceAll('&amp;', '&');

describe('held requests past the first page, OpenBack', () => {
  let h: WebApp;
  let growthEmail: string;
  before(async () => {
    ({ h } = await openDeskApp());
    const growth = await h.newContact('growth');
    growthEmail = (await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [growth.id])).rows[0].email;
    // 50 calls held before the one the agent takes: a page of the list is 50.
    for (let i = 1; i <= 50; i += 1) {
      h.desk.clock.advance({ minutes: 1 });
      await createTicket({ ctx: h.desk.ctx(h.desk.agent), input: { subject: `Earlier call ${i}`, description: 'Rang the office line.', channel: 'phone', requesterId: growth.id } })
        .catch(() => undefined);
    }
    h.desk.clock.advance({ minutes: 1 });
  });
  after(() => h.close());

  it('links a call held from the new-ticket page to its own page, though it is the 51st waiting', async () => {
    const a = await h.session(h.agent, 'agent');
    const res = await a.post('/agent/tickets/new', { requester: growthEmail, channel: 'phone', subject: 'The 51st call', description: 'Call me back.' });
    assert.equal(res.statusCode, 403);
    const { rows: [held] } = await h.desk.t.db.query<{ id: string }>("SELECT id FROM held_requests WHERE request->>'subject' = 'The 51st call'");
    assert.match(main(res.body), new RegExp(`<a href="/agent/held/${held.id}">review it under Held requests</a>`));

    const first = main((await a.get('/agent/held')).body);
    assert.equal((first.match(/<article class="entry held"/g) ?? []).length, 50);
    assert.doesNotMatch(first, /The 51st call/);
    const next = /<a href="([^"]+)" rel="next">Next page<\/a>/.exec(first)?.[1];
    assert.ok(next, 'the list offers its next page');
    assert.match(next, /^\/agent\/held\?status=held&amp;cursor=/, 'the tab is kept');
    const second = main((await a.get(unescape(next))).body);
    assert.match(second, new RegExp(`<h2 id="held-${held.id}"><a href="/agent/held/${held.id}">The 51st call</a></h2>`));

    const own = await a.get(`/agent/held/${held.id}`);
    assert.equal(own.statusCode, 200);
    const page = main(own.body);
    assert.match(page, /<h1>Held request<\/h1>/);
    assert.match(page, /<a href="\/agent\/held\?status=held">Held requests: Waiting for review<\/a>/);
    assert.match(page, /Call me back\./);
    assert.match(page, new RegExp(`<form method="post" action="/agent/held/${held.id}/accept"`));
    assert.equal((page.match(/<article class="entry held"/g) ?? []).length, 1);
  });

  it('shows a refused decision on the request itself, not above a list it is not on', async () => {
    const a = await h.session(h.agent, 'agent');
    const { rows: [held] } = await h.desk.t.db.query<{ id: string }>("SELECT id FROM held_requests WHERE request->>'subject' = 'The 51st call'");
    assert.equal((await a.post(`/agent/held/${held.id}/dismiss`, { note: 'Called back, sorted' })).statusCode, 303);
    const again = await a.post(`/agent/held/${held.id}/accept`, { channel: 'email' });
    assert.equal(again.statusCode, 409);
    const page = main(again.body);
    assert.match(page, /<h1>Held request<\/h1>/);
    assert.match(page, /The 51st call/);
    assert.match(page, /this request was already dismissed/);
    assert.match(page, /Called back, sorted/);
  });

  it('lets only agents read a held request, and says when there is none', async () => {
    const { rows: [held] } = await h.desk.t.db.query<{ id: string }>("SELECT id FROM held_requests WHERE request->>'subject' = 'Earlier call 1'");
    assert.equal((await (await h.session(h.contactA, 'contact')).get(`/agent/held/${held.id}`)).statusCode, 403);
    assert.equal((await (await h.visitor()).get(`/agent/held/${held.id}`)).statusCode, 303);
    const a = await h.session(h.agent, 'agent');
    assert.equal((await a.get('/agent/held/00000000-0000-4000-8000-000000000001')).statusCode, 404);
    assert.equal((await a.get('/agent/held/not-an-id')).statusCode, 404);
  });
});
