// Security headers on every response, errors included. Constant headers, so no library:
// no MIME sniffing, no framing, no referrer leaking ticket URLs, and a content security
// policy that allows no inline script: pages load scripts and styles from Accord itself only.
// The API docs carry their own policy (app.ts), because Swagger UI sets inline styles.
import type { FastifyReply } from 'fastify';

export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'content-security-policy': PAGE_CSP,
};

export function setSecurityHeaders(reply: FastifyReply): void {
  for (const [name, value] of Object.entries(HEADERS)) if (!reply.hasHeader(name)) reply.header(name, value);
}
