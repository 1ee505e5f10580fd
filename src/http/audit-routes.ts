// /api/v1/audit-events: the audit trail, for admins (a thin adapter over src/audit).
import type { FastifyInstance } from 'fastify';
import { listAuditEvents } from '../audit/index.ts';
import { ADMINS, ctxFor, errorResponses, pageOf, pageQuery, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { fromWire, pageToWire } from './wire.ts';

const AuditEvent = {
  type: 'object',
  required: ['id', 'at', 'actor', 'type', 'subject_kind', 'subject_id', 'organization_id', 'data'],
  properties: {
    id: uuid,
    at: timestamp,
    actor: {
      type: 'object', required: ['kind', 'id', 'name'],
      properties: { kind: { type: 'string', enum: ['agent', 'contact', 'system'] }, id: { type: ['string', 'null'], format: 'uuid' }, name: { type: ['string', 'null'] } },
    },
    type: { type: 'string', description: 'noun.verbed, e.g. contact.deactivated' },
    subject_kind: { type: 'string' },
    subject_id: uuid,
    organization_id: { type: ['string', 'null'], format: 'uuid' },
    data: { type: 'object', additionalProperties: true, description: 'what changed, as the verb recorded it' },
  },
} as const;

export function registerAuditRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(
    '/api/v1/audit-events',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'listAuditEvents', tags: ['audit'],
        summary: 'The audit trail (writes outside tickets: people, tokens, webhooks, the policy, on-call, training, the status page), newest first',
        querystring: {
          ...pageQuery,
          properties: {
            ...pageQuery.properties,
            type: { type: 'string', maxLength: 100, description: 'a type (contact.deactivated) or its noun (contact)' },
            subject_kind: { type: 'string', maxLength: 50 },
            subject_id: uuid,
            actor_id: uuid,
            since: timestamp,
            until: timestamp,
          },
        },
        response: { 200: pageOf(AuditEvent), ...errorResponses },
      },
    },
    async (request) => pageToWire(await listAuditEvents({ ctx: ctxFor(request, deps), input: fromWire(request.query) })),
  );
}
