// The HTTP composition root. Reading top to bottom gives the request flow:
// route match -> request id + security headers -> access (who may call the matched route; before
// the body is read) -> body parse (UTF-8, depth and width limits) -> NUL guard + strict schema
// validation -> idempotency (the request's transaction) -> route -> verb, with every error mapped
// once into the envelope.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { DEFAULT_TOKEN_LIFETIMES, type TokenLifetimes } from '../customers/index.ts';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from '../webhooks/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';
import type { Logger } from '../platform/logger.ts';
import { AccessLog } from './request-log.ts';
import { registerAccess } from './access.ts';
import { registerAgentRoutes } from './agent-routes.ts';
import { registerCannedRoutes } from './canned-routes.ts';
import { BODY_LIMIT_BYTES, registerBodyParsing } from './body-parsing.ts';
import { registerContactRoutes } from './contact-routes.ts';
import { registerCustomerImportRoutes } from './customer-import-routes.ts';
import { ErrorEnvelopeSchema, frameworkErrorReply, registerErrorHandling } from './error-handler.ts';
import { registerHealthRoutes } from './health-routes.ts';
import { registerIdempotency } from './idempotency.ts';
import { registerIntakeRoutes } from './intake-routes.ts';
import { registerKbRoutes } from './kb-routes.ts';
import { registerMetrics } from './metrics.ts';
import { registerOncallRoutes } from './oncall-routes.ts';
import { registerOrganizationRoutes } from './organization-routes.ts';
import { registerPolicyRoutes } from './policy-routes.ts';
import { registerSlaReportRoutes } from './sla-report-routes.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { registerStatusPageRoutes } from './status-page-routes.ts';
import { registerStatusRoutes } from './status-routes.ts';
import { registerTextGuard } from './text-guard.ts';
import { registerTicketRoutes } from './ticket-routes.ts';
import { registerTimeEntryRoutes } from './time-entry-routes.ts';
import { registerSideConversationRoutes } from './side-conversation-routes.ts';
import { registerTicketMailRoutes } from './ticket-mail-routes.ts';
import { registerAttachmentRoutes } from './attachment-routes.ts';
import { registerTicketWorkflowRoutes } from './ticket-workflow-routes.ts';
import { registerTokenRoutes } from './token-routes.ts';
import { registerAuditRoutes } from './audit-routes.ts';
import { registerTagRoutes } from './tag-routes.ts';
import { registerQueueViewRoutes } from './queue-view-routes.ts';
import { registerTrainingRoutes } from './training-routes.ts';
import { registerValidation } from './validation.ts';
import { registerWebhookRoutes } from './webhook-routes.ts';
import { registerEmailRoutes, type EmailRouteSettings } from './email-routes.ts';
import { registerBlockedSenderRoutes } from './blocked-sender-routes.ts';
import { emailSettingsFor } from '../email/index.ts';
import type { AutoAssignSettings } from '../tickets/index.ts';
import { notFoundPage, registerWebPages, webSessionResolver, type TwoStepRequirement } from '../web/index.ts';

export interface AppDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** For tests of readiness; defaults to the repository's migrations folder. */
  migrationsDir?: string;
  /** How long new API tokens live (config); defaults to 90 days for contacts, 365 for agents. */
  tokenLifetimes?: TokenLifetimes;
  /** Where webhooks may point (config: ACCORD_WEBHOOKS_ALLOW_PRIVATE); private targets refused by default. */
  webhooks?: WebhookSettings;
  /** The email channel's settings; `devMail` registers the demo's mail catcher (/dev/mail) when mail is captured. */
  email?: EmailRouteSettings;
  /** Where links in mail and feeds point (config: ACCORD_BASE_URL). */
  baseUrl?: string;
  /** Whose web sign-in must have a second step (config: ACCORD_TWO_STEP_REQUIRED); nobody's by default. */
  twoStepRequired?: TwoStepRequirement;
  /** New tickets assigned in turn (config: ACCORD_AUTO_ASSIGN; the job does it, the pages say so); off by default. */
  autoAssign?: AutoAssignSettings | null;
}

const DEFAULT_BASE_URL = 'http://127.0.0.1:3000';
// Swagger UI registers its own routes (page and static files); they are public by this declaration.
const DOCS_PREFIX = '/docs';
// Swagger UI sets inline styles, so its pages get their own policy; scripts stay 'self' only.
const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Builds the app without listening, so tests drive it with app.inject().
 * @example
 * const app = await buildApp({ db, clock: systemClock, logger });
 * const res = await app.inject({ method: 'GET', url: '/healthz' });
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // Typed as Fastify's base logger so the app keeps Fastify's default instance type.
    loggerInstance: deps.logger as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    logController: new AccessLog(),
    bodyLimit: BODY_LIMIT_BYTES,
    frameworkErrors: frameworkErrorReply(notFoundPage(deps)),
  });
  const routeDeps = {
    db: deps.db,
    clock: deps.clock,
    tokenLifetimes: deps.tokenLifetimes ?? DEFAULT_TOKEN_LIFETIMES,
    webhooks: deps.webhooks ?? DEFAULT_WEBHOOK_SETTINGS,
  };

  // Echo the request id so a client can quote it; it is also in every error envelope and log line.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    setSecurityHeaders(reply);
  });
  registerErrorHandling(app, { htmlNotFound: notFoundPage(deps) });
  app.addSchema(ErrorEnvelopeSchema);
  // Before any route is added: every route must declare who may call it.
  registerAccess(app, deps, { publicPrefixes: [DOCS_PREFIX], session: webSessionResolver(deps) });
  registerValidation(app);
  registerBodyParsing(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Accord API',
        version: '1',
        description: 'Support desk that keeps the promises of a written support policy.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: '/', description: 'This Accord instance' }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token: `Authorization: Bearer acc_...`' } } },
      tags: [
        { name: 'health', description: 'Liveness and readiness' },
        { name: 'organizations', description: 'Customer organizations and their plans' },
        { name: 'contacts', description: "People at customer organizations, named support contacts among them" },
        { name: 'agents', description: 'The support team' },
        { name: 'tokens', description: 'API tokens: create, list, revoke' },
        { name: 'audit', description: 'The audit trail: who changed what outside tickets (admins)' },
        { name: 'tickets', description: 'Tickets, their timelines and SLA clocks' },
        { name: 'policy', description: 'The support policy, as code and as published' },
        { name: 'sla', description: 'Deadlines under the policy' },
        { name: 'webhooks', description: 'Outbound webhooks: signed event deliveries to your systems, and their history' },
        { name: 'kb', description: 'The knowledge base: articles, FAQs and release notes; search and suggestions' },
        { name: 'canned', description: 'Canned responses: replies the team writes once, filled for a ticket' },
        { name: 'oncall', description: 'On-call rotations, overrides and who is on call' },
        { name: 'training', description: "Organizations' training hours: grants and sessions" },
        { name: 'email', description: 'Inbound mail: what arrived and what became of it (admins)' },
        { name: 'status', description: 'The public status page: incidents, maintenance, postmortems, subscribers; its admin API' },
        { name: 'statuspage', description: "Atlassian Statuspage's v2 public API, field for field" },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX, staticCSP: DOCS_CSP });
  app.get(
    '/openapi.json',
    { config: { access: 'public' }, schema: { hide: true } },
    async () => app.swagger(),
  );

  registerIdempotency(app, deps);
  registerTextGuard(app);

  registerHealthRoutes(app, deps);
  registerMetrics(app, deps);
  registerOrganizationRoutes(app, routeDeps);
  registerContactRoutes(app, { ...routeDeps, baseUrl: deps.baseUrl ?? DEFAULT_BASE_URL });
  registerCustomerImportRoutes(app, { ...routeDeps, baseUrl: deps.baseUrl ?? DEFAULT_BASE_URL });
  registerAgentRoutes(app, { ...routeDeps, baseUrl: deps.baseUrl ?? DEFAULT_BASE_URL });
  registerTokenRoutes(app, routeDeps);
  registerAuditRoutes(app, routeDeps);
  registerTagRoutes(app, routeDeps);
  registerQueueViewRoutes(app, routeDeps);
  registerTicketRoutes(app, routeDeps);
  registerTimeEntryRoutes(app, routeDeps);
  registerSideConversationRoutes(app, routeDeps);
  registerTicketMailRoutes(app, routeDeps);
  registerAttachmentRoutes(app, routeDeps);
  registerTicketWorkflowRoutes(app, routeDeps);
  registerIntakeRoutes(app, routeDeps);
  registerPolicyRoutes(app, routeDeps);
  registerSlaReportRoutes(app, routeDeps);
  registerWebhookRoutes(app, routeDeps);
  registerKbRoutes(app, routeDeps);
  registerCannedRoutes(app, routeDeps);
  registerOncallRoutes(app, routeDeps);
  registerTrainingRoutes(app, routeDeps);
  const email = deps.email ?? { settings: emailSettingsFor('support@accord.localhost'), devMail: false };
  registerEmailRoutes(app, { ...routeDeps, email });
  registerBlockedSenderRoutes(app, { ...routeDeps, email });
  registerStatusRoutes(app, routeDeps);
  registerStatusPageRoutes(app, { ...routeDeps, baseUrl: deps.baseUrl ?? DEFAULT_BASE_URL });
  // The web pages: the same verbs, server-rendered, with the session cookie as credential (src/web).
  await registerWebPages(app, { ...routeDeps, baseUrl: deps.baseUrl ?? DEFAULT_BASE_URL, email, twoStepRequired: deps.twoStepRequired ?? 'off', autoAssign: deps.autoAssign ?? null });

  await app.ready();
  return app;
}
