// The team's tags as a whole (tickets/manage-tags.ts), OpenBack: listed with how many open and
// all tickets have each; renamed, merged into another, or removed on every ticket by managers,
// each ticket with its own internal event; never by a front-line agent; a bad name is refused
// naming the field. The API and the page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { listTicketEvents, setTicketTags, tagsOf, updateTicket } from '../../src/tickets/index.ts';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from '../web/web-app.ts';

const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';

describe('tags as a whole, OpenBack', () => {
  let h: WebApp;
  const ids: string[] = [];
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
    for (const [subject, tags] of [['One', ['bilingl', 'ios']], ['Two', ['bilingl', 'billing']], ['Three', ['billing']], ['Four', ['ios']]] as const) {
      const t = await openTicket(h, h.contactA, { subject, severity: 3 });
      await setTicketTags({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: t.id, tags: [...tags] } });
      ids.push(t.id);
    }
    await updateTicket({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: ids[3], status: 'closed' } });
  });
  after(() => h.close());

  it('lists the tags in use, most used first, with open and all tickets', async () => {
    const res = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/tags' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().items, [
      // Ties by name: "bilingl" before "billing" (i before l).
      { tag: 'bilingl', open: 2, total: 2 },
      { tag: 'billing', open: 2, total: 2 },
      { tag: 'ios', open: 1, total: 2 },
    ]);
    assert.equal((await h.as(h.contactA.token, { method: 'GET', url: '/api/v1/tags' })).statusCode, 403);
  });

  it('merges a misspelt tag into the right one on every ticket, each with an internal event; removes one everywhere', async () => {
    assert.equal((await h.as(h.agent.token, { method: 'PUT', url: '/api/v1/tags/bilingl', payload: { to: 'billing' } })).statusCode, 403, 'front line may not');
    const bad = await h.as(h.manager.token, { method: 'PUT', url: '/api/v1/tags/bilingl', payload: { to: 'two words' } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().details[0].path, 'to');
    const merged = await h.as(h.manager.token, { method: 'PUT', url: '/api/v1/tags/bilingl', payload: { to: 'Billing' } });
    assert.deepEqual([merged.statusCode, merged.json()], [200, { tickets: 2 }]);
    assert.deepEqual(await Promise.all(ids.map((id) => tagsOf(h.desk.t.db, id))), [['billing', 'ios'], ['billing'], ['billing'], ['ios']]);
    const last = (await listTicketEvents({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: ids[1] } })).at(-1)!;
    assert.deepEqual([last.type, last.visibility, last.data], ['tags_changed', 'internal', { added: [], removed: ['bilingl'] }]);
    const removed = await h.as(h.manager.token, { method: 'DELETE', url: '/api/v1/tags/ios' });
    assert.deepEqual(removed.json(), { tickets: 2 });
    assert.deepEqual(await tagsOf(h.desk.t.db, ids[3]), [], 'a closed ticket too');
    assert.deepEqual((await h.as(h.manager.token, { method: 'DELETE', url: '/api/v1/tags/nothing-has-this' })).json(), { tickets: 0 });
  });

  it('the page lists them, links to the queue and the search, and lets managers rename', async () => {
    const a = await h.session(h.agent, 'agent');
    const seen = main((await a.get('/agent/tags')).body);
    assert.match(seen, /<th scope="row"><a class="tag" href="\/agent\?tag=billing">billing<\/a><\/th>\s*<td>3<\/td>\s*<td><a href="\/agent\/search\?tag=billing">3<\/a><\/td>/);
    assert.doesNotMatch(seen, /Rename billing/, 'front line sees no tidy forms');
    assert.equal((await a.post('/agent/tags', { tag: 'billing', to: 'invoices', action: 'rename' })).statusCode, 403);
    const found = main((await a.get('/agent/search?tag=billing')).body);
    for (const subject of ['One', 'Two', 'Three']) assert.match(found, new RegExp(`#\\d+ ${subject}</a>`));
    assert.doesNotMatch(found, /#\d+ Four<\/a>/);
    // The same search as CSV: every ticket found, with what a spreadsheet needs, formulas neutralised.
    assert.match(found, /<a href="\/agent\/search\.csv\?tag=billing" download>Download these tickets as CSV<\/a>/);
    const csv = await a.get('/agent/search.csv?tag=billing');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="tickets-2026-12-02\.csv"/);
    const lines = csv.body.trim().split('\r\n');
    assert.equal(lines[0], 'ticket,subject,organization,requester,plan,severity,severity_name,status,channel,assignee,created_at,solved_at,next_due_at,next_due_metric,next_due_hedge,tags');
    assert.deepEqual(lines.slice(1).map((l) => l.split(',')[1]).sort(), ['One', 'Three', 'Two']);
    // Opened Wednesday 10:00 UTC (London, GMT) on Enterprise at Severity 3: a first response within
    // 6 - 12 business hours, due at the upper bound. OpenBack's hours are 9:00-18:00: 8 hours on
    // Wednesday, 4 more from Thursday 9:00, so Thursday 13:00, a firm time (no hedge). Its tags after the merge and the removal: billing.
    assert.match(lines[1], /^\d+,(One|Two|Three),[^,]+,[^,]+@[^,]+,Enterprise,3,Minor,Open,Email,,2026-12-02T10:00:00Z,,2026-12-03T13:00:00Z,First response,,billing$/);
    const c = await h.session(h.contactA, 'contact');
    assert.equal((await c.get('/agent/search.csv?tag=billing')).statusCode, 403);
    const m = await h.session(h.manager, 'agent');
    const done = await m.post('/agent/tags', { tag: 'billing', to: 'invoices', action: 'rename' });
    assert.equal(done.headers.location, '/agent/tags?done=renamed&n=3');
    assert.match(main((await m.get('/agent/tags?done=renamed&n=3')).body), /Renamed on 3 tickets\./);
    const refused = await m.post('/agent/tags', { tag: 'invoices', to: '', action: 'rename' });
    assert.equal(refused.statusCode, 400);
    assert.match(main(refused.body), /id="tags-error"[\s\S]*invoices: [\s\S]*<strong>New name<\/strong>/);
    assert.equal((await m.post('/agent/tags', { tag: 'invoices', action: 'remove' })).headers.location, '/agent/tags?done=removed&n=3');
    assert.match(main((await m.get('/agent/tags')).body), /<p id="no-tags">No ticket is tagged yet\.<\/p>/);
  });
});
