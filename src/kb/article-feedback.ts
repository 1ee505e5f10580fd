// "Was this article helpful?": a reader's vote on an article, and how each article fares for the
// team. Whoever may read the article may vote on it (the rule getArticle applies: public articles
// for anyone, signed in or not; internal ones for agents); an archived article takes no votes
// from anyone (404). One vote per reader per article: a later vote replaces theirs. A "no" may say
// why, in plain text (shown escaped, never rendered).
//
// A visitor who is not signed in is counted once per browser: the pages keep a random value in a
// cookie of its own (web/pages/article-feedback-pages.ts, a year long) and the vote is keyed on its sha-256,
// so nothing stored names the visitor or their address. Not the anonymous CSRF cookie: that one
// ends with the browser session, so the same browser would count again the next day, and it is a
// secret the forms repeat, better not reused as an identity. Visitors' votes are rate limited per
// address by the page (the address is never stored with the vote).
//
// Votes are not audited: they are readers' opinions, not the team's writes (as tickets' ratings).
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx, ReadCtx, Reader } from '../platform/context.ts';
import { recordAudit } from '../platform/audit.ts';
import { isUuid } from '../platform/ids.ts';
import { ARTICLE_WRITERS, readsInternal, requireArticleWriter } from './permissions.ts';

export const COMMENT_MAX = 1000;
/** How many of the recent "no" comments a summary shows. */
export const RECENT_COMMENTS = 20;

export const ArticleFeedbackInput = z.strictObject({
  articleId: z.uuid(),
  helpful: z.boolean(),
  // Plain text; empty is no comment.
  comment: z
    .string()
    .trim()
    .max(COMMENT_MAX, `must be at most ${COMMENT_MAX} characters`)
    .refine((v) => !v.includes('\u0000'), 'must not contain NUL characters')
    .optional(),
});
export type ArticleFeedbackInput = z.input<typeof ArticleFeedbackInput>;

/** A visitor who is not signed in: the random value their browser keeps (43 base64url characters). */
export type Visitor = { browserToken: string };
const BROWSER_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A reader's own vote. */
export interface ArticleVote {
  articleId: string;
  helpful: boolean;
  comment: string | null;
  votedAt: Temporal.Instant;
}

export interface FeedbackCounts {
  helpful: number;
  notHelpful: number;
}

/** A "no" that said why: by a contact (their organization's name), an agent, or a visitor. */
export interface FeedbackComment {
  /** The vote's id: the comment is removed by it (removeFeedbackComment). */
  id: string;
  comment: string;
  at: Temporal.Instant;
  by: string;
}

export interface FeedbackSummary extends FeedbackCounts {
  /** Newest first; for managers and admins (who write articles) only, null for other agents. */
  comments: FeedbackComment[] | null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Who votes: the reader's key and the columns that name a person (none for a visitor). */
function voterOf(reader: Reader, visitor: Visitor | undefined): { key: string; contactId: string | null; agentId: string | null } {
  if (reader.kind === 'contact') return { key: `contact:${reader.id}`, contactId: reader.id, agentId: null };
  if (reader.kind === 'agent') return { key: `agent:${reader.id}`, contactId: null, agentId: reader.id };
  if (reader.kind === 'system') throw new ForbiddenError('Only readers vote on articles');
  if (!visitor || !BROWSER_TOKEN.test(visitor.browserToken)) {
    throw new InvalidInputError('Your browser did not keep the cookie that counts your answer once: allow cookies for this site and try again', [
      { path: 'browser', message: 'sent no cookie to count the answer by' },
    ]);
  }
  return { key: `visitor:${sha256(visitor.browserToken)}`, contactId: null, agentId: null };
}

const toVote = (row: any): ArticleVote => ({ articleId: row.article_id, helpful: row.helpful, comment: row.comment, votedAt: row.updated_at });

/**
 * Records the reader's vote, replacing theirs if they voted before.
 * @example
 * await voteOnArticle({ ctx, input: { articleId, helpful: false, comment: 'No word on Android' } });
 */
export async function voteOnArticle({ ctx, input, visitor }: { ctx: ReadCtx; input: ArticleFeedbackInput; visitor?: Visitor }): Promise<ArticleVote> {
  const value = parseInput(ArticleFeedbackInput, input);
  const voter = voterOf(ctx.actor, visitor);
  const comment = value.comment ? value.comment : null;
  if (value.helpful && comment) {
    throw new InvalidInputError('A comment goes with a "No": say what the article is missing', [{ path: 'comment', message: 'is only kept with a "No"' }]);
  }
  const now = ctx.clock.now();
  // One statement: the article is read as the vote is written, so one archived meanwhile takes none.
  const { rows } = await ctx.db.query(
    `INSERT INTO kb_article_feedback (id, article_id, voter_key, contact_id, agent_id, helpful, comment, created_at, updated_at)
     SELECT $1, a.id, $3, $4::uuid, $5::uuid, $6, $7, $8, $8 FROM kb_articles a
     WHERE a.id = $2 AND a.archived_at IS NULL AND ($9 OR a.visibility = 'public')
     ON CONFLICT (article_id, voter_key) DO UPDATE SET helpful = EXCLUDED.helpful, comment = EXCLUDED.comment, updated_at = EXCLUDED.updated_at
     RETURNING article_id, helpful, comment, updated_at`,
    [randomUUID(), value.articleId, voter.key, voter.contactId, voter.agentId, value.helpful, comment, now, readsInternal(ctx.actor)],
  );
  // Not readable by this reader, archived, or no such article: the same answer as the article page.
  if (!rows[0]) throw new NotFoundError('Article not found');
  return toVote(rows[0]);
}

/** The reader's own vote on an article, or null (a visitor without the cookie has none). */
export async function myArticleVote({ ctx, articleId, visitor }: { ctx: ReadCtx; articleId: string; visitor?: Visitor }): Promise<ArticleVote | null> {
  if (ctx.actor.kind === 'system' || (ctx.actor.kind === 'anonymous' && !(visitor && BROWSER_TOKEN.test(visitor.browserToken)))) return null;
  const voter = voterOf(ctx.actor, visitor);
  const { rows } = await ctx.db.query(
    'SELECT article_id, helpful, comment, updated_at FROM kb_article_feedback WHERE article_id = $1 AND voter_key = $2',
    [articleId, voter.key],
  );
  return rows[0] ? toVote(rows[0]) : null;
}

function requireAgent(reader: Reader): void {
  if (reader.kind === 'agent' || reader.kind === 'system') return;
  throw new ForbiddenError("How articles fare with readers is the support team's to see");
}

/** Helpful and not-helpful counts of each article named (agents only); an article nobody voted on is 0 and 0. */
export async function articleFeedbackCounts({ ctx, articleIds }: { ctx: ReadCtx; articleIds: string[] }): Promise<Map<string, FeedbackCounts>> {
  requireAgent(ctx.actor);
  const { rows } = await ctx.db.query<{ article_id: string; helpful: number; not_helpful: number }>(
    `SELECT article_id, count(*) FILTER (WHERE helpful)::int AS helpful, count(*) FILTER (WHERE NOT helpful)::int AS not_helpful
     FROM kb_article_feedback WHERE article_id = ANY($1::uuid[]) GROUP BY article_id`,
    [articleIds],
  );
  const out = new Map<string, FeedbackCounts>(articleIds.map((id) => [id, { helpful: 0, notHelpful: 0 }]));
  for (const r of rows) out.set(r.article_id, { helpful: r.helpful, notHelpful: r.not_helpful });
  return out;
}

/** How one article fares (agents): its counts, and for managers and admins its recent "no" comments, newest first. */
export async function articleFeedbackSummary({ ctx, articleId }: { ctx: ReadCtx; articleId: string }): Promise<FeedbackSummary> {
  const counts = (await articleFeedbackCounts({ ctx, articleIds: [articleId] })).get(articleId)!;
  const writer = ctx.actor.kind === 'system' || (ctx.actor.kind === 'agent' && ARTICLE_WRITERS.includes(ctx.actor.role));
  if (!writer) return { ...counts, comments: null };
  const { rows } = await ctx.db.query<{ id: string; comment: string; updated_at: Temporal.Instant; agent_id: string | null; organization: string | null }>(
    `SELECT f.id, f.comment, f.updated_at, f.agent_id, o.name AS organization
     FROM kb_article_feedback f LEFT JOIN contacts c ON c.id = f.contact_id LEFT JOIN organizations o ON o.id = c.organization_id
     WHERE f.article_id = $1 AND f.comment IS NOT NULL ORDER BY f.updated_at DESC, f.id DESC LIMIT $2`,
    [articleId, RECENT_COMMENTS],
  );
  const by = (r: (typeof rows)[number]) => (r.organization !== null ? r.organization : r.agent_id !== null ? 'an agent' : 'a visitor');
  return { ...counts, comments: rows.map((r) => ({ id: r.id, comment: r.comment, at: r.updated_at, by: by(r) })) };
}

/**
 * Managers and admins (who write articles) remove a comment that has no place on the desk (abuse,
 * someone's personal data); the vote stays counted. On the audit trail, without the text.
 */
export async function removeFeedbackComment({ ctx, input }: { ctx: Ctx; input: { feedbackId: string } }): Promise<void> {
  requireArticleWriter(ctx.actor, "remove readers' comments");
  if (!isUuid(input.feedbackId)) throw new NotFoundError('No such comment');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ article_id: string }>(
      'UPDATE kb_article_feedback SET comment = NULL WHERE id = $1 AND comment IS NOT NULL RETURNING article_id',
      [input.feedbackId],
    );
    if (!rows[0]) throw new NotFoundError('No such comment: it was removed or changed meanwhile');
    await recordAudit(tx, { at: now, actor: ctx.actor, type: 'article.feedback_comment_removed', subjectKind: 'article', subjectId: rows[0].article_id, data: { feedback_id: input.feedbackId } });
  });
}
