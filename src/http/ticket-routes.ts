// /api/v1/tickets: thin adapters over the ticket verbs; wire.ts translates the API's snake_case.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { addNote, addReply, createTicket, getTicket, linkTicket, listTicketEvents, listTickets, listMyReminders, rateTicket, reopenTicket, followTicket, setReminder, setTicketTags, solveTicket, updateTicket } from '../tickets/index.ts';
import { stillOwedAfterReply, StillOwedSchema } from './reply-owed.ts';
import { AGENTS, ctxFor, errorResponses, pageOf, SIGNED_IN, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { fromWire, pageToWire, toWire } from './wire.ts';
import {
  ClockSchema,
  createTicketBody,
  EventSchema,
  linkBody,
  listTicketsQuery,
  noteBody,
  rateBody,
  replyBody,
  tagsBody,
  ticketParams,
  TicketSchema,
  updateTicketBody,
} from './ticket-schemas.ts';

type IdParams = { Params: { id: string } };

/** The body's fields (camelCased) and the ticket the path names: a verb's input. */
function onTicket<T>(request: FastifyRequest<IdParams>): T {
  return { ...fromWire<Record<string, unknown>>(request.body ?? {}), ticketId: request.params.id } as T;
}
const ticket = { $ref: 'Ticket#' } as const;
const event = { $ref: 'TicketEvent#' } as const;
const tags = ['tickets'];

export function registerTicketRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.addSchema(ClockSchema);
  app.addSchema(TicketSchema);
  app.addSchema(EventSchema);

  app.post(
    '/api/v1/tickets',
    { config: { access: SIGNED_IN, intakeWithToken: true }, schema: { operationId: 'createTicket', tags, summary: 'Open a ticket (a contact for itself; an agent for a contact, with requester_id)', body: createTicketBody, response: { 201: ticket, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(toWire(await createTicket({ ctx: ctxFor(request, deps), input: fromWire(request.body), options: { intake: request.intake } }))),
  );

  app.get(
    '/api/v1/tickets',
    { config: { access: SIGNED_IN }, schema: { operationId: 'listTickets', tags, summary: "List tickets, newest first (a contact sees its organization's)", querystring: listTicketsQuery, response: { 200: pageOf(ticket), ...errorResponses } } },
    async (request) => pageToWire(await listTickets({ ctx: ctxFor(request, deps), input: fromWire(request.query) })),
  );

  app.get<IdParams>(
    '/api/v1/tickets/:id',
    { config: { access: SIGNED_IN }, schema: { operationId: 'getTicket', tags, summary: 'A ticket with its SLA clocks', params: ticketParams, response: { 200: ticket, ...errorResponses } } },
    async (request) => toWire(await getTicket({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id } })),
  );

  app.get<IdParams>(
    '/api/v1/tickets/:id/events',
    {
      config: { access: SIGNED_IN },
      schema: {
        operationId: 'listTicketEvents', tags, summary: 'The timeline (contacts see public events only, with the data fields listed on TicketEvent)', params: ticketParams,
        response: { 200: { type: 'array', items: event }, ...errorResponses },
      },
    },
    async (request) => toWire(await listTicketEvents({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id } })),
  );

  app.post<IdParams>(
    '/api/v1/tickets/:id/replies',
    {
      config: { access: SIGNED_IN },
      schema: {
        operationId: 'addReply', tags, summary: 'A public reply',
        description: 'Taken without an eta even where one is owed; `still_owed` then says what the reply did not send (reply-owed.ts).',
        params: ticketParams, body: replyBody,
        response: { 201: { allOf: [event, { type: 'object', required: ['still_owed'], properties: { still_owed: StillOwedSchema } }] }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxFor(request, deps);
      const added = await addReply({ ctx, input: onTicket(request) });
      return reply.code(201).send(toWire({ ...added, stillOwed: await stillOwedAfterReply(ctx, request.params.id) }));
    },
  );

  app.post<IdParams>(
    '/api/v1/tickets/:id/notes',
    { config: { access: AGENTS }, schema: { operationId: 'addNote', tags, summary: 'An internal note, never shown to the customer', params: ticketParams, body: noteBody, response: { 201: event, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(toWire(await addNote({ ctx: ctxFor(request, deps), input: onTicket(request) }))),
  );

  app.post<IdParams>(
    '/api/v1/tickets/:id/links',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'addLink', tags, summary: 'An internal link, e.g. an engineering issue (hosts the policy forbids are refused)',
        params: ticketParams, body: linkBody, response: { 201: event, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(toWire(await linkTicket({ ctx: ctxFor(request, deps), input: onTicket(request) }))),
  );

  app.patch<IdParams>(
    '/api/v1/tickets/:id',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'updateTicket', tags, summary: 'Change status, assignee or severity (with a reason)',
        params: ticketParams, body: updateTicketBody, response: { 200: ticket, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxFor(request, deps);
      await updateTicket({ ctx, input: onTicket(request) });
      return toWire(await getTicket({ ctx, input: { ticketId: request.params.id } }));
    },
  );

  app.post<IdParams>(
    '/api/v1/tickets/:id/solve',
    {
      config: { access: SIGNED_IN },
      schema: {
        operationId: 'solveTicket', tags, params: ticketParams, response: { 200: ticket, ...errorResponses },
        summary: 'Mark an open or waiting ticket solved: its requester or a person copied on it ("it works now"), or an agent',
      },
    },
    async (request) => {
      const ctx = ctxFor(request, deps);
      await solveTicket({ ctx, input: { ticketId: request.params.id } });
      return toWire(await getTicket({ ctx, input: { ticketId: request.params.id } }));
    },
  );

  app.post<IdParams>(
    '/api/v1/tickets/:id/reopen',
    { config: { access: SIGNED_IN }, schema: { operationId: 'reopenTicket', tags, summary: 'Reopen a solved ticket', params: ticketParams, response: { 200: ticket, ...errorResponses } } },
    async (request) => {
      const ctx = ctxFor(request, deps);
      await reopenTicket({ ctx, input: { ticketId: request.params.id } });
      return toWire(await getTicket({ ctx, input: { ticketId: request.params.id } }));
    },
  );

  app.put<IdParams>(
    '/api/v1/tickets/:id/rating',
    {
      config: { access: ['contact'] },
      schema: {
        operationId: 'rateTicket', tags,
        summary: "The customer's rating of the support on a solved or closed ticket (its requester or a person copied on it): good or bad, with an optional comment; a later rating replaces it",
        params: ticketParams, body: rateBody,
        response: {
          200: { type: 'object', required: ['rating', 'comment', 'contact_id', 'rated_at'], properties: { rating: { type: 'string', enum: ['good', 'bad'] }, comment: { type: ['string', 'null'] }, contact_id: uuid, rated_at: timestamp } },
          ...errorResponses,
        },
      },
    },
    async (request) => toWire(await rateTicket({ ctx: ctxFor(request, deps), input: onTicket(request) })),
  );

  app.put<IdParams>(
    '/api/v1/tickets/:id/tags',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'setTicketTags', tags,
        summary: "The ticket's tags become exactly these (internal: customers never see them); answers the tags it now has",
        params: ticketParams, body: tagsBody,
        response: { 200: { type: 'object', required: ['tags'], properties: { tags: { type: 'array', items: { type: 'string' } } } }, ...errorResponses },
      },
    },
    async (request) => ({ tags: await setTicketTags({ ctx: ctxFor(request, deps), input: onTicket(request) }) }),
  );

  app.put<IdParams & { Body: { following: boolean } }>(
    '/api/v1/tickets/:id/following',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'followTicket', tags,
        summary: 'Follow (true) or stop following (false) a ticket you do not hold: you are mailed what its customer writes; answers its followers',
        params: ticketParams,
        body: { type: 'object', additionalProperties: false, required: ['following'], properties: { following: { type: 'boolean' } } },
        response: {
          200: { type: 'object', required: ['followers'], properties: { followers: { type: 'array', items: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' } } } } } },
          ...errorResponses,
        },
      },
    },
    async (request) => ({ followers: await followTicket({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id, follow: request.body.following } }) }),
  );

  // The caller's own reminders to come, soonest first (the queue page lists the first 20).
  app.get<{ Querystring: { limit?: number } }>(
    '/api/v1/me/reminders',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'listMyReminders', tags,
        summary: 'Your reminders still to come on tickets not closed, soonest first (yours alone)',
        querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } } },
        response: {
          200: {
            type: 'object', required: ['items'],
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object', required: ['ticket_id', 'number', 'subject', 'remind_at', 'note', 'created_at'],
                  properties: { ticket_id: uuid, number: { type: 'integer' }, subject: { type: 'string' }, remind_at: timestamp, note: { type: ['string', 'null'] }, created_at: timestamp },
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: (await listMyReminders({ ctx: ctxFor(request, deps), input: { limit: request.query.limit ?? 50 } })).map((r) => toWire(r)) }),
  );

  app.put<IdParams & { Body: { at: string | null; note?: string } }>(
    '/api/v1/tickets/:id/reminder',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'setTicketReminder', tags,
        summary: 'Remind yourself of a ticket at a time (you are mailed then; yours alone, never on the timeline); at null clears it; answers your reminder',
        params: ticketParams,
        body: {
          type: 'object', additionalProperties: false, required: ['at'],
          properties: { at: { type: ['string', 'null'], format: 'date-time', description: 'when, in the future; null: no reminder' }, note: { type: 'string', maxLength: 500 } },
        },
        response: {
          200: {
            type: 'object', required: ['reminder'],
            properties: { reminder: { type: ['object', 'null'], properties: { ticket_id: uuid, remind_at: timestamp, note: { type: ['string', 'null'] }, created_at: timestamp } } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => ({ reminder: toWire(await setReminder({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id, at: request.body.at, ...(request.body.note !== undefined ? { note: request.body.note } : {}) } })) }),
  );
}
