// listCannedResponses: by title (any case), as the picker shows them; `q` keeps those whose title
// holds every word typed. Keyset pages on (lower(title), id). Every agent: the team's and their own.
import { z } from 'zod';
import { decodeKey, encodeKey, type Page } from '../platform/pagination.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { requireCannedReader } from './permissions.ts';
import { CANNED_COLUMNS, ownerOf, toCannedResponse } from './rows.ts';
import { ListCannedResponsesInput, type CannedResponse } from './schemas.ts';

const Key = z.strictObject({ title: z.string().max(1000), id: z.uuid() });

/** `%`, `_` and `\` typed by a person are letters, not patterns. */
const literal = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listCannedResponses({ ctx, input }: { ctx: Ctx; input: ListCannedResponsesInput }): Promise<Page<CannedResponse>> {
  requireCannedReader(ctx.actor);
  const value = parseInput(ListCannedResponsesInput, input);
  const after = value.cursor ? decodeKey(Key, value.cursor) : null;
  const words = (value.q ?? '').toLowerCase().split(/\s+/).filter((w) => w !== '').slice(0, 10);
  const { rows } = await ctx.db.query(
    `SELECT ${CANNED_COLUMNS} FROM canned_responses
     WHERE ($1::text IS NULL OR (lower(title), id) > ($1, $2::uuid))
       AND lower(title) LIKE ALL ($3::text[])
       AND (owner_id IS NULL OR owner_id = $5)
     ORDER BY lower(title), id LIMIT $4`,
    [after?.title ?? null, after?.id ?? null, words.map((w) => `%${literal(w)}%`), value.limit + 1, ownerOf(ctx.actor)],
  );
  const items = rows.slice(0, value.limit).map(toCannedResponse);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > value.limit && last ? encodeKey({ title: last.title.toLowerCase(), id: last.id }) : null };
}
