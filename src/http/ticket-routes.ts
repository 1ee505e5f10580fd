// /api/v1/tickets: thin adapters over the ticket verbs, which take and return the API's
// snake_case shapes already (no wire translation here).
import type { FastifyInstance } from 'fastify';
import { addNote, addReply, createTicket, getTicket, linkTicket, listTicketEvents, listTickets, reopenTicket, updateTicket } from '../tickets/index.ts';
import { ctxFor, errorResponses, pageOf, security } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import {
  ClockSchema,
  createTicketBody,
  EventSchema,
  linkBody,
  listTicketsQuery,
  noteBody,
  replyBody,
  ticketParams,
  TicketSchema,
  updateTicketBody,
} from './ticket-schemas.ts';

type IdParams = { Params: { id: string } };
const ticket = { $ref: 'Ticket#' } as const;
const event = { $ref: 'TicketEvent#' } as const;
const tags = ['tickets'];

export function registerTicketRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.addSchema(ClockSchema);
  app.addSchema(TicketSchema);
  app.addSchema(EventSchema);

  app.post(
    '/api/v1/tickets',
    { schema: { tags, summary: 'Open a ticket (a contact for itself; an agent for a contact, with requester_id)', security, body: createTicketBody, response: { 201: ticket, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await createTicket({ ctx: ctxFor(request, deps), input: request.body })),
  );

  app.get(
    '/api/v1/tickets',
    { schema: { tags, summary: "List tickets, newest first (a contact sees its organization's)", security, querystring: listTicketsQuery, response: { 200: pageOf(ticket), ...errorResponses } } },
    async (request) => listTickets({ ctx: ctxFor(request, deps), input: request.query }),
  );

  app.get<IdParams>(
    '/api/v1/tickets/:id',
    { schema: { tags, summary: 'A ticket with its SLA clocks', security, params: ticketParams, response: { 200: ticket, ...errorResponses } } },
    async (request) => getTicket({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id } }),
  );

  app.get<IdParams>(
    '/api/v1/tickets/:id/events',
    {
      schema: {
        tags, summary: 'The timeline (contacts see public events only)', security, params: ticketParams,
        response: { 200: { type: 'array', items: event }, ...errorResponses },
      },
    },
    async (request) => listTicketEvents({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id } }),
  );

  app.post<IdParams>(
    '/api/v1/tickets/:id/replies',
    { schema: { tags, summary: 'A public reply', security, params: ticketParams, body: replyBody, response: { 201: event, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await addReply({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id, body: request.body } })),
  );

  app.post<IdParams>(
    '/api/v1/tickets/:id/notes',
    { schema: { tags, summary: 'An internal note (agents only)', security, params: ticketParams, body: noteBody, response: { 201: event, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await addNote({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id, body: request.body } })),
  );

  app.post<IdParams>(
    '/api/v1/tickets/:id/links',
    {
      schema: {
        tags, summary: 'An internal link, e.g. an engineering issue (agents only; hosts the policy forbids are refused)', security,
        params: ticketParams, body: linkBody, response: { 201: event, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await linkTicket({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id, body: request.body } })),
  );

  app.patch<IdParams>(
    '/api/v1/tickets/:id',
    {
      schema: {
        tags, summary: 'Change status, assignee or severity (with a reason); agents only', security,
        params: ticketParams, body: updateTicketBody, response: { 200: ticket, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxFor(request, deps);
      await updateTicket({ ctx, input: { ticketId: request.params.id, body: request.body } });
      return getTicket({ ctx, input: { ticketId: request.params.id } });
    },
  );

  app.post<IdParams>(
    '/api/v1/tickets/:id/reopen',
    { schema: { tags, summary: 'Reopen a solved ticket', security, params: ticketParams, response: { 200: ticket, ...errorResponses } } },
    async (request) => {
      const ctx = ctxFor(request, deps);
      await reopenTicket({ ctx, input: { ticketId: request.params.id } });
      return getTicket({ ctx, input: { ticketId: request.params.id } });
    },
  );
}
