// listArticles: articles newest first, without their bodies, filtered by kind, visibility and
// tag, with keyset pagination. Contacts and anonymous readers see public articles only; archived
// articles are listed for nobody.
import { decodeCursor, toPage } from '../platform/pagination.ts';
import { parseInput } from '../platform/validation.ts';
import type { ReadCtx } from '../platform/context.ts';
import type { Page } from '../platform/pagination.ts';
import { readsInternal } from './permissions.ts';
import { SUMMARY_COLUMNS, toArticleSummary } from './rows.ts';
import { ListArticlesInput } from './schemas.ts';
import type { ArticleSummary } from './schemas.ts';

export async function listArticles({ ctx, input }: { ctx: ReadCtx; input: ListArticlesInput }): Promise<Page<ArticleSummary>> {
  const f = parseInput(ListArticlesInput, input);
  const after = f.cursor ? decodeCursor(f.cursor) : null;
  const { rows } = await ctx.db.query(
    `SELECT ${SUMMARY_COLUMNS} FROM kb_articles
     WHERE archived_at IS NULL AND ($1 OR visibility = 'public')
       AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR visibility = $3)
       AND ($4::text IS NULL OR tags @> jsonb_build_array($4::text))
       AND ($5::timestamptz IS NULL OR (created_at, id) < ($5, $6::uuid))
     ORDER BY created_at DESC, id DESC LIMIT $7`,
    [readsInternal(ctx.actor), f.kind ?? null, f.visibility ?? null, f.tag ?? null, after?.createdAt ?? null, after?.id ?? null, f.limit + 1],
  );
  return toPage(rows.map((row) => toArticleSummary(row, ctx.actor)), f.limit);
}
