// updateArticle: change an article's text, address, tags, kind, visibility or release dates.
// Managers and admins only. An archived article is not edited; a change that changes nothing
// writes nothing.
import { recordAudit } from '../platform/audit.ts';
import { actorId } from '../platform/context.ts';
import { isUniqueViolation } from '../platform/db.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { slugTaken } from './create-article.ts';
import { requireArticleWriter } from './permissions.ts';
import { refuseForbiddenLinks } from './public-links.ts';
import { ARTICLE_COLUMNS, toArticle } from './rows.ts';
import { UpdateArticleInput } from './schemas.ts';
import type { Article } from './schemas.ts';

const FIELDS = ['slug', 'title', 'bodyMarkdown', 'visibility', 'kind', 'tags', 'releasedAt', 'plannedFor'] as const;
type Field = (typeof FIELDS)[number];

/** Field values comparable across the row and the input (instants and arrays as text). */
function comparable(article: Article): Record<Field, string | null> {
  return {
    slug: article.slug,
    title: article.title,
    bodyMarkdown: article.bodyMarkdown,
    visibility: article.visibility,
    kind: article.kind,
    tags: JSON.stringify(article.tags),
    releasedAt: article.releasedAt?.toString() ?? null,
    plannedFor: article.plannedFor,
  };
}

/**
 * @example
 * await updateArticle({ ctx, input: { articleId, visibility: 'public' } });
 */
export async function updateArticle({ ctx, input }: { ctx: Ctx; input: UpdateArticleInput }): Promise<Article> {
  requireArticleWriter(ctx.actor, 'edit knowledge base articles');
  const value = parseInput(UpdateArticleInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query(`SELECT ${ARTICLE_COLUMNS} FROM kb_articles WHERE id = $1 FOR UPDATE`, [value.articleId]);
    if (!rows[0]) throw new NotFoundError('Article not found');
    const before = toArticle(rows[0], ctx.actor);
    if (before.archivedAt) throw new ConflictError('The article is archived; archived articles are not edited');

    const old = comparable(before);
    const next: Record<Field, string | null> = { ...old };
    for (const field of FIELDS) {
      const given = value[field];
      if (given === undefined) continue;
      if (field === 'tags') next.tags = JSON.stringify(given);
      // An instant compares by its UTC text: 18:30+01:00 is 17:30Z.
      else if (field === 'releasedAt' && given !== null) next.releasedAt = Temporal.Instant.from(given as string).toString();
      else next[field] = given as string | null;
    }
    if (next.kind !== 'release_note' && (next.releasedAt !== null || next.plannedFor !== null)) {
      throw new InvalidInputError('Only release notes carry release dates', [
        { path: 'kind', message: 'clear released_at and planned_for (null) to make this article another kind' },
      ]);
    }
    const changed = FIELDS.filter((f) => next[f] !== old[f]);
    if (changed.length === 0) return before;
    await refuseForbiddenLinks(tx, { visibility: next.visibility!, title: next.title!, bodyMarkdown: next.bodyMarkdown! });

    let updated;
    try {
      updated = await tx.query(
        `UPDATE kb_articles SET slug = $2, title = $3, body_markdown = $4, visibility = $5, kind = $6, tags = $7::jsonb,
           released_at = $8, planned_for = $9::date, updated_at = $10, updated_by = $11
         WHERE id = $1 RETURNING ${ARTICLE_COLUMNS}`,
        [before.id, next.slug, next.title, next.bodyMarkdown, next.visibility, next.kind, next.tags, next.releasedAt, next.plannedFor,
          now, actorId(ctx.actor)],
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw slugTaken(next.slug!);
      throw error;
    }
    const article = toArticle(updated.rows[0], ctx.actor);
    const data: Record<string, unknown> = { changed };
    // What moves an article's audience or address is kept with its old value.
    for (const f of ['visibility', 'slug'] as const) if (changed.includes(f)) data[f] = { from: old[f], to: next[f] };
    await recordAudit(tx, { at: now, actor: ctx.actor, type: 'article.updated', subjectKind: 'article', subjectId: article.id, data });
    return article;
  });
}
