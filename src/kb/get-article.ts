// getArticle: one article by id or slug. For a contact or an anonymous reader an internal or
// archived article does not exist (404, the same answer as for a slug nobody used).
import { NotFoundError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { ReadCtx } from '../platform/context.ts';
import { readsInternal } from './permissions.ts';
import { ARTICLE_COLUMNS, toArticle } from './rows.ts';
import { GetArticleInput, isUuidShaped } from './schemas.ts';
import type { Article } from './schemas.ts';

/**
 * @example
 * const article = await getArticle({ ctx, input: { idOrSlug: 'set-up-push-notifications' } });
 */
export async function getArticle({ ctx, input }: { ctx: ReadCtx; input: GetArticleInput }): Promise<Article> {
  const { idOrSlug } = parseInput(GetArticleInput, input);
  const byId = isUuidShaped(idOrSlug);
  const { rows } = await ctx.db.query(
    `SELECT ${ARTICLE_COLUMNS} FROM kb_articles
     WHERE ${byId ? 'id = $1::uuid' : 'slug = $1'} AND ($2 OR (visibility = 'public' AND archived_at IS NULL))`,
    [byId ? idOrSlug.toLowerCase() : idOrSlug, readsInternal(ctx.actor)],
  );
  if (!rows[0]) throw new NotFoundError('Article not found');
  return toArticle(rows[0], ctx.actor);
}
