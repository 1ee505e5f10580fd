// Email routes. /api/v1/email/inbound: admins list, read (with the raw source) and retry inbound
// mail, including what was held back from tickets. /dev/mail and /dev/mail.json: the demo's mail
// catcher, registered only when no SMTP_URL is configured (mail is captured, never sent), and
// answered only to a request made on this machine and not through a proxy: like a local mail
// catcher, it shows everyone's mail to whoever sits at the machine, and to nobody else. They are
// left out of the API documents: they are not part of the API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  escapeHtml, getInboundMessage, INBOUND_STATUSES, listCapturedMail, listInboundMessages, myForwardingAddress, renewMyForwardingAddress, retryInboundMessage, dismissInboundMessage, takeIntoSideConversation, type EmailSettings,
} from '../email/index.ts';
import { NotFoundError } from '../platform/index.ts';
import { ADMINS, AGENTS, ctxFor, errorResponses, pageOf, timestamp, uuid } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { fromWire, pageToWire, toWire } from './wire.ts';

export type EmailRouteSettings = { settings: EmailSettings; devMail: boolean };

const tags = ['email'];
const nullable = (type: string) => ({ type: [type, 'null'] });
const summaryProperties = {
  id: uuid, created_at: timestamp, source: { type: 'string' }, status: { type: 'string', enum: [...INBOUND_STATUSES] },
  outcome: nullable('string'), error: nullable('string'), from: nullable('string'), envelope_from: nullable('string'),
  subject: nullable('string'), size: { type: 'integer' }, ticket_id: nullable('string'), outbox_id: nullable('string'),
  held_request_id: nullable('string'), automatic: nullable('string'), attempts: { type: 'integer' }, processed_at: { type: ['string', 'null'], format: 'date-time' },
  side_conversation_id: { ...nullable('string'), description: 'held: the side conversation it answered, from someone besides the one written to (POST .../take-into-side-conversation)' },
  mailbox_date: {
    type: ['string', 'null'], format: 'date-time',
    description: 'IMAP: the date the mailbox gave the message (its INTERNALDATE), as it was; null for mail that came by SMTP. created_at is when the desk counts it received: this, never before the previous poll began nor after the poll that found it',
  },
} as const;
const InboundSummarySchema = { $id: 'InboundMessageSummary', type: 'object', required: Object.keys(summaryProperties), properties: summaryProperties } as const;
const messageProperties = {
  ...summaryProperties,
  message_id: nullable('string'), envelope_to: { type: 'array', items: { type: 'string' } }, raw_truncated: { type: 'boolean' },
  raw: { type: 'string' }, text: nullable('string'), html_sanitized: nullable('string'),
  attachments: {
    type: 'array',
    items: {
      type: 'object', required: ['id', 'filename', 'content_type', 'size', 'risk'],
      properties: {
        id: uuid, filename: nullable('string'), content_type: { type: 'string' }, size: { type: 'integer' },
        risk: { type: ['string', 'null'], description: 'why it may run code when opened (a program or script, a double extension such as invoice.pdf.exe, an Office file with macros, a declared type that is a program); null: none of these. Kept, and flagged so' },
      },
    },
  },
} as const;
const InboundMessageSchema = { $id: 'InboundMessage', type: 'object', required: Object.keys(messageProperties), properties: messageProperties } as const;
const resultSchema = {
  type: 'object', required: ['id', 'status', 'outcome', 'ticket_id'],
  properties: { id: uuid, status: { type: 'string' }, outcome: { type: 'string' }, ticket_id: nullable('string') },
} as const;
const idParams = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: uuid } } as const;
const listQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    status: { type: 'string', enum: [...INBOUND_STATUSES] },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    cursor: { type: 'string', minLength: 1, maxLength: 500 },
  },
} as const;

type IdParams = { Params: { id: string } };

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/** The dev mail catcher answers only on this machine, and never through a proxy (which would make everyone local). */
function requireLocal(request: FastifyRequest): void {
  const proxied = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined || request.headers['x-real-ip'] !== undefined;
  if (proxied || !LOOPBACK.test(request.socket.remoteAddress ?? '')) throw new NotFoundError('Route not found');
}

// The page runs no script: the dev mail page is static HTML; the security headers' CSP stays as it is.
function devMailPage(mails: Awaited<ReturnType<typeof listCapturedMail>>): string {
  const rows = mails.map((m) => {
    const headers = m.headers.map(([k, v]) => `${escapeHtml(k)}: ${escapeHtml(v)}`).join('\n');
    return `<article><h2>${escapeHtml(m.subject)}</h2><p><b>To:</b> ${escapeHtml(m.recipients.join(', '))} &middot; <b>From:</b> ${escapeHtml(m.from)} &middot; ${escapeHtml(m.capturedAt.toString())}</p>
<details><summary>Headers</summary><pre>${headers}</pre></details><pre>${escapeHtml(m.text ?? '')}</pre></article>`;
  });
  return `<!doctype html><html><head><meta charset="utf-8"><title>Accord: captured mail</title></head><body>
<h1>Captured mail (${mails.length})</h1><p>No SMTP_URL is configured, so Accord sends nothing: every message it would send is here, newest first. JSON: <a href="/dev/mail.json">/dev/mail.json</a>.</p>
${rows.join('\n<hr>\n') || '<p>Nothing yet.</p>'}
</body></html>`;
}

export function registerEmailRoutes(app: FastifyInstance, deps: RouteDeps & { email: EmailRouteSettings }): void {
  app.addSchema(InboundSummarySchema);
  app.addSchema(InboundMessageSchema);
  const { settings } = deps.email;

  // An agent's own forwarding address (docs/adr/0022): a customer's mail forwarded to it from the
  // agent's address becomes a ticket for that customer.
  const Forwarding = {
    type: 'object', required: ['address'],
    properties: { address: { type: 'string', description: 'the support address with your own +fwd- tag: forward a customer\'s mail to it, from your own address, to open a ticket for them' } },
  } as const;
  app.get(
    '/api/v1/agents/me/forwarding-address',
    {
      config: { access: AGENTS },
      schema: { operationId: 'getForwardingAddress', tags: ['agents'], summary: "Your forwarding address: a customer's mail you forward to it becomes a ticket for them", response: { 200: Forwarding, ...errorResponses } },
    },
    async (request) => ({ address: await myForwardingAddress({ ctx: ctxFor(request, deps), settings }) }),
  );
  app.post(
    '/api/v1/agents/me/forwarding-address/renewal',
    {
      config: { access: AGENTS },
      schema: { operationId: 'renewForwardingAddress', tags: ['agents'], summary: 'A new forwarding address; mail to the old one opens nothing from now on', response: { 201: Forwarding, ...errorResponses } },
    },
    async (request, reply) => reply.code(201).send({ address: await renewMyForwardingAddress({ ctx: ctxFor(request, deps), settings }) }),
  );

  app.get(
    '/api/v1/email/inbound',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'listInboundMail', tags, summary: 'Inbound mail, newest first, with what became of each message',
        querystring: listQuery, response: { 200: pageOf({ $ref: 'InboundMessageSummary#' }), ...errorResponses },
      },
    },
    async (request) => pageToWire(await listInboundMessages({ ctx: ctxFor(request, deps), input: fromWire(request.query) })),
  );

  app.get<IdParams>(
    '/api/v1/email/inbound/:id',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'getInboundMail', tags, summary: 'One inbound message: its outcome, text, sanitised HTML, attachments and raw source',
        params: idParams, response: { 200: { $ref: 'InboundMessage#' }, ...errorResponses },
      },
    },
    async (request) => toWire(await getInboundMessage({ ctx: ctxFor(request, deps), input: { inboundId: request.params.id } })),
  );

  app.post<IdParams>(
    '/api/v1/email/inbound/:id/retry',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'retryInboundMail', tags, summary: 'Process a quarantined, held, ignored or dismissed message again (after adding its sender as a contact, say)',
        params: idParams, response: { 200: resultSchema, ...errorResponses },
      },
    },
    async (request) => toWire(await retryInboundMessage({ ctx: ctxFor(request, deps), input: { inboundId: request.params.id }, settings })),
  );

  app.post<IdParams>(
    '/api/v1/email/inbound/:id/take-into-side-conversation',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'takeIntoSideConversation', tags,
        summary: "A held answer in a side conversation from someone besides the one written to (side_conversation_id set): take its sender into the conversation (their answers, this and later ones, go on the ticket as the counterpart's; audited) and process it again",
        params: idParams, response: { 200: resultSchema, ...errorResponses },
      },
    },
    async (request) => toWire(await takeIntoSideConversation({ ctx: ctxFor(request, deps), input: { inboundId: request.params.id }, settings })),
  );

  app.post<IdParams & { Body: { reason?: string } }>(
    '/api/v1/email/inbound/:id/dismiss',
    {
      config: { access: ADMINS },
      schema: {
        operationId: 'dismissInboundMail', tags, summary: 'Dismiss a held, ignored or quarantined message that needs nothing (spam); kept, and processed again on demand',
        params: idParams,
        body: { type: 'object', additionalProperties: false, properties: { reason: { type: 'string', maxLength: 500 } } },
        response: { 200: { $ref: 'InboundMessageSummary#' }, ...errorResponses },
      },
    },
    async (request) => toWire(await dismissInboundMessage({ ctx: ctxFor(request, deps), input: { inboundId: request.params.id, ...(request.body?.reason ? { reason: request.body.reason } : {}) } })),
  );

  if (!deps.email.devMail) return;
  app.get('/dev/mail.json', { config: { access: 'public' }, schema: { hide: true } }, async (request: FastifyRequest) => {
    requireLocal(request);
    const mails = await listCapturedMail(deps.db);
    return {
      items: mails.map((m) => ({
        id: m.id, outbox_id: m.outboxId, captured_at: m.capturedAt.toString(), from: m.from, recipients: m.recipients, subject: m.subject,
        headers: Object.fromEntries(m.headers.map(([k, v]) => [k.toLowerCase(), v])), text: m.text, html: m.html,
      })),
    };
  });
  app.get('/dev/mail', { config: { access: 'public' }, schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    requireLocal(request);
    return reply.type('text/html; charset=utf-8').send(devMailPage(await listCapturedMail(deps.db)));
  });
}
