// Server-rendered pages: Eta templates in views/, escaping every `<%= %>` value (autoEscape);
// raw output (`<%~ %>`) is used only for HTML Accord generated itself (the layout's body, the
// published policy, sanitised article HTML, SVG charts). Every page works without JavaScript.
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock, Db } from '../platform/index.ts';
import { possessive, releasesTitle, RELEASES_TITLE, severityLabel, type PolicyModel } from '../policy/index.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { statusPageOf } from '../status/index.ts';
import { chatsWaiting, type WaitingChat } from '../tickets/index.ts';
import type { Session } from './auth/index.ts';
import { formatters, ROLE_NAMES } from './format.ts';

const eta = new Eta({ views: fileURLToPath(new URL('./views/', import.meta.url)), autoEscape: true, cache: true, defaultExtension: '.eta' });

declare module 'fastify' {
  interface FastifyRequest {
    /** The browser session of a page request (src/web), null when nobody is signed in. */
    webSession: Session | null;
    /** The anonymous CSRF token (double-submit cookie) of a page request without a session. */
    anonymousCsrf: string | null;
  }
  interface FastifyInstance {
    /** The database the pages' layout reads from (registerWebPages), on the root so that every page has it, the HTML 404 included. */
    pagesDb?: Db;
    /** The clock of those reads (the chats waiting now). */
    pagesClock?: Clock;
  }
}

export type Flash = { kind: 'ok' | 'error'; text: string };

/**
 * What the layout links from the active policy: the status page, when it publishes one (OpenBack,
 * OPS-COM and others publish none, and a link to /status would lead to a "not found"), and live
 * chat, when one of its channels is a chat (tickets/chat.ts; the chat page says whether the
 * reader's plan has it and whether it is staffed now). Read per page (one small query; the
 * policy's model is cached), so an activation on another instance shows at once. And the vendor's
 * word for a level ("Tier": OpenKey), which the error page names a refused level field by.
 */
async function policyLinks(db: Db | undefined): Promise<{ statusPage: boolean; chat: boolean; vendor: string | null; levelLabel: string | null; releases: string }> {
  const none = { statusPage: false, chat: false, vendor: null, levelLabel: null, releases: RELEASES_TITLE };
  if (!db) return none;
  try {
    const { model } = await activePolicy(db);
    return {
      statusPage: statusPageOf(model) !== null, chat: model.file.channels.some((c) => c.kind === 'chat'), vendor: model.file.vendor.name,
      levelLabel: severityLabel(model), releases: releasesTitle(model),
    };
  } catch {
    // No policy active yet, or the database unreachable: the page still renders, without the links.
    return none;
  }
}

/** Renders a view inside the layout and sends it; `data` is the view's `it`. */
export async function sendPage(request: FastifyRequest, reply: FastifyReply, view: string, data: Record<string, unknown>, status = 200): Promise<FastifyReply> {
  const session = request.webSession ?? null;
  const { statusPage, chat, vendor, levelLabel, releases } = await policyLinks(request.server.pagesDb);
  // Customers and visitors are on the vendor's support site ("OpenBack support"); the team's pages
  // are Accord's (QA: the portal's titles and footer named the software, not the vendor).
  const site = vendor && session?.actor.kind !== 'agent' ? `${vendor} support` : 'Accord';
  // The reader's own time zone, once for every page: a page's formatters show each time in it.
  const f = data.f as { now: string; viewerZone: string | null } | undefined;
  const zoned = f && session?.timeZone && f.viewerZone !== session.timeZone ? { f: formatters(Temporal.Instant.from(f.now), session.timeZone) } : {};
  // An agent's menu names the customers waiting in live chat (tickets/chat.ts), where the policy has a chat channel.
  const { pagesDb, pagesClock } = request.server;
  const chatsWaitingNow: WaitingChat[] | null = chat && session?.actor.kind === 'agent' && pagesDb && pagesClock ? await chatsWaiting(pagesDb, pagesClock.now()) : null;
  const html = eta.render(view, {
    ...data,
    ...zoned,
    me: session ? { name: session.name, email: session.email, kind: session.actor.kind, role: session.actor.kind === 'agent' ? session.actor.role : null,
      roleName: session.actor.kind === 'agent' ? ROLE_NAMES[session.actor.role] ?? session.actor.role : null } : null,
    csrf: session?.csrf ?? request.anonymousCsrf ?? '',
    path: request.url.split('?')[0],
    statusPage,
    offersChat: chat,
    chatsWaiting: chatsWaitingNow,
    site,
    levelLabel,
    releasesTitle: releases,
    // Whose it is, in any view: "Northwind Hotels' name and plan", "Ann Lee's email" (policy/names.ts).
    possessive,
  });
  // Pages show tickets and people: never cache them in shared or browser caches.
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/** Renders a partial (no layout) to a string, for fragments sent to scripts. */
export function renderPartial(view: string, data: Record<string, unknown>): string {
  return eta.render(view, data);
}
