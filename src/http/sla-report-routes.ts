// /api/v1/sla/attainment and /api/v1/sla/response-times: the managers' SLA reports for a BI tool
// or a spreadsheet, as the /reports page reads them (a thin adapter over tickets/sla-attainment.ts
// and tickets/response-times.ts). Managers and admins; a token with `sla:read` is enough.
import type { FastifyInstance } from 'fastify';
import { policyVersion } from '../policy-versions/index.ts';
import { responseTimes, slaAttainment } from '../tickets/index.ts';
import { ctxFor, errorResponses, MANAGERS } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';

const window = {
  from: { type: 'string', format: 'date-time', description: 'tickets opened at or after this instant' },
  to: { type: 'string', format: 'date-time', description: 'and before this one' },
} as const;

const count = { type: 'integer', minimum: 0 } as const;
/** An answer of rows: `{ items: [...] }`. */
const itemsOf = (item: Record<string, unknown>) => ({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: item } } }) as const;

export function registerSlaReportRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get<{ Querystring: { from: string; to: string; period?: 'day' | 'week' | 'month' } }>(
    '/api/v1/sla/attainment',
    {
      config: { access: MANAGERS },
      schema: {
        operationId: 'slaAttainment', tags: ['sla'],
        summary: 'How many clocks of the tickets opened in a window were met, breached or are still running, per period, metric, plan and severity',
        description: 'A clock met after its due time, or unmet past it, counts as breached; a clock still running before its due time is open. Cancelled clocks are left out.',
        querystring: {
          type: 'object', additionalProperties: false, required: ['from', 'to'],
          properties: { ...window, period: { type: 'string', enum: ['day', 'week', 'month'], default: 'week', description: 'the periods tickets are grouped by, by when they opened (UTC)' } },
        },
        response: {
          200: itemsOf({
            type: 'object', required: ['period', 'metric', 'plan', 'severity', 'met', 'breached', 'open'],
            properties: { period: { type: 'string', format: 'date', description: 'the first day of the period' }, metric: { type: 'string' }, plan: { type: 'string' }, severity: { type: 'integer' }, met: count, breached: count, open: count },
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: await slaAttainment({ ctx: ctxFor(request, deps), input: request.query }) }),
  );

  app.get<{ Querystring: { from: string; to: string } }>(
    '/api/v1/sla/response-times',
    {
      config: { access: MANAGERS },
      schema: {
        operationId: 'slaResponseTimes', tags: ['sla'],
        summary: 'How long meeting the first response and resolution targets took, per metric and plan, of the tickets opened in a window',
        description: "Each clock met (on time or late) counts the time its target counts: the business time of the target's own clock, pauses left out. Half within is the median (the lower of the middle two), 9 in 10 within the 90th percentile (nearest rank), in seconds.",
        querystring: { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: window },
        response: {
          200: itemsOf({
            type: 'object', required: ['metric', 'plan', 'met', 'half_within_seconds', 'nine_in_ten_within_seconds'],
            properties: { metric: { type: 'string', enum: ['first_response', 'resolution'] }, plan: { type: 'string' }, met: count, half_within_seconds: count, nine_in_ten_within_seconds: count },
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const ctx = ctxFor(request, deps);
      const rows = await responseTimes({ ctx, input: request.query, policyOf: (version) => policyVersion(ctx.db, version) });
      return {
        items: rows.map((r) => ({
          metric: r.metric, plan: r.plan, met: r.met, half_within_seconds: Math.round(r.halfWithinMs / 1000), nine_in_ten_within_seconds: Math.round(r.nineInTenWithinMs / 1000),
        })),
      };
    },
  );
}
