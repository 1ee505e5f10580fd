// Keyset pagination on (created_at, id): stable under concurrent inserts, unlike OFFSET.
// The cursor is opaque to clients: base64url of the last row's key. It is one codec for
// every list in the API; a cursor that is not one of ours is invalid input, never a 500.
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

const CursorJson = z.strictObject({ t: z.string().max(40), id: z.uuid() });
// Only instants Accord could have written: PostgreSQL's timestamptz range is narrower than Temporal's.
const EARLIEST = Temporal.Instant.from('1970-01-01T00:00:00Z');
const LATEST = Temporal.Instant.from('2200-01-01T00:00:00Z');

/** A cursor for any key: base64url JSON. */
export function encodeKey(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key of a cursor made by encodeKey, checked by `schema`; anything else is invalid input. */
export function decodeKey<S extends z.ZodType>(schema: S, cursor: string): z.output<S> {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // reported below
  }
  throw new InvalidInputError('The cursor is not valid', [{ path: 'cursor', message: 'use the next_cursor of a previous page' }]);
}

/** An instant Accord could have written (PostgreSQL's timestamptz range is narrower than Temporal's). */
export const StoredInstant = z
  .string()
  .max(40)
  .refine((t) => {
    try {
      const at = Temporal.Instant.from(t);
      return Temporal.Instant.compare(at, EARLIEST) >= 0 && Temporal.Instant.compare(at, LATEST) < 0;
    } catch {
      return false;
    }
  });

export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify({ t: key.createdAt.toString(), id: key.id })).toString('base64url');
}

export function decodeCursor(cursor: string): PageKey {
  try {
    const value = CursorJson.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    const createdAt = Temporal.Instant.from(value.t);
    if (Temporal.Instant.compare(createdAt, EARLIEST) >= 0 && Temporal.Instant.compare(createdAt, LATEST) < 0) {
      return { createdAt, id: value.id };
    }
  } catch {
    // reported below
  }
  throw new InvalidInputError('The cursor is not valid', [{ path: 'cursor', message: 'use the next_cursor of a previous page' }]);
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
