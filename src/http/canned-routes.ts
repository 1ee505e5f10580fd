// /api/v1/canned-responses: thin adapters over the canned-response verbs. Every agent lists them
// and fills one for a ticket; managers and admins write them. Contacts never reach them.
import type { FastifyInstance } from 'fastify';
import { REPLY_STATUSES } from '../tickets/index.ts';
import { CANNED_LIMITS, createCannedResponse, deleteCannedResponse, listCannedResponses, PLACEHOLDERS, renderCannedResponse, updateCannedResponse } from '../canned/index.ts';
import { AGENTS, ctxFor, errorResponses, pageOf, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { fromWire, pageToWire, toWire } from './wire.ts';

type IdParams = { Params: { id: string } };
const tags = ['canned'];
const placeholders = `placeholders, filled for the ticket: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`;

const CannedResponseSchema = {
  $id: 'CannedResponse',
  type: 'object',
  required: ['id', 'title', 'body', 'status', 'tags', 'created_by', 'owner_id', 'created_at', 'updated_at'],
  properties: {
    id: uuid,
    title: { type: 'string' },
    body: { type: 'string', description: `as written, with its ${placeholders}` },
    status: { type: ['string', 'null'], enum: [...REPLY_STATUSES, null], description: 'the status the ticket takes when the reply is sent with it (the reply form shows it, to change); null: as it is' },
    tags: { type: 'array', items: { type: 'string' }, description: 'tags added to the ticket when the reply is sent with it' },
    created_by: { type: ['string', 'null'], description: 'the agent who wrote it' },
    owner_id: { type: ['string', 'null'], description: "the agent whose own it is (they alone see and use it); null for the team's" },
    created_at: timestamp,
    updated_at: timestamp,
  },
} as const;
const canned = { $ref: 'CannedResponse#' } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } } as const;
const title = { type: 'string', minLength: 1, maxLength: CANNED_LIMITS.title } as const;
const body = { type: 'string', minLength: 1, maxLength: CANNED_LIMITS.body, description: placeholders } as const;
const status = { type: ['string', 'null'], enum: [...REPLY_STATUSES, null], description: 'the status the ticket takes with the reply; null: as it is' } as const;
const tagList = { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 50 }, description: 'tags the reply adds to the ticket' } as const;

export function registerCannedRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.addSchema(CannedResponseSchema);

  app.get(
    '/api/v1/canned-responses',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'listCannedResponses', tags, summary: 'Canned responses by title; q keeps those whose title holds every word',
        querystring: {
          type: 'object', additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            cursor: { type: 'string', minLength: 1, maxLength: 500 },
            q: { type: 'string', maxLength: CANNED_LIMITS.query },
          },
        },
        response: { 200: pageOf(canned), ...errorResponses },
      },
    },
    async (request) => pageToWire(await listCannedResponses({ ctx: ctxFor(request, deps), input: fromWire(request.query) })),
  );

  app.post(
    '/api/v1/canned-responses',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'createCannedResponse', tags,
        summary: "Write a canned response: the team's (managers and admins) or, with private, your own (any agent). An unknown placeholder is refused naming body",
        body: { type: 'object', additionalProperties: false, required: ['title', 'body'], properties: { title, body, private: { type: 'boolean', default: false, description: 'yours alone' }, status, tags: tagList } },
        response: { 201: canned, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(toWire(await createCannedResponse({ ctx: ctxFor(request, deps), input: fromWire(request.body) }))),
  );

  app.patch<IdParams>(
    '/api/v1/canned-responses/:id',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'updateCannedResponse', tags, summary: 'Change a canned response\'s title, wording, or what it does to the ticket (the team\'s: managers and admins; your own: you)',
        params: idParams,
        body: { type: 'object', additionalProperties: false, properties: { title, body, status, tags: tagList } },
        response: { 200: canned, ...errorResponses },
      },
    },
    async (request) => toWire(await updateCannedResponse({ ctx: ctxFor(request, deps), input: { ...fromWire(request.body ?? {}), cannedResponseId: request.params.id } })),
  );

  app.delete<IdParams>(
    '/api/v1/canned-responses/:id',
    {
      config: { access: AGENTS },
      schema: { operationId: 'deleteCannedResponse', tags, summary: 'Stop offering a canned response (replies sent with it stay as written; the team\'s: managers and admins; your own: you)', params: idParams, response: { 204: { type: 'null' }, ...errorResponses } },
    },
    async (request, reply) => {
      await deleteCannedResponse({ ctx: ctxFor(request, deps), input: { cannedResponseId: request.params.id } });
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string; canned_id: string } }>(
    '/api/v1/tickets/:id/canned-responses/:canned_id',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'renderCannedResponse', tags,
        summary: 'A canned response filled for the ticket, to edit and send as a reply (nothing is sent)',
        params: { type: 'object', required: ['id', 'canned_id'], properties: { id: { type: 'string', maxLength: 100 }, canned_id: { type: 'string', maxLength: 100 } } },
        response: {
          200: {
            type: 'object', required: ['id', 'title', 'body', 'status', 'tags'],
            properties: { id: uuid, title: { type: 'string' }, body: { type: 'string' }, status: { type: ['string', 'null'] }, tags: { type: 'array', items: { type: 'string' } } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => toWire(await renderCannedResponse({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id, cannedResponseId: request.params.canned_id } })),
  );
}
