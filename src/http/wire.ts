// The API speaks snake_case JSON with ISO-8601 times; the domain speaks camelCase with
// Temporal.Instant. These two functions are the whole translation.

export function camelToSnake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Domain value to response JSON: snake_case keys, Instants as ISO strings. */
export function toWire(value: unknown): unknown {
  if (value instanceof Temporal.Instant) return value.toString();
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [camelToSnake(k), toWire(v)]));
  }
  return value;
}

/** Request JSON to verb input: top-level snake_case keys to camelCase (values untouched). */
export function fromWire<T = Record<string, unknown>>(value: unknown): T {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [snakeToCamel(k), v])) as T;
}

/** A page as the API shows it: `{ items, next_cursor }`. */
export function pageToWire(page: { items: unknown[]; nextCursor: string | null }): unknown {
  return { items: toWire(page.items), next_cursor: page.nextCursor };
}
