// Search and suggestions on the database: weights (title over tags over body), stemming,
// prefixes while typing, websearch syntax, excerpts, and who finds what.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { archiveArticle, createArticle, searchArticles, suggestArticles } from '../../src/kb/index.ts';
import type { CreateArticleInput } from '../../src/kb/index.ts';
import { TestClock } from '../../src/platform/clock.ts';
import { InvalidInputError } from '../../src/platform/errors.ts';
import { silentLogger } from '../../src/platform/logger.ts';
import type { Reader, ReadCtx } from '../../src/platform/context.ts';
import { seedAgent, seedContact, seedOrganization, testCtx } from '../support/fixtures.ts';
import { openTestDb, type TestDb } from '../support/test-db.ts';

const ARTICLES: CreateArticleInput[] = [
  {
    slug: 'receiving-a-verification-code',
    title: 'Receiving a verification code',
    tags: ['guests', 'sms'],
    visibility: 'public',
    bodyMarkdown: 'After entering their phone number, a guest receives a six-digit code by text message.\n\nCodes expire after use.',
  },
  {
    slug: 'verify-your-phone-number',
    title: 'Verify your phone number',
    tags: ['guests'],
    visibility: 'public',
    bodyMarkdown: 'Open the app and confirm the number the hotel has on file for your reservation.',
  },
  {
    slug: 'using-the-mobile-key',
    title: 'Using the mobile key',
    tags: ['mobile-key'],
    visibility: 'public',
    bodyMarkdown: 'Hold the phone near the lock and tap Unlock. If the key does not appear, check the verification step first.',
  },
  {
    slug: 'resending-codes-from-the-back-office',
    title: 'Resending verification codes from the back office',
    tags: ['agents'],
    visibility: 'internal',
    bodyMarkdown: 'Agents can resend a code from the guest record. Never read a code out over the phone.',
  },
  {
    slug: 'set-up-push-notifications',
    title: 'Set up push notifications',
    tags: ['push'],
    visibility: 'public',
    bodyMarkdown: 'Push notifications need an APNs key on iOS and a Firebase project on Android. See [the SDK guide](https://docs.example/sdk).',
  },
  {
    slug: 'a-tour-of-the-dashboard',
    title: 'A tour of the dashboard',
    tags: ['dashboard'],
    visibility: 'public',
    bodyMarkdown: 'The dashboard shows sent push notifications, delivery and opens, per day.',
  },
  {
    slug: 'how-do-segments-work',
    title: 'How do segments work?',
    tags: ['segments', 'push'],
    kind: 'faq',
    visibility: 'public',
    bodyMarkdown: 'A segment is a saved group of users, for example everyone who opened the app this week.',
  },
];

describe('knowledge base search', () => {
  let t: TestDb;
  let clock: TestClock;
  let agent: Reader;
  let contact: Reader;
  const anonymous: Reader = { kind: 'anonymous' };
  const reading = (reader: Reader): ReadCtx => ({ db: t.db, clock, logger: silentLogger(), actor: reader });
  const search = async (reader: Reader, q: string, extra: Record<string, unknown> = {}) =>
    (await searchArticles({ ctx: reading(reader), input: { q, ...extra } })).map((hit) => hit.slug);
  const suggest = async (reader: Reader, q: string, limit?: number) =>
    (await suggestArticles({ ctx: reading(reader), input: { q, limit } })).map((s) => s.slug);

  before(async () => {
    t = await openTestDb();
    clock = new TestClock('2026-03-02T09:00:00Z');
    agent = (await seedAgent(t.db, 'front_line')).actor;
    contact = (await seedContact(t.db, (await seedOrganization(t.db)).id)).actor;
    for (const input of ARTICLES) {
      clock.advance({ minutes: 1 });
      await createArticle({ ctx: testCtx(t.db, { kind: 'system' }, clock), input });
    }
  });
  after(() => t.close());

  it("runs on the 'english' text search configuration, present on both backends", async () => {
    const { rows } = await t.db.query("SELECT to_tsvector('english', 'Receiving verification codes')::text AS v");
    assert.deepEqual(rows, [{ v: "'code':3 'receiv':1 'verif':2" }]);
  });

  it('ranks a title match above a tag match above a body match (weights A, B, C)', async () => {
    assert.deepEqual(await search(anonymous, 'push'), ['set-up-push-notifications', 'how-do-segments-work', 'a-tour-of-the-dashboard']);
    assert.deepEqual(await search(anonymous, 'verification'), ['receiving-a-verification-code', 'using-the-mobile-key']);
  });

  it('matches stems: "notification" finds "notifications", "codes" finds "code"', async () => {
    assert.deepEqual(await search(anonymous, 'notification'), ['set-up-push-notifications', 'a-tour-of-the-dashboard']);
    assert.deepEqual(await search(anonymous, 'codes'), ['receiving-a-verification-code']);
  });

  it('matches prefixes while typing, after the exact matches: "verif" also finds "Verify"', async () => {
    assert.deepEqual(await search(anonymous, 'verif'), ['receiving-a-verification-code', 'using-the-mobile-key', 'verify-your-phone-number']);
    assert.deepEqual(await search(anonymous, 'push notificat'), ['set-up-push-notifications', 'a-tour-of-the-dashboard']);
    assert.deepEqual(await search(anonymous, 'segm'), ['how-do-segments-work']);
    // A stop word being typed is not a prefix of everything.
    assert.deepEqual(await search(anonymous, 'dashboard the'), ['a-tour-of-the-dashboard']);
    assert.deepEqual(await search(anonymous, 'zebra'), []);
  });

  it('reads websearch syntax exactly: phrases, or, and -excluded words (no prefixes then)', async () => {
    assert.deepEqual(await search(anonymous, 'verification -key'), ['receiving-a-verification-code']);
    assert.deepEqual(await search(anonymous, '"push notifications" -dashboard'), ['set-up-push-notifications']);
    assert.deepEqual(await search(anonymous, 'segments or dashboard'), ['how-do-segments-work', 'a-tour-of-the-dashboard']);
    assert.deepEqual(await search(anonymous, '"verif"'), ['receiving-a-verification-code', 'using-the-mobile-key']);
    // Text that would be tsquery syntax is only ever words.
    assert.deepEqual(await search(anonymous, "push & ! | ( :* '"), ['set-up-push-notifications', 'how-do-segments-work', 'a-tour-of-the-dashboard']);
    assert.deepEqual(await search(anonymous, 'the of and'), []);
  });

  it('agents find internal articles; contacts and anonymous readers never do', async () => {
    // Two title matches rank alike; the newer first.
    assert.deepEqual(await search(agent, 'verification'), ['resending-codes-from-the-back-office', 'receiving-a-verification-code', 'using-the-mobile-key']);
    assert.deepEqual(await search(contact, 'verification'), ['receiving-a-verification-code', 'using-the-mobile-key']);
    assert.deepEqual(await search(anonymous, 'back office'), []);
    assert.deepEqual(await search(agent, 'back office'), ['resending-codes-from-the-back-office']);
  });

  it('filters by kind, bounds the count, and answers with a plain-text excerpt, matches in bold', async () => {
    assert.deepEqual(await search(anonymous, 'push', { kind: 'faq' }), ['how-do-segments-work']);
    assert.deepEqual(await search(anonymous, 'push', { limit: 1 }), ['set-up-push-notifications']);
    const [hit] = await searchArticles({ ctx: reading(anonymous), input: { q: 'text message' } });
    assert.equal(hit.slug, 'receiving-a-verification-code');
    assert.equal(hit.snippet, 'After entering their phone number, a guest receives a six-digit code by **text** **message**. Codes expire after use');
    assert.deepEqual(Object.keys(hit).sort(), ['id', 'kind', 'slug', 'snippet', 'tags', 'title', 'updatedAt', 'visibility']);
    // Links keep their text; Markdown marks and addresses are gone.
    const [push] = await searchArticles({ ctx: reading(anonymous), input: { q: 'sdk guide' } });
    assert.equal(push.snippet, 'Push notifications need an APNs key on iOS and a Firebase project on Android. See the **SDK** **guide**');
    // A prefix match is marked too.
    const [typed] = await searchArticles({ ctx: reading(anonymous), input: { q: 'firebas' } });
    assert.match(typed.snippet, /\*\*Firebase\*\*/);
    await assert.rejects(searchArticles({ ctx: reading(anonymous), input: { q: '  ' } }), InvalidInputError);
    await assert.rejects(searchArticles({ ctx: reading(anonymous), input: { q: 'a\u0000b' } }), InvalidInputError);
    await assert.rejects(searchArticles({ ctx: reading(anonymous), input: { q: 'x'.repeat(201) } }), InvalidInputError);
    await assert.rejects(searchArticles({ ctx: reading(anonymous), input: { q: 'push', limit: 51 } }), InvalidInputError);
  });

  it('suggests public articles for what a customer types: any word counts, the best first', async () => {
    assert.deepEqual(await suggest(contact, 'My guest never got the verification code on their phone', 3), [
      'receiving-a-verification-code',
      'verify-your-phone-number',
      'using-the-mobile-key',
    ]);
    // The word being typed counts as a prefix.
    assert.deepEqual(await suggest(anonymous, 'how do I set up push notificat', 1), ['set-up-push-notifications']);
    // Internal articles are never suggested, even to agents: a suggestion is for customers.
    const forAgent = await suggest(agent, 'resend verification codes back office');
    assert.equal(forAgent.includes('resending-codes-from-the-back-office'), false);
    assert.deepEqual(await suggest(anonymous, 'the and of it'), []);
    assert.deepEqual(await suggest(anonymous, '!!! ???'), []);
    const [first] = await suggestArticles({ ctx: reading(anonymous), input: { q: 'segments' } });
    assert.deepEqual(Object.keys(first).sort(), ['id', 'slug', 'snippet', 'title']);
    assert.equal(first.snippet, 'A **segment** is a saved group of users, for example everyone who opened the app this week');
    await assert.rejects(suggestArticles({ ctx: reading(anonymous), input: { q: 'push', limit: 11 } }), InvalidInputError);
    // More of the customer's words beat one word repeated.
    const system = testCtx(t.db, { kind: 'system' }, clock);
    await createArticle({ ctx: system, input: { slug: 'calendar-basics', title: 'Calendar', bodyMarkdown: 'Calendar calendar calendar calendar.', visibility: 'public' } });
    await createArticle({ ctx: system, input: { slug: 'sharing-a-calendar', title: 'Sharing with a colleague', bodyMarkdown: 'Open the calendar.', visibility: 'public' } });
    assert.deepEqual(await suggest(anonymous, 'share my calendar with a colleague', 2), ['sharing-a-calendar', 'calendar-basics']);
  });

  it('neither searches nor suggests archived articles', async () => {
    const article = await createArticle({
      ctx: testCtx(t.db, { kind: 'system' }, clock),
      input: { slug: 'legacy-widget', title: 'The legacy widget', bodyMarkdown: 'Widget settings.', visibility: 'public' },
    });
    assert.deepEqual(await search(anonymous, 'widget'), ['legacy-widget']);
    await archiveArticle({ ctx: testCtx(t.db, { kind: 'system' }, clock), input: { articleId: article.id } });
    assert.deepEqual(await search(agent, 'widget'), []);
    assert.deepEqual(await suggest(anonymous, 'widget'), []);
  });
});
