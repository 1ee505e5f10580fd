// The policy's workflow on a ticket: the escalation ladder (escalate, QA verified, fix released
// and the customer told), a customer's escalation request and the agent's "unwarranted" mark
// (the abuse rule), coverage, and merging a ticket into another. Thin adapters over the ticket verbs.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  bulkUpdateTickets, escalateTicket, MAX_CCS, setTicketCcs, getTicket, markEscalationUnwarranted, MAX_BULK_TICKETS, mergeTicket, STATUSES, markFixReleased, markQaVerified, requestEscalation, setTicketCoverage, askForGuidance,
} from '../tickets/index.ts';
import { AGENTS, ctxFor, errorResponses, SIGNED_IN } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { ticketParams } from './ticket-schemas.ts';
import { fromWire, toWire } from './wire.ts';

type IdParams = { Params: { id: string } };
const tags = ['tickets'];
const ticket = { $ref: 'Ticket#' } as const;
const event = { $ref: 'TicketEvent#' } as const;
const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;

function onTicket<T>(request: FastifyRequest<IdParams>): T {
  return { ...fromWire<Record<string, unknown>>(request.body ?? {}), ticketId: request.params.id } as T;
}

export function registerTicketWorkflowRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const answer = async (request: FastifyRequest<IdParams>) => toWire(await getTicket({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id } }));

  app.post<IdParams>(
    '/api/v1/tickets/:id/escalations',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'escalateTicket', tags, summary: "Move the ticket up the policy's escalation ladder (to the next level, or to_level)", params: ticketParams,
        body: { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: text(2000), to_level: { type: 'string', maxLength: 100 } } },
        response: { 200: ticket, ...errorResponses },
      },
    },
    async (request) => {
      await escalateTicket({ ctx: ctxFor(request, deps), input: onTicket(request) });
      return answer(request);
    },
  );

  app.post(
    '/api/v1/tickets/bulk-update',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'bulkUpdateTickets', tags,
        summary: `Change the status, assignee and/or tags of up to ${MAX_BULK_TICKETS} tickets; each is its own change, so one refused (closed, not found) leaves the others done`,
        body: {
          type: 'object', additionalProperties: false, required: ['ticket_ids'],
          properties: {
            ticket_ids: { type: 'array', minItems: 1, maxItems: MAX_BULK_TICKETS, items: { type: 'string', maxLength: 100 } },
            status: { type: 'string', enum: [...STATUSES] },
            assignee_id: { type: ['string', 'null'], maxLength: 100, description: 'an agent id, or null to unassign' },
            add_tags: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 100 }, description: 'tags added to each ticket (those it has stay)' },
          },
        },
        response: {
          200: {
            type: 'object', required: ['results'],
            properties: {
              results: {
                type: 'array', description: 'one per ticket, in the order asked (a ticket named twice once)',
                items: {
                  type: 'object', required: ['ticket_id', 'number', 'ok'],
                  properties: {
                    ticket_id: { type: 'string' }, number: { type: ['integer', 'null'], description: 'null when the id names no ticket' },
                    ok: { type: 'boolean' }, code: { type: 'string' }, message: { type: 'string' },
                  },
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => toWire({ results: await bulkUpdateTickets({ ctx: ctxFor(request, deps), input: fromWire(request.body) }) }),
  );

  app.put<IdParams>(
    '/api/v1/tickets/:id/ccs',
    {
      config: { access: SIGNED_IN },
      schema: {
        operationId: 'setTicketCcs', tags,
        summary: "Who is copied on the ticket (agents, or its requester): exactly these contacts of its organization (not its requester); they hear of it as the requester does and may write on it by mail",
        params: ticketParams,
        body: { type: 'object', additionalProperties: false, required: ['contact_ids'], properties: { contact_ids: { type: 'array', maxItems: MAX_CCS, items: { type: 'string', maxLength: 100 } } } },
        response: { 200: ticket, ...errorResponses },
      },
    },
    async (request) => {
      await setTicketCcs({ ctx: ctxFor(request, deps), input: onTicket(request) });
      return answer(request);
    },
  );

  app.post<IdParams>(
    '/api/v1/tickets/:id/merge',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'mergeTicket', tags,
        summary: 'Merge the ticket into another of its organization about the same matter: it is closed, its requester told where the conversation continues; '
          + 'answers the ticket merged into (which keeps its own clocks, gains the request, and reopens if solved)',
        params: ticketParams,
        body: {
          type: 'object', additionalProperties: false,
          description: 'the ticket to merge into, by into_ticket_id or by into_number (one of the two)',
          properties: { into_ticket_id: { type: 'string', maxLength: 100 }, into_number: { type: 'integer', minimum: 1 } },
        },
        response: { 200: ticket, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxFor(request, deps);
      const merged = await mergeTicket({ ctx, input: onTicket(request) });
      return toWire(await getTicket({ ctx, input: { ticketId: merged.into.id } }));
    },
  );

  app.post<IdParams>(
    '/api/v1/tickets/:id/qa-verified',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'markQaVerified', tags, summary: 'Record that QA verified the fix (internal)', params: ticketParams,
        body: { type: 'object', additionalProperties: false, properties: { note: text(2000) } },
        response: { 200: ticket, ...errorResponses },
      },
    },
    async (request) => {
      await markQaVerified({ ctx: ctxFor(request, deps), input: onTicket(request) });
      return answer(request);
    },
  );

  app.post<IdParams>(
    '/api/v1/tickets/:id/fix-released',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'markFixReleased', tags, summary: 'Record the released fix, and (by default) tell the customer on this ticket with a public reply', params: ticketParams,
        body: {
          type: 'object', additionalProperties: false,
          properties: { note: text(2000), release: { type: 'string', minLength: 1, maxLength: 100 }, notify_customer: { type: 'boolean', default: true }, body: text(100_000) },
        },
        response: { 200: ticket, ...errorResponses },
      },
    },
    async (request) => {
      await markFixReleased({ ctx: ctxFor(request, deps), input: onTicket(request) });
      return answer(request);
    },
  );

  app.post<IdParams>(
    '/api/v1/tickets/:id/escalation-requests',
    {
      config: { access: SIGNED_IN },
      schema: {
        operationId: 'requestEscalation', tags, params: ticketParams,
        summary: "Ask for the ticket to be escalated, with a reason (its requester or a contact copied on it, or an agent for them); under a policy with neither an escalation ladder nor an abuse rule: 409; "
          + 'on a solved ticket (a reply reopens it), a closed one (open a new one) or one merged into another (ask on that one, named): 409',
        body: {
          type: 'object', additionalProperties: false, required: ['reason'],
          properties: {
            reason: text(2000),
            asked_by: { type: 'string', format: 'uuid', description: "an agent recording the request for someone on the ticket (they called): who asked, the requester (the default) or a contact copied on it; recorded on the entry's data as asked_by. Not a contact's: they ask for themselves" },
          },
        },
        response: { 201: event, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(toWire(await requestEscalation({ ctx: ctxFor(request, deps), input: onTicket(request) }))),
  );

  app.post<IdParams>(
    '/api/v1/tickets/:id/guidance-requests',
    {
      config: { access: ['contact'] },
      schema: {
        operationId: 'askForGuidance', tags, params: ticketParams,
        summary: "Ask for the guidance the policy offers beyond the knowledge base on a case it referred there (OpenKey Tier 1: \"Additional guidance will be provided upon request if the issue is outside the scope of the knowledge base articles\"), saying what the articles do not cover; the ticket's requester or a person copied on it; a case not so referred: 409",
        body: { type: 'object', additionalProperties: false, required: ['body'], properties: { body: text(100_000) } },
        response: { 201: event, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(toWire(await askForGuidance({ ctx: ctxFor(request, deps), input: onTicket(request) }))),
  );

  app.post<IdParams>(
    '/api/v1/tickets/:id/unwarranted-escalations',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'markEscalationUnwarranted', tags,
        summary: "Mark an escalation the customer asked for on this ticket unwarranted (each once; none asked for, or all marked: 409); at the policy's abuse threshold the managers (and, when the policy says so, the organization) are told",
        params: ticketParams,
        body: { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: text(2000) } },
        response: {
          200: {
            type: 'object', required: ['count', 'threshold', 'window_days', 'threshold_reached'],
            properties: { count: { type: 'integer' }, threshold: { type: ['integer', 'null'] }, window_days: { type: ['integer', 'null'] }, threshold_reached: { type: 'boolean' } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => toWire(await markEscalationUnwarranted({ ctx: ctxFor(request, deps), input: onTicket(request) })),
  );

  app.put<IdParams>(
    '/api/v1/tickets/:id/coverage',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'setTicketCoverage', tags, summary: "Mark the ticket not covered (an exclusion or unmet requirement of the policy, whose text the customer sees), or covered again with null", params: ticketParams,
        body: {
          type: 'object', additionalProperties: false, required: ['not_covered', 'reason'],
          properties: {
            not_covered: {
              type: ['object', 'null'], additionalProperties: false, required: ['kind', 'id'],
              properties: { kind: { type: 'string', enum: ['exclusion', 'requirement'] }, id: { type: 'string', minLength: 1, maxLength: 100 } },
            },
            reason: text(2000),
          },
        },
        response: { 200: ticket, ...errorResponses },
      },
    },
    async (request) => {
      await setTicketCoverage({ ctx: ctxFor(request, deps), input: onTicket(request) });
      return answer(request);
    },
  );
}
