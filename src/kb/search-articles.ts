// searchArticles: the knowledge base's search box. Ranked results (the best `limit`, at most 50)
// with a plain-text excerpt around the match; exact matches first, then those found by reading
// the last word as a prefix (see search-query.ts). Contacts and anonymous readers search public
// articles only; archived articles are searched by nobody.
import { parseInput } from '../platform/validation.ts';
import type { ReadCtx } from '../platform/context.ts';
import { readsInternal } from './permissions.ts';
import { prefixSql, snippetSql, typedWords } from './search-query.ts';
import { SearchArticlesInput } from './schemas.ts';
import type { ArticleHit } from './schemas.ts';

type HitRow = Omit<ArticleHit, 'updatedAt'> & { updated_at: Temporal.Instant };

/**
 * @example
 * const hits = await searchArticles({ ctx, input: { q: 'verification code' } });
 */
export async function searchArticles({ ctx, input }: { ctx: ReadCtx; input: SearchArticlesInput }): Promise<ArticleHit[]> {
  const value = parseInput(SearchArticlesInput, input);
  const typed = typedWords(value.q);
  // Ranking runs on the candidates; excerpts (the costly part) only for the rows returned.
  const { rows } = await ctx.db.query<HitRow>(
    `WITH q AS (
       SELECT websearch_to_tsquery('english', $1) AS exact, plainto_tsquery('english', $2) AS head, ${prefixSql('$3')} AS tail)
     SELECT hit.id, hit.slug, hit.title, hit.kind, hit.visibility, hit.tags, hit.updated_at,
            CASE WHEN hit.exact_hit THEN ${snippetSql("'english'", 'q.exact')} ELSE ${snippetSql("'simple'", 'q.tail')} END AS snippet
     FROM (
       SELECT a.id, a.slug, a.title, a.kind, a.visibility, a.tags, a.updated_at, a.body_markdown,
              a.search @@ q.exact AS exact_hit,
              ts_rank_cd(a.search, q.exact) + ts_rank_cd(a.search, q.head) + coalesce(ts_rank_cd(a.search_prefix, q.tail), 0) AS rank
       FROM kb_articles a, q
       WHERE a.archived_at IS NULL AND ($4 OR a.visibility = 'public') AND ($5::text IS NULL OR a.kind = $5)
         AND (a.search @@ q.exact
              OR (q.tail IS NOT NULL AND (numnode(q.head) = 0 OR a.search @@ q.head) AND a.search_prefix @@ q.tail))
       ORDER BY exact_hit DESC, rank DESC, a.updated_at DESC, a.id
       LIMIT $6
     ) hit, q
     ORDER BY hit.exact_hit DESC, hit.rank DESC, hit.updated_at DESC, hit.id`,
    [value.q, typed?.head ?? '', typed?.last ?? null, readsInternal(ctx.actor), value.kind ?? null, value.limit],
  );
  return rows.map((r) => ({
    id: r.id, slug: r.slug, title: r.title, kind: r.kind, visibility: r.visibility, tags: r.tags, snippet: r.snippet, updatedAt: r.updated_at,
  }));
}
