// Input schemas and output shapes of the knowledge base. A schema and its type share one name.
// Markdown is stored as written (not trimmed, not rendered); every text refuses NUL, which
// PostgreSQL cannot store, and has a size bound.
import { z } from 'zod';
import { isUuid } from '../platform/ids.ts';
import { PageInput } from '../platform/pagination.ts';

export const VISIBILITIES = ['public', 'internal'] as const;
export const KINDS = ['article', 'faq', 'release_note'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export type ArticleKind = (typeof KINDS)[number];

export const LIMITS = { slug: 100, title: 200, body: 100_000, tags: 20, tag: 40, query: 200, suggestText: 10_000 } as const;

const noNul = (v: string) => !v.includes('\u0000');
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** True when `value` is shaped like a uuid: how getArticle tells an id from a slug. */
export function isUuidShaped(value: string): boolean {
  return isUuid(value);
}

export const Slug = z
  .string()
  .max(LIMITS.slug)
  .regex(SLUG_PATTERN, 'lower-case letters and digits, words joined by single hyphens')
  // An address that looks like an id would be read as one.
  .refine((v) => !isUuidShaped(v), 'must not look like an id');
const Title = z.string().trim().min(1, 'must not be empty').max(LIMITS.title).refine(noNul, 'must not contain NUL characters');
const Body = z
  .string()
  .max(LIMITS.body)
  .refine((v) => v.trim().length > 0, 'must not be empty')
  .refine(noNul, 'must not contain NUL characters');
const Tag = z
  .string()
  .trim()
  .toLowerCase()
  .max(LIMITS.tag)
  .regex(SLUG_PATTERN, 'lower-case letters and digits, words joined by single hyphens');
// Order kept, duplicates dropped: ["iOS", "ios"] is one tag.
const Tags = z.array(Tag).max(LIMITS.tags).transform((tags) => [...new Set(tags)]);
// Years Accord could mean (PostgreSQL has no year 0; ISO text starts with the year, so it compares).
const plausibleYear = (v: string) => v.slice(0, 4) >= '1970' && v.slice(0, 4) < '2200';
const ReleasedAt = z.iso.datetime({ offset: true }).refine(plausibleYear, 'must be in the years 1970 to 2199');
const PlannedFor = z.iso.date().refine(plausibleYear, 'must be in the years 1970 to 2199');
const Visibility = z.enum(VISIBILITIES);
const Kind = z.enum(KINDS);

const RELEASE_ONLY = 'only release notes carry released_at or planned_for';

export const CreateArticleInput = z
  .strictObject({
    // Derived from the title when omitted.
    slug: Slug.optional(),
    title: Title,
    bodyMarkdown: Body,
    // Internal (agents only) unless published deliberately.
    visibility: Visibility.default('internal'),
    kind: Kind.default('article'),
    tags: Tags.default([]),
    releasedAt: ReleasedAt.nullable().optional(),
    plannedFor: PlannedFor.nullable().optional(),
  })
  .refine((v) => v.kind === 'release_note' || (v.releasedAt == null && v.plannedFor == null), { path: ['kind'], message: RELEASE_ONLY });
export type CreateArticleInput = z.input<typeof CreateArticleInput>;

export const UpdateArticleInput = z
  .strictObject({
    articleId: z.uuid(),
    slug: Slug.optional(),
    title: Title.optional(),
    bodyMarkdown: Body.optional(),
    visibility: Visibility.optional(),
    kind: Kind.optional(),
    tags: Tags.optional(),
    // null clears the date.
    releasedAt: ReleasedAt.nullable().optional(),
    plannedFor: PlannedFor.nullable().optional(),
  })
  .refine((v) => Object.keys(v).some((k) => k !== 'articleId'), { path: [], message: 'nothing to change' });
export type UpdateArticleInput = z.input<typeof UpdateArticleInput>;

export const ArticleRefInput = z.strictObject({ articleId: z.uuid() });
export type ArticleRefInput = z.input<typeof ArticleRefInput>;

export const GetArticleInput = z.strictObject({
  // An id (uuid) or a slug.
  idOrSlug: z.string().min(1).max(LIMITS.slug).refine(noNul, 'must not contain NUL characters'),
});
export type GetArticleInput = z.input<typeof GetArticleInput>;

export const ListArticlesInput = z.strictObject({
  ...PageInput.shape,
  kind: Kind.optional(),
  visibility: Visibility.optional(),
  tag: Tag.optional(),
});
export type ListArticlesInput = z.input<typeof ListArticlesInput>;

const Query = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max).refine(noNul, 'must not contain NUL characters');

export const SearchArticlesInput = z.strictObject({
  // websearch syntax: words, "a phrase", or, -excluded.
  q: Query(LIMITS.query),
  kind: Kind.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type SearchArticlesInput = z.input<typeof SearchArticlesInput>;

export const SuggestArticlesInput = z.strictObject({
  // What a customer typed (a ticket's subject and description); its first words count.
  q: Query(LIMITS.suggestText),
  limit: z.coerce.number().int().min(1).max(10).default(5),
});
export type SuggestArticlesInput = z.input<typeof SuggestArticlesInput>;

/** An article as readers see it; the authors are shown to agents only. */
export interface Article {
  id: string;
  slug: string;
  title: string;
  bodyMarkdown: string;
  visibility: Visibility;
  kind: ArticleKind;
  tags: string[];
  /** Release notes: when the release shipped. */
  releasedAt: Temporal.Instant | null;
  /** Release notes: the day an upcoming release is planned for (YYYY-MM-DD). */
  plannedFor: string | null;
  createdAt: Temporal.Instant;
  updatedAt: Temporal.Instant;
  archivedAt: Temporal.Instant | null;
  createdBy?: string | null;
  updatedBy?: string | null;
}

/** A list entry: the article without its body. */
export type ArticleSummary = Omit<Article, 'bodyMarkdown'>;

/** A search result: where it matched, as a short plain-text excerpt with the matches in **bold**. */
export interface ArticleHit {
  id: string;
  slug: string;
  title: string;
  kind: ArticleKind;
  visibility: Visibility;
  tags: string[];
  snippet: string;
  updatedAt: Temporal.Instant;
}

/** What intake shows a customer who is typing a ticket: a public article that may answer it. */
export interface ArticleSuggestion {
  id: string;
  slug: string;
  title: string;
  snippet: string;
}
