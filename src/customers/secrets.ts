// Passwords (scrypt, node's crypto, no dependency) and API tokens (random, stored as sha-256).
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

// One of OWASP's equivalent scrypt settings (Password Storage Cheat Sheet: N=2^17 r=8 p=1, N=2^16
// p=2, N=2^15 p=3, N=2^14 p=5 or N=2^13 p=10, all r=8): N=2^14, r=8, p=5 is memory-hard at 16 MiB
// per hash. Of OWASP's settings it is the cheapest to compute here that is not below 16 MiB:
// 136-160 ms a hash on this two-core machine, against 261-263 ms for N=2^15 p=3 and 601 ms for
// N=2^17 p=1 (measured 2026-12-02, idle), which a first start pays eight times for the demo's
// logins and a sign-in pays once (ADR 0017). Hashes keep their parameters, so hashes made with
// the earlier N=2^17 p=1 and N=2^15 p=3 still verify.
const PARAMS = { N: 2 ** 14, r: 8, p: 5 };
const KEY_LENGTH = 32;
const MAXMEM = 256 * 1024 * 1024;

/** Returns `scrypt$N$r$p$salt$hash` so parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LENGTH, { ...PARAMS, maxmem: MAXMEM });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAXMEM,
  });
  return timingSafeEqual(key, expected);
}

const TOKEN_PREFIX = 'acc_';

/** A new raw API token: `acc_` and 32 random bytes. */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

// A token carries 256 random bits, so a fast unsalted hash is enough and lets lookup use an index.
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** What is shown in listings so people can tell tokens apart. */
export function tokenDisplayPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + 8);
}
