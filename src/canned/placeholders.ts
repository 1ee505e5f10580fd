// Placeholders in a canned response, filled for the ticket it is sent on: pure. A closed set, so a
// typo is refused when the response is saved (naming `body`), not sent to a customer as written.
// `{{ name }}` with or without spaces; anything else in double braces is an unknown placeholder.

export const PLACEHOLDERS = ['requester.name', 'ticket.number', 'ticket.subject', 'agent.name', 'vendor.name'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string>;

const PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The names in double braces that are not placeholders, each once, in order of appearance. */
export function unknownPlaceholders(text: string): string[] {
  const known = new Set<string>(PLACEHOLDERS);
  return [...new Set([...text.matchAll(PATTERN)].map((m) => m[1]).filter((name) => !known.has(name)))];
}

/** The text with every placeholder replaced by its value (the values are plain text; the pages escape them). */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(PATTERN, (whole, name: string) => (name in values ? values[name as Placeholder] : whole));
}
