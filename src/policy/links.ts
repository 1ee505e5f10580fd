// Links a policy forbids on tickets (escalation.internal_links.forbidden, e.g. OPS-COM: never
// Sentry). A host is compared only after the WHATWG URL parser has normalised it (case,
// percent-encoding, IDN to punycode, userinfo and port dropped) and trailing dots are removed,
// so "https://user@SENTRY.IO.:443/x" is the same host as "sentry.io"; subdomains of a
// forbidden host are forbidden too. Pure: no I/O.
import type { PolicyModel } from './model.ts';

export type ForbiddenLink = { host: string; reason: string };
export type ForbiddenLinkInText = ForbiddenLink & { url: string; index: number };

/** "SENTRY.IO." -> "sentry.io"; null when the URL has no host. */
function normalisedHost(url: URL): string | null {
  const host = url.hostname.replace(/\.+$/, '');
  return host === '' ? null : host;
}

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The normalised host and path of a URL, or of a bare "host/path" form; null when it is not a link with a host. */
function linkParts(text: string): { host: string; path: string } | null {
  const t = text.trim();
  if (t === '') return null;
  const withScheme = HAS_SCHEME.test(t) && !/^[^:/]+:\d+(?:[/?#]|$)/.test(t) ? t : `http://${t.replace(/^\/\//, '')}`;
  try {
    const url = new URL(withScheme);
    const host = normalisedHost(url);
    return host === null ? null : { host, path: url.pathname };
  } catch {
    return null;
  }
}

/** The normalised host of a URL, or of a bare "host/path" form; null when it is not a link with a host. */
export function linkHost(text: string): string | null {
  return linkParts(text)?.host ?? null;
}

/**
 * Where an internal link's kind lives: its host and its path without the last part (a JIRA issue
 * https://x.atlassian.net/browse/DEV-1 -> x.atlassian.net /browse/; a GitHub issue -> .../issues/),
 * so another issue of the same tracker is internal too, and a public page of the same host is not.
 */
function internalPlace(url: string): { host: string; prefix: string } | null {
  const parts = linkParts(url);
  if (!parts) return null;
  const path = parts.path.replace(/\/+$/, '');
  return { host: parts.host, prefix: path.slice(0, path.lastIndexOf('/') + 1) || '/' };
}

/** A forbidden host as the policy writes it ("sentry.io"), normalised the same way; null when it is not a host. */
export function forbiddenHostOf(host: string): string | null {
  const t = host.trim();
  if (t === '' || /[\s/?#@\\]/.test(t)) return null;
  try {
    const url = new URL(`http://${t}/`);
    if (url.port !== '' || url.username !== '') return null;
    return normalisedHost(url);
  } catch {
    return null;
  }
}

/**
 * The forbidden-links rule a URL breaks, or null. `host` is the policy's forbidden host (normalised).
 * @example forbiddenLink(opscom, 'https://foo.sentry.io./x') // { host: 'sentry.io', reason: 'Never link ...' }
 */
export function forbiddenLink(policy: PolicyModel, url: string): ForbiddenLink | null {
  const rules = policy.file.escalation?.internal_links?.forbidden ?? [];
  if (rules.length === 0) return null;
  const host = linkHost(url);
  if (host === null) return null;
  for (const rule of rules) {
    const forbidden = forbiddenHostOf(rule.host);
    if (forbidden !== null && (host === forbidden || host.endsWith(`.${forbidden}`))) return { host: forbidden, reason: rule.reason.trim() };
  }
  return null;
}

// URLs with a scheme (also "https:\\" and "https:host"), protocol-relative "//host/path", and bare
// "host.tld/path" forms that mail clients turn into links. A bare form must not follow a word
// character, "@" (an e-mail address), "." or "/" (it would be the middle of something else).
const SCHEME_URL = /\bhttps?:[^\s<>"'`]+/giu;
const RELATIVE_URL = /(?<![\w:/])\/\/[^\s<>"'`/]+[^\s<>"'`]*/gu;
const BARE_URL = /(?<![\w@./:\\-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}]{2,}\.*(?::\d+)?(?:[/?#][^\s<>"'`]*)?/giu;
// Sentence punctuation and closing brackets after a link belong to the text around it.
const TRAILING = /[.,;:!?)\]}'"»]+$/u;

/**
 * Every link in free text (a reply body) that the policy forbids, in order of appearance; with
 * `internal`, links to where those live (the engineering issues recorded on the ticket, kept
 * internal where the policy says links on tickets are never public: their tracker's other issues
 * too, not the public pages of the same host) as well.
 * @example forbiddenLinksInText(opscom, 'See sentry.io/org/issues/1 and https://docs.example/x')
 *   // [{ url: 'sentry.io/org/issues/1', index: 4, host: 'sentry.io', reason: '...' }]
 */
export function forbiddenLinksInText(policy: PolicyModel, text: string, internal: readonly string[] = []): ForbiddenLinkInText[] {
  const places = internal.map(internalPlace).filter((p) => p !== null);
  if (!(policy.file.escalation?.internal_links?.forbidden ?? []).length && places.length === 0) return [];
  const out: ForbiddenLinkInText[] = [];
  for (const { url, index } of linksInText(text)) {
    const hit = forbiddenLink(policy, url);
    if (hit) out.push({ url, index, ...hit });
    else {
      const parts = linkParts(url);
      const place = parts && places.find((p) => p.host === parts.host && parts.path.startsWith(p.prefix));
      if (place) out.push({ url, index, host: place.host, reason: 'an internal link of this ticket (engineering links stay internal: never on the customer\'s ticket)' });
    }
  }
  return out;
}

/** Every link in free text, in order of appearance, as a mail client would make them. */
export function linksInText(text: string): Array<{ url: string; index: number }> {
  const found = new Map<number, string>();
  for (const re of [SCHEME_URL, RELATIVE_URL, BARE_URL]) {
    for (const m of text.matchAll(re)) {
      const url = m[0].replace(TRAILING, '');
      const at = m.index ?? 0;
      // A bare match inside a URL already found is part of that URL.
      if ([...found].some(([i, u]) => at >= i && at < i + u.length)) continue;
      if (url !== '') found.set(at, url);
    }
  }
  return [...found].sort((a, b) => a[0] - b[0]).map(([index, url]) => ({ url, index }));
}
