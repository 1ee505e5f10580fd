// /api/v1/webhooks: thin adapters over the webhook verbs. Admins manage webhooks; managers may
// read them and their deliveries. The secret is answered on create and rotate only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  getWebhookDelivery,
  listWebhookDeliveries,
  listWebhooks,
  pingWebhook,
  redeliverWebhookDelivery,
  rotateWebhookSecret,
  updateWebhook,
  type WebhookSettings,
} from '../webhooks/index.ts';
import { ADMINS, ctxFor, errorResponses, MANAGERS, pageOf, pageQuery } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { fromWire, pageToWire, toWire } from './wire.ts';
import {
  createWebhookBody,
  DeliveryDetailSchema,
  deliveryParams,
  DeliverySchema,
  listDeliveriesQuery,
  rotateSecretBody,
  updateWebhookBody,
  webhookParams,
  WebhookSchema,
  WebhookWithSecretSchema,
} from './webhook-schemas.ts';

type IdParams = { Params: { id: string } };
type DeliveryParams = { Params: { id: string; delivery_id: string } };

/** The delivery the path names: a verb's input. */
function deliveryOf(request: FastifyRequest<DeliveryParams>): { webhookId: string; deliveryId: string } {
  return { webhookId: request.params.id, deliveryId: request.params.delivery_id };
}

const tags = ['webhooks'];
const webhook = { $ref: 'Webhook#' } as const;
const withSecret = { $ref: 'WebhookWithSecret#' } as const;
const delivery = { $ref: 'WebhookDelivery#' } as const;

export function registerWebhookRoutes(app: FastifyInstance, deps: RouteDeps & { webhooks: WebhookSettings }): void {
  app.addSchema(WebhookSchema);
  app.addSchema(WebhookWithSecretSchema);
  app.addSchema(DeliverySchema);
  app.addSchema(DeliveryDetailSchema);
  const settings = deps.webhooks;

  app.post(
    '/api/v1/webhooks',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'createWebhook', tags, summary: 'Register a webhook; its signing secret is answered once',
        body: createWebhookBody, response: { 201: withSecret, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createWebhook({ ctx: ctxFor(request, deps), input: fromWire(request.body), settings });
      return reply.code(201).send(toWire(created));
    },
  );

  app.get(
    '/api/v1/webhooks',
    {
      config: { access: MANAGERS },
      schema: {
        operationId: 'listWebhooks', tags, summary: 'List webhooks, oldest first (never their secrets)',
        querystring: pageQuery, response: { 200: pageOf(webhook), ...errorResponses },
      },
    },
    async (request) => pageToWire(await listWebhooks({ ctx: ctxFor(request, deps), input: fromWire(request.query) })),
  );

  app.get<IdParams>(
    '/api/v1/webhooks/:id',
    {
      config: { access: MANAGERS },
      schema: {
        operationId: 'getWebhook', tags, summary: 'A webhook (never its secret)',
        params: webhookParams, response: { 200: webhook, ...errorResponses },
      },
    },
    async (request) => toWire(await getWebhook({ ctx: ctxFor(request, deps), input: { webhookId: request.params.id } })),
  );

  app.patch<IdParams>(
    '/api/v1/webhooks/:id',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'updateWebhook', tags, summary: 'Change the URL, description, events or active flag',
        params: webhookParams, body: updateWebhookBody, response: { 200: webhook, ...errorResponses },
      },
    },
    async (request) => {
      const input = { ...fromWire(request.body), webhookId: request.params.id };
      return toWire(await updateWebhook({ ctx: ctxFor(request, deps), input, settings }));
    },
  );

  app.delete<IdParams>(
    '/api/v1/webhooks/:id',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'deleteWebhook', tags, summary: 'Delete a webhook with its deliveries; nothing more is sent to it',
        params: webhookParams, response: { 204: { type: 'null', description: 'Deleted' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteWebhook({ ctx: ctxFor(request, deps), input: { webhookId: request.params.id } });
      return reply.code(204).send();
    },
  );

  app.post<IdParams>(
    '/api/v1/webhooks/:id/rotate-secret',
    {
      config: { access: ADMINS },
      // The body is optional: none means the default grace period.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        operationId: 'rotateWebhookSecret', tags,
        summary: 'Issue a new signing secret, answered once; the previous one signs too for the grace period',
        params: webhookParams, body: rotateSecretBody, response: { 200: withSecret, ...errorResponses },
      },
    },
    async (request) => {
      const input = { ...fromWire(request.body), webhookId: request.params.id };
      return toWire(await rotateWebhookSecret({ ctx: ctxFor(request, deps), input }));
    },
  );

  app.post<IdParams>(
    '/api/v1/webhooks/:id/ping',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'pingWebhook', tags, summary: 'Queue a ping delivery to this webhook',
        params: webhookParams, response: { 202: delivery, ...errorResponses },
      },
    },
    async (request, reply) => {
      const queued = await pingWebhook({ ctx: ctxFor(request, deps), input: { webhookId: request.params.id } });
      return reply.code(202).send(toWire(queued));
    },
  );

  app.get<IdParams>(
    '/api/v1/webhooks/:id/deliveries',
    {
      config: { access: MANAGERS },
      schema: {
        operationId: 'listWebhookDeliveries', tags, summary: "A webhook's deliveries, newest first",
        params: webhookParams, querystring: listDeliveriesQuery, response: { 200: pageOf(delivery), ...errorResponses },
      },
    },
    async (request) => {
      const input = { ...fromWire(request.query), webhookId: request.params.id };
      return pageToWire(await listWebhookDeliveries({ ctx: ctxFor(request, deps), input }));
    },
  );

  app.get<DeliveryParams>(
    '/api/v1/webhooks/:id/deliveries/:delivery_id',
    {
      config: { access: MANAGERS },
      schema: {
        operationId: 'getWebhookDelivery', tags, summary: 'A delivery with every attempt made',
        params: deliveryParams, response: { 200: { $ref: 'WebhookDeliveryDetail#' }, ...errorResponses },
      },
    },
    async (request) => toWire(await getWebhookDelivery({ ctx: ctxFor(request, deps), input: deliveryOf(request) })),
  );

  app.post<DeliveryParams>(
    '/api/v1/webhooks/:id/deliveries/:delivery_id/redeliver',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'redeliverWebhookDelivery', tags,
        summary: 'Send a finished delivery again: a new delivery of the same event (same body and event id)',
        params: deliveryParams, response: { 202: delivery, ...errorResponses },
      },
    },
    async (request, reply) => {
      const queued = await redeliverWebhookDelivery({ ctx: ctxFor(request, deps), input: deliveryOf(request) });
      return reply.code(202).send(toWire(queued));
    },
  );
}
