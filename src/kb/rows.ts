// Row-to-view mapping: the only place that knows the columns of kb_articles.
import type { Reader } from '../platform/context.ts';
import { readsInternal } from './permissions.ts';
import type { Article, ArticleSummary } from './schemas.ts';

// planned_for is a date: read as text so no driver turns it into a local-time Date.
const COMMON = `id, slug, title, visibility, kind, tags, released_at, to_char(planned_for, 'YYYY-MM-DD') AS planned_for,
  created_at, updated_at, archived_at, created_by, updated_by`;
export const ARTICLE_COLUMNS = `${COMMON}, body_markdown`;
export const SUMMARY_COLUMNS = COMMON;

function summary(row: any, reader: Reader): ArticleSummary {
  const view: ArticleSummary = {
    id: row.id,
    slug: row.slug,
    title: row.title,
    visibility: row.visibility,
    kind: row.kind,
    tags: row.tags,
    releasedAt: row.released_at,
    plannedFor: row.planned_for,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
  };
  // Who wrote an article is the support team's business, not the public's.
  if (readsInternal(reader)) Object.assign(view, { createdBy: row.created_by, updatedBy: row.updated_by });
  return view;
}

export function toArticleSummary(row: any, reader: Reader): ArticleSummary {
  return summary(row, reader);
}

export function toArticle(row: any, reader: Reader): Article {
  return { ...summary(row, reader), bodyMarkdown: row.body_markdown };
}
