// Webhook secrets and the Accord-Signature header.
//
//   Accord-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
//
// The secret is used exactly as shown (its UTF-8 bytes are the HMAC key). During a rotation's
// grace period a second v1 is added, signed with the previous secret, so a receiver still
// holding it keeps verifying. A receiver checks that t is recent (replay) and that one v1 matches.
import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/** A new signing secret: `whsec_` and 32 random bytes. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

/** What listings show of a secret, so people can tell which one a receiver holds. */
export function secretDisplayPrefix(secret: string): string {
  return secret.slice(0, SECRET_PREFIX.length + 6);
}

export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * The header's value for `body` sent at `at`, signed with each of `secrets` (current first).
 * @example
 * signatureHeader(['whsec_...'], Temporal.Instant.from('2026-01-01T00:00:00Z'), '{"id":...}') // 't=1767225600,v1=5f...'
 */
export function signatureHeader(secrets: readonly string[], at: Temporal.Instant, body: string): string {
  const t = Math.floor(at.epochMilliseconds / 1000);
  return [`t=${t}`, ...secrets.map((s) => `v1=${signatureOf(s, t, body)}`)].join(',');
}
