// The JSON Accord shows the world (the API's answers, webhook payloads): snake_case keys and
// ISO-8601 instants, from domain values in camelCase with Temporal.Instant. One translation,
// shared by every transport.

export function camelToSnake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Domain value to JSON: snake_case keys, Instants as ISO strings. */
export function toWire(value: unknown): unknown {
  if (value instanceof Temporal.Instant) return value.toString();
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [camelToSnake(k), toWire(v)]));
  }
  return value;
}
