// The JSON Accord shows the world (the API's answers, webhook payloads): snake_case keys and
// ISO-8601 instants, from domain values in camelCase with Temporal.Instant. One translation,
// shared by every transport.

// Keys are mostly the domain's own, a small set, so each is translated once; keys a customer
// chose (intake answers) are remembered only up to the bound.
const snakeKeys = new Map<string, string>();

export function camelToSnake(key: string): string {
  let snake = snakeKeys.get(key);
  if (snake === undefined) {
    snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (snakeKeys.size < 10_000) snakeKeys.set(key, snake);
  }
  return snake;
}

export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Domain value to JSON: snake_case keys, Instants as ISO strings. */
export function toWire(value: unknown): unknown {
  if (value instanceof Temporal.Instant) return value.toString();
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // A key named __proto__ (customer-supplied answers can carry any key) stays a plain key.
      if (k === '__proto__') Object.defineProperty(out, k, { value: toWire(v), enumerable: true, writable: true, configurable: true });
      else out[camelToSnake(k)] = toWire(v);
    }
    return out;
  }
  return value;
}
