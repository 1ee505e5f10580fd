// The web pages people use (issue 10): sign-in, the agent console, the customer portal, the
// published policy and knowledge base, admin and SLA reports. Server-rendered (Eta), working
// without JavaScript; small self-hosted scripts add countdowns, live updates and shortcuts.
// Pages are a thin transport over the domains' verbs, behind the same deny-by-default access
// check as the API (src/http/access.ts), with the session cookie as the credential.
import { readdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import { registerUploads } from './uploads.ts';
import type { Actor, Clock, Db } from '../platform/index.ts';
import { authenticateSession, registerTwoStepRequirement, SESSION_COOKIE } from './auth/index.ts';
import { readCookies } from './cookies.ts';
import { registerCsrf } from './csrf.ts';
import { pageErrorHandler } from './page-errors.ts';
import { sendPage } from './render.ts';
import type { WebDeps } from './page-kit.ts';
import { registerAdminPages } from './pages/admin-pages.ts';
import { registerCustomerImportPages } from './pages/customer-import-pages.ts';
import { registerAgentPages } from './pages/agent-pages.ts';
import { registerTicketPages } from './pages/ticket-pages.ts';
import { registerSideConversationPages } from './pages/side-conversation-pages.ts';
import { registerAuthPages } from './pages/auth-pages.ts';
import { registerRatingPages } from './pages/rating-pages.ts';
import { registerAuditPages } from './pages/audit-pages.ts';
import { registerTagPages } from './pages/tag-pages.ts';
import { registerOrganizationPages } from './pages/organization-pages.ts';
import { registerLivePages } from './pages/live-pages.ts';
import { registerPolicyAdminPages } from './pages/policy-admin-pages.ts';
import { registerPortalPages } from './pages/portal-pages.ts';
import { registerPortalEscalationPages } from './pages/portal-escalation-pages.ts';
import { registerChatPages } from './pages/chat-pages.ts';
import { registerPublishedPages } from './pages/published-pages.ts';
import { registerReportPages } from './pages/report-pages.ts';
import { registerAttachmentPages } from './pages/attachment-pages.ts';
import { registerStatusConsolePages } from './pages/status-console-pages.ts';
import { registerDeskPages } from './pages/desk-pages.ts';
import { registerHeldPages } from './pages/held-pages.ts';
import { registerCannedPages } from './pages/canned-pages.ts';
import { registerSettingsPages } from './pages/settings-pages.ts';

export type { WebDeps } from './page-kit.ts';
export { authenticateSession, createSession, signIn, requestPasswordReset, resetPassword, pruneLoginAttempts, pruneSessions, inviteToSignIn, INVITE_DAYS } from './auth/index.ts';
export type { TwoStepRequirement } from './auth/index.ts';

/** For the access check (http/access.ts): the actor of the request's session cookie, or null. */
export function webSessionResolver(deps: { db: Db; clock: Clock }): (request: FastifyRequest) => Promise<Actor | null> {
  return async (request) => {
    const token = readCookies(request)[SESSION_COOKIE];
    const session = token && token.length <= 100 ? await authenticateSession(deps.db, deps.clock, token) : null;
    request.webSession = session;
    return session?.actor ?? null;
  };
}

/** The site's "not found" page, for a browser's navigation to a path nothing serves (http/error-handler.ts). */
export function notFoundPage(deps: { db: Db; clock: Clock }): (request: FastifyRequest, reply: FastifyReply, message: string) => Promise<FastifyReply> {
  const resolveSession = webSessionResolver(deps);
  return async (request, reply, message) => {
    // Signed in or not, the header shows it as on every other page.
    await resolveSession(request).catch(() => null);
    return sendPage(request, reply, 'error', { title: 'Not found', message, details: [] }, 404);
  };
}

const ASSET_TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

/** Registers every page in one encapsulated context: form bodies (and files, where a page takes them), CSRF and HTML errors apply to pages only. */
export async function registerWebPages(app: FastifyInstance, deps: WebDeps): Promise<void> {
  const secure = (request: FastifyRequest) => deps.baseUrl.startsWith('https:') || request.protocol === 'https';
  // On the root, so the layout of every page (the HTML "not found" included) can ask whether the
  // active policy publishes a status page.
  app.decorate('pagesDb', deps.db);
  app.decorate('pagesClock', deps.clock);
  await app.register(async (web) => {
    await web.register(formbody, { bodyLimit: 1024 * 1024 });
    await registerUploads(web);
    web.decorateRequest('webSession', null);
    web.setErrorHandler(pageErrorHandler);
    registerCsrf(web, { baseUrl: deps.baseUrl, secure });
    registerTwoStepRequirement(web, deps.twoStepRequired);
    registerAuthPages(web, deps, secure);
    registerAgentPages(web, deps);
    registerTicketPages(web, deps);
    registerSideConversationPages(web, deps);
    registerLivePages(web, deps);
    registerPortalPages(web, deps);
    registerPortalEscalationPages(web, deps);
    registerChatPages(web, deps);
    registerRatingPages(web, deps);
    registerPublishedPages(web, deps);
    registerAdminPages(web, deps);
    registerCustomerImportPages(web, deps);
    registerAuditPages(web, deps);
    registerTagPages(web, deps);
    registerOrganizationPages(web, deps);
    registerPolicyAdminPages(web, deps);
    registerReportPages(web, deps);
    registerAttachmentPages(web, deps);
    registerStatusConsolePages(web, deps);
    registerDeskPages(web, deps);
    registerHeldPages(web, deps);
    registerCannedPages(web, deps);
    registerSettingsPages(web, deps);
  });

  // The pages' own scripts and styles, read once at start: self-hosted, so the CSP can stay 'self'.
  const dir = new URL('./assets/', import.meta.url);
  const assets = new Map(readdirSync(dir).map((name) => [name, readFileSync(new URL(name, dir))]));
  app.get<{ Params: { file: string } }>(
    '/assets/:file',
    { config: { access: 'public', session: true }, schema: { hide: true, params: { type: 'object', properties: { file: { type: 'string', maxLength: 100 } } } } },
    async (request, reply) => {
      const body = assets.get(request.params.file);
      const type = ASSET_TYPES[request.params.file.slice(request.params.file.lastIndexOf('.'))];
      if (!body || !type) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      // The chat button is loaded by the vendor's own sites (assets/chat-widget.js): it may be read across origins.
      if (request.params.file === 'chat-widget.js') reply.header('cross-origin-resource-policy', 'cross-origin');
      return reply.type(type).header('cache-control', 'public, max-age=3600').send(body);
    },
  );
}
