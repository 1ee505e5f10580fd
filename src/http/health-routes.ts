// Liveness (the process answers) and readiness (the database answers and is fully migrated).
import type { FastifyInstance } from 'fastify';
import { UnavailableError } from '../platform/errors.ts';
import { pendingMigrations } from '../platform/migrate.ts';
import type { Db } from '../platform/db.ts';

export function registerHealthRoutes(app: FastifyInstance, deps: { db: Db; migrationsDir?: string }): void {
  const status = { type: 'object', properties: { status: { type: 'string' } } };

  app.get('/healthz', { schema: { tags: ['health'], response: { 200: status } } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { tags: ['health'], response: { 200: status, 503: { $ref: 'ErrorEnvelope#' } } } }, async () => {
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
