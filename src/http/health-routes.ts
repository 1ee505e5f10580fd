// Liveness (the process answers) and readiness (the database answers and is fully migrated).
import type { FastifyInstance } from 'fastify';
import { UnavailableError } from '../platform/errors.ts';
import { pendingMigrations } from '../platform/migrate.ts';
import type { Db } from '../platform/db.ts';

export function registerHealthRoutes(app: FastifyInstance, deps: { db: Db; migrationsDir?: string }): void {
  const status = { type: 'object', properties: { status: { type: 'string' } } };

  app.get(
    '/healthz',
    { config: { access: 'public' }, schema: { operationId: 'getHealth', tags: ['health'], summary: 'The process is up', response: { 200: status, '4xx': { $ref: 'ErrorEnvelope#' } } } },
    async () => ({ status: 'ok' }),
  );

  const readiness = { 200: status, '4xx': { $ref: 'ErrorEnvelope#' }, 503: { $ref: 'ErrorEnvelope#' } };
  app.get('/readyz', { config: { access: 'public' }, schema: { operationId: 'getReadiness', tags: ['health'], summary: 'The database answers and is migrated', response: readiness } }, async () => {
    let pending: string[];
    try {
      pending = await pendingMigrations(deps.db, deps.migrationsDir);
    } catch {
      throw new UnavailableError('The database is not reachable', [{ path: 'database', message: 'not reachable' }]);
    }
    if (pending.length > 0) {
      throw new UnavailableError('Migrations are pending', [{ path: 'migrations', message: `pending: ${pending.join(', ')}` }]);
    }
    return { status: 'ready' };
  });
}
