// CSRF protection on every form. A signed-in session carries a synchronizer token (stored with the
// session); a visitor not signed in (sign-in, password reset) gets a random token in an HttpOnly
// cookie that the form must repeat (double submit). Every unsafe request must send the token as the
// `_csrf` field or the X-CSRF-Token header, and a cross-origin Origin header is refused outright.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError } from '../platform/index.ts';
import { randomSecret } from './auth/sessions.ts';
import { readCookies, setCookie } from './cookies.ts';

export const CSRF_COOKIE = 'accord_csrf';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function sentToken(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as Record<string, unknown> | undefined;
  const field = body && typeof body === 'object' ? body._csrf : undefined;
  return typeof field === 'string' ? field : undefined;
}

export function registerCsrf(web: FastifyInstance, options: { baseUrl: string; secure: (request: FastifyRequest) => boolean }): void {
  web.decorateRequest('anonymousCsrf', null);
  web.addHook('onRequest', async (request, reply) => {
    // Pages keep their URLs from other sites but not from themselves, so a browser sends the real
    // Origin on the pages' own forms (under no-referrer it would send "null").
    reply.header('referrer-policy', 'same-origin');
    if (request.webSession) return;
    const existing = readCookies(request)[CSRF_COOKIE];
    if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) {
      request.anonymousCsrf = existing;
      return;
    }
    request.anonymousCsrf = randomSecret();
    setCookie(reply, CSRF_COOKIE, request.anonymousCsrf, { secure: options.secure(request) });
  });
  web.addHook('preHandler', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    // "null" is what a browser sends when it withholds the origin (privacy settings): the token decides then.
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== 'null' && origin !== new URL(options.baseUrl).origin && origin !== `${request.protocol}://${request.host}`) {
      throw new ForbiddenError('This form was sent from another site', [{ path: 'headers.origin', message: 'is not this site' }]);
    }
    // A new anonymous token was just made for this request: a form cannot already carry it.
    const expected = request.webSession?.csrf ?? (readCookies(request)[CSRF_COOKIE] ? request.anonymousCsrf : null);
    const sent = sentToken(request);
    if (!expected || !sent || !same(expected, sent)) {
      throw new ForbiddenError('This form has expired or did not come from this site: reload the page and try again', [{ path: '_csrf', message: 'is missing or does not match' }]);
    }
  });
}
