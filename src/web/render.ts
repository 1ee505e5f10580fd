// Server-rendered pages: Eta templates in views/, escaping every `<%= %>` value (autoEscape);
// raw output (`<%~ %>`) is used only for HTML Accord generated itself (the layout's body, the
// published policy, sanitised article HTML, SVG charts). Every page works without JavaScript.
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from './auth/index.ts';

const eta = new Eta({ views: fileURLToPath(new URL('./views/', import.meta.url)), autoEscape: true, cache: true, defaultExtension: '.eta' });

declare module 'fastify' {
  interface FastifyRequest {
    /** The browser session of a page request (src/web), null when nobody is signed in. */
    webSession: Session | null;
    /** The anonymous CSRF token (double-submit cookie) of a page request without a session. */
    anonymousCsrf: string | null;
  }
}

export type Flash = { kind: 'ok' | 'error'; text: string };

/** Renders a view inside the layout and sends it; `data` is the view's `it`. */
export function sendPage(request: FastifyRequest, reply: FastifyReply, view: string, data: Record<string, unknown>, status = 200): FastifyReply {
  const session = request.webSession;
  const html = eta.render(view, {
    ...data,
    me: session ? { name: session.name, email: session.email, kind: session.actor.kind, role: session.actor.kind === 'agent' ? session.actor.role : null } : null,
    csrf: session?.csrf ?? request.anonymousCsrf ?? '',
    path: request.url.split('?')[0],
  });
  // Pages show tickets and people: never cache them in shared or browser caches.
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/** Renders a partial (no layout) to a string, for fragments sent to scripts. */
export function renderPartial(view: string, data: Record<string, unknown>): string {
  return eta.render(view, data);
}
