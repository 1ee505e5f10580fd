// How typed text becomes text-search queries, and the SQL pieces search and suggest share.
//
// - searchArticles reads the search box with websearch_to_tsquery('english', q) (words, "a
//   phrase", or, -excluded) against the stemmed `search` vector. While someone is typing, the
//   last word is usually unfinished, so the same text is also read as "the words before, as
//   words, and the last one as a prefix of a word as written" (the 'simple' `search_prefix`
//   vector): "verif" finds "Verify", "push notificat" finds "push notifications". Exact matches
//   rank first. Text using websearch syntax is read exactly, without the prefix reading.
// - suggestArticles reads a customer's sentence: any of its words may match (OR), because a
//   sentence rarely has all its words in one article. Articles matching more of its distinct
//   words come first, then ts_rank_cd decides (titles and tags weigh more). Counting words
//   first matters: ts_rank_cd alone lets an article that repeats one common word ("app") beat
//   the one that has every word of "navigating the app". The last word also counts as a prefix.
// A stop word ("the") is never a prefix: it would match almost everything.
//
// Words reach to_tsquery only as runs of letters, marks and digits, so typed text can never be
// read as tsquery syntax.

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const MAX_WORD = 64;

/** Lower-cased words of `text`, distinct, in order, at most `max` (longer than 64: dropped). */
export function wordsOf(text: string, max: number): string[] {
  const words = (text.toLowerCase().match(WORD) ?? []).filter((w) => w.length <= MAX_WORD);
  return [...new Set(words)].slice(0, max);
}

// Quotes, an OR between words, or a word excluded with a leading minus.
const WEBSEARCH_SYNTAX = /"|(^|\s)-\S|(^|\s)or(\s|$)/i;

/**
 * The search box read as typing: the finished words (for plainto_tsquery, 'english') and the
 * word being typed (a prefix, 'simple'). Null when the text uses websearch syntax or its last
 * word is a single character.
 * @example typedWords('push notificat') // { head: 'push', last: 'notificat' }
 */
export function typedWords(q: string): { head: string; last: string } | null {
  if (WEBSEARCH_SYNTAX.test(q)) return null;
  const words = (q.toLowerCase().match(WORD) ?? []).filter((w) => w.length <= MAX_WORD).slice(0, 16);
  const last = words.pop();
  return last && last.length >= 2 ? { head: words.join(' '), last } : null;
}

/** A sentence's words for an any-word query: its first 40 distinct words. */
export function sentenceWords(text: string): string[] {
  return wordsOf(text, 40);
}

/** The sentence's last word, to match as a prefix, when it is long enough to mean something. */
export function lastWord(text: string): string | null {
  const last = (text.toLowerCase().match(WORD) ?? []).at(-1);
  return last && last.length >= 3 && last.length <= MAX_WORD ? last : null;
}

/** SQL: the word in parameter `param` as a prefix query ('simple'), or NULL when absent or a stop word. */
export function prefixSql(param: string): string {
  return `CASE WHEN ${param}::text IS NULL OR numnode(plainto_tsquery('english', ${param})) = 0 THEN NULL
    ELSE to_tsquery('simple', ${param} || ':*') END`;
}

// The body as plain text for excerpts: links and images keep their text, Markdown marks go.
const PLAIN_BODY = String.raw`btrim(regexp_replace(regexp_replace(regexp_replace(body_markdown,
  '!?\[([^]]*)\]\([^)]*\)', '\1', 'g'), '[#*${'`'}>|~]+', ' ', 'g'), '\s+', ' ', 'g'))`;

// ts_headline options: plain text, matches in **bold**, one passage of 20 to 35 words centred on
// the best match (the opening words when the match is in the title or tags only), short words kept.
const HEADLINE_OPTIONS = 'StartSel=**, StopSel=**, MaxFragments=1, MinWords=20, MaxWords=35, ShortWord=0';

/** SQL: an excerpt of `body_markdown` for the query `query` in text-search config `config`. */
export function snippetSql(config: string, query: string): string {
  return `ts_headline(${config}, ${PLAIN_BODY}, ${query}, '${HEADLINE_OPTIONS}')`;
}
