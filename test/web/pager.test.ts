// The links under a long list: next, previous and first page (web/pager.ts). The list pages by an
// opaque forward-only cursor; each link carries the cursors of the pages before it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken } from '../../src/customers/index.ts';
import { createTicket } from '../../src/tickets/index.ts';
import { BACK_KEPT, pager } from '../../src/web/pager.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('pager links (pure)', () => {
  const keep = new URLSearchParams({ q: 'export' });
  it('the first page has only a next link, which remembers the first page as "-"', () => {
    assert.deepEqual(pager('/portal', keep, {}, 'C2'), { first: null, previous: null, next: '/portal?q=export&cursor=C2&back=-' });
  });
  it('a middle page goes back one step, and forward remembering itself', () => {
    assert.deepEqual(pager('/portal', keep, { cursor: 'C3', back: '-.C2' }, 'C4'), {
      first: '/portal?q=export',
      previous: '/portal?q=export&cursor=C2&back=-',
      next: '/portal?q=export&cursor=C4&back=-.C2.C3',
    });
  });
  it('the second page goes back to the first, which has no cursor; the last page has no next', () => {
    assert.deepEqual(pager('/portal', new URLSearchParams(), { cursor: 'C2', back: '-' }, null), { first: '/portal', previous: '/portal', next: null });
  });
  it('a page reached without a trail (an old link) offers the first page, not a previous one', () => {
    assert.deepEqual(pager('/portal', keep, { cursor: 'C9' }, null), { first: '/portal?q=export', previous: null, next: null });
  });
  it(`remembers only the last ${BACK_KEPT} pages`, () => {
    const trail = Array.from({ length: BACK_KEPT }, (_, i) => `C${i + 1}`);
    const next = new URL(pager('/agent', new URLSearchParams(), { cursor: 'CX', back: trail.join('.') }, 'CY').next!, 'http://x').searchParams.get('back')!.split('.');
    assert.equal(next.length, BACK_KEPT);
    assert.equal(next[0], 'C2', 'the oldest is dropped');
    assert.equal(next.at(-1), 'CX');
  });
});

const listed = (html: string) => [...main(html).matchAll(/<a href="\/portal\/cases\/[0-9a-f-]+">#\d+ ([^<]+)<\/a>/g)].map((m) => m[1]);
const link = (html: string, rel: 'next' | 'prev') => [...main(html).matchAll(/<a href="([^"]+)" rel="(next|prev)">([^<]+)<\/a>/g)].find((m) => m[2] === rel);
const href = (m: RegExpMatchArray | undefined) => (m ? m[1].replaceAll('&amp;', '&') : null);

describe("paging through the customer's cases, both ways (OpenBack)", () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
    const ctx = h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId });
    // 120 cases, one a second: newest first, the portal shows 50 a page (50, 50, 20).
    for (let i = 1; i <= 120; i++) {
      await createTicket({ ctx, input: { subject: `Case ${String(i).padStart(3, '0')}`, description: 'x', severity: 3 } });
      h.desk.clock.advance({ seconds: 1 });
    }
  });
  after(() => h.close());

  it('goes to older cases and back to newer ones, and to the newest from anywhere', async () => {
    const c = await h.session(h.contactA, 'contact');
    const name = (n: number) => `Case ${String(n).padStart(3, '0')}`;
    const range = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => name(from - i));

    const one = (await c.get('/portal')).body;
    assert.deepEqual(listed(one), range(120, 71));
    assert.equal(link(one, 'prev'), undefined, 'the first page has nothing newer');
    assert.doesNotMatch(main(one), />Newest cases</);
    assert.equal(link(one, 'next')?.[3], 'Older cases');

    const two = (await c.get(href(link(one, 'next'))!)).body;
    assert.deepEqual(listed(two), range(70, 21));
    // On the second page, "Newer cases" is the first page: one link, not two.
    assert.equal(href(link(two, 'prev')), '/portal');
    assert.doesNotMatch(main(two), />Newest cases</);

    const three = (await c.get(href(link(two, 'next'))!)).body;
    assert.deepEqual(listed(three), range(20, 1));
    assert.equal(link(three, 'next'), undefined, 'the last page has nothing older');
    assert.equal(link(three, 'prev')?.[3], 'Newer cases');
    assert.match(main(three), /<a href="\/portal">Newest cases<\/a>/);

    assert.deepEqual(listed((await c.get(href(link(three, 'prev'))!)).body), range(70, 21), 'back one page');
    const backTwice = (await c.get(href(link((await c.get(href(link(three, 'prev'))!)).body, 'prev'))!)).body;
    assert.deepEqual(listed(backTwice), range(120, 71), 'and back to the first');
  });

  it('keeps the search while paging, and refuses a trail that is not one', async () => {
    const c = await h.session(h.contactA, 'contact');
    const one = (await c.get('/portal?q=case')).body;
    const next = href(link(one, 'next'))!;
    assert.match(next, /^\/portal\?q=case&cursor=[A-Za-z0-9_-]+&back=-$/);
    const two = (await c.get(next)).body;
    assert.equal(href(link(two, 'prev')), '/portal?q=case');
    assert.equal((await c.get('/portal?cursor=x&back=%3Cscript%3E')).statusCode, 400);
  });
});

describe('the admins\' API tokens, a page at a time (OpenBack)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
    // 105 more tokens, one a second, named in order.
    for (let i = 1; i <= 105; i++) {
      h.desk.clock.advance({ seconds: 1 });
      await createApiToken({ ctx: h.desk.system, input: { agentId: h.agent.id, name: `Integration ${String(i).padStart(3, '0')}` } });
    }
  });
  after(() => h.close());

  it('shows 100 oldest first, then the rest, with the way back', async () => {
    const already = Number((await h.desk.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_tokens')).rows[0].n) - 105;
    const rows = (html: string) => [...main(html).matchAll(/<tr><td><code>/g)].length;
    const names = (html: string) => [...main(html).matchAll(/Integration (\d{3})/g)].map((m) => Number(m[1]));
    const admin = await h.session(h.admin, 'agent');
    const one = (await admin.get('/admin/tokens')).body;
    assert.equal(rows(one), 100);
    assert.equal(Math.max(...names(one)), 100 - already, 'oldest first: the desk\'s own, then ours in order');
    assert.equal(link(one, 'prev'), undefined);
    const two = (await admin.get(href(link(one, 'next'))!)).body;
    assert.equal(rows(two), 5 + already);
    assert.deepEqual(names(two), Array.from({ length: 5 + already }, (_, i) => 101 - already + i));
    assert.equal(link(two, 'next'), undefined);
    assert.equal(href(link(two, 'prev')), '/admin/tokens');
    const agent = await h.session(h.agent, 'agent');
    assert.equal((await agent.get(href(link(one, 'next'))!)).statusCode, 403);
  });
});
