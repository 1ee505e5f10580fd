// Keyset pagination on (created_at, id): stable under concurrent inserts, unlike OFFSET.
// The cursor is opaque to clients: base64url of the last row's key.
import { z } from 'zod';
import { InvalidInputError } from './errors.ts';

export interface PageKey {
  createdAt: Temporal.Instant;
  id: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const CursorJson = z.object({ t: z.string(), id: z.uuid() });

export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify({ t: key.createdAt.toString(), id: key.id })).toString('base64url');
}

export function decodeCursor(cursor: string): PageKey {
  try {
    const value = CursorJson.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { createdAt: Temporal.Instant.from(value.t), id: value.id };
  } catch {
    throw new InvalidInputError('The cursor is not valid', [{ path: 'cursor', message: 'not a cursor from this API' }]);
  }
}

/** Callers fetch limit + 1 rows; the extra row only tells whether another page exists. */
export function toPage<R extends { createdAt: Temporal.Instant; id: string }>(rows: R[], limit: number): Page<R> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

export const PageInput = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(500).optional(),
});
