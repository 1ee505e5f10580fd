// What an API token may do: a list of scopes, each an area of the API (an operation's OpenAPI tag)
// and a kind of call: `tickets:read` lets it GET and HEAD the tickets' operations, `tickets:write`
// lets it call them all. A token without scopes may do whatever its owner's role may; scopes only
// ever narrow that (an integration posting status updates holds `status:write` and nothing else).
// http/access.ts refuses to start when an API operation's area is not one of these, and checks
// each call against its token's scopes.

/** The areas of the API, as its operations are tagged. */
export const SCOPE_AREAS = [
  'agents', 'audit', 'canned', 'contacts', 'email', 'health', 'kb', 'oncall', 'organizations', 'policy', 'sla', 'status', 'statuspage', 'tickets',
  'tokens', 'training', 'webhooks',
] as const;
export type ScopeArea = (typeof SCOPE_AREAS)[number];

export const SCOPE_PATTERN = new RegExp(`^(${SCOPE_AREAS.join('|')}):(read|write)$`);

/** Whether a token's scopes (null: none given, the owner's role decides) let it make a call in `area` (reading: GET or HEAD). */
export function scopesAllow(scopes: readonly string[] | null, area: string, reading: boolean): boolean {
  if (scopes === null) return true;
  return scopes.includes(`${area}:write`) || (reading && scopes.includes(`${area}:read`));
}
