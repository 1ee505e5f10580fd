// The links under a long list: first, previous and next page. Lists page by an opaque keyset
// cursor (platform/pagination.ts), which only goes forward; to go back, every link carries the
// cursors of the pages before it (`back`, dot-separated: base64url has no dot; `-` stands for the
// first page, which has no cursor). Only the last BACK_KEPT are kept so an address stays short:
// further back than that, "First page" still works (and the browser's own Back).

export const BACK_KEPT = 20;
const FIRST = '-';
const CURSOR_MAX = 500;

/** The query fields of a paged list, for its querystring schema. */
export const pagerQuery = {
  cursor: { type: 'string', maxLength: CURSOR_MAX },
  back: { type: 'string', maxLength: BACK_KEPT * (CURSOR_MAX + 1), pattern: '^[A-Za-z0-9_.-]*$' },
} as const;

export type PagerQuery = { cursor?: string; back?: string };
export type Pager = { first: string | null; previous: string | null; next: string | null };

function href(path: string, keep: URLSearchParams, cursor: string | null, back: readonly string[]): string {
  const params = new URLSearchParams(keep);
  if (cursor) params.set('cursor', cursor);
  if (back.length) params.set('back', back.join('.'));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * The links of one page of a list at `path` whose filters are `keep`, shown with `query`'s cursor
 * and trail, whose next page starts at `nextCursor` (null on the last page). On the first page
 * there is no previous or first link; on a page reached without a trail (an old link, or further
 * back than is kept) there is no previous link, and "First page" is offered.
 */
export function pager(path: string, keep: URLSearchParams, query: PagerQuery, nextCursor: string | null): Pager {
  const here = query.cursor || null;
  const back = here ? (query.back ?? '').split('.').filter((c) => c !== '') : [];
  const before = back.at(-1);
  return {
    first: here ? href(path, keep, null, []) : null,
    previous: here && before !== undefined ? href(path, keep, before === FIRST ? null : before, back.slice(0, -1)) : null,
    next: nextCursor ? href(path, keep, nextCursor, [...back, here ?? FIRST].slice(-BACK_KEPT)) : null,
  };
}
