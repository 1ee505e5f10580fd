// Signing in and out, resetting a password, and confirming a new address: /login, /logout, /forgot,
// /reset, /address/confirm, and "/" which sends each visitor to their home (agents: the queues;
// contacts: their organization's cases).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isAccordError } from '../../platform/index.ts';
import {
  addressChangeOfToken, answerChallenge, confirmAddressChange, createSession, endSession, requestPasswordReset, resetPassword, resetTokenUsable, RESET_MINUTES, SESSION_COOKIE, SESSION_MAX_DAYS, signIn,
} from '../auth/index.ts';
import { clearCookie, readCookies, setCookie } from '../cookies.ts';
import { formOf, page, safeNext, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';

export function homeOf(request: FastifyRequest): string {
  const actor = request.webSession?.actor;
  return actor?.kind === 'agent' ? '/agent' : actor?.kind === 'contact' ? '/portal' : '/login';
}

export function registerAuthPages(web: FastifyInstance, deps: WebDeps, secure: (r: FastifyRequest) => boolean): void {
  web.get('/', page('public'), async (request, reply) => reply.redirect(homeOf(request), 303));

  const nextQuery = { querystring: { type: 'object', properties: { next: { type: 'string', maxLength: 2000 } } } };
  web.get<{ Querystring: { next?: string } }>('/login', page('public', nextQuery), async (request, reply) => {
    if (request.webSession) return reply.redirect(safeNext(request.query.next, homeOf(request)), 303);
    return sendPage(request, reply, 'login', { title: 'Sign in', next: safeNext(request.query.next, ''), email: '', error: null });
  });

  web.post('/login', page('public'), async (request, reply) => {
    const form = formOf(request);
    try {
      const signedIn = await signIn(deps, { email: form.email ?? '', password: form.password ?? '', address: request.ip });
      // Two-step sign-in on: the code is asked next, on a page of its own (web/auth/two-step.ts).
      if ('challenge' in signedIn) return sendPage(request, reply, 'login-code', { title: 'Enter your code', challenge: signedIn.challenge, next: safeNext(form.next, ''), error: null });
      const { token, who } = signedIn;
      setCookie(reply, SESSION_COOKIE, token, { secure: secure(request), maxAgeSeconds: SESSION_MAX_DAYS * 86_400 });
      return reply.redirect(safeNext(form.next, who.kind === 'agent' ? '/agent' : '/portal'), 303);
    } catch (error) {
      if (!isAccordError(error)) throw error;
      const status = error.code === 'limit_exceeded' ? 429 : error.code === 'unauthenticated' ? 401 : 400;
      const message = error.code === 'invalid_input' ? `Enter your ${error.details.map((d) => d.path).join(' and ')}.` : error.message;
      return sendPage(request, reply, 'login', { title: 'Sign in', next: safeNext(form.next, ''), email: form.email ?? '', error: message }, status);
    }
  });

  web.post('/login/code', page('public'), async (request, reply) => {
    const form = formOf(request);
    try {
      const who = await answerChallenge(deps, { challenge: form.challenge ?? '', code: form.code ?? '' });
      const { token } = await createSession(deps.db, deps.clock, who);
      setCookie(reply, SESSION_COOKIE, token, { secure: secure(request), maxAgeSeconds: SESSION_MAX_DAYS * 86_400 });
      return reply.redirect(safeNext(form.next, who.kind === 'agent' ? '/agent' : '/portal'), 303);
    } catch (error) {
      if (!isAccordError(error)) throw error;
      // A wrong code: the same challenge, again. An expired or overtried one: sign in again.
      if (error.code === 'invalid_input') return sendPage(request, reply, 'login-code', { title: 'Enter your code', challenge: form.challenge ?? '', next: safeNext(form.next, ''), error: error.message }, 400);
      return sendPage(request, reply, 'login', { title: 'Sign in', next: safeNext(form.next, ''), email: '', error: error.message }, 401);
    }
  });

  web.post('/logout', page('public'), async (request, reply) => {
    const token = readCookies(request)[SESSION_COOKIE];
    if (token) await endSession(deps.db, token);
    clearCookie(reply, SESSION_COOKIE, { secure: secure(request) });
    return reply.redirect('/login', 303);
  });

  web.get('/forgot', page('public'), async (request, reply) => sendPage(request, reply, 'forgot', { title: 'Reset your password', sent: false, minutes: RESET_MINUTES }));

  web.post('/forgot', page('public'), async (request, reply) => {
    try {
      await requestPasswordReset(deps, { email: formOf(request).email ?? '' });
    } catch (error) {
      if (!isAccordError(error) || error.code !== 'invalid_input') throw error;
      return sendPage(request, reply, 'forgot', { title: 'Reset your password', sent: false, error: 'Enter your email.' }, 400);
    }
    return sendPage(request, reply, 'forgot', { title: 'Reset your password', sent: true, minutes: RESET_MINUTES });
  });

  // An invitation's link (auth/invitation.ts) is the same token with welcome=1: the page greets
  // someone choosing their first password rather than a new one.
  const tokenQuery = { querystring: { type: 'object', properties: { token: { type: 'string', maxLength: 200 }, welcome: { type: 'string', enum: ['1'] } } } };
  const resetTitle = (welcome: boolean) => (welcome ? 'Choose your password' : 'Choose a new password');
  // Without a token (the address typed, or the link cut short) there is no password to set: the page says where the link comes from.
  // A link already used or past its time says so at once, with the way to a new one, not a form refused once filled in.
  web.get<{ Querystring: { token?: string; welcome?: string } }>('/reset', page('public', tokenQuery), async (request, reply) => {
    const token = request.query.token ?? '';
    const spent = token !== '' && !(await resetTokenUsable(deps, token));
    return sendPage(request, reply, 'reset', {
      title: resetTitle(request.query.welcome === '1'), welcome: request.query.welcome === '1', token, noToken: !token,
      error: spent ? 'This reset link is not valid any more: ask for a new one' : null, tokenRefused: spent,
    });
  });

  web.post('/reset', page('public'), async (request, reply) => {
    const form = formOf(request);
    try {
      await resetPassword(deps, { token: form.token ?? '', password: form.password ?? '' });
    } catch (error) {
      if (!isAccordError(error) || error.code !== 'invalid_input') throw error;
      // A link used, expired or cut short cannot set a password whatever is typed: the page offers a new link instead of the form.
      const tokenRefused = !form.token || error.details.some((d) => d.path === 'token');
      const message = tokenRefused ? (form.token ? error.message : 'This reset link is not valid any more: ask for a new one') : 'The password must be 10 to 200 characters.';
      return sendPage(request, reply, 'reset', { title: resetTitle(form.welcome === '1'), welcome: form.welcome === '1', token: form.token ?? '', error: message, tokenRefused }, 400);
    }
    const text = form.welcome === '1' ? 'Your password is set: sign in with it.' : 'Your password is changed: sign in with it.';
    return sendPage(request, reply, 'login', { title: 'Sign in', next: '', email: '', error: null, flash: { kind: 'ok', text } });
  });
  // A contact's new address (auth/address-change.ts): the link mailed to it opens a page that asks
  // first (a mail scanner following links changes nothing); the button makes the change.
  const addressQuery = { querystring: { type: 'object', properties: { token: { type: 'string', maxLength: 200 } } } };
  web.get<{ Querystring: { token?: string } }>('/address/confirm', page('public', addressQuery), async (request, reply) => {
    const token = request.query.token ?? '';
    const change = token ? await addressChangeOfToken(deps.db, deps.clock, token) : null;
    return sendPage(request, reply, 'address-confirm', { title: 'Confirm your new address', token, change, error: null, done: null }, change ? 200 : 404);
  });

  web.post('/address/confirm', page('public'), async (request, reply) => {
    const form = formOf(request);
    try {
      const done = await confirmAddressChange(deps, { token: form.token ?? '' });
      return sendPage(request, reply, 'address-confirm', { title: 'Your address is changed', token: '', change: null, error: null, done, signedIn: Boolean(request.webSession) });
    } catch (error) {
      if (!isAccordError(error) || !['invalid_input', 'conflict'].includes(error.code)) throw error;
      return sendPage(request, reply, 'address-confirm', { title: 'Confirm your new address', token: '', change: null, error: error.message, done: null }, error.code === 'conflict' ? 409 : 400);
    }
  });
}
