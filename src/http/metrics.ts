// GET /metrics: Prometheus text format. Per process: requests by route and status, their latency,
// and Node's own metrics. From the database, read when scraped (so every instance reports the
// same desk-wide numbers): open SLA clocks, warnings and breaches fired, the e-mail outbox (depth,
// failing), pending webhook deliveries, pg-boss queue depth per queue, re-projection progress.
// Per process again: grouped statements and the requests they carried (ADR 0013).
// Access: managers and admins (an API token of such an agent in Prometheus's `authorization`).
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../platform/db.ts';
import { groupStats } from '../platform/grouping.ts';
import { reprojectionProgress } from '../policy-versions/index.ts';
import { errorResponses, MANAGERS } from './route-kit.ts';

type DeskNumbers = { open_clocks: number; warnings: number; breaches: number; outbox_depth: number; email_failing: number; email_failed: number; webhooks_pending: number };

export const DESK_SQL = `SELECT
  (SELECT count(*)::int FROM sla_clocks WHERE met_at IS NULL AND state NOT IN ('cancelled', 'ended')) AS open_clocks,
  (SELECT count(*)::int FROM ticket_events WHERE type = 'sla_warning') AS warnings,
  (SELECT count(*)::int FROM ticket_events WHERE type = 'sla_breach') AS breaches,
  (SELECT count(*)::int FROM outbox WHERE status = 'pending') AS outbox_depth,
  (SELECT count(*)::int FROM outbox WHERE status = 'pending' AND last_error IS NOT NULL) AS email_failing,
  (SELECT count(*)::int FROM outbox WHERE status = 'failed') AS email_failed,
  (SELECT count(*)::int FROM webhook_deliveries WHERE status = 'pending') AS webhooks_pending`;

async function queueDepths(db: Db): Promise<Array<{ name: string; n: number }>> {
  // pg-boss's tables exist once a process has started the jobs (not in an app built for tests).
  const { rows } = await db.query<{ present: boolean }>("SELECT to_regclass('pgboss.job') IS NOT NULL AS present");
  if (!rows[0].present) return [];
  return (await db.query<{ name: string; n: number }>("SELECT name, count(*)::int AS n FROM pgboss.job WHERE state IN ('created', 'retry') GROUP BY name ORDER BY name")).rows;
}

/** The app's registry and the request hooks; call before routes are added. */
export function registerMetrics(app: FastifyInstance, deps: { db: Db }): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'accord_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const latency = new Histogram({
    name: 'accord_http_request_duration_seconds', help: 'HTTP request latency by route', labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
  });
  const desk = (name: string, help: string, key: keyof DeskNumbers) => ({ name, help, key });
  const deskGauges = [
    desk('accord_sla_open_clocks', 'SLA clocks owed and not met (neither cancelled nor ended by a regrade or a new policy version)', 'open_clocks'),
    desk('accord_sla_warnings_total', 'SLA warnings fired (timeline events)', 'warnings'),
    desk('accord_sla_breaches_total', 'SLA breaches fired (timeline events)', 'breaches'),
    desk('accord_outbox_depth', 'E-mail messages waiting in the outbox (to be sent, or retried)', 'outbox_depth'),
    desk('accord_email_failing', 'Outbox messages waiting to be retried after a failed attempt', 'email_failing'),
    desk('accord_email_failed', 'Outbox messages given up on after their last attempt', 'email_failed'),
    desk('accord_webhook_deliveries_pending', 'Webhook deliveries waiting to be sent', 'webhooks_pending'),
  ].map((g) => ({ ...g, gauge: new Gauge({ name: g.name, help: g.help, registers: [registry] }) }));
  const queued = new Gauge({ name: 'accord_queue_depth', help: 'Jobs waiting in each pg-boss queue', labelNames: ['queue'], registers: [registry] });
  // Grouped round trips (ADR 0013): requests over groups is the mean group size.
  const groups = new Counter({ name: 'accord_db_groups_total', help: 'Grouped statements sent by this process, by kind (write, read:token, read:intake, read:token+intake)', labelNames: ['kind'], registers: [registry] });
  const grouped = new Counter({ name: 'accord_db_grouped_requests_total', help: 'Requests carried by grouped statements, by kind', labelNames: ['kind'], registers: [registry] });
  const counted = new Map<string, { groups: number; requests: number }>();
  const reprojection = new Gauge({ name: 'accord_policy_reprojection_tickets', help: 'Re-projection onto the active policy: tickets done and total (0 when none is running)', labelNames: ['kind'], registers: [registry] });

  // The route as declared (`/api/v1/tickets/:id`), never the raw URL: bounded label values.
  app.addHook('onResponse', async (request, reply) => {
    if (request.url === '/metrics') return;
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get(
    '/metrics',
    {
      config: { access: MANAGERS },
      schema: {
        operationId: 'getMetrics', tags: ['health'], summary: 'Prometheus metrics (text exposition format 0.0.4)',
        produces: ['text/plain'],
        response: { 200: { content: { 'text/plain': { schema: { type: 'string' } } } }, ...errorResponses },
      },
    },
    async (_request, reply) => {
      const { rows } = await deps.db.query<DeskNumbers>(DESK_SQL);
      for (const g of deskGauges) g.gauge.set(Number(rows[0][g.key]));
      queued.reset();
      for (const q of await queueDepths(deps.db)) queued.set({ queue: q.name }, q.n);
      const progress = await reprojectionProgress(deps.db);
      reprojection.set({ kind: 'done' }, progress?.done ?? 0);
      reprojection.set({ kind: 'total' }, progress?.total ?? 0);
      for (const [kind, s] of groupStats) {
        const before = counted.get(kind) ?? { groups: 0, requests: 0 };
        groups.inc({ kind }, s.groups - before.groups);
        grouped.inc({ kind }, s.requests - before.requests);
        counted.set(kind, { ...s });
      }
      reply.type(registry.contentType);
      return registry.metrics();
    },
  );
}
