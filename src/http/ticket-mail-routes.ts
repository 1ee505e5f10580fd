// /api/v1/tickets/:id/mail: the mail about a ticket and where each message's delivery stands
// (email/ticket-mail.ts), for its agents: "did the customer get my reply?". A thin adapter.
import type { FastifyInstance } from 'fastify';
import { listTicketMail } from '../email/index.ts';
import { AGENTS, ctxFor, errorResponses, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { ticketParams } from './ticket-schemas.ts';
import { toWire } from './wire.ts';

const when = { type: ['string', 'null'], format: 'date-time' } as const;
const mail = {
  type: 'object',
  required: ['id', 'kind', 'kind_name', 'recipient', 'subject', 'queued_at', 'state', 'sent_at', 'attempts', 'next_attempt_at', 'error', 'bounced_at', 'bounce_reason'],
  properties: {
    id: uuid, kind: { type: 'string' }, kind_name: { type: 'string', description: 'the kind as the team reads it' },
    recipient: { type: 'string' }, subject: { type: 'string' }, queued_at: timestamp,
    state: {
      type: 'string', enum: ['waiting', 'sent', 'failed', 'not_sent', 'bounced'],
      description: 'waiting: not sent yet (see next_attempt_at, error); failed: refused for good; not_sent: suppressed (why in error); bounced: sent, then returned',
    },
    sent_at: when, attempts: { type: 'integer' }, next_attempt_at: when,
    error: { type: ['string', 'null'], description: 'why the last try failed, or why it was not sent' },
    bounced_at: when, bounce_reason: { type: ['string', 'null'] },
  },
} as const;

export function registerTicketMailRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get<{ Params: { id: string }; Querystring: { limit?: number } }>(
    '/api/v1/tickets/:id/mail',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'listTicketMail', tags: ['tickets'],
        summary: 'The mail about a ticket, newest first, and where each delivery stands (to the customer, the agents, a side conversation): did the customer get it?',
        params: ticketParams,
        querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } } },
        response: { 200: { type: 'object', required: ['items', 'total'], properties: { items: { type: 'array', items: mail }, total: { type: 'integer', description: 'all the mail about it' } } }, ...errorResponses },
      },
    },
    async (request) => {
      const found = await listTicketMail({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id, limit: request.query.limit ?? 50 } });
      return { total: found.total, items: found.items.map((m) => toWire(m)) };
    },
  );
}
