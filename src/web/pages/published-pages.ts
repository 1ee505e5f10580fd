// What is published: the support policy at /policy (rendered by policy/render from the active
// policy, the same writer as `accord policy render --format html`), and the knowledge base:
// the public help centre with search, articles, the FAQ and release notes; and the agents'
// internal articles. Anyone may read the public pages; a signed-in agent also sees internal ones.
import type { FastifyInstance } from 'fastify';
import { AGENTS, readCtxFor } from '../../http/route-kit.ts';
import { articleFeedbackCounts, getArticle, listArticles, searchArticles, type ArticleSummary } from '../../kb/index.ts';
import type { ReadCtx } from '../../platform/index.ts';
import { publishedOn, releasesTitle, renderPolicy } from '../../policy/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { formatters } from '../format.ts';
import { markdownToSafeHtml, snippetToSafeHtml } from '../markdown.ts';
import { page, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';
import { readerZone, registerArticleFeedbackPages, showArticle, slugParam } from './article-feedback-pages.ts';

/** The body of the policy writer's standalone HTML document (its own inline style is left out: the CSP allows none). */
export function policyBody(html: string): string {
  const start = html.indexOf('<body>');
  const end = html.lastIndexOf('</body>');
  return start >= 0 && end > start ? html.slice(start + '<body>'.length, end).trim() : html;
}

const searchQuery = { querystring: { type: 'object', properties: { q: { type: 'string', maxLength: 200 } } } };

/** Listed articles, each with how it fares with readers when an agent reads the list (`fares`, else null). */
async function withFares(ctx: ReadCtx, articles: ArticleSummary[] | null) {
  if (!articles || ctx.actor.kind !== 'agent') return articles?.map((a) => ({ ...a, fares: null })) ?? null;
  const counts = await articleFeedbackCounts({ ctx, articleIds: articles.map((a) => a.id) });
  return articles.map((a) => ({ ...a, fares: counts.get(a.id) ?? null }));
}

export function registerPublishedPages(web: FastifyInstance, deps: WebDeps): void {
  web.get('/policy', page('public'), async (request, reply) => {
    const { model, version } = await activePolicy(deps.db);
    const today = publishedOn(model, deps.clock.now());
    // This year's holidays; from October, next year's too (most of this year's are past by then).
    const through = today.month >= 10 ? today.year + 1 : today.year;
    return sendPage(request, reply, 'policy', { title: model.file.prose.title, html: policyBody(renderPolicy(model, 'html', { year: today.year, throughYear: through })), version });
  });

  web.get<{ Querystring: { q?: string } }>('/help', page('public', searchQuery), async (request, reply) => {
    const ctx = readCtxFor(request, deps);
    const q = request.query.q?.trim();
    const [hits, articles] = await Promise.all([
      q ? searchArticles({ ctx, input: { q, limit: 20 } }) : Promise.resolve(null),
      q ? Promise.resolve(null) : listArticles({ ctx, input: { kind: 'article', visibility: 'public', limit: 100 } }),
    ]);
    return sendPage(request, reply, 'help/index', {
      title: q ? `Search: ${q}` : 'Help centre', q: q ?? '',
      hits: hits?.map((h) => ({ ...h, snippetHtml: snippetToSafeHtml(h.snippet) })) ?? null, articles: await withFares(ctx, articles?.items ?? null),
    });
  });

  web.get<{ Params: { slug: string } }>('/help/articles/:slug', page('public', slugParam), (request, reply) => showArticle(request, reply, deps));
  registerArticleFeedbackPages(web, deps);

  web.get('/help/faq', page('public'), async (request, reply) => {
    const ctx = readCtxFor(request, deps);
    const faqs = await listArticles({ ctx, input: { kind: 'faq', visibility: 'public', limit: 200 } });
    const full = await Promise.all(faqs.items.map((a) => getArticle({ ctx, input: { idOrSlug: a.id } })));
    return sendPage(request, reply, 'help/faq', { title: 'Frequently asked questions', faqs: full.map((a) => ({ ...a, html: markdownToSafeHtml(a.bodyMarkdown) })) });
  });

  web.get('/help/releases', page('public'), async (request, reply) => {
    const ctx = readCtxFor(request, deps);
    const notes = (await listArticles({ ctx, input: { kind: 'release_note', visibility: 'public', limit: 200 } })).items;
    const upcoming = notes.filter((n) => !n.releasedAt).sort((a, b) => (a.plannedFor ?? '').localeCompare(b.plannedFor ?? ''));
    const past = notes.filter((n) => n.releasedAt).sort((a, b) => Temporal.Instant.compare(b.releasedAt!, a.releasedAt!));
    // Titled by the vendor's name for the page where it has one (OPS-COM: "the Upcoming Release page").
    const { model } = await activePolicy(ctx.db);
    return sendPage(request, reply, 'help/releases', { title: releasesTitle(model), upcoming, past, f: formatters(ctx.clock.now(), await readerZone(ctx, model)) });
  });

  web.get<{ Querystring: { q?: string } }>('/agent/kb', page(AGENTS, searchQuery), async (request, reply) => {
    const ctx = readCtxFor(request, deps);
    const q = request.query.q?.trim();
    const hits = q ? await searchArticles({ ctx, input: { q, limit: 30 } }) : null;
    const internal = q ? null : await listArticles({ ctx, input: { visibility: 'internal', limit: 200 } });
    return sendPage(request, reply, 'help/internal', {
      title: 'Knowledge base (agents)', q: q ?? '',
      hits: hits?.map((h) => ({ ...h, snippetHtml: snippetToSafeHtml(h.snippet) })) ?? null, internal: await withFares(ctx, internal?.items ?? null),
    });
  });
}
