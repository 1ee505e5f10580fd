// "Was this article helpful?" at the foot of each help article (kb/article-feedback.ts): two plain
// forms, Yes, and No with an optional comment, for whoever reads the article, signed in or not.
// After a vote the page thanks the reader and shows their answer, which they may change. Agents see
// how the article fares; managers and admins (who write articles) also the recent comments.
//
// A visitor who is not signed in is counted by a random value their browser keeps in a cookie of
// its own (READER_COOKIE, a year), made when they first vote; their votes are limited per client
// address, counted under a hash of the address so the window names nobody.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listOrganizations } from '../../customers/index.ts';
import { ctxFor, MANAGERS, readCtxFor } from '../../http/route-kit.ts';
import { articleFeedbackSummary, getArticle, myArticleVote, removeFeedbackComment, voteOnArticle, type Article, type Visitor } from '../../kb/index.ts';
import { LimitExceededError, type ReadCtx } from '../../platform/index.ts';
import type { PolicyModel } from '../../policy/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { takeRateLimit } from '../../status/index.ts';
import { randomSecret } from '../auth/sessions.ts';
import { readCookies, setCookie } from '../cookies.ts';
import { formatters, planZone } from '../format.ts';
import { markdownToSafeHtml } from '../markdown.ts';
import { fixableRefusal, formOf, page, refusalAt, type FormRefusal, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';

export const READER_COOKIE = 'accord_reader';
const YEAR_SECONDS = 365 * 24 * 3600;
/** A visitor's answers per client address (several readers may share one address: an office). */
export const VISITOR_VOTES = { limit: 20, window: Temporal.Duration.from({ hours: 1 }) };

/**
 * The zone the help centre's times are shown in, named, as the portal gives them (QA 2026-12-07:
 * the release notes' page and an article's "Updated" read UTC): a contact's, that of their plan's
 * hours, as their cases are worded; a visitor's, the zone the policy states for its support (its
 * first plan's hours, as the status page: status/page-config.ts); an agent's, UTC, as on the desk
 * (null). A reader who chose a zone of their own sees theirs (render.ts). The release notes' page
 * (published-pages.ts) and an article's.
 */
export async function readerZone(ctx: ReadCtx, policy: PolicyModel): Promise<string | null> {
  const { actor } = ctx;
  if (actor.kind === 'agent' || actor.kind === 'system') return null;
  const org = actor.kind === 'contact' ? (await listOrganizations({ ctx: { ...ctx, actor }, input: { limit: 1 } })).items[0] : undefined;
  return (org ? planZone(policy, org.planId) : null) ?? (policy.file.plans[0] ? planZone(policy, policy.file.plans[0].id) : null);
}

type SlugReq = { Params: { slug: string } };
export const slugParam = { params: { type: 'object', required: ['slug'], properties: { slug: { type: 'string', minLength: 1, maxLength: 100 } } } };

/** The visitor's browser value, when the reader is not signed in and their browser kept one. */
function visitorOf(request: FastifyRequest): Visitor | undefined {
  const token = readCookies(request)[READER_COOKIE];
  return !request.webSession && token ? { browserToken: token } : undefined;
}

type Shown = { done?: boolean; error?: FormRefusal | null; status?: number };

/** The article page: the article, the reader's own answer, and for agents how it fares. */
export async function showArticle(request: FastifyRequest<SlugReq>, reply: FastifyReply, deps: WebDeps, shown: Shown = {}, visitor = visitorOf(request)) {
  const ctx = readCtxFor(request, deps);
  const [article, { model }]: [Article, { model: PolicyModel }] = await Promise.all([getArticle({ ctx, input: { idOrSlug: request.params.slug } }), activePolicy(ctx.db)]);
  const votable = article.archivedAt === null;
  const [vote, fares] = await Promise.all([
    votable ? myArticleVote({ ctx, articleId: article.id, visitor }) : Promise.resolve(null),
    ctx.actor.kind === 'agent' ? articleFeedbackSummary({ ctx, articleId: article.id }) : Promise.resolve(null),
  ]);
  return sendPage(request, reply, 'help/article', {
    title: article.title, article, html: markdownToSafeHtml(article.bodyMarkdown), f: formatters(ctx.clock.now(), await readerZone(ctx, model)),
    votable, vote, fares, done: shown.done ?? false, error: shown.error ?? null, comment: shown.error?.kept.comment ?? vote?.comment ?? '',
  }, shown.status ?? 200);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function registerArticleFeedbackPages(web: FastifyInstance, deps: WebDeps): void {
  const secure = (request: FastifyRequest) => deps.baseUrl.startsWith('https:') || request.protocol === 'https';

  web.post<SlugReq>('/help/articles/:slug/feedback', page('public', slugParam), async (request, reply) => {
    const form = formOf(request);
    const refuse = (refused: { message: string; details: Array<{ path: string; message: string }> }, status: number, visitor?: Visitor) =>
      showArticle(request, reply, deps, { error: refusalAt('feedback', refused, form), status }, visitor);
    let visitor: Visitor | undefined;
    if (!request.webSession) {
      // Counted under a hash of the address: the window keeps no address.
      if (!(await takeRateLimit(deps.db, `kb-feedback:${sha256(request.ip)}`, VISITOR_VOTES, deps.clock.now()))) {
        const limited = new LimitExceededError('Too many answers from this address: try again in an hour');
        return refuse({ message: limited.message, details: [] }, 429);
      }
      visitor = visitorOf(request);
      if (!visitor) {
        visitor = { browserToken: randomSecret() };
        setCookie(reply, READER_COOKIE, visitor.browserToken, { secure: secure(request), maxAgeSeconds: YEAR_SECONDS });
      }
    }
    const ctx = readCtxFor(request, deps);
    const helpful = form.helpful === 'yes' ? true : form.helpful === 'no' ? false : undefined;
    if (helpful === undefined) return refuse({ message: 'Say whether the article helped', details: [{ path: 'helpful', message: 'must be Yes or No' }] }, 400, visitor);
    try {
      const article = await getArticle({ ctx, input: { idOrSlug: request.params.slug } });
      const comment = helpful === false ? form.comment ?? '' : undefined;
      await voteOnArticle({ ctx, input: { articleId: article.id, helpful, ...(comment ? { comment } : {}) }, visitor });
    } catch (error) {
      const refused = fixableRefusal(error);
      if (!refused || refused.status === 404) throw error;
      return refuse(refused.error, refused.status, visitor);
    }
    return showArticle(request, reply, deps, { done: true }, visitor);
  });

  // Managers and admins remove a reader's comment that has no place on the desk; the vote stays.
  const commentParams = {
    params: { type: 'object', required: ['slug', 'id'], properties: { slug: slugParam.params.properties.slug, id: { type: 'string', format: 'uuid' } } },
  };
  web.post<{ Params: { slug: string; id: string } }>('/help/articles/:slug/feedback/:id/remove', page(MANAGERS, commentParams), async (request, reply) => {
    await removeFeedbackComment({ ctx: ctxFor(request, deps), input: { feedbackId: request.params.id } });
    return reply.redirect(`/help/articles/${encodeURIComponent(request.params.slug)}#article-fares`, 303);
  });
}
