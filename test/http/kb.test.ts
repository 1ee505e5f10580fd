// The knowledge base over HTTP, end to end: snake_case in and out, who reads and writes what,
// search and suggestions, archiving, pages, and retries with an Idempotency-Key.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertEnvelopeShape, openTicketApp, type TicketApp } from './ticket-app.ts';

describe('knowledge base routes', () => {
  let h: TicketApp;
  const anonymous = (options: Parameters<TicketApp['as']>[1]) => h.app.inject(options);

  before(async () => {
    h = await openTicketApp('openback', 'enterprise');
  });
  after(() => h.close());

  const create = (token: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    h.as(token, { method: 'POST', url: '/api/v1/kb/articles', payload, headers });

  it('a manager publishes an article; everyone reads it by id or slug, authors shown to agents only', async () => {
    const res = await create(h.manager.token, {
      title: 'Set up push notifications on iOS',
      body_markdown: '## Before you start\n\nUpload your **APNs key** in the dashboard.\n',
      visibility: 'public',
      tags: ['ios', 'push'],
    });
    assert.equal(res.statusCode, 201, res.body);
    const article = res.json();
    assert.deepEqual(article, {
      id: article.id,
      slug: 'set-up-push-notifications-on-ios',
      title: 'Set up push notifications on iOS',
      body_markdown: '## Before you start\n\nUpload your **APNs key** in the dashboard.\n',
      visibility: 'public',
      kind: 'article',
      tags: ['ios', 'push'],
      released_at: null,
      planned_for: null,
      created_at: '2026-12-02T10:00:00Z',
      updated_at: '2026-12-02T10:00:00Z',
      archived_at: null,
      created_by: h.manager.id,
      updated_by: h.manager.id,
    });
    const byAnonymous = await anonymous({ method: 'GET', url: '/api/v1/kb/articles/set-up-push-notifications-on-ios' });
    assert.equal(byAnonymous.statusCode, 200);
    assert.equal(byAnonymous.json().id, article.id);
    assert.equal('created_by' in byAnonymous.json(), false);
    const byContact = await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/kb/articles/${article.id}` });
    assert.equal(byContact.json().slug, 'set-up-push-notifications-on-ios');
    assert.equal('updated_by' in byContact.json(), false);
    const byAgent = await h.as(h.agent.token, { method: 'GET', url: `/api/v1/kb/articles/${article.id}` });
    assert.equal(byAgent.json().created_by, h.manager.id);
  });

  it('is refused for the wrong actor: front-line and escalation agents and contacts may not write, nobody without a token', async () => {
    const target = (await create(h.admin.token, { title: 'Written by the admin', body_markdown: 'Text.', visibility: 'public' })).json();
    for (const token of [h.agent.token, h.escalation.token, h.contactA.token]) {
      const writes = [
        await create(token, { title: 'Not mine to write', body_markdown: 'Text.' }),
        await h.as(token, { method: 'PATCH', url: `/api/v1/kb/articles/${target.id}`, payload: { title: 'Changed' } }),
        await h.as(token, { method: 'DELETE', url: `/api/v1/kb/articles/${target.id}` }),
      ];
      for (const res of writes) {
        assert.equal(res.statusCode, 403, res.body);
        assertEnvelopeShape(res.json());
      }
    }
    assert.equal((await anonymous({ method: 'POST', url: '/api/v1/kb/articles', payload: { title: 'X', body_markdown: 'Y' } })).statusCode, 401);
    const unchanged = await anonymous({ method: 'GET', url: `/api/v1/kb/articles/${target.id}` });
    assert.equal(unchanged.json().title, 'Written by the admin');
    assert.equal(unchanged.json().archived_at, null);
  });

  it('internal articles are "not found" to contacts and anonymous callers, found by agents; a bad token is 401', async () => {
    const internal = (await create(h.manager.token, { slug: 'refund-approvals', title: 'Refund approvals', body_markdown: 'Ask the account manager.' })).json();
    assert.equal(internal.visibility, 'internal');
    for (const res of [
      await anonymous({ method: 'GET', url: '/api/v1/kb/articles/refund-approvals' }),
      await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/kb/articles/${internal.id}` }),
    ]) {
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().code, 'not_found');
    }
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: '/api/v1/kb/articles/refund-approvals' })).statusCode, 200);
    const stale = await h.as(h.revokedToken, { method: 'GET', url: '/api/v1/kb/articles/refund-approvals' });
    assert.equal(stale.statusCode, 401);
    assert.equal(stale.headers['www-authenticate'], 'Bearer');
    const contactList = (await h.as(h.contactA.token, { method: 'GET', url: '/api/v1/kb/articles?visibility=internal' })).json();
    assert.deepEqual(contactList, { items: [], next_cursor: null });
  });

  it('changes an article with PATCH and archives it with DELETE', async () => {
    const draft = (await create(h.manager.token, { slug: 'release-7-2', title: 'Release 7.2', body_markdown: 'What changed.', kind: 'release_note', planned_for: '2027-01-15' })).json();
    assert.equal(draft.planned_for, '2027-01-15');
    h.desk.clock.advance({ minutes: 30 });
    const patch = (payload: unknown, id = draft.id) => h.as(h.admin.token, { method: 'PATCH', url: `/api/v1/kb/articles/${id}`, payload: payload as Record<string, unknown> });
    const shipped = await patch({ visibility: 'public', released_at: '2027-01-15T17:00:00Z', planned_for: null });
    assert.equal(shipped.statusCode, 200, shipped.body);
    assert.equal(shipped.json().released_at, '2027-01-15T17:00:00Z');
    assert.equal(shipped.json().planned_for, null);
    assert.equal(shipped.json().updated_at, '2026-12-02T10:30:00Z');
    assert.equal(shipped.json().updated_by, h.admin.id);

    const refusals: Array<[unknown, number, string]> = [
      [{}, 400, 'body'],
      [{ title: 'a\u0000b' }, 400, 'title'],
      [{ kind: 'faq' }, 400, 'kind'],
      [{ slug: 'Bad Slug' }, 400, 'slug'],
      [{ tags: 'ios' }, 400, 'tags'],
      [{ visibility: 'everyone' }, 400, 'visibility'],
      [{ extra: true }, 400, 'extra'],
    ];
    for (const [payload, status, path] of refusals) {
      const res = await patch(payload);
      assert.equal(res.statusCode, status, `${JSON.stringify(payload)}: ${res.body}`);
      assert.ok(res.json().details.some((d: { path: string }) => d.path === path), `${JSON.stringify(payload)}: ${res.body}`);
    }
    // Writes take the id, never the slug.
    const bySlug = await patch({ title: 'X' }, 'release-7-2');
    assert.equal(bySlug.statusCode, 400);
    assert.equal(bySlug.json().details[0].path, 'params.id');
    assert.equal((await patch({ title: 'X' }, crypto.randomUUID())).statusCode, 404);

    const archived = await h.as(h.manager.token, { method: 'DELETE', url: `/api/v1/kb/articles/${draft.id}` });
    assert.equal(archived.statusCode, 200);
    assert.equal(archived.json().archived_at, '2026-12-02T10:30:00Z');
    assert.equal((await anonymous({ method: 'GET', url: '/api/v1/kb/articles/release-7-2' })).statusCode, 404);
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: '/api/v1/kb/articles/release-7-2' })).json().archived_at, '2026-12-02T10:30:00Z');
    assert.equal((await patch({ title: 'Again' })).statusCode, 409);
    const duplicate = await create(h.manager.token, { slug: 'release-7-2', title: 'Another', body_markdown: 'Text.' });
    assert.equal(duplicate.statusCode, 409);
    assert.equal(duplicate.json().details[0].path, 'slug');
  });

  it('lists in pages with filters; search and suggest answer in their own shapes', async () => {
    for (const [slug, title, body, visibility, kind] of [
      ['verify-a-guest', 'Verify a guest', 'Send the guest a verification code by text message.', 'public', 'faq'],
      ['verification-back-office', 'Verification in the back office', 'Agents resend verification codes here.', 'internal', 'article'],
    ]) {
      h.desk.clock.advance({ minutes: 1 });
      assert.equal((await create(h.manager.token, { slug, title, body_markdown: body, visibility, kind, tags: ['guests'] })).statusCode, 201);
    }
    const page = (await anonymous({ method: 'GET', url: '/api/v1/kb/articles?tag=guests&limit=1' })).json();
    assert.deepEqual(page.items.map((a: { slug: string }) => a.slug), ['verify-a-guest']);
    assert.equal(page.next_cursor, null);
    assert.equal('body_markdown' in page.items[0], false);
    const agentPage = (await h.as(h.agent.token, { method: 'GET', url: '/api/v1/kb/articles?tag=guests&limit=1' })).json();
    assert.deepEqual(agentPage.items.map((a: { slug: string }) => a.slug), ['verification-back-office']);
    const next = (await h.as(h.agent.token, { method: 'GET', url: `/api/v1/kb/articles?tag=guests&limit=1&cursor=${agentPage.next_cursor}` })).json();
    assert.deepEqual(next.items.map((a: { slug: string }) => a.slug), ['verify-a-guest']);
    assert.equal((await anonymous({ method: 'GET', url: '/api/v1/kb/articles?kind=faq&tag=guests' })).json().items.length, 1);
    assert.equal((await anonymous({ method: 'GET', url: '/api/v1/kb/articles?cursor=forged' })).statusCode, 400);

    const anonymousSearch = (await anonymous({ method: 'GET', url: '/api/v1/kb/search?q=verif' })).json();
    assert.deepEqual(anonymousSearch.articles.map((a: { slug: string }) => a.slug), ['verify-a-guest']);
    assert.deepEqual(Object.keys(anonymousSearch.articles[0]).sort(), ['id', 'kind', 'slug', 'snippet', 'tags', 'title', 'updated_at', 'visibility']);
    assert.equal(anonymousSearch.articles[0].snippet, 'Send the guest a **verification** code by text message');
    const agentSearch = (await h.as(h.agent.token, { method: 'GET', url: '/api/v1/kb/search?q=verification' })).json();
    assert.deepEqual(agentSearch.articles.map((a: { slug: string }) => a.slug), ['verification-back-office', 'verify-a-guest']);

    const suggested = await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/kb/suggest?q=${encodeURIComponent('our guest did not get a code')}` });
    assert.equal(suggested.statusCode, 200);
    const [first] = suggested.json().articles;
    assert.deepEqual(suggested.json(), { articles: [{ id: first.id, slug: 'verify-a-guest', title: 'Verify a guest', snippet: 'Send the **guest** a verification **code** by text message' }] });
    for (const url of ['/api/v1/kb/search', '/api/v1/kb/search?q=', '/api/v1/kb/suggest?q=x&limit=11', '/api/v1/kb/search?q=x&unknown=1', '/api/v1/kb/suggest?q=a%00b']) {
      const res = await anonymous({ method: 'GET', url });
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assertEnvelopeShape(res.json());
    }
  });

  it('a retried create with the same Idempotency-Key writes one article', async () => {
    const send = () => create(h.manager.token, { slug: 'retry-safe', title: 'Retry safe', body_markdown: 'Once.' }, { 'idempotency-key': 'kb-create-1' });
    const first = await send();
    const second = await send();
    assert.equal(first.statusCode, 201);
    assert.equal(second.statusCode, 201);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.equal(second.json().id, first.json().id);
    const { rows } = await h.desk.t.db.query("SELECT count(*)::int AS n FROM kb_articles WHERE slug = 'retry-safe'");
    assert.deepEqual(rows, [{ n: 1 }]);
  });
});
