// The queue sorted by what is due first (tickets/list-queue.ts sort `due`), OpenBack: beside the
// default order (severity, then the plan's priority, then the due time: queue-rank.ts), a team's
// "due soonest" view, by the earliest due time among a ticket's running clocks (overdue first,
// tickets with no clock running last); kept in the address, in the pages it leads to, in a saved
// view, and in the queue's download (CSV: the next due time and its metric, the tags). The due
// times are set by hand on the clocks, so each order is worked out from them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTicketTags } from '../../src/tickets/index.ts';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const subjectsIn = (html: string) => [...main(html).matchAll(/<a href="\/agent\/tickets\/[^"]+">#\d+ ([^<]+)<\/a>/g)].map((m) => m[1]);

describe('the queue sorted by what is due first, OpenBack', () => {
  let h: WebApp;
  const ids = { soon: '' };
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
    // The desk's clock stands at 2026-12-02T10:00:00Z. OpenBack's tickets have one clock (first
    // response); a second (resolution) is added where the test needs it. Each due time set by hand:
    //   Sev1 late:    severity 1, its running clock due 13:00 (three hours on); a paused one due 09:00 counts for nothing
    //   Sev2 waiting: severity 2, no clock running (paused)
    //   Sev3 overdue: severity 3, due 09:50 (ten minutes ago)
    //   Sev3 soon:    severity 3, running clocks due 12:00 and 10:30: the earlier, 10:30, counts
    const db = h.desk.t.db;
    const open = async (subject: string, severity: number) => (await openTicket(h, h.contactA, { subject, severity })).id as string;
    const due = (id: string, at: string) => db.query("UPDATE sla_clocks SET due_at = $2 WHERE ticket_id = $1 AND metric = 'first_response'", [id, at]);
    const second = (id: string, state: string, at: string) => db.query(
      `INSERT INTO sla_clocks (id, ticket_id, metric, state, policy_version, started_at, due_at, updated_at)
       SELECT gen_random_uuid(), ticket_id, 'resolution', $2, policy_version, started_at, $3, updated_at FROM sla_clocks WHERE ticket_id = $1 AND metric = 'first_response'`,
      [id, state, at],
    );
    const sev1 = await open('Sev1 late', 1);
    await due(sev1, '2026-12-02T13:00:00Z');
    await second(sev1, 'paused', '2026-12-02T09:00:00Z');
    const sev2 = await open('Sev2 waiting', 2);
    await db.query("UPDATE sla_clocks SET state = 'paused' WHERE ticket_id = $1", [sev2]);
    await due(await open('Sev3 overdue', 3), '2026-12-02T09:50:00Z');
    const soon = await open('Sev3 soon', 3);
    ids.soon = soon;
    await due(soon, '2026-12-02T12:00:00Z');
    await second(soon, 'running', '2026-12-02T10:30:00Z');
  });
  after(() => h.close());

  it('keeps the default order (severity first) and offers the due order, which puts the soonest due first and no clock running last', async () => {
    const a = await h.session(h.agent, 'agent');
    const byDefault = (await a.get('/agent')).body;
    // Severity 1, then 2, then the two of severity 3 by their due time (09:50 before 10:30).
    assert.deepEqual(subjectsIn(byDefault), ['Sev1 late', 'Sev2 waiting', 'Sev3 overdue', 'Sev3 soon']);
    assert.match(main(byDefault), /<label for="f-sort">Sort<\/label>\s*<select id="f-sort" name="sort" aria-describedby="f-sort-hint">\s*<option value="priority" selected>Most urgent first<\/option><option value="due">Due soonest first<\/option>/);
    assert.match(main(byDefault), /<caption class="visually-hidden">Open tickets, most urgent first<\/caption>/);
    // OpenBack's times are firm: a time passed is overdue. The column is "Next target" all the same, as on a
    // desk with goals and in every view (the after-hours view said "Next due" where the main one said "Next target").
    assert.match(main(byDefault), /<th scope="col">Next target<\/th><\/tr><\/thead>/);
    assert.match(main(byDefault), /<time datetime="2026-12-02T09:50:00Z" class="countdown overdue" data-due="2026-12-02T09:50:00Z">10 min overdue<\/time>/);
    // Each filter's label kept with its field where the row wraps (QA: OPS-COM's "Status" ended one line, its list began the next).
    assert.match(main(byDefault), /<span class="field"><label for="f-status">Status<\/label>\s*<select id="f-status" name="status">[\s\S]*?<\/select><\/span>/);

    const byDue = (await a.get('/agent?sort=due')).body;
    // 09:50 (overdue), 10:30 (the earlier of 10:30 and 12:00), 13:00 (the paused 09:00 not counted), then none running.
    assert.deepEqual(subjectsIn(byDue), ['Sev3 overdue', 'Sev3 soon', 'Sev1 late', 'Sev2 waiting']);
    assert.match(main(byDue), /<option value="due" selected>Due soonest first<\/option>/);
    assert.match(main(byDue), /<caption class="visually-hidden">Open tickets, due soonest first<\/caption>/);
    // Kept where the page leads on: the forms that come back to it carry the order.
    assert.match(main(byDue), /<input type="hidden" name="back" value="\/agent\?sort=due">/);
    // With a filter: the order still holds within it.
    assert.deepEqual(subjectsIn((await a.get('/agent?sort=due&severity=3')).body), ['Sev3 overdue', 'Sev3 soon']);
  });

  it('refuses an order it does not offer, naming the field as the form labels it', async () => {
    const a = await h.session(h.agent, 'agent');
    const res = await a.get('/agent?sort=newest');
    assert.equal(res.statusCode, 400);
    assert.match(main(res.body), /<strong>Sort<\/strong> is not one of the orders \(Most urgent first, Due soonest first\)/);
  });

  it('pages through the due order with its own cursor; a cursor of one order continues no other', async () => {
    const page1 = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/queue?sort=due&limit=2' });
    assert.equal(page1.statusCode, 200, page1.body);
    assert.deepEqual(page1.json().items.map((t: any) => t.subject), ['Sev3 overdue', 'Sev3 soon']);
    const cursor = page1.json().next_cursor as string;
    const page2 = await h.as(h.agent.token, { method: 'GET', url: `/api/v1/queue?sort=due&limit=2&cursor=${encodeURIComponent(cursor)}` });
    assert.deepEqual(page2.json().items.map((t: any) => t.subject), ['Sev1 late', 'Sev2 waiting']);
    assert.equal(page2.json().next_cursor, null);
    const mixed = await h.as(h.agent.token, { method: 'GET', url: `/api/v1/queue?limit=2&cursor=${encodeURIComponent(cursor)}` });
    assert.equal(mixed.statusCode, 400);
    assert.equal(mixed.json().details[0].path, 'cursor');
    // The default order's pages, as before: severity 1 and 2, then the two of severity 3.
    const first = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/queue?limit=2' });
    assert.deepEqual(first.json().items.map((t: any) => t.subject), ['Sev1 late', 'Sev2 waiting']);
    const rest = await h.as(h.agent.token, { method: 'GET', url: `/api/v1/queue?limit=2&cursor=${encodeURIComponent(first.json().next_cursor)}` });
    assert.deepEqual(rest.json().items.map((t: any) => t.subject), ['Sev3 overdue', 'Sev3 soon']);
  });

  it('downloads the queue as the page shows it, in its order, with each next due time (UTC) and its metric, and the tags', async () => {
    await setTicketTags({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: ids.soon, tags: ['vip', 'apns'] } });
    const a = await h.session(h.agent, 'agent');
    const page = main((await a.get('/agent?sort=due&severity=3')).body);
    assert.match(page, /<a href="\/agent\/queue\.csv\?severity=3&amp;sort=due" download>Download these tickets as CSV<\/a>/);
    const csv = await a.get('/agent/queue.csv?sort=due');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="queue-2026-12-02\.csv"/);
    const lines = csv.body.trim().split('\r\n');
    assert.equal(lines[0], 'ticket,subject,organization,requester,plan,severity,severity_name,status,channel,assignee,created_at,solved_at,next_due_at,next_due_metric,next_due_hedge,tags');
    // The columns after created_at (all opened at the desk's 10:00): solved_at (none), the next due
    // time and metric as set above (OpenBack's times are firm: no hedge), the tags by name.
    const tail = (l: string) => l.split(',').slice(1, 2).concat(l.split(',').slice(-6));
    assert.deepEqual(lines.slice(1).map(tail), [
      ['Sev3 overdue', '2026-12-02T10:00:00Z', '', '2026-12-02T09:50:00Z', 'First response', '', ''],
      ['Sev3 soon', '2026-12-02T10:00:00Z', '', '2026-12-02T10:30:00Z', 'Resolution', '', 'apns vip'],
      ['Sev1 late', '2026-12-02T10:00:00Z', '', '2026-12-02T13:00:00Z', 'First response', '', ''],
      ['Sev2 waiting', '2026-12-02T10:00:00Z', '', '', '', '', ''],
    ]);
    // With a filter, the default order: the two of severity 3, 09:50 before 10:30.
    const filtered = (await a.get('/agent/queue.csv?severity=3')).body.trim().split('\r\n').slice(1).map((l) => l.split(',')[1]);
    assert.deepEqual(filtered, ['Sev3 overdue', 'Sev3 soon']);
    // Refused as the page refuses: a filter it does not offer, and anyone but an agent.
    assert.equal((await a.get('/agent/queue.csv?sort=newest')).statusCode, 400);
    assert.equal((await (await h.session(h.contactA, 'contact')).get('/agent/queue.csv')).statusCode, 403);
  });

  it('a view saved from the due order keeps it, and says so', async () => {
    const a = await h.session(h.agent, 'agent');
    const saved = await a.post('/agent/views', { name: 'Due first', back: '/agent?view=all&sort=due' });
    assert.equal(saved.statusCode, 303);
    const id = /saved=([0-9a-f-]{36})/.exec(String(saved.headers.location))?.[1];
    assert.ok(id, String(saved.headers.location));
    const page = (await a.get(`/agent?saved=${id}`)).body;
    assert.deepEqual(subjectsIn(page), ['Sev3 overdue', 'Sev3 soon', 'Sev1 late', 'Sev2 waiting']);
    assert.match(main(page), /<p>All open tickets\. Due soonest first\.<\/p>/);
    // Its download is the view's, in its order.
    assert.match(main(page), new RegExp(`<a href="/agent/queue\\.csv\\?saved=${id}" download>`));
    assert.deepEqual((await a.get(`/agent/queue.csv?saved=${id}`)).body.trim().split('\r\n').slice(1).map((l) => l.split(',')[1]), ['Sev3 overdue', 'Sev3 soon', 'Sev1 late', 'Sev2 waiting']);
    // The API reads the view's order as it was saved.
    const views = (await h.as(h.agent.token, { method: 'GET', url: '/api/v1/queue/views' })).json().items;
    assert.deepEqual(views.find((v: any) => v.id === id).filters, { sort: 'due' });
  });

  it('keeps the chosen order across the tabs and into a saved view saved in the other order', async () => {
    const a = await h.session(h.agent, 'agent');
    const urgent = await a.post('/agent/views', { name: 'Urgent first', back: '/agent?view=all' });
    const id = /saved=([0-9a-f-]{36})/.exec(String(urgent.headers.location))?.[1];
    assert.ok(id, String(urgent.headers.location));
    // The default order is said by no parameter, in the tabs' links as in the address.
    assert.match(main((await a.get('/agent?view=mine')).body), /<a href="\/agent\?view=all">All open /);

    const mine = main((await a.get('/agent?view=mine&sort=due')).body);
    for (const view of ['all', 'mine', 'unassigned', 'following', 'breaching', 'after_hours']) {
      assert.match(mine, new RegExp(`<a href="/agent\\?view=${view}&amp;sort=due"`), view);
    }
    assert.match(mine, new RegExp(`<a href="/agent\\?saved=${id}&amp;sort=due">Urgent first `));
    // Followed, the tab and the saved view show the due order, and say so.
    const all = (await a.get('/agent?view=all&sort=due')).body;
    assert.deepEqual(subjectsIn(all), ['Sev3 overdue', 'Sev3 soon', 'Sev1 late', 'Sev2 waiting']);
    const saved = (await a.get(`/agent?saved=${id}&sort=due`)).body;
    assert.deepEqual(subjectsIn(saved), ['Sev3 overdue', 'Sev3 soon', 'Sev1 late', 'Sev2 waiting']);
    assert.match(main(saved), /<caption class="visually-hidden">Open tickets, due soonest first<\/caption>/);
    // Without an order in its address, the saved view is in its own (most urgent first).
    assert.deepEqual(subjectsIn((await a.get(`/agent?saved=${id}`)).body), ['Sev1 late', 'Sev2 waiting', 'Sev3 overdue', 'Sev3 soon']);
  });

  it('shows a view saved in the due order most urgent first when its address asks, offers the sort on its page, and says the order', async () => {
    const a = await h.session(h.agent, 'agent');
    const saved = await a.post('/agent/views', { name: 'Due view', back: '/agent?view=all&sort=due' });
    const id = /saved=([0-9a-f-]{36})/.exec(String(saved.headers.location))?.[1];
    assert.ok(id, String(saved.headers.location));
    // Most urgent first: severity 1, then 2, then the two of severity 3 by their due time.
    const urgent = main((await a.get(`/agent?saved=${id}&sort=priority`)).body);
    assert.deepEqual(subjectsIn(urgent), ['Sev1 late', 'Sev2 waiting', 'Sev3 overdue', 'Sev3 soon']);
    assert.match(urgent, /<p>All open tickets\. Shown most urgent first, as chosen here \(the view&#39;s own order: due soonest first\)\.<\/p>/);
    // Its page offers the order, the one shown chosen; the view's own link says the order shown, the tabs' none (their own).
    assert.match(urgent, new RegExp(`<form method="get" action="/agent" class="filters" id="saved-sort">\\s*<input type="hidden" name="saved" value="${id}">`));
    assert.match(urgent, /<option value="priority" selected>Most urgent first<\/option><option value="due">Due soonest first<\/option>/);
    assert.match(urgent, new RegExp(`<a href="/agent\\?saved=${id}&amp;sort=priority" aria-current="page">Due view `));
    assert.match(urgent, /<a href="\/agent\?view=all">All open /);
    // Its download and a form coming back to it keep the order.
    assert.deepEqual((await a.get(`/agent/queue.csv?saved=${id}&sort=priority`)).body.trim().split('\r\n').slice(1).map((l) => l.split(',')[1]), ['Sev1 late', 'Sev2 waiting', 'Sev3 overdue', 'Sev3 soon']);
    assert.match(urgent, new RegExp(`<input type="hidden" name="back" value="/agent\\?saved=${id}&amp;sort=priority">`));
    const bulk = await a.post('/agent/bulk', { back: `/agent?saved=${id}&sort=priority`, ticket: ids.soon, add_tags: 'late' });
    assert.equal(bulk.statusCode, 303);
    const back = new URL(String(bulk.headers.location), 'http://desk.invalid');
    assert.deepEqual([back.pathname, back.searchParams.get('saved'), back.searchParams.get('sort'), back.searchParams.get('done')], ['/agent', id, 'priority', 'bulk']);
    // In its own order it says that alone; from a tab sorted so, its link needs no order.
    assert.match(main((await a.get(`/agent?saved=${id}&sort=due`)).body), /<p>All open tickets\. Due soonest first\.<\/p>/);
    assert.match(main((await a.get('/agent?view=mine&sort=due')).body), new RegExp(`<a href="/agent\\?saved=${id}">Due view `));
  });
});
