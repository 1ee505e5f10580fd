// suggestArticles: the public articles that best answer what a customer is typing, for intake
// ("maybe one of these answers it?") and for the ticket domain when an end-user (Tier 1) ticket
// is opened. Only public, unarchived articles, whoever asks. Any word may match (see
// search-query.ts); an empty list when nothing does.
import { parseInput } from '../platform/validation.ts';
import type { ReadCtx } from '../platform/context.ts';
import { lastWord, prefixSql, sentenceWords, snippetSql } from './search-query.ts';
import { SuggestArticlesInput } from './schemas.ts';
import type { ArticleSuggestion } from './schemas.ts';

/**
 * @example
 * const articles = await suggestArticles({ ctx, input: { q: 'guest did not get the verification code', limit: 3 } });
 */
export async function suggestArticles({ ctx, input }: { ctx: ReadCtx; input: SuggestArticlesInput }): Promise<ArticleSuggestion[]> {
  const value = parseInput(SuggestArticlesInput, input);
  const words = sentenceWords(value.q);
  if (words.length === 0) return [];
  const { rows } = await ctx.db.query<ArticleSuggestion>(
    `WITH q AS (
       SELECT to_tsquery('english', $1) AS words, strip(to_tsvector('english', $4)) AS lexemes, ${prefixSql('$2')} AS prefix)
     SELECT hit.id, hit.slug, hit.title,
            CASE WHEN numnode(q.words) > 0 OR q.prefix IS NULL THEN ${snippetSql("'english'", 'q.words')}
                 ELSE ${snippetSql("'simple'", 'q.prefix')} END AS snippet
     FROM (
       SELECT a.id, a.slug, a.title, a.updated_at, a.body_markdown,
              -- how many of the sentence's distinct words (stemmed) the article has, and the prefix
              length(q.lexemes) - length(ts_delete(q.lexemes, tsvector_to_array(a.search)))
                + coalesce((a.search_prefix @@ q.prefix)::int, 0) AS matched,
              coalesce(ts_rank_cd(a.search, q.words), 0) + coalesce(ts_rank_cd(a.search_prefix, q.prefix), 0) AS rank
       FROM kb_articles a, q
       WHERE a.archived_at IS NULL AND a.visibility = 'public'
         AND (a.search @@ q.words OR coalesce(a.search_prefix @@ q.prefix, false))
       ORDER BY matched DESC, rank DESC, a.updated_at DESC, a.id
       LIMIT $3
     ) hit, q
     ORDER BY hit.matched DESC, hit.rank DESC, hit.updated_at DESC, hit.id`,
    [words.join(' | '), lastWord(value.q), value.limit, words.join(' ')],
  );
  return rows.map((r) => ({ id: r.id, slug: r.slug, title: r.title, snippet: r.snippet }));
}
