// /api/v1/kb: thin adapters over the knowledge base verbs. Reading is public: with no token a
// caller reads public articles; a token, when sent, identifies the caller (agents also read
// internal ones). Writing is for managers and admins.
import type { FastifyInstance } from 'fastify';
import {
  archiveArticle, articleFeedbackCounts, COMMENT_MAX, createArticle, getArticle, KINDS, LIMITS, listArticles, searchArticles, suggestArticles,
  updateArticle, VISIBILITIES, voteOnArticle,
} from '../kb/index.ts';
import { ctxFor, errorResponses, MANAGERS, pageOf, pageQuery, readCtxFor, SIGNED_IN, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { fromWire, pageToWire, toWire } from './wire.ts';

const tags = ['kb'];
// One name for the path parameter of every article route (OpenAPI allows no two templates for one
// path): reads take an id or a slug, writes take the id.
type RefParams = { Params: { id: string } };

const READERS =
  'Agents of every role read every article; contacts and callers without a token read public articles only, ' +
  'and an internal or archived article is "not found" to them.';
const WRITERS =
  'Managers and admins write. Front-line and escalation agents read every article but do not write: an article ' +
  "speaks for the vendor to every customer, so publishing is a manager's call, as creating organizations is.";

const slug = { type: 'string', minLength: 1, maxLength: LIMITS.slug, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' } as const;
const visibility = { type: 'string', enum: VISIBILITIES } as const;
const kind = { type: 'string', enum: KINDS } as const;
const tagList = { type: 'array', maxItems: LIMITS.tags, items: { type: 'string', minLength: 1, maxLength: LIMITS.tag } } as const;
const releasedAt = { type: ['string', 'null'], format: 'date-time', description: 'release notes only: when it shipped' } as const;
const plannedFor = { type: ['string', 'null'], format: 'date', description: 'release notes only: the day it is planned for' } as const;
const nullableUuid = { type: ['string', 'null'], format: 'uuid' } as const;

const summaryProperties = {
  id: uuid,
  slug,
  title: { type: 'string' },
  visibility,
  kind,
  tags: { type: 'array', items: { type: 'string' } },
  released_at: releasedAt,
  planned_for: plannedFor,
  created_at: timestamp,
  updated_at: timestamp,
  archived_at: { type: ['string', 'null'], format: 'date-time' },
  created_by: { ...nullableUuid, description: 'agents only: who wrote it (null: the system)' },
  updated_by: { ...nullableUuid, description: 'agents only: who changed it last' },
} as const;
const summaryRequired = [
  'id', 'slug', 'title', 'visibility', 'kind', 'tags', 'released_at', 'planned_for', 'created_at', 'updated_at', 'archived_at',
];

const ArticleSummary = { type: 'object', required: summaryRequired, properties: summaryProperties } as const;
const count = { type: 'integer', minimum: 0 } as const;
const Feedback = {
  type: 'object',
  required: ['helpful', 'not_helpful'],
  description: 'agents only: how many readers said the article helped, and how many said it did not',
  properties: { helpful: count, not_helpful: count },
} as const;
const Article = {
  type: 'object',
  required: [...summaryRequired, 'body_markdown'],
  properties: { ...summaryProperties, body_markdown: { type: 'string', description: 'Markdown, as written' }, feedback: Feedback },
} as const;
const Vote = {
  type: 'object',
  required: ['article_id', 'helpful', 'comment', 'voted_at'],
  properties: { article_id: uuid, helpful: { type: 'boolean' }, comment: { type: ['string', 'null'] }, voted_at: timestamp },
} as const;
const voteBody = {
  type: 'object', additionalProperties: false, required: ['helpful'],
  properties: {
    helpful: { type: 'boolean' },
    comment: { type: 'string', maxLength: COMMENT_MAX, description: 'plain text, with a "no" only: what the article is missing' },
  },
} as const;
const snippet = { type: 'string', description: 'plain text around the match, the matched words in **bold**' } as const;
const Hit = {
  type: 'object',
  required: ['id', 'slug', 'title', 'kind', 'visibility', 'tags', 'snippet', 'updated_at'],
  properties: {
    id: uuid, slug, title: { type: 'string' }, kind, visibility, tags: { type: 'array', items: { type: 'string' } }, snippet, updated_at: timestamp,
  },
} as const;
const Suggestion = {
  type: 'object',
  required: ['id', 'slug', 'title', 'snippet'],
  properties: { id: uuid, slug, title: { type: 'string' }, snippet },
} as const;
const articlesOf = (item: object) => ({ type: 'object', required: ['articles'], properties: { articles: { type: 'array', items: item } } });

const fields = {
  slug,
  title: { type: 'string', minLength: 1, maxLength: LIMITS.title },
  body_markdown: { type: 'string', minLength: 1, maxLength: LIMITS.body, description: 'Markdown, stored as written and never rendered here' },
  visibility,
  kind,
  tags: tagList,
  released_at: releasedAt,
  planned_for: plannedFor,
} as const;
const createBody = { type: 'object', additionalProperties: false, required: ['title', 'body_markdown'], properties: fields } as const;
const updateBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: fields } as const;
const readParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: LIMITS.slug, description: "the article's id, or its slug" } },
} as const;
// Writes name an article by its id: a slug can move to another article after a rename.
const writeParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { ...uuid, description: "the article's id (writes take the id, never the slug)" } },
} as const;

export function registerKbRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(
    '/api/v1/kb/articles',
    {
      config: { access: 'public', identify: true },
      schema: {
        operationId: 'listArticles', tags, summary: 'List articles, newest first, without their bodies', description: READERS,
        querystring: {
          ...pageQuery,
          properties: { ...pageQuery.properties, kind, visibility, tag: { type: 'string', minLength: 1, maxLength: LIMITS.tag } },
        },
        response: { 200: pageOf(ArticleSummary), ...errorResponses },
      },
    },
    async (request) => pageToWire(await listArticles({ ctx: readCtxFor(request, deps), input: fromWire(request.query) })),
  );

  app.get<RefParams>(
    '/api/v1/kb/articles/:id',
    {
      config: { access: 'public', identify: true },
      schema: {
        operationId: 'getArticle', tags, summary: 'An article, by id or slug',
        description: `${READERS} Agents also see feedback: how many readers said it helped and how many said it did not.`,
        params: readParams, response: { 200: Article, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = readCtxFor(request, deps);
      const article = await getArticle({ ctx, input: { idOrSlug: request.params.id } });
      // How it fares with readers is the team's to see: agents only, never contacts or the public.
      if (ctx.actor.kind !== 'agent') return toWire(article);
      return toWire({ ...article, feedback: (await articleFeedbackCounts({ ctx, articleIds: [article.id] })).get(article.id) });
    },
  );

  app.post<RefParams>(
    '/api/v1/kb/articles/:id/feedback',
    {
      config: { access: SIGNED_IN },
      schema: {
        operationId: 'voteOnArticle', tags, summary: 'Say whether an article helped (one vote each: a later one replaces it)',
        description:
          'Whoever may read the article may vote: contacts on public articles, agents on any; an archived article is "not found". ' +
          'A "no" may say what the article is missing (comment, plain text). Visitors who are not signed in vote on the help centre\'s pages.',
        params: writeParams, body: voteBody, response: { 200: Vote, ...errorResponses },
      },
    },
    async (request) => {
      const body = request.body as { helpful: boolean; comment?: string };
      return toWire(await voteOnArticle({ ctx: ctxFor(request, deps), input: { articleId: request.params.id, ...body } }));
    },
  );

  app.post(
    '/api/v1/kb/articles',
    {
      config: { access: MANAGERS },
      schema: {
        operationId: 'createArticle', tags, summary: 'Write an article, FAQ or release note (internal unless visibility is public)',
        description: WRITERS,
        body: createBody, response: { 201: Article, ...errorResponses },
      },
    },
    async (request, reply) => {
      const article = await createArticle({ ctx: ctxFor(request, deps), input: fromWire(request.body) });
      return reply.code(201).send(toWire(article));
    },
  );

  app.patch<RefParams>(
    '/api/v1/kb/articles/:id',
    {
      config: { access: MANAGERS },
      schema: {
        operationId: 'updateArticle', tags, summary: 'Change an article (null clears a release date)', description: WRITERS,
        params: writeParams, body: updateBody, response: { 200: Article, ...errorResponses },
      },
    },
    async (request) => {
      const input = { ...fromWire<Record<string, unknown>>(request.body), articleId: request.params.id };
      return toWire(await updateArticle({ ctx: ctxFor(request, deps), input }));
    },
  );

  app.delete<RefParams>(
    '/api/v1/kb/articles/:id',
    {
      config: { access: MANAGERS },
      schema: {
        operationId: 'archiveArticle', tags, summary: 'Archive an article: no longer listed, found or shown to customers; kept for agents',
        description: WRITERS, params: writeParams, response: { 200: Article, ...errorResponses },
      },
    },
    async (request) => toWire(await archiveArticle({ ctx: ctxFor(request, deps), input: { articleId: request.params.id } })),
  );

  app.get(
    '/api/v1/kb/search',
    {
      config: { access: 'public', identify: true },
      schema: {
        operationId: 'searchArticles', tags,
        summary: 'Search articles: ranked, with an excerpt; the last word also matches as a prefix while typing',
        description: `q takes words, "a phrase", or, and -excluded words. ${READERS}`,
        querystring: {
          type: 'object', additionalProperties: false, required: ['q'],
          properties: {
            q: { type: 'string', minLength: 1, maxLength: LIMITS.query },
            kind,
            limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
          },
        },
        response: { 200: articlesOf(Hit), ...errorResponses },
      },
    },
    async (request) => ({ articles: toWire(await searchArticles({ ctx: readCtxFor(request, deps), input: fromWire(request.query) })) }),
  );

  app.get(
    '/api/v1/kb/suggest',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'suggestArticles', tags, summary: 'Public articles that may answer what a customer is typing (intake)',
        description: 'Any word of q may match; the best articles first, public ones only, whoever asks.',
        querystring: {
          type: 'object', additionalProperties: false, required: ['q'],
          properties: {
            q: { type: 'string', minLength: 1, maxLength: 1000, description: 'what the customer typed so far' },
            limit: { type: 'integer', minimum: 1, maximum: 10, default: 5 },
          },
        },
        response: { 200: articlesOf(Suggestion), ...errorResponses },
      },
    },
    async (request) => ({ articles: toWire(await suggestArticles({ ctx: readCtxFor(request, deps), input: fromWire(request.query) })) }),
  );
}
