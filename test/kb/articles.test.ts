// The knowledge base's writes and reads on the database: who may write, who sees what,
// addresses, release dates, archiving, audit rows and pagination.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { archiveArticle, createArticle, getArticle, listArticles, updateArticle } from '../../src/kb/index.ts';
import { TestClock } from '../../src/platform/clock.ts';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../../src/platform/errors.ts';
import { silentLogger } from '../../src/platform/logger.ts';
import type { Actor, Reader, ReadCtx } from '../../src/platform/context.ts';
import { seedAgent, seedContact, seedOrganization, testCtx } from '../support/fixtures.ts';
import { openTestDb, type TestDb } from '../support/test-db.ts';

describe('knowledge base articles', () => {
  let t: TestDb;
  let clock: TestClock;
  let manager: Actor;
  let admin: Actor;
  let frontLine: Actor;
  let escalation: Actor;
  let contact: Actor;
  const anonymous: Reader = { kind: 'anonymous' };
  const as = (actor: Actor) => testCtx(t.db, actor, clock);
  const reading = (reader: Reader): ReadCtx => ({ db: t.db, clock, logger: silentLogger(), actor: reader });
  const body = '# Heading\n\nSome *Markdown* text.\n';

  before(async () => {
    t = await openTestDb();
    clock = new TestClock('2026-03-02T09:00:00Z');
    manager = (await seedAgent(t.db, 'manager')).actor;
    admin = (await seedAgent(t.db, 'admin')).actor;
    frontLine = (await seedAgent(t.db, 'front_line')).actor;
    escalation = (await seedAgent(t.db, 'escalation')).actor;
    contact = (await seedContact(t.db, (await seedOrganization(t.db)).id)).actor;
  });
  after(() => t.close());

  it('a manager creates an article: Markdown kept as written, slug from the title, audit row in the same write', async () => {
    const article = await createArticle({
      ctx: as(manager),
      input: { title: '  Set up Push Notifications (iOS)  ', bodyMarkdown: body, visibility: 'public', tags: ['iOS', 'push', 'ios'] },
    });
    assert.equal(article.slug, 'set-up-push-notifications-ios');
    assert.equal(article.title, 'Set up Push Notifications (iOS)');
    assert.equal(article.bodyMarkdown, body);
    assert.equal(article.kind, 'article');
    assert.deepEqual(article.tags, ['ios', 'push']);
    assert.equal(article.createdAt.toString(), '2026-03-02T09:00:00Z');
    assert.equal(article.updatedAt.toString(), '2026-03-02T09:00:00Z');
    assert.equal(article.createdBy, (manager as { id: string }).id);
    assert.equal(article.archivedAt, null);
    const { rows } = await t.db.query('SELECT actor_id, type, data FROM audit_events WHERE subject_kind = $1 AND subject_id = $2', ['article', article.id]);
    assert.deepEqual(rows, [
      { actor_id: (manager as { id: string }).id, type: 'article.created', data: { slug: 'set-up-push-notifications-ios', title: 'Set up Push Notifications (iOS)', visibility: 'public', kind: 'article' } },
    ]);
  });

  it('is internal unless published, and internal articles do not exist for contacts and anonymous readers', async () => {
    const draft = await createArticle({ ctx: as(admin), input: { slug: 'escalating-to-engineering', title: 'Escalating to engineering', bodyMarkdown: body } });
    assert.equal(draft.visibility, 'internal');
    for (const reader of [frontLine, escalation, manager, admin, { kind: 'system' } as Actor]) {
      assert.equal((await getArticle({ ctx: reading(reader), input: { idOrSlug: 'escalating-to-engineering' } })).id, draft.id);
    }
    for (const reader of [contact, anonymous]) {
      await assert.rejects(getArticle({ ctx: reading(reader), input: { idOrSlug: draft.slug } }), NotFoundError);
      await assert.rejects(getArticle({ ctx: reading(reader), input: { idOrSlug: draft.id } }), NotFoundError);
    }
    // Published, the same article is found by everyone, by id (any case) or slug; authors only for agents.
    await updateArticle({ ctx: as(manager), input: { articleId: draft.id, visibility: 'public' } });
    const seen = await getArticle({ ctx: reading(contact), input: { idOrSlug: draft.id.toUpperCase() } });
    assert.equal(seen.slug, 'escalating-to-engineering');
    assert.equal('createdBy' in seen, false);
    assert.equal('updatedBy' in seen, false);
    assert.equal((await getArticle({ ctx: reading(anonymous), input: { idOrSlug: draft.slug } })).id, draft.id);
    assert.equal((await getArticle({ ctx: reading(frontLine), input: { idOrSlug: draft.slug } })).createdBy, (admin as { id: string }).id);
  });

  it('is refused for the wrong actor: front-line and escalation agents, contacts and the anonymous cannot write', async () => {
    const article = await createArticle({ ctx: as(admin), input: { title: 'Written by an admin', bodyMarkdown: body, visibility: 'public' } });
    for (const actor of [frontLine, escalation, contact]) {
      await assert.rejects(createArticle({ ctx: as(actor), input: { title: 'Nope', bodyMarkdown: body } }), ForbiddenError);
      await assert.rejects(updateArticle({ ctx: as(actor), input: { articleId: article.id, title: 'Changed' } }), ForbiddenError);
      await assert.rejects(archiveArticle({ ctx: as(actor), input: { articleId: article.id } }), ForbiddenError);
    }
    // A write verb takes a Ctx, whose actor is never anonymous: the type system refuses it.
    // @ts-expect-error an anonymous reader is not an Actor
    await assert.rejects(createArticle({ ctx: reading(anonymous), input: { title: 'Nope', bodyMarkdown: body } }), ForbiddenError);
    const after = await getArticle({ ctx: reading(admin), input: { idOrSlug: article.id } });
    assert.equal(after.title, 'Written by an admin');
    assert.equal(after.archivedAt, null);
    const { rows } = await t.db.query('SELECT type FROM audit_events WHERE subject_id = $1', [article.id]);
    assert.deepEqual(rows, [{ type: 'article.created' }]);
  });

  it('refuses NUL characters, oversized text, bad slugs and tags, naming the field', async () => {
    const refused = async (input: Record<string, unknown>, path: string) =>
      assert.rejects(createArticle({ ctx: as(manager), input: { title: 'T', bodyMarkdown: body, ...input } as never }), (error: unknown) => {
        assert.ok(error instanceof InvalidInputError, String(error));
        assert.ok(error.details.some((d) => d.path === path), JSON.stringify(error.details));
        return true;
      });
    await refused({ bodyMarkdown: 'a\u0000b' }, 'bodyMarkdown');
    await refused({ title: 'a\u0000b' }, 'title');
    await refused({ bodyMarkdown: 'x'.repeat(100_001) }, 'bodyMarkdown');
    await refused({ bodyMarkdown: ' \n ' }, 'bodyMarkdown');
    await refused({ title: 'x'.repeat(201) }, 'title');
    await refused({ slug: 'Not A Slug' }, 'slug');
    await refused({ slug: 'double--hyphen' }, 'slug');
    await refused({ slug: '0b5c3a8e-1f2d-4c3b-9a8e-7d6c5b4a3f21' }, 'slug');
    await refused({ tags: ['two words'] }, 'tags.0');
    await refused({ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags');
    await refused({ visibility: 'secret' }, 'visibility');
    await refused({ releasedAt: '2026-01-01T00:00:00Z' }, 'kind');
    await refused({ kind: 'release_note', plannedFor: '0000-01-01' }, 'plannedFor');
    await refused({ kind: 'release_note', releasedAt: '9999-12-31T23:59:59+14:00' }, 'releasedAt');
    await refused({ kind: 'release_note', plannedFor: '2026-02-30' }, 'plannedFor');
    await refused({ title: '!!!' }, 'slug');
    // The largest body allowed is stored whole.
    const big = await createArticle({ ctx: as(manager), input: { title: 'Big one', bodyMarkdown: 'word '.repeat(20_000) } });
    assert.equal((await getArticle({ ctx: reading(manager), input: { idOrSlug: big.id } })).bodyMarkdown.length, 100_000);
  });

  it('a slug is used once, archived articles included', async () => {
    const first = await createArticle({ ctx: as(manager), input: { slug: 'billing-questions', title: 'Billing questions', bodyMarkdown: body } });
    await archiveArticle({ ctx: as(manager), input: { articleId: first.id } });
    await assert.rejects(createArticle({ ctx: as(manager), input: { slug: 'billing-questions', title: 'Other', bodyMarkdown: body } }), ConflictError);
    await assert.rejects(createArticle({ ctx: as(manager), input: { title: 'Billing Questions', bodyMarkdown: body } }), ConflictError);
    const other = await createArticle({ ctx: as(manager), input: { title: 'Another page', bodyMarkdown: body } });
    await assert.rejects(updateArticle({ ctx: as(manager), input: { articleId: other.id, slug: 'billing-questions' } }), ConflictError);
  });

  it('updates: only what changed is written and audited; a change to nothing writes nothing', async () => {
    const article = await createArticle({ ctx: as(manager), input: { slug: 'onboarding', title: 'Onboarding', bodyMarkdown: body, tags: ['start'] } });
    clock.advance({ hours: 1 });
    const updated = await updateArticle({ ctx: as(admin), input: { articleId: article.id, title: 'Onboarding', slug: 'getting-started', visibility: 'public', tags: ['start', 'setup'] } });
    assert.equal(updated.slug, 'getting-started');
    assert.deepEqual(updated.tags, ['start', 'setup']);
    assert.equal(updated.updatedAt.toString(), '2026-03-02T10:00:00Z');
    assert.equal(updated.createdAt.toString(), '2026-03-02T09:00:00Z');
    assert.equal(updated.updatedBy, (admin as { id: string }).id);
    assert.equal(updated.createdBy, (manager as { id: string }).id);
    clock.advance({ hours: 1 });
    const same = await updateArticle({ ctx: as(admin), input: { articleId: article.id, title: 'Onboarding', tags: ['start', 'setup'] } });
    assert.equal(same.updatedAt.toString(), '2026-03-02T10:00:00Z');
    const { rows } = await t.db.query<{ type: string; data: unknown }>('SELECT type, data FROM audit_events WHERE subject_id = $1 ORDER BY at', [article.id]);
    assert.deepEqual(rows.map((r) => r.type), ['article.created', 'article.updated']);
    assert.deepEqual(rows[1].data, {
      changed: ['slug', 'visibility', 'tags'],
      visibility: { from: 'internal', to: 'public' },
      slug: { from: 'onboarding', to: 'getting-started' },
    });
    await assert.rejects(updateArticle({ ctx: as(admin), input: { articleId: article.id } }), InvalidInputError);
    await assert.rejects(updateArticle({ ctx: as(admin), input: { articleId: crypto.randomUUID(), title: 'X' } }), NotFoundError);
  });

  it('release notes carry a release instant or a planned day; other kinds carry neither', async () => {
    const note = await createArticle({
      ctx: as(manager),
      input: { title: 'Release 4.2', bodyMarkdown: body, kind: 'release_note', visibility: 'public', releasedAt: '2026-02-20T18:30:00+01:00' },
    });
    assert.equal(note.releasedAt?.toString(), '2026-02-20T17:30:00Z');
    assert.equal(note.plannedFor, null);
    const upcoming = await createArticle({ ctx: as(manager), input: { title: 'Release 4.3', bodyMarkdown: body, kind: 'release_note', plannedFor: '2026-04-15' } });
    assert.equal(upcoming.plannedFor, '2026-04-15');
    assert.equal((await getArticle({ ctx: reading(manager), input: { idOrSlug: upcoming.id } })).plannedFor, '2026-04-15');
    // Making it a plain article needs its dates cleared first, in the same change.
    await assert.rejects(updateArticle({ ctx: as(manager), input: { articleId: upcoming.id, kind: 'article' } }), (error: unknown) => {
      assert.ok(error instanceof InvalidInputError);
      assert.equal(error.details[0].path, 'kind');
      return true;
    });
    const plain = await updateArticle({ ctx: as(manager), input: { articleId: upcoming.id, kind: 'article', plannedFor: null } });
    assert.equal(plain.kind, 'article');
    assert.equal(plain.plannedFor, null);
    const shipped = await updateArticle({ ctx: as(manager), input: { articleId: note.id, releasedAt: '2026-02-21T09:00:00Z' } });
    assert.equal(shipped.releasedAt?.toString(), '2026-02-21T09:00:00Z');
  });

  it('archives: gone for readers, kept for agents, not edited, archiving twice is harmless', async () => {
    const article = await createArticle({ ctx: as(manager), input: { slug: 'old-dashboard', title: 'The old dashboard', bodyMarkdown: body, visibility: 'public' } });
    clock.advance({ minutes: 5 });
    const archived = await archiveArticle({ ctx: as(manager), input: { articleId: article.id } });
    const at = archived.archivedAt?.toString();
    assert.equal(at, clock.now().toString());
    clock.advance({ minutes: 5 });
    assert.equal((await archiveArticle({ ctx: as(admin), input: { articleId: article.id } })).archivedAt?.toString(), at);
    for (const reader of [contact, anonymous]) await assert.rejects(getArticle({ ctx: reading(reader), input: { idOrSlug: 'old-dashboard' } }), NotFoundError);
    assert.equal((await getArticle({ ctx: reading(frontLine), input: { idOrSlug: 'old-dashboard' } })).archivedAt?.toString(), at);
    const listed = await listArticles({ ctx: reading(admin), input: { limit: 200 } });
    assert.equal(listed.items.some((a) => a.id === article.id), false);
    await assert.rejects(updateArticle({ ctx: as(manager), input: { articleId: article.id, title: 'Revived' } }), ConflictError);
    const { rows } = await t.db.query('SELECT type FROM audit_events WHERE subject_id = $1 ORDER BY at', [article.id]);
    assert.deepEqual(rows, [{ type: 'article.created' }, { type: 'article.archived' }]);
    await assert.rejects(archiveArticle({ ctx: as(manager), input: { articleId: crypto.randomUUID() } }), NotFoundError);
  });

  it('lists newest first in pages, filtered by kind, visibility and tag; readers see public articles only', async () => {
    const fresh = await openTestDb();
    try {
      const c = new TestClock('2026-05-01T08:00:00Z');
      // No agents in this database: the system writes (as the demo loader does).
      const system: Actor = { kind: 'system' };
      const write = (input: Parameters<typeof createArticle>[0]['input']) => {
        c.advance({ minutes: 1 });
        return createArticle({ ctx: testCtx(fresh.db, system, c), input });
      };
      await write({ slug: 'a1', title: 'A1', bodyMarkdown: body, visibility: 'public', tags: ['ios'] });
      await write({ slug: 'a2', title: 'A2', bodyMarkdown: body, visibility: 'internal', tags: ['ios'] });
      await write({ slug: 'f1', title: 'F1', bodyMarkdown: body, visibility: 'public', kind: 'faq', tags: ['android'] });
      await write({ slug: 'a3', title: 'A3', bodyMarkdown: body, visibility: 'public', tags: ['ios', 'push'] });
      await write({ slug: 'a4', title: 'A4', bodyMarkdown: body, visibility: 'internal' });
      const read = (reader: Reader, input: Record<string, unknown> = {}) =>
        listArticles({ ctx: { db: fresh.db, clock: c, logger: silentLogger(), actor: reader }, input });
      const slugs = async (reader: Reader, input: Record<string, unknown> = {}) => (await read(reader, input)).items.map((a) => a.slug);

      assert.deepEqual(await slugs(system), ['a4', 'a3', 'f1', 'a2', 'a1']);
      assert.deepEqual(await slugs(contact), ['a3', 'f1', 'a1']);
      assert.deepEqual(await slugs(anonymous), ['a3', 'f1', 'a1']);
      assert.deepEqual(await slugs(anonymous, { visibility: 'internal' }), []);
      assert.deepEqual(await slugs(system, { visibility: 'internal' }), ['a4', 'a2']);
      assert.deepEqual(await slugs(system, { kind: 'faq' }), ['f1']);
      assert.deepEqual(await slugs(system, { tag: 'IOS' }), ['a3', 'a2', 'a1']);
      assert.deepEqual(await slugs(contact, { tag: 'ios' }), ['a3', 'a1']);
      assert.equal('bodyMarkdown' in (await read(system)).items[0], false);

      const first = await read(system, { limit: 2 });
      assert.deepEqual(first.items.map((a) => a.slug), ['a4', 'a3']);
      const second = await read(system, { limit: 2, cursor: first.nextCursor });
      assert.deepEqual(second.items.map((a) => a.slug), ['f1', 'a2']);
      const third = await read(system, { limit: 2, cursor: second.nextCursor });
      assert.deepEqual(third.items.map((a) => a.slug), ['a1']);
      assert.equal(third.nextCursor, null);
      // A page as a contact skips internal articles without losing its place.
      const contactFirst = await read(contact, { limit: 1 });
      assert.deepEqual((await read(contact, { limit: 2, cursor: contactFirst.nextCursor })).items.map((a) => a.slug), ['f1', 'a1']);
      await assert.rejects(read(system, { cursor: 'not-a-cursor' }), InvalidInputError);
    } finally {
      await fresh.close();
    }
  });
});
