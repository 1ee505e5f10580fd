// The FAQ page shows every answer in full; each answer leads to its own page, where the reader says
// whether it helped (the article's "Was this article helpful?"), as with any article.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createArticle } from '../../src/kb/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';

describe('feedback on FAQ answers', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openkey', 'standard');
  });
  after(() => h.close());

  it('each answer on the FAQ page links to its page, whose feedback form a visitor can use', async () => {
    await createArticle({ ctx: h.desk.ctx(h.desk.admin), input: { title: 'How do guests get a verification code?', slug: 'verification-code', bodyMarkdown: 'By text message.', visibility: 'public', kind: 'faq' } });
    const visitor = await h.visitor();
    const faq = (await visitor.get('/help/faq')).body;
    assert.match(faq, /<h2 id="faq-verification-code">How do guests get a verification code\?<\/h2>[\s\S]*?<p class="hint"><a href="\/help\/articles\/verification-code#feedback">Did this answer help\? Tell us<\/a><\/p>/);
    const page = (await visitor.get('/help/articles/verification-code')).body;
    assert.match(page, /<section class="article-feedback" id="feedback">\s*<h2>Was this article helpful\?<\/h2>/);
  });
});
