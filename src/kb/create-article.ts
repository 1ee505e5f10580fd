// createArticle: a new article, FAQ or release note, public or internal. Managers and admins only.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../platform/audit.ts';
import { actorId } from '../platform/context.ts';
import { isUniqueViolation } from '../platform/db.ts';
import { ConflictError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { requireArticleWriter } from './permissions.ts';
import { refuseForbiddenLinks } from './public-links.ts';
import { ARTICLE_COLUMNS, toArticle } from './rows.ts';
import { CreateArticleInput } from './schemas.ts';
import type { Article } from './schemas.ts';
import { slugFromTitle } from './slug.ts';

export function slugTaken(slug: string): ConflictError {
  // Archived articles keep their slug, so an old link never lands on a different article.
  return new ConflictError(`The slug "${slug}" is already used by another article`, [
    { path: 'slug', message: 'already used by another article (archived ones included)' },
  ]);
}

/**
 * @example
 * const article = await createArticle({ ctx, input: { title: 'Set up push notifications', bodyMarkdown: '...', visibility: 'public' } });
 */
export async function createArticle({ ctx, input }: { ctx: Ctx; input: CreateArticleInput }): Promise<Article> {
  requireArticleWriter(ctx.actor, 'write knowledge base articles');
  const value = parseInput(CreateArticleInput, input);
  const slug = value.slug ?? slugFromTitle(value.title);
  const now = ctx.clock.now();
  const author = actorId(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    await refuseForbiddenLinks(tx, value);
    let rows;
    try {
      ({ rows } = await tx.query(
        `INSERT INTO kb_articles (id, slug, title, body_markdown, visibility, kind, tags, released_at, planned_for,
           created_at, updated_at, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9::date, $10, $10, $11, $11) RETURNING ${ARTICLE_COLUMNS}`,
        [randomUUID(), slug, value.title, value.bodyMarkdown, value.visibility, value.kind, JSON.stringify(value.tags),
          value.releasedAt ?? null, value.plannedFor ?? null, now, author],
      ));
    } catch (error) {
      if (isUniqueViolation(error)) throw slugTaken(slug);
      throw error;
    }
    const article = toArticle(rows[0], ctx.actor);
    await recordAudit(tx, {
      at: now,
      actor: ctx.actor,
      type: 'article.created',
      subjectKind: 'article',
      subjectId: article.id,
      data: { slug: article.slug, title: article.title, visibility: article.visibility, kind: article.kind },
    });
    return article;
  });
}
