// /api/v1/tickets/:id/mail: the mail about a ticket and where each message's delivery stands
// (email/ticket-mail.ts), for its agents: "did the customer get my reply?"; one that did not arrive
// sent again (tickets/resend-mail.ts). Thin adapters.
import type { FastifyInstance } from 'fastify';
import { listTicketMail } from '../email/index.ts';
import { resendMail } from '../tickets/index.ts';
import { AGENTS, ctxFor, errorResponses, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { ticketParams } from './ticket-schemas.ts';
import { toWire } from './wire.ts';

const when = { type: ['string', 'null'], format: 'date-time' } as const;
const mail = {
  type: 'object',
  required: ['id', 'kind', 'kind_name', 'recipient', 'subject', 'queued_at', 'state', 'sent_at', 'attempts', 'next_attempt_at', 'error', 'bounced_at', 'bounce_reason', 'resent_of', 'resent_as', 'resend_to'],
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
    resent_of: { ...uuid, type: ['string', 'null'], description: 'the message this one is a copy of, sent again; null for an original' },
    resent_as: { ...uuid, type: ['string', 'null'], description: 'the copy of this one, if it was sent again' },
    resend_to: {
      type: ['string', 'null'],
      description: "where a copy would go if sent again now (POST .../resend): the person's address, corrected if it changed; null when it may not be (it arrived, was sent again already, is not the customer's or a side conversation's mail, or they left)",
    },
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
  app.post<{ Params: { id: string; mail_id: string } }>(
    '/api/v1/tickets/:id/mail/:mail_id/resend',
    {
      config: { access: AGENTS },
      schema: {
        operationId: 'resendTicketMail', tags: ['tickets'],
        summary: "Send again a message about the ticket that did not arrive (refused for good or sent back): a copy, threaded as it was, with its files, to the person's address now (corrected if it changed); once per message; an internal mail_resent entry on the timeline",
        params: { type: 'object', required: ['id', 'mail_id'], properties: { ...ticketParams.properties, mail_id: { type: 'string', description: 'the message (an id of GET .../mail)' } } },
        response: {
          201: {
            type: 'object', required: ['mail_id', 'recipient', 'before'],
            properties: { mail_id: { ...uuid, description: 'the copy, in GET .../mail' }, recipient: { type: 'string', description: 'where it goes' }, before: { type: 'string', description: 'where the message first went' } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => reply.code(201).send(toWire(await resendMail({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id, mailId: request.params.mail_id } }))),
  );
}
