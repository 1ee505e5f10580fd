// Where Accord may send a webhook (SSRF protection). A webhook URL is chosen by a user, and Accord
// POSTs to it from inside the vendor's network, so without this rule an admin token could reach
// the metadata service (169.254.169.254), the database or anything else on the private network.
//
// Addresses fall in three classes:
// - never: unspecified, link-local (cloud metadata lives there), multicast, broadcast and reserved;
//   no webhook receiver lives there, so they are refused even when private targets are allowed;
// - private: loopback, RFC 1918, shared (CGNAT), unique-local IPv6, documentation and benchmarking
//   ranges; refused unless ACCORD_WEBHOOKS_ALLOW_PRIVATE is on;
// - public: everything else.
// IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by it too.
// The rule runs twice: on the URL when a webhook is saved (a literal IP, or localhost), and on
// every address the host resolves to just before each attempt (send.ts), which then connects to
// the address it checked, so a DNS answer cannot change between the check and the connection.
import { isIPv4, isIPv6 } from 'node:net';
import { InvalidInputError } from '../platform/errors.ts';

export type AddressClass = 'public' | 'private' | 'never';

const FLAG = 'ACCORD_WEBHOOKS_ALLOW_PRIVATE';

type Range = { bytes: number[]; bits: number; class: Exclude<AddressClass, 'public'>; name: string };

const v4 = (cidr: string, cls: Range['class'], name: string): Range => {
  const [address, bits] = cidr.split('/');
  return { bytes: address.split('.').map(Number), bits: Number(bits), class: cls, name };
};
const v6 = (cidr: string, cls: Range['class'], name: string): Range => {
  const [address, bits] = cidr.split('/');
  return { bytes: ipv6Bytes(address)!, bits: Number(bits), class: cls, name };
};

const IPV4_RANGES: Range[] = [
  v4('0.0.0.0/8', 'never', 'unspecified'),
  v4('169.254.0.0/16', 'never', 'link-local'),
  v4('224.0.0.0/4', 'never', 'multicast'),
  v4('240.0.0.0/4', 'never', 'reserved or broadcast'),
  v4('127.0.0.0/8', 'private', 'loopback'),
  v4('10.0.0.0/8', 'private', 'private (RFC 1918)'),
  v4('172.16.0.0/12', 'private', 'private (RFC 1918)'),
  v4('192.168.0.0/16', 'private', 'private (RFC 1918)'),
  v4('100.64.0.0/10', 'private', 'shared address space (CGNAT)'),
  v4('192.0.0.0/24', 'private', 'IETF protocol assignments'),
  v4('192.0.2.0/24', 'private', 'documentation'),
  v4('198.51.100.0/24', 'private', 'documentation'),
  v4('203.0.113.0/24', 'private', 'documentation'),
  v4('198.18.0.0/15', 'private', 'benchmarking'),
];

const IPV6_RANGES: Range[] = [
  v6('::/128', 'never', 'unspecified'),
  v6('fe80::/10', 'never', 'link-local'),
  v6('fec0::/10', 'never', 'site-local'),
  v6('ff00::/8', 'never', 'multicast'),
  v6('::1/128', 'private', 'loopback'),
  v6('fc00::/7', 'private', 'unique-local'),
  v6('2001:db8::/32', 'private', 'documentation'),
  v6('100::/64', 'private', 'discard-only'),
  v6('64:ff9b:1::/48', 'private', 'local-use NAT64'),
  v6('2001::/32', 'private', 'Teredo'),
];

// IPv6 prefixes that carry an IPv4 address, and the byte where it starts.
const EMBEDDING: Array<{ range: Range; at: number }> = [
  { range: v6('::ffff:0:0/96', 'private', 'IPv4-mapped'), at: 12 },
  { range: v6('::/96', 'private', 'IPv4-compatible'), at: 12 },
  { range: v6('64:ff9b::/96', 'private', 'NAT64'), at: 12 },
  { range: v6('2002::/16', 'private', '6to4'), at: 2 },
];

function ipv4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

/** The 16 bytes of an IPv6 address (a zone id is ignored), or null if it is not one. */
function ipv6Bytes(text: string): number[] | null {
  const address = text.replace(/^\[|\]$/g, '').split('%')[0];
  if (!isIPv6(address)) return null;
  let tail: number[] = [];
  let head = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted) {
    tail = ipv4Bytes(dotted[1]);
    head = `${address.slice(0, -dotted[1].length)}0:0`;
  }
  const [left, right] = head.includes('::') ? head.split('::') : [head, null];
  const groups = (part: string | null) => (part ? part.split(':').filter((g) => g !== '') : []);
  const l = groups(left);
  const r = groups(right);
  const all = right === null ? l : [...l, ...Array<string>(8 - l.length - r.length).fill('0'), ...r];
  const bytes = all.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
  if (dotted) bytes.splice(12, 4, ...tail);
  return bytes;
}

function inRange(bytes: number[], range: Range): boolean {
  if (bytes.length !== range.bytes.length) return false;
  for (let bit = 0; bit < range.bits; bit += 8) {
    const take = Math.min(8, range.bits - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    if ((bytes[bit / 8] & mask) !== (range.bytes[bit / 8] & mask)) return false;
  }
  return true;
}

const RANK: Record<AddressClass, number> = { public: 0, private: 1, never: 2 };

/** The class of an IP address and the name of its range; null if `address` is not an IP address. */
export function classifyAddress(address: string): { class: AddressClass; range: string } | null {
  const bare = address.replace(/^\[|\]$/g, '');
  if (isIPv4(bare)) {
    const hit = IPV4_RANGES.find((r) => inRange(ipv4Bytes(bare), r));
    return hit ? { class: hit.class, range: hit.name } : { class: 'public', range: 'public' };
  }
  const bytes = ipv6Bytes(bare);
  if (!bytes) return null;
  const hit = IPV6_RANGES.find((r) => inRange(bytes, r));
  if (hit) return { class: hit.class, range: hit.name };
  // Judged by the IPv4 address inside as well, whichever is stricter.
  for (const { range, at } of EMBEDDING) {
    if (!inRange(bytes, range)) continue;
    const inner = classifyAddress(bytes.slice(at, at + 4).join('.'))!;
    if (RANK[inner.class] < RANK.private) return { class: 'public', range: 'public' };
    return { class: inner.class, range: `${inner.range}, as ${range.name}` };
  }
  return { class: 'public', range: 'public' };
}

/** Why Accord may not send to `address`, or null if it may. */
export function refusedAddress(address: string, allowPrivate: boolean): string | null {
  const found = classifyAddress(address);
  if (!found || found.class === 'public') return null;
  if (found.class === 'private' && allowPrivate) return null;
  const hint = found.class === 'private' ? ` (${FLAG} allows private targets)` : '';
  return `${address} is a ${found.range} address${hint}`;
}

/** RFC 6761: `localhost` and every name under it are the machine itself. */
function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.+$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * Why `url` may not be a webhook target, judged without DNS, or null if it may: http(s) only
 * (plain http only with private targets allowed), no credentials in it, and a literal IP or
 * localhost host only where allowed.
 */
export function refusedUrl(url: URL, allowPrivate: boolean): string | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL';
  // Payloads carry ticket subjects and reply bodies: only TLS keeps them private on the way.
  if (url.protocol === 'http:' && !allowPrivate) return `must use https (plain http only with ${FLAG})`;
  if (url.username || url.password) return 'must not contain credentials; receivers verify the Accord-Signature instead';
  if (isLocalhostName(url.hostname)) return allowPrivate ? null : `${url.hostname} is this machine (${FLAG} allows private targets)`;
  return refusedAddress(url.hostname, allowPrivate);
}

/**
 * Parses and checks a webhook URL as it is saved; returns it normalised (WHATWG), or throws
 * InvalidInputError on `path`.
 * @example
 * checkWebhookUrl('https://hooks.example.com/accord', { allowPrivate: false }); // 'https://hooks.example.com/accord'
 */
export function checkWebhookUrl(text: string, options: { allowPrivate: boolean; path?: string }): string {
  const path = options.path ?? 'url';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidInputError('The webhook URL is not valid', [{ path, message: 'must be an absolute http(s) URL' }]);
  }
  const problem = refusedUrl(url, options.allowPrivate);
  if (problem) throw new InvalidInputError('Accord may not send webhooks to this URL', [{ path, message: problem }]);
  return url.href;
}
