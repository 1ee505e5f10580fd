// /api/v1/policy and /api/v1/sla/simulate: the active support policy (read, replace, rendered)
// and "where would the clocks be due" against it.
import type { FastifyInstance } from 'fastify';
import { InvalidInputError } from '../platform/errors.ts';
import { publishedOn, renderPolicy } from '../policy/render/index.ts';
import { activatePolicy, activePolicy, reprojectionProgress } from '../policy-versions/index.ts';
import { simulateRequest } from '../tickets/index.ts';
import { ADMINS, AGENTS, ctxFor, errorResponses, SIGNED_IN, timestamp } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { YAML_TYPES } from './body-parsing.ts';
import { simulationRequest, type SimulationBody } from './simulation-input.ts';

const tags = ['policy'];
// The policy file is YAML (YAML_TYPES, read as text by body-parsing.ts); JSON callers wrap it as {"source": "..."}.
const yamlText = { type: 'string', minLength: 1, maxLength: 1_000_000 } as const;
const sourceObject = { type: 'object', additionalProperties: false, required: ['source'], properties: { source: yamlText } } as const;

// Open tickets move onto a new version in the background (ADR 0011): how far that has come, or null.
const Reprojecting = {
  type: ['object', 'null'],
  required: ['done', 'total'],
  properties: { done: { type: 'integer', minimum: 0 }, total: { type: 'integer', minimum: 0 } },
  description: 'open tickets moved onto the active version so far, of those to move; null when all are on it',
} as const;

const PolicyDocument = {
  type: 'object',
  required: ['version', 'activated_at', 'policy', 'source', 'reprojecting'],
  properties: {
    reprojecting: Reprojecting,
    version: { type: 'integer' },
    activated_at: timestamp,
    policy: { type: 'object', additionalProperties: true, description: 'the parsed policy file' },
    source: { type: 'string', description: 'the YAML source as activated' },
  },
} as const;

const time = { type: 'string', minLength: 1, maxLength: 64, description: 'ISO-8601 date-time with an offset' } as const;
const simulateBody = {
  type: 'object',
  additionalProperties: false,
  required: ['plan', 'severity', 'opened'],
  properties: {
    plan: { type: 'string', minLength: 1, maxLength: 100 },
    severity: { type: 'integer', minimum: 0, maximum: 99 },
    opened: time,
    channel: { type: 'string', minLength: 1, maxLength: 100, description: 'a channel id or kind (email, phone, ...); one the policy does not know is refused with 400' },
    pauses: {
      type: 'array',
      maxItems: 100,
      items: { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { from: time, to: time } },
    },
  },
} as const;

function sourceOf(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body && typeof body === 'object' && typeof (body as { source?: unknown }).source === 'string') return (body as { source: string }).source;
  throw new InvalidInputError('Send the policy as YAML text (application/yaml) or as JSON {"source": "..."}', [{ path: 'source', message: 'is required' }]);
}

export function registerPolicyRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(
    '/api/v1/policy',
    {
      // The source carries the vendor's internal notes (OPS-COM's agent notes on Sentry links): agents only.
      config: { access: AGENTS },
      schema: { operationId: 'getPolicy', tags, summary: 'The active policy: version, parsed file and YAML source', response: { 200: PolicyDocument, ...errorResponses } },
    },
    async (request) => {
      const { db } = ctxFor(request, deps);
      const active = await activePolicy(db);
      const reprojecting = await reprojectionProgress(db);
      return { version: active.version, activated_at: active.activatedAt.toString(), policy: active.model.file, source: active.model.source, reprojecting };
    },
  );

  app.put(
    '/api/v1/policy',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'activatePolicy',
        tags,
        summary: 'Validate and activate a new policy version; open tickets are re-projected onto it in the background',
        body: {
          content: {
            ...Object.fromEntries(YAML_TYPES.map((t) => [t, { schema: yamlText }])),
            'application/json': { schema: sourceObject },
          },
        },
        response: {
          200: { type: 'object', required: ['version', 'reprojecting'], properties: { version: { type: 'integer' }, reprojecting: Reprojecting } },
          ...errorResponses,
        },
      },
    },
    async (request) => activatePolicy({ ctx: ctxFor(request, deps), input: { source: sourceOf(request.body) } }),
  );

  app.get<{ Querystring: { format: 'md' | 'html' } }>(
    '/api/v1/policy/rendered',
    {
      // What the vendor publishes: public.
      config: { access: 'public' },
      schema: {
        operationId: 'getRenderedPolicy',
        tags,
        summary: 'The published policy, generated from the enforced one (holidays of the current year)',
        querystring: { type: 'object', additionalProperties: false, properties: { format: { type: 'string', enum: ['md', 'html'], default: 'md' } } },
        produces: ['text/markdown', 'text/html'],
        response: { 200: { content: { 'text/markdown': { schema: { type: 'string' } }, 'text/html': { schema: { type: 'string' } } } }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { model } = await activePolicy(deps.db);
      const year = publishedOn(model, deps.clock.now()).year;
      const format = request.query.format;
      reply.type(format === 'html' ? 'text/html; charset=utf-8' : 'text/markdown; charset=utf-8');
      return renderPolicy(model, format, { year });
    },
  );

  app.post<{ Body: SimulationBody }>(
    '/api/v1/sla/simulate',
    {
      config: { access: SIGNED_IN },
      schema: {
        operationId: 'simulateSla',
        tags: ['sla'],
        summary: 'Where the clocks of a hypothetical request would be due under the active policy',
        body: simulateBody,
        response: {
          200: {
            type: 'object',
            required: ['targets'],
            properties: {
              targets: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { metric: { type: 'string' }, due: timestamp, goal: { type: ['string', 'null'] }, clock: { type: 'string' }, explain: { type: 'array', items: { type: 'string' } } },
                },
              },
              refusal: { type: 'string', description: 'Present when the request would not be taken through its channel (one the plan lacks, or a phone or chat closed at `opened` that no after-hours rule takes this severity through), in the words intake refuses it with, said for the simulated time; targets is then empty' },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { model } = await activePolicy(ctxFor(request, deps).db);
      const sim = simulateRequest(model, simulationRequest(model, request.body));
      return sim.refusal === null ? { targets: sim.targets } : { targets: sim.targets, refusal: sim.refusal };
    },
  );
}
