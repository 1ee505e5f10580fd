// One HTTP attempt at a delivery: resolve the host, refuse it if any address it resolves to is
// not allowed (address-guard.ts), then POST to the address that was checked, so DNS rebinding
// cannot swap it between the check and the connection. node:http never follows redirects; a
// 3xx is a failure. The whole attempt (DNS, connect, TLS, answer) is bounded by one timeout.
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { refusedAddress, refusedUrl } from './address-guard.ts';

export type ResolvedAddress = { address: string; family: 4 | 6 };
/** Host name to addresses; the operating system's resolver unless a test supplies one. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export interface SendOptions {
  allowPrivate: boolean;
  resolve: Resolver;
  timeoutMs: number;
}

/** What one attempt came to: delivered on a 2xx; otherwise the status heard, if any, and why it failed. */
export type AttemptOutcome = { delivered: boolean; statusCode: number | null; error: string | null };

export const MAX_ERROR_LENGTH = 1000;
// Enough of a refusal's body to tell what the receiver complained about, no more.
const BODY_SNIPPET_BYTES = 300;

export function bounded(text: string, max = MAX_ERROR_LENGTH): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

function failed(error: string, statusCode: number | null = null): AttemptOutcome {
  return { delivered: false, statusCode, error: bounded(error) };
}

/** The checked address to connect to, or why there is none. */
async function pickAddress(url: URL, options: SendOptions): Promise<ResolvedAddress | string> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await options.resolve(host);
    } catch (error) {
      return `could not resolve ${host}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    }
  }
  if (addresses.length === 0) return `could not resolve ${host}: no addresses`;
  // Any refused address refuses the host: a name pointing partly inside the network is not a receiver.
  for (const a of addresses) {
    const refused = refusedAddress(a.address, options.allowPrivate);
    if (refused) return `refused: ${host} resolves to ${refused}`;
  }
  return addresses[0];
}

/**
 * POSTs `body` to `target` once. Never throws: every failure is an outcome.
 * @example
 * const options = { allowPrivate: false, resolve: systemResolver, timeoutMs: 10_000 };
 * await postWebhook('https://hooks.example.com/x', '{"id":...}', headers, options);
 */
export async function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: SendOptions,
): Promise<AttemptOutcome> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return failed('the webhook URL is not valid');
  }
  // The rules of the day, not of the day it was saved: a configuration change applies at once.
  const refused = refusedUrl(url, options.allowPrivate);
  if (refused) return failed(`refused: ${refused}`);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const picked = await Promise.race([pickAddress(url, options), aborted(controller.signal)]);
    if (typeof picked === 'string') return failed(picked);
    return await request(url, picked, body, headers, controller.signal);
  } catch (error) {
    if (controller.signal.aborted) return failed(`timed out after ${options.timeoutMs} ms`);
    const e = error as NodeJS.ErrnoException;
    return failed(e.code ? `${e.code}: ${e.message}` : e.message);
  } finally {
    clearTimeout(timer);
  }
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
}

function request(
  url: URL,
  to: ResolvedAddress,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<AttemptOutcome> {
  // Connect to the checked address whatever the name resolves to now; TLS still verifies the
  // certificate against the URL's host name (the host header and SNI come from the URL).
  const pinned = ((_hostname: string, opts: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (opts?.all) callback(null, [to]);
    else callback(null, to.address, to.family);
  }) as unknown as LookupFunction;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinned,
        agent: false,
        signal,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          res.destroy();
          resolve({ delivered: true, statusCode: status, error: null });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          const snippet = Buffer.concat(chunks).subarray(0, BODY_SNIPPET_BYTES).toString('utf8');
          const target = res.headers.location;
          const location = typeof target === 'string' ? ` to ${bounded(target, 300)} (redirects are not followed)` : '';
          const what = status >= 300 && status < 400 ? `redirect ${status}${location}` : `HTTP ${status}`;
          resolve(failed(snippet ? `${what}: ${snippet}` : what, status));
        };
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= BODY_SNIPPET_BYTES) {
            res.destroy();
            finish();
          }
        });
        res.on('end', finish);
        res.on('error', finish);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
