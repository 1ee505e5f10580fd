// What a customer is asked at intake, the agents' work queue in priority order, and the requests
// the policy refused at intake, kept for review. Thin adapters over the ticket verbs.
import type { FastifyInstance } from 'fastify';
import { CHANNELS, getHeldRequestFile, getIntake, listHeldRequests, listQueue, QUEUE_SORTS, reviewHeldRequest } from '../tickets/index.ts';
import { sendDownload } from './downloads.ts';
import { AGENTS, ctxFor, errorResponses, pageOf, SIGNED_IN, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { fromWire, pageToWire, toWire } from './wire.ts';

const HeldRequest = {
  type: 'object',
  required: ['id', 'channel', 'request', 'reason_code', 'reason', 'status', 'created_at'],
  properties: {
    id: uuid,
    organization_id: { type: ['string', 'null'] },
    requester_id: { type: ['string', 'null'] },
    channel: { type: 'string' },
    request: { type: 'object', additionalProperties: true, description: 'the request as it arrived' },
    reason_code: { type: 'string', enum: ['not_named_contact', 'channel_not_in_plan', 'channel_closed', 'unknown_channel'] },
    reason: { type: 'string' },
    status: { type: 'string', enum: ['held', 'accepted', 'dismissed'] },
    ticket_id: { type: ['string', 'null'] },
    reviewed_by: { type: ['string', 'null'] },
    reviewed_at: { type: ['string', 'null'], format: 'date-time' },
    review_note: { type: ['string', 'null'] },
    created_at: timestamp,
    files: {
      type: 'array', description: 'the files chosen with it: put on the ticket when it is accepted, kept with it when dismissed; GET .../files/{file_id} downloads one',
      items: {
        type: 'object', required: ['id', 'filename', 'content_type', 'size', 'risk'],
        properties: { id: uuid, filename: { type: 'string' }, content_type: { type: 'string' }, size: { type: 'integer' }, risk: { type: ['string', 'null'], description: 'why it may run code when opened, or null' } },
      },
    },
  },
} as const;

export function registerIntakeRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(
    '/api/v1/intake',
    {
      config: { access: SIGNED_IN },
      schema: {
        operationId: 'getIntake', tags: ['tickets'], summary: "The active policy's intake questions, request types and severities",
        response: {
          200: {
            type: 'object', required: ['questions', 'request_types', 'severities'],
            properties: {
              questions: {
                type: 'array',
                items: {
                  type: 'object', required: ['id', 'label', 'type'],
                  properties: {
                    id: { type: 'string' }, label: { type: 'string' }, type: { type: 'string', enum: ['boolean', 'number', 'choice', 'text'] },
                    choices: { type: 'array', items: { type: 'string' } }, min: { type: 'number' }, max: { type: 'number' }, help: { type: 'string' },
                  },
                },
              },
              request_types: {
                type: 'array',
                items: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' }, address: { type: 'string' } } },
              },
              severities: {
                type: 'array',
                items: { type: 'object', required: ['id', 'name', 'definition'], properties: { id: { type: 'integer' }, name: { type: 'string' }, definition: { type: ['string', 'null'] } } },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => toWire(await getIntake({ ctx: ctxFor(request, deps) })),
  );

  app.get(
    '/api/v1/queue',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'listQueue', tags: ['tickets'],
        summary: "Open work in priority order: the graver severity, then the plan's priority (a plan prioritized for remediation work only: the responses owed first, by due time whatever the plan), then the earliest due clock, then age",
        querystring: {
          type: 'object', additionalProperties: false,
          properties: {
            queue: { type: 'string', maxLength: 100 },
            status: { type: 'string', enum: ['open', 'pending_customer', 'pending_third_party'], description: 'only tickets in this open status' },
            organization_id: { type: 'string', format: 'uuid', description: 'only the tickets of this organization' },
            follower_id: { type: 'string', format: 'uuid', description: 'only tickets this agent follows' },
            severity: { type: 'integer', minimum: 1, maximum: 9 },
            plan: { type: 'string', maxLength: 100 },
            assignee_id: { type: 'string', maxLength: 36, description: 'an agent id, or "none" for unassigned' },
            request_type: { type: 'string', maxLength: 100, description: "the policy's request type id" },
            // Checked by the verb, so a refusal lists this desk's channels, not every kind (tickets/queue-channels.ts).
            channel: { type: 'string', maxLength: 100, description: `only tickets that came in by this channel kind (${CHANNELS.join(', ')}); another is refused listing the desk's channels` },
            after_hours: { type: 'boolean', description: 'only tickets paged to on-call on arrival or handed over at closing' },
            breaching_within_minutes: { type: 'integer', minimum: 0, maximum: 525600, description: 'only tickets with a clock due within this many minutes (or overdue)' },
            tag: { type: 'string', minLength: 1, maxLength: 50, description: 'only tickets with this tag' },
            sort: { type: 'string', enum: [...QUEUE_SORTS], default: 'priority', description: 'priority: the order above; due: the earliest due time among the ticket\'s running clocks first (overdue first, none running last), then as priority' },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            cursor: { type: 'string', minLength: 1, maxLength: 500 },
          },
        },
        response: {
          200: pageOf({ allOf: [{ $ref: 'Ticket#' }, { type: 'object', properties: { priority: { type: 'integer' }, next_due: { type: ['string', 'null'], format: 'date-time' }, tags: { type: 'array', items: { type: 'string' } } } }] }),
          ...errorResponses,
        },
      },
    },
    async (request) => pageToWire(await listQueue({ ctx: ctxFor(request, deps), input: fromWire(request.query) })),
  );

  app.get(
    '/api/v1/held-requests',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'listHeldRequests', tags: ['tickets'], summary: 'Requests the policy refused at intake, kept for review (oldest first)',
        querystring: {
          type: 'object', additionalProperties: false,
          properties: { status: { type: 'string', enum: ['held', 'accepted', 'dismissed'], default: 'held' }, limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 }, cursor: { type: 'string', minLength: 1, maxLength: 500 } },
        },
        response: { 200: pageOf(HeldRequest), ...errorResponses },
      },
    },
    async (request) => pageToWire(await listHeldRequests({ ctx: ctxFor(request, deps), input: fromWire(request.query) })),
  );

  app.get<{ Params: { id: string; file_id: string } }>(
    '/api/v1/held-requests/:id/files/:file_id',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'downloadHeldRequestFile', tags: ['tickets'], summary: 'A file sent with a held request, as a download (application/octet-stream, Content-Disposition: attachment)',
        params: { type: 'object', required: ['id', 'file_id'], properties: { id: { type: 'string', maxLength: 100 }, file_id: { type: 'string', maxLength: 100 } } },
        response: { 200: { description: "the file's bytes", content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await getHeldRequestFile({ ctx: ctxFor(request, deps), input: { heldRequestId: request.params.id, fileId: request.params.file_id } });
        return sendDownload(reply, file);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/held-requests/:id/review',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'reviewHeldRequest', tags: ['tickets'], summary: "Accept a held request (its ticket is opened for the requester) or dismiss it",
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } },
        body: {
          type: 'object', additionalProperties: false, required: ['decision'],
          properties: { decision: { type: 'string', enum: ['accept', 'dismiss'] }, note: { type: 'string', minLength: 1, maxLength: 2000 }, channel: { type: 'string', enum: ['web', 'email', 'phone', 'chat', 'api'] } },
        },
        response: { 200: { type: 'object', required: ['held_request', 'ticket'], properties: { held_request: HeldRequest, ticket: { anyOf: [{ $ref: 'Ticket#' }, { type: 'null' }] } } }, ...errorResponses },
      },
    },
    async (request) => toWire(await reviewHeldRequest({ ctx: ctxFor(request, deps), input: { ...fromWire<Record<string, unknown>>(request.body), heldRequestId: request.params.id } as never })),
  );
}
