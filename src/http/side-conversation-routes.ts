// /api/v1/tickets/:id/side-conversations: writing from a ticket to someone who is not its customer
// (tickets/side-conversations.ts), for the team only. Thin adapters: listed, started, written on,
// and who besides the counterpart is in one.
// Their messages are the ticket's internal events (side_message, side_reply): the timeline has them.
import type { FastifyInstance } from 'fastify';
import { listSideConversations, sendSideMessage, setSideConversationPeople } from '../tickets/index.ts';
import { AGENTS, ctxFor, errorResponses, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { ticketParams } from './ticket-schemas.ts';
import { toWire } from './wire.ts';

const tags = ['tickets'];
const event = { $ref: 'TicketEvent#' } as const;
const body = { type: 'string', minLength: 1, maxLength: 100_000, description: 'the message, as the agent writes it (their signature goes under it in the mail)' } as const;
const quote_request = { type: 'boolean', description: "the customer's request (the ticket's subject and description) quoted below the message: the customer's words go to the third party only when asked" } as const;
const also_to = {
  type: 'array', maxItems: 10, items: { type: 'string', minLength: 1, maxLength: 320 },
  description: "others to take into the conversation (the counterpart's colleagues): they get this message and every later one, and their answers are taken as the counterpart's; checked as `to` is (an address already in it is no change)",
} as const;
const conversation = {
  type: 'object', required: ['id', 'ticket_id', 'counterpart', 'subject', 'started_by', 'started_at', 'last_message_at', 'sent', 'received', 'earlier_on', 'also_from'],
  properties: {
    id: uuid, ticket_id: uuid,
    counterpart: { type: 'string', description: 'the one address written to; its answers are taken from that From only' },
    subject: { type: 'string' },
    started_by: { ...uuid, description: 'the agent who began it' },
    started_at: timestamp, last_message_at: timestamp,
    sent: { type: 'integer', description: 'messages sent to them' },
    received: { type: 'integer', description: 'their answers' },
    also_from: { type: 'array', items: { type: 'string' }, description: 'others in the conversation besides the counterpart: each gets every later message (a copy of their own) and their answers are taken as the counterpart\'s; taken in by an agent writing to them (`also_to`) or by an admin after reading the first answer of someone who replied to all' },
    earlier_on: {
      type: 'array', description: "tickets merged into this one that hold earlier messages of it (a merged ticket's side conversations go on on the ticket it was merged into), by number",
      items: { type: 'object', required: ['ticket_id', 'number'], properties: { ticket_id: uuid, number: { type: 'integer' } } },
    },
  },
} as const;
const conversationParams = {
  type: 'object', required: ['id', 'conversation_id'],
  properties: { ...ticketParams.properties, conversation_id: { type: 'string', description: 'the side conversation id (a UUID)' } },
} as const;

type IdParams = { Params: { id: string } };
type ConversationParams = { Params: { id: string; conversation_id: string } };

export function registerSideConversationRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get<IdParams>(
    '/api/v1/tickets/:id/side-conversations',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'listSideConversations', tags,
        summary: "A ticket's side conversations (written to people who are not its customer), the latest first; their messages are the timeline's side_message and side_reply events",
        params: ticketParams,
        response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: conversation } } }, ...errorResponses },
      },
    },
    async (request) => ({ items: (await listSideConversations({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id } })).map((c) => toWire(c)) }),
  );
  app.post<IdParams & { Body: { to: string; subject?: string; body: string; quote_request?: boolean; also_to?: string[] } }>(
    '/api/v1/tickets/:id/side-conversations',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'startSideConversation', tags,
        summary: 'Write from the ticket to someone who is not its customer (a supplier, a partner); mailed from the support address, their answers come back onto the ticket for the team only; answers the internal event',
        params: ticketParams,
        body: {
          type: 'object', additionalProperties: false, required: ['to', 'body'],
          properties: {
            to: { type: 'string', minLength: 1, maxLength: 320, description: "one address; not the ticket's requester or a contact copied on it (a reply), nor an agent of the desk (a note that notifies them)" },
            subject: { type: 'string', minLength: 1, maxLength: 300, description: "the ticket's subject when none is given" },
            body, quote_request, also_to,
          },
        },
        response: { 201: event, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { to, subject, body: text, quote_request: quoteRequest, also_to: alsoTo } = request.body;
      const input = {
        ticketId: request.params.id, to, body: text, ...(subject !== undefined ? { subject } : {}), ...(quoteRequest !== undefined ? { quoteRequest } : {}),
        ...(alsoTo !== undefined ? { alsoTo } : {}),
      };
      return reply.code(201).send(toWire(await sendSideMessage({ ctx: ctxFor(request, deps), input })));
    },
  );
  app.post<ConversationParams & { Body: { body: string; quote_request?: boolean; also_to?: string[] } }>(
    '/api/v1/tickets/:id/side-conversations/:conversation_id/messages',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'writeSideConversation', tags,
        summary: 'Write again in a side conversation of the ticket (threaded on its earlier messages), to its counterpart and everyone taken into it; answers the internal event',
        params: conversationParams,
        body: { type: 'object', additionalProperties: false, required: ['body'], properties: { body, quote_request, also_to } },
        response: { 201: event, ...errorResponses },
      },
    },
    async (request, reply) => {
      const input = {
        ticketId: request.params.id, conversationId: request.params.conversation_id, body: request.body.body,
        ...(request.body.quote_request !== undefined ? { quoteRequest: request.body.quote_request } : {}),
        ...(request.body.also_to !== undefined ? { alsoTo: request.body.also_to } : {}),
      };
      return reply.code(201).send(toWire(await sendSideMessage({ ctx: ctxFor(request, deps), input })));
    },
  );
  app.put<ConversationParams & { Body: { also_from: string[] } }>(
    '/api/v1/tickets/:id/side-conversations/:conversation_id/also-from',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'setSideConversationPeople', tags,
        summary: 'Who besides the counterpart is in a side conversation, as it is to be: one left out gets no more of its messages and an answer of theirs is held for review again; one added is checked as the counterpart is; audited. Answers the conversation',
        params: conversationParams,
        body: {
          type: 'object', additionalProperties: false, required: ['also_from'],
          properties: { also_from: { type: 'array', maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 320 }, description: 'every address besides the counterpart; [] leaves the counterpart alone' } },
        },
        response: { 200: conversation, ...errorResponses },
      },
    },
    async (request) => {
      const input = { ticketId: request.params.id, conversationId: request.params.conversation_id, alsoFrom: request.body.also_from };
      return toWire(await setSideConversationPeople({ ctx: ctxFor(request, deps), input }));
    },
  );
}
