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

// The text of the last few instants turned into text. Instants are immutable, and one request
// turns the same few (its `now`, its clocks' times) into text again and again: as statement
// parameters, in its webhook payload, in its answer (15 times for a new ticket, about 1 µs each).
const RECENT = 8;
const recentInstants: Array<Temporal.Instant | undefined> = new Array(RECENT);
const recentTexts: string[] = new Array(RECENT);
let nextRecent = 0;

/** `instant.toString()`, remembered for the last few instants seen. */
export function instantText(instant: Temporal.Instant): string {
  for (let k = 0; k < RECENT; k++) if (recentInstants[k] === instant) return recentTexts[k];
  const text = instant.toString();
  recentInstants[nextRecent] = instant;
  recentTexts[nextRecent] = text;
  nextRecent = (nextRecent + 1) % RECENT;
  return text;
}

/** Domain value to JSON: snake_case keys, Instants as ISO strings. */
export function toWire(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toWire);
  if (value instanceof Temporal.Instant) return instantText(value);
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(source)) {
    // A key named __proto__ (customer-supplied answers can carry any key) stays a plain key.
    if (k === '__proto__') Object.defineProperty(out, k, { value: toWire(source[k]), enumerable: true, writable: true, configurable: true });
    else out[camelToSnake(k)] = toWire(source[k]);
  }
  return out;
}
