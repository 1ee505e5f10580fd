// Link tokens in subscriber mail: random, URL-safe; confirmation tokens are stored hashed.
import { createHash, randomBytes } from 'node:crypto';

export function newLinkToken(): string {
  return randomBytes(24).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// A confirmation link lives this long; after it, subscribing again sends a new one.
export const CONFIRM_LINK_HOURS = 48;

export type LinkSettings = { baseUrl: string };

export function linkTo(settings: LinkSettings, path: string): string {
  return `${settings.baseUrl.replace(/\/+$/, '')}${path}`;
}
