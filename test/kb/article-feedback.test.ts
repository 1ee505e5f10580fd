// "Was this article helpful?" on the database: who may vote on what, one vote each (a later one
// replaces it), the comment's bounds, what agents see of it and what contacts do not, and an
// erasure clearing what a person wrote with their votes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { updateAgent } from '../../src/customers/index.ts';
import {
  archiveArticle, articleFeedbackCounts, articleFeedbackSummary, createArticle, myArticleVote, voteOnArticle,
} from '../../src/kb/index.ts';
import { TestClock } from '../../src/platform/clock.ts';
import { ForbiddenError, NotFoundError } from '../../src/platform/errors.ts';
import { silentLogger } from '../../src/platform/logger.ts';
import type { Actor, Reader, ReadCtx } from '../../src/platform/context.ts';
import { eraseAgent, eraseContact } from '../../src/privacy/index.ts';
import { refusalOf } from '../support/refusal.ts';
import { seedAgent, seedContact, seedOrganization, testCtx } from '../support/fixtures.ts';
import { openTestDb, type TestDb } from '../support/test-db.ts';

describe('article feedback', () => {
  let t: TestDb;
  let clock: TestClock;
  let manager: Actor;
  let admin: Actor;
  let frontLine: Actor;
  let contact: { actor: Actor; id: string; email: string };
  let orgName: string;
  const anonymous: Reader = { kind: 'anonymous' };
  // Two browsers' cookie values (43 base64url characters).
  const browserA = { browserToken: 'A'.repeat(43) };
  const browserB = { browserToken: 'B'.repeat(43) };
  const as = (reader: Reader): ReadCtx => ({ db: t.db, clock, logger: silentLogger(), actor: reader });
  const article = async (visibility: 'public' | 'internal', slug: string) =>
    (await createArticle({ ctx: testCtx(t.db, manager, clock), input: { slug, title: slug, bodyMarkdown: 'Text.', visibility } })).id;
  const rows = async (articleId: string) =>
    (await t.db.query<any>('SELECT voter_key, contact_id, agent_id, helpful, comment FROM kb_article_feedback WHERE article_id = $1 ORDER BY voter_key', [articleId])).rows;

  before(async () => {
    t = await openTestDb();
    clock = new TestClock('2026-03-02T09:00:00Z');
    [manager, admin, frontLine] = (await Promise.all((['manager', 'admin', 'front_line'] as const).map((role) => seedAgent(t.db, role)))).map((a) => a.actor);
    const org = await seedOrganization(t.db);
    orgName = (await t.db.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [org.id])).rows[0].name;
    contact = await seedContact(t.db, org.id);
  });
  after(() => t.close());

  it('a contact, an agent and a visitor each vote once on a public article: a second vote changes theirs, not the count', async () => {
    const id = await article('public', 'reset-your-password');
    await voteOnArticle({ ctx: as(contact.actor), input: { articleId: id, helpful: false, comment: '  Nothing about SSO.  ' } });
    await voteOnArticle({ ctx: as(frontLine), input: { articleId: id, helpful: true } });
    await voteOnArticle({ ctx: as(anonymous), input: { articleId: id, helpful: true }, visitor: browserA });
    assert.deepEqual((await articleFeedbackCounts({ ctx: as(manager), articleIds: [id] })).get(id), { helpful: 2, notHelpful: 1 });

    clock.advance({ minutes: 5 });
    const changed = await voteOnArticle({ ctx: as(contact.actor), input: { articleId: id, helpful: true } });
    assert.deepEqual({ ...changed, votedAt: changed.votedAt.toString() }, { articleId: id, helpful: true, comment: null, votedAt: '2026-03-02T09:05:00Z' });
    await voteOnArticle({ ctx: as(frontLine), input: { articleId: id, helpful: false } });
    await voteOnArticle({ ctx: as(anonymous), input: { articleId: id, helpful: false, comment: 'Too long.' }, visitor: browserA });
    // Another browser is another visitor.
    await voteOnArticle({ ctx: as(anonymous), input: { articleId: id, helpful: true }, visitor: browserB });
    assert.deepEqual((await articleFeedbackCounts({ ctx: as(manager), articleIds: [id] })).get(id), { helpful: 2, notHelpful: 2 });

    // Four rows, one per reader; the visitors by a hash of their browser value, never the value itself.
    const stored = await rows(id);
    assert.equal(stored.length, 4);
    assert.deepEqual(stored.filter((r) => r.contact_id).map((r) => [r.voter_key, r.helpful, r.comment]), [[`contact:${contact.id}`, true, null]]);
    assert.deepEqual(stored.filter((r) => r.agent_id).map((r) => [r.voter_key, r.helpful]), [[`agent:${(frontLine as { id: string }).id}`, false]]);
    const visitors = stored.filter((r) => r.voter_key.startsWith('visitor:'));
    assert.equal(visitors.length, 2);
    assert.ok(visitors.every((r) => /^visitor:[0-9a-f]{64}$/.test(r.voter_key) && r.contact_id === null && r.agent_id === null));
    assert.ok(!JSON.stringify(stored).includes('AAAA'));

    // Each reads back their own vote; a visitor by their browser only.
    assert.equal((await myArticleVote({ ctx: as(anonymous), articleId: id, visitor: browserA }))?.comment, 'Too long.');
    assert.equal((await myArticleVote({ ctx: as(anonymous), articleId: id, visitor: browserB }))?.helpful, true);
    assert.equal(await myArticleVote({ ctx: as(anonymous), articleId: id }), null);
    assert.equal((await myArticleVote({ ctx: as(contact.actor), articleId: id }))?.helpful, true);
  });

  it('an internal article takes no vote from a contact or a visitor (404), an archived one from nobody', async () => {
    const internal = await article('internal', 'escalation-runbook');
    await assert.rejects(voteOnArticle({ ctx: as(contact.actor), input: { articleId: internal, helpful: true } }), NotFoundError);
    await assert.rejects(voteOnArticle({ ctx: as(anonymous), input: { articleId: internal, helpful: true }, visitor: browserA }), NotFoundError);
    await voteOnArticle({ ctx: as(frontLine), input: { articleId: internal, helpful: true } });
    assert.equal((await rows(internal)).length, 1);

    const archived = await article('public', 'old-installer');
    await archiveArticle({ ctx: testCtx(t.db, manager, clock), input: { articleId: archived } });
    for (const [reader, visitor] of [[contact.actor, undefined], [anonymous, browserA], [frontLine, undefined], [manager, undefined]] as const) {
      await assert.rejects(voteOnArticle({ ctx: as(reader), input: { articleId: archived, helpful: true }, visitor }), NotFoundError);
    }
    await assert.rejects(voteOnArticle({ ctx: as(contact.actor), input: { articleId: '00000000-0000-4000-8000-000000000000', helpful: true } }), NotFoundError);
    assert.equal((await rows(archived)).length, 0);
  });

  it('refuses a comment over 1000 characters, or with a "Yes", naming the comment; a visitor needs their browser value', async () => {
    const id = await article('public', 'export-reports');
    assert.deepEqual(await refusalOf(voteOnArticle({ ctx: as(contact.actor), input: { articleId: id, helpful: false, comment: 'x'.repeat(1001) } })), {
      message: 'The input is not valid', details: [{ path: 'comment', message: 'must be at most 1000 characters' }],
    });
    assert.deepEqual((await refusalOf(voteOnArticle({ ctx: as(contact.actor), input: { articleId: id, helpful: true, comment: 'Great' } }))).details, [
      { path: 'comment', message: 'is only kept with a "No"' },
    ]);
    // Exactly 1000 is kept.
    assert.equal((await voteOnArticle({ ctx: as(contact.actor), input: { articleId: id, helpful: false, comment: 'y'.repeat(1000) } })).comment?.length, 1000);
    assert.deepEqual((await refusalOf(voteOnArticle({ ctx: as(anonymous), input: { articleId: id, helpful: true } }))).details.map((d) => d.path), ['browser']);
    assert.deepEqual((await refusalOf(voteOnArticle({ ctx: as(anonymous), input: { articleId: id, helpful: true }, visitor: { browserToken: 'short' } }))).details.map((d) => d.path), ['browser']);
    assert.equal((await rows(id)).length, 1);
  });

  it('agents see the counts; managers and admins the recent comments, newest first, by organization, agent or visitor; contacts see nothing', async () => {
    const id = await article('public', 'connect-the-printer');
    clock.set('2026-03-03T10:00:00Z');
    await voteOnArticle({ ctx: as(contact.actor), input: { articleId: id, helpful: false, comment: 'Which driver?' } });
    clock.set('2026-03-03T11:00:00Z');
    await voteOnArticle({ ctx: as(anonymous), input: { articleId: id, helpful: false, comment: 'No pictures.' }, visitor: browserA });
    clock.set('2026-03-03T12:00:00Z');
    await voteOnArticle({ ctx: as(admin), input: { articleId: id, helpful: false, comment: 'Out of date since 4.2.' } });
    await voteOnArticle({ ctx: as(frontLine), input: { articleId: id, helpful: true } });
    await voteOnArticle({ ctx: as(anonymous), input: { articleId: id, helpful: false }, visitor: browserB });

    const forManager = await articleFeedbackSummary({ ctx: as(manager), articleId: id });
    assert.deepEqual({ ...forManager, comments: forManager.comments?.map((c) => [c.comment, c.at.toString(), c.by]) }, {
      helpful: 1, notHelpful: 4,
      comments: [
        ['Out of date since 4.2.', '2026-03-03T12:00:00Z', 'an agent'],
        ['No pictures.', '2026-03-03T11:00:00Z', 'a visitor'],
        ['Which driver?', '2026-03-03T10:00:00Z', orgName],
      ],
    });
    assert.deepEqual(await articleFeedbackSummary({ ctx: as(frontLine), articleId: id }), { helpful: 1, notHelpful: 4, comments: null });
    await assert.rejects(articleFeedbackSummary({ ctx: as(contact.actor), articleId: id }), ForbiddenError);
    await assert.rejects(articleFeedbackCounts({ ctx: as(anonymous), articleIds: [id] }), ForbiddenError);
  });

  it("an erasure clears the person's comments and keeps their votes", async () => {
    const id = await article('public', 'billing-questions');
    const org = await seedOrganization(t.db);
    const leaving = await seedContact(t.db, org.id);
    const leaver = await seedAgent(t.db, 'front_line');
    await voteOnArticle({ ctx: as(leaving.actor), input: { articleId: id, helpful: false, comment: 'Mention my invoice 4711.' } });
    await voteOnArticle({ ctx: as(leaver.actor), input: { articleId: id, helpful: false, comment: 'Agent note.' } });
    await voteOnArticle({ ctx: as(contact.actor), input: { articleId: id, helpful: false, comment: 'Stays.' } });

    const asAdmin = testCtx(t.db, admin, clock);
    await eraseContact({ ctx: asAdmin, input: { contactId: leaving.id, confirmEmail: leaving.email } });
    await updateAgent({ ctx: asAdmin, input: { agentId: leaver.id, active: false } });
    await eraseAgent({ ctx: asAdmin, input: { agentId: leaver.id, confirmEmail: leaver.email } });

    const stored = await rows(id);
    assert.deepEqual(stored.map((r) => [r.voter_key, r.helpful, r.comment]).sort(), [
      [`agent:${leaver.id}`, false, null],
      [`contact:${contact.id}`, false, 'Stays.'],
      [`contact:${leaving.id}`, false, null],
    ].sort());
    assert.deepEqual((await articleFeedbackCounts({ ctx: as(manager), articleIds: [id] })).get(id), { helpful: 0, notHelpful: 3 });
  });
});
