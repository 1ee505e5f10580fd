// archiveArticle: the article stops being listed, searched and suggested, and readers other than
// agents no longer find it; the row, its slug and its history stay. Managers and admins only.
// Archiving twice is harmless.
import { recordAudit } from '../platform/audit.ts';
import { NotFoundError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { requireArticleWriter } from './permissions.ts';
import { ARTICLE_COLUMNS, toArticle } from './rows.ts';
import { ArticleRefInput } from './schemas.ts';
import type { Article } from './schemas.ts';

export async function archiveArticle({ ctx, input }: { ctx: Ctx; input: ArticleRefInput }): Promise<Article> {
  requireArticleWriter(ctx.actor, 'archive knowledge base articles');
  const value = parseInput(ArticleRefInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ archived_at: unknown }>('SELECT archived_at FROM kb_articles WHERE id = $1 FOR UPDATE', [
      value.articleId,
    ]);
    if (!rows[0]) throw new NotFoundError('Article not found');
    const updated = await tx.query(
      `UPDATE kb_articles SET archived_at = coalesce(archived_at, $2) WHERE id = $1 RETURNING ${ARTICLE_COLUMNS}`,
      [value.articleId, now],
    );
    const article = toArticle(updated.rows[0], ctx.actor);
    if (rows[0].archived_at === null) {
      await recordAudit(tx, {
        at: now,
        actor: ctx.actor,
        type: 'article.archived',
        subjectKind: 'article',
        subjectId: article.id,
        data: { slug: article.slug },
      });
    }
    return article;
  });
}
