// The API speaks snake_case JSON with ISO-8601 times; the domain speaks camelCase with
// Temporal.Instant. The translation out is the platform's (webhook payloads share it); the
// translation in is here.
import { snakeToCamel, toWire } from '../platform/wire.ts';

export { camelToSnake, snakeToCamel, toWire } from '../platform/wire.ts';

/** Request JSON to verb input: top-level snake_case keys to camelCase (values untouched). */
export function fromWire<T = Record<string, unknown>>(value: unknown): T {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [snakeToCamel(k), v])) as T;
}

/** A page as the API shows it: `{ items, next_cursor }`. */
export function pageToWire(page: { items: unknown[]; nextCursor: string | null }): unknown {
  return { items: toWire(page.items), next_cursor: page.nextCursor };
}
