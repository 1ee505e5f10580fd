// /api/v1/email/blocked-senders: senders whose mail arrives dismissed (email/blocked-senders.ts),
// and blocking the sender of a held message. Admins only, as all inbound mail. Thin adapters.
import type { FastifyInstance } from 'fastify';
import { blockSender, blockSenderOf, listBlockedSenders, unblockSender, type EmailSettings } from '../email/index.ts';
import { ADMINS, ctxFor, errorResponses, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { toWire } from './wire.ts';

const tags = ['email'];
const blockProperties = {
  id: uuid,
  pattern: { type: 'string', description: 'the address, or the domain (its subdomains blocked with it), lower case' },
  kind: { type: 'string', enum: ['address', 'domain'] },
  reason: { type: ['string', 'null'] },
  created_by: { type: ['string', 'null'], description: 'the admin who blocked it, by name' },
  created_at: timestamp,
  dismissed: { type: 'integer', description: 'messages it dismissed' },
  last_dismissed_at: { type: ['string', 'null'], format: 'date-time', description: 'when the latest of them came' },
  contacts_there: { type: 'integer', description: "a domain's: active contacts with an address there (their mail is not blocked)" },
} as const;
const BlockedSenderSchema = { $id: 'BlockedSender', type: 'object', required: Object.keys(blockProperties), properties: blockProperties } as const;
const block = { $ref: 'BlockedSender#' } as const;
const reason = { type: 'string', maxLength: 200, description: 'why, for the admins who read the list later' } as const;
const idParams = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: uuid } } as const;
type IdParams = { Params: { id: string } };

export function registerBlockedSenderRoutes(app: FastifyInstance, deps: RouteDeps & { email: { settings: EmailSettings } }): void {
  app.addSchema(BlockedSenderSchema);
  const { settings } = deps.email;

  app.get(
    '/api/v1/email/blocked-senders',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'listBlockedSenders', tags, summary: 'Blocked senders, the newest first: a stranger\'s mail from one arrives dismissed (kept whole); contacts and agents are never blocked',
        response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: block } } }, ...errorResponses },
      },
    },
    async (request) => ({ items: toWire(await listBlockedSenders({ ctx: ctxFor(request, deps) })) }),
  );

  app.post<{ Body: { sender: string; reason?: string } }>(
    '/api/v1/email/blocked-senders',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'blockSender', tags,
        summary: "Block a sender: an address, or a domain (example.com, with its subdomains); refused for the desk's own and for a contact's or agent's address; audited",
        body: {
          type: 'object', additionalProperties: false, required: ['sender'],
          properties: { sender: { type: 'string', minLength: 1, maxLength: 254, description: 'someone@example.com, or example.com for everyone there' }, reason },
        },
        response: { 201: block, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(toWire(await blockSender({ ctx: ctxFor(request, deps), settings, input: request.body }))),
  );

  app.delete<IdParams>(
    '/api/v1/email/blocked-senders/:id',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'unblockSender', tags, summary: 'Unblock a sender; what it dismissed stays dismissed until processed again (POST /api/v1/email/inbound/{id}/retry); audited',
        params: idParams, response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      await unblockSender({ ctx: ctxFor(request, deps), input: { blockId: request.params.id } });
      return reply.code(204).send();
    },
  );

  app.post<IdParams & { Body: { whole_domain?: boolean; reason?: string } }>(
    '/api/v1/email/inbound/:id/block-sender',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'blockSenderOfInboundMail', tags,
        summary: "Block a held, ignored, quarantined or dismissed message's sender (their address, or their whole domain) and dismiss the message",
        params: idParams,
        body: {
          type: 'object', additionalProperties: false,
          properties: { whole_domain: { type: 'boolean', description: "everyone at the sender's domain, not their address alone" }, reason },
        },
        response: { 200: { type: 'object', required: ['block', 'message'], properties: { block, message: { $ref: 'InboundMessageSummary#' } } }, ...errorResponses },
      },
    },
    async (request) => {
      const input = {
        inboundId: request.params.id,
        ...(request.body?.whole_domain !== undefined ? { wholeDomain: request.body.whole_domain } : {}),
        ...(request.body?.reason ? { reason: request.body.reason } : {}),
      };
      return toWire(await blockSenderOf({ ctx: ctxFor(request, deps), settings, input }));
    },
  );
}
