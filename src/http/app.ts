// The HTTP composition root. Reading top to bottom gives the request flow:
// request id -> auth (/api only) -> body parse -> NUL guard + schema validation -> idempotency -> route -> verb,
// with every error mapped once into the envelope.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';
import type { Logger } from '../platform/logger.ts';
import { registerAgentRoutes } from './agent-routes.ts';
import { registerAuth } from './auth.ts';
import { registerContactRoutes } from './contact-routes.ts';
import { ErrorEnvelopeSchema, frameworkErrorReply, registerErrorHandling } from './error-handler.ts';
import { registerHealthRoutes } from './health-routes.ts';
import { registerIdempotency } from './idempotency.ts';
import { registerOrganizationRoutes } from './organization-routes.ts';
import { registerPolicyRoutes } from './policy-routes.ts';
import { registerTextGuard } from './text-guard.ts';
import { registerTicketRoutes } from './ticket-routes.ts';

export interface AppDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** For tests of readiness; defaults to the repository's migrations folder. */
  migrationsDir?: string;
}

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
    // Bodies are small JSON documents; anything bigger is a mistake or an attack.
    bodyLimit: 1024 * 1024,
    frameworkErrors: frameworkErrorReply,
    ajv: {
      // Refuse unknown fields instead of silently dropping them; coerce only query strings' types.
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true },
    },
  });

  // Echo the request id so a client can quote it; it is also in every error envelope and log line.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerErrorHandling(app);
  app.addSchema(ErrorEnvelopeSchema);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Accord API', version: '1', description: 'Support desk that keeps the promises of a written support policy.' },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuth(app, deps);
  registerIdempotency(app, deps);
  registerTextGuard(app);

  registerHealthRoutes(app, deps);
  registerOrganizationRoutes(app, deps);
  registerContactRoutes(app, deps);
  registerAgentRoutes(app, deps);
  registerTicketRoutes(app, deps);
  registerPolicyRoutes(app, deps);

  await app.ready();
  return app;
}
