// "Was this article helpful?" on the help centre's pages and the API, OpenBack: a visitor, a
// contact and an agent answer at the foot of an article (plain forms), are thanked and may change
// their answer; a visitor is counted once per browser and limited per address; agents see how an
// article fares on it and in the lists, managers the recent comments; contacts never see the counts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { createArticle } from '../../src/kb/index.ts';
import { openWebApp, setCookies, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const YES = /<button type="submit" name="helpful" value="yes">Yes<\/button>/;

describe('article feedback on the pages and the API, OpenBack', () => {
  let h: WebApp;
  let n = 0;
  const article = async (visibility: 'public' | 'internal' = 'public') =>
    createArticle({ ctx: h.desk.system, input: { slug: `feedback-check-${++n}`, title: `Feedback check ${n}`, bodyMarkdown: 'Restart the sync service.', visibility } });
  const votes = async (articleId: string) =>
    (await h.desk.t.db.query<{ voter_key: string; helpful: boolean; comment: string | null }>(
      'SELECT voter_key, helpful, comment FROM kb_article_feedback WHERE article_id = $1 ORDER BY voter_key', [articleId],
    )).rows;
  /** The reader cookie a vote's answer set, as the browser sends it back. */
  const readerCookie = (res: LightMyRequestResponse) => /accord_reader=[^;]+/.exec(setCookies(res).join('\n'))?.[0] ?? '';

  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('a visitor answers Yes, is thanked and counted once by their browser; a later No with a comment replaces it', async () => {
    const a = await article();
    const v = await h.visitor();
    const shown = main((await v.get(`/help/articles/${a.slug}`)).body);
    assert.match(shown, /<h2>Was this article helpful\?<\/h2>/);
    assert.match(shown, YES);
    assert.match(shown, /<textarea id="feedback-comment" name="comment" rows="3" maxlength="1000"><\/textarea>\s*<button type="submit" name="helpful" value="no">No<\/button>/);
    assert.doesNotMatch(shown, /found it helpful/, 'a visitor does not see how it fares');

    const yes = await v.post(`/help/articles/${a.slug}/feedback`, { helpful: 'yes' });
    assert.equal(yes.statusCode, 200);
    assert.match(main(yes.body), /id="feedback-thanks">Thank you: you said <strong>Yes<\/strong>, this article helped\. You may change your answer here\./);
    const cookie = readerCookie(yes);
    assert.match(cookie, /^accord_reader=[A-Za-z0-9_-]{43}$/);
    assert.match(setCookies(yes).join('\n'), /accord_reader=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=31536000/);
    const withCookie = { cookie: `${v.cookie}; ${cookie}` };
    // In the zone OpenBack states for its support (Europe/London: GMT in December), as the portal gives times, not UTC.
    assert.match(main((await v.get(`/help/articles/${a.slug}`, withCookie)).body), /id="feedback-current">You said <strong>Yes<\/strong> on Wed 2 Dec 2026 10:00 GMT\. A new answer replaces it\./);

    const no = await v.post(`/help/articles/${a.slug}/feedback`, { helpful: 'no', comment: 'Which <service>?' }, withCookie);
    assert.equal(no.statusCode, 200);
    assert.equal(readerCookie(no), '', 'the browser keeps its value: no new one');
    assert.match(main(no.body), /Thank you: you said <strong>No<\/strong>, this article did not help, with your comment\./);
    assert.match(main(no.body), /name="comment" rows="3" maxlength="1000">Which &lt;service&gt;\?<\/textarea>/);
    const stored = await votes(a.id);
    assert.equal(stored.length, 1);
    assert.deepEqual([stored[0].helpful, stored[0].comment], [false, 'Which <service>?']);
    assert.match(stored[0].voter_key, /^visitor:[0-9a-f]{64}$/);
    // Another browser (no reader cookie yet) is another visitor.
    await (await h.visitor()).post(`/help/articles/${a.slug}/feedback`, { helpful: 'yes' });
    assert.equal((await votes(a.id)).length, 2);
  });

  it('a contact and an agent change their answer rather than add one; an internal article takes no answer from a contact or a visitor', async () => {
    const a = await article();
    const c = await h.session(h.contactA, 'contact');
    const agent = await h.session(h.agent, 'agent');
    await c.post(`/help/articles/${a.slug}/feedback`, { helpful: 'no', comment: 'Too short.' });
    await c.post(`/help/articles/${a.slug}/feedback`, { helpful: 'yes', comment: 'dropped with a Yes' });
    await agent.post(`/help/articles/${a.slug}/feedback`, { helpful: 'yes' });
    await agent.post(`/help/articles/${a.slug}/feedback`, { helpful: 'no' });
    assert.deepEqual(await votes(a.id), [
      { voter_key: `agent:${h.agent.id}`, helpful: false, comment: null },
      { voter_key: `contact:${h.contactA.id}`, helpful: true, comment: null },
    ]);

    const internal = await article('internal');
    assert.equal((await c.post(`/help/articles/${internal.slug}/feedback`, { helpful: 'yes' })).statusCode, 404);
    assert.equal((await (await h.visitor()).post(`/help/articles/${internal.slug}/feedback`, { helpful: 'yes' })).statusCode, 404);
    const byAgent = await agent.post(`/help/articles/${internal.slug}/feedback`, { helpful: 'yes' });
    assert.equal(byAgent.statusCode, 200);
    assert.equal((await votes(internal.id)).length, 1);
  });

  it('refuses a comment over 1000 characters or no choice beside the form, naming the field as it is labelled, keeping what was typed', async () => {
    const a = await article();
    const c = await h.session(h.contactB, 'contact');
    const long = await c.post(`/help/articles/${a.slug}/feedback`, { helpful: 'no', comment: 'z'.repeat(1001) });
    assert.equal(long.statusCode, 400);
    assert.match(main(long.body), /id="feedback-error">\s*<p>The input is not valid<\/p>\s*<ul><li><strong>Comment<\/strong> must be at most 1000 characters<\/li><\/ul>/);
    assert.match(main(long.body), new RegExp(`maxlength="1000">${'z'.repeat(1001)}</textarea>`));
    const none = await c.post(`/help/articles/${a.slug}/feedback`, { comment: 'no button' });
    assert.equal(none.statusCode, 400);
    assert.match(main(none.body), /<li><strong>Was this article helpful\?<\/strong> must be Yes or No<\/li>/);
    assert.deepEqual(await votes(a.id), []);
  });

  it("limits a visitor's answers per address: the 21st within the hour is refused", async () => {
    const a = await article();
    const v = await h.visitor();
    const from = (remoteAddress: string) =>
      h.app.inject({
        method: 'POST', url: `/help/articles/${a.slug}/feedback`, remoteAddress,
        headers: { cookie: v.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${v.csrf}&helpful=yes`,
      });
    for (let i = 0; i < 20; i++) assert.equal((await from('203.0.113.7')).statusCode, 200);
    const refused = await from('203.0.113.7');
    assert.equal(refused.statusCode, 429);
    assert.match(main(refused.body), /id="feedback-error">\s*<p>Too many answers from this address: try again in an hour<\/p>/);
    assert.equal((await from('203.0.113.8')).statusCode, 200, 'another address has its own window');
    const { rows } = await h.desk.t.db.query<{ key: string }>("SELECT key FROM rate_limit_windows WHERE key LIKE 'kb-feedback:%'");
    assert.ok(rows.length >= 2 && rows.every((r) => /^kb-feedback:[0-9a-f]{64}$/.test(r.key)), 'the windows keep no address');
  });

  it('agents see how an article fares on it and in the lists, managers the recent comments, which they may remove; contacts see neither', async () => {
    const a = await article();
    const org = (await h.desk.t.db.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [h.contactA.organizationId])).rows[0].name;
    await (await h.session(h.contactA, 'contact')).post(`/help/articles/${a.slug}/feedback`, { helpful: 'no', comment: 'Say where the <img src=x onerror=alert(1)> service is.' });
    await (await h.visitor()).post(`/help/articles/${a.slug}/feedback`, { helpful: 'yes' });
    await (await h.session(h.escalation, 'agent')).post(`/help/articles/${a.slug}/feedback`, { helpful: 'yes' });

    const frontLine = await h.session(h.agent, 'agent');
    const forAgent = main((await frontLine.get(`/help/articles/${a.slug}`)).body);
    assert.match(forAgent, /<h2>How this article fares<\/h2>\s*<p><span class="fares">2 of 3 found it helpful<\/span> \(2 yes, 1 no\)\.<\/p>/);
    assert.doesNotMatch(forAgent, /Say where the/, 'comments are for managers and admins');
    assert.match(main((await frontLine.get('/help')).body), new RegExp(`${a.title}</a> <small>\\(<span class="fares">2 of 3 found it helpful</span>\\)</small>`));
    const internal = await article('internal');
    assert.match(main((await frontLine.get('/agent/kb')).body), new RegExp(`${internal.title}</a> <small>\\(article; <span class="fares">no answers yet</span>\\)</small>`));

    const forManager = main((await (await h.session(h.manager, 'agent')).get(`/help/articles/${a.slug}`)).body);
    assert.match(forManager, /<h3>Recent comments with a “No”<\/h3>/);
    assert.ok(forManager.includes(`<li><p>Say where the &lt;img src=x onerror=alert(1)&gt; service is.</p><small>2026-12-02 10:00 UTC, by ${org}</small>`), forManager);

    // A manager removes the comment: gone from the page, the vote still counted, on the audit trail.
    const [vote] = (await h.desk.t.db.query<{ id: string }>('SELECT id FROM kb_article_feedback WHERE article_id = $1 AND comment IS NOT NULL', [a.id])).rows;
    const removeAt = `/help/articles/${a.slug}/feedback/${vote.id}/remove`;
    assert.ok(forManager.includes(`<form method="post" action="${removeAt}" class="inline">`), 'a Remove button by the comment');
    assert.doesNotMatch(forAgent, /Remove this comment/);
    assert.equal((await frontLine.post(removeAt, {})).statusCode, 403, 'a front-line agent may not');
    const manager = await h.session(h.manager, 'agent');
    const removed = await manager.post(removeAt, {});
    assert.deepEqual([removed.statusCode, removed.headers.location], [303, `/help/articles/${a.slug}#article-fares`]);
    const after = main((await manager.get(`/help/articles/${a.slug}`)).body);
    assert.match(after, /2 of 3 found it helpful/);
    assert.match(after, /No comments with a “No” yet\./);
    assert.equal((await manager.post(removeAt, {})).statusCode, 404, 'removed already');
    const { rows: audit } = await h.desk.t.db.query<{ data: unknown }>("SELECT data FROM audit_events WHERE type = 'article.feedback_comment_removed' AND subject_id = $1", [a.id]);
    assert.deepEqual(audit.map((r) => r.data), [{ feedback_id: vote.id }]);

    const contact = await h.session(h.contactA, 'contact');
    const forContact = main((await contact.get(`/help/articles/${a.slug}`)).body);
    assert.doesNotMatch(forContact, /fares|found it helpful/);
    assert.match(forContact, /You said <strong>No<\/strong>/, 'their own answer only');
    assert.doesNotMatch(main((await contact.get('/help')).body), /found it helpful/);
  });

  it('the API takes a signed-in vote and shows the counts to agents only', async () => {
    const a = await article();
    const vote = await h.as(h.contactA.token, { method: 'POST', url: `/api/v1/kb/articles/${a.id}/feedback`, payload: { helpful: false, comment: 'Needs a screenshot.' } });
    assert.equal(vote.statusCode, 200, vote.body);
    assert.deepEqual(vote.json(), { article_id: a.id, helpful: false, comment: 'Needs a screenshot.', voted_at: '2026-12-02T10:00:00Z' });
    const again = await h.as(h.contactA.token, { method: 'POST', url: `/api/v1/kb/articles/${a.id}/feedback`, payload: { helpful: true } });
    assert.deepEqual(again.json().comment, null);
    await h.as(h.manager.token, { method: 'POST', url: `/api/v1/kb/articles/${a.id}/feedback`, payload: { helpful: false } });

    const long = await h.as(h.contactB.token, { method: 'POST', url: `/api/v1/kb/articles/${a.id}/feedback`, payload: { helpful: false, comment: 'q'.repeat(1001) } });
    assert.equal(long.statusCode, 400);
    assert.deepEqual(long.json().details.map((d: { path: string }) => d.path), ['comment']);
    const internal = await article('internal');
    assert.equal((await h.as(h.contactA.token, { method: 'POST', url: `/api/v1/kb/articles/${internal.id}/feedback`, payload: { helpful: true } })).statusCode, 404);
    assert.equal((await h.app.inject({ method: 'POST', url: `/api/v1/kb/articles/${a.id}/feedback`, payload: { helpful: true } })).statusCode, 401);

    assert.deepEqual((await h.as(h.agent.token, { method: 'GET', url: `/api/v1/kb/articles/${a.slug}` })).json().feedback, { helpful: 1, not_helpful: 1 });
    assert.equal('feedback' in (await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/kb/articles/${a.id}` })).json(), false);
    assert.equal('feedback' in (await h.app.inject({ method: 'GET', url: `/api/v1/kb/articles/${a.id}` })).json(), false);
  });
});
