// Maps every error to one envelope, once for the whole HTTP transport:
// { code, message, details: [{ path, message }], requestId }.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAccordError } from '../platform/errors.ts';
import type { ErrorDetail } from '../platform/errors.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { camelToSnake } from './wire.ts';

// The domain's closed set, plus what only HTTP can say: no or bad credentials, a body too
// large or of a type no route reads, and our own failure.
export type EnvelopeCode =
  | 'not_found' | 'forbidden' | 'invalid_input' | 'conflict' | 'limit_exceeded' | 'unavailable'
  | 'unauthenticated' | 'payload_too_large' | 'unsupported_media_type' | 'internal';

const STATUS: Record<EnvelopeCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  limit_exceeded: 429,
  internal: 500,
  unavailable: 503,
};

// A hostile body can produce one problem per byte; a client needs the first few to fix its request,
// and a log line must stay a line.
export const MAX_DETAILS = 20;
const MAX_TEXT = 300;
const MAX_LOGGED_DETAILS = 5;

function bounded(text: string, max = MAX_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** At most MAX_DETAILS details, each bounded; the message says how many there were. */
function capped(body: Envelope): Envelope {
  const total = body.details.length;
  const details = body.details.slice(0, MAX_DETAILS).map((d) => ({ path: bounded(d.path, 200), message: bounded(d.message) }));
  const message = bounded(total > MAX_DETAILS ? `${body.message} (the first ${MAX_DETAILS} of ${total} problems are listed)` : body.message, 600);
  return { ...body, message, details };
}

interface Envelope {
  code: EnvelopeCode;
  message: string;
  details: ErrorDetail[];
  requestId: string;
}

// Detail paths follow the API's field names, so a client can find the field it sent; indexes
// are dotted everywhere (`plans[1].named_contacts` from the policy loader becomes `plans.1.named_contacts`).
function wirePath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '').split('.').map(camelToSnake).join('.');
}

type AjvError = { instancePath: string; message?: string; keyword: string; params: Record<string, unknown> };

function validationDetails(error: FastifyError): ErrorDetail[] {
  const context = (error as { validationContext?: string }).validationContext;
  const prefix = context && context !== 'body' ? `${context}.` : '';
  return ((error.validation ?? []) as AjvError[]).map((issue) => {
    const segments = issue.instancePath.split('/').filter(Boolean);
    const extra = issue.params.missingProperty ?? issue.params.additionalProperty;
    // A field whose name is empty is still a field: show it as "".
    if (typeof extra === 'string') segments.push(extra === '' ? '""' : extra);
    const message = issue.keyword === 'additionalProperties' ? 'is not a known field' : (issue.message ?? 'is not valid');
    // A problem with the whole part (a body that is not an object, say) is named by the part.
    return { path: segments.length ? prefix + segments.join('.') : (context ?? 'body'), message };
  });
}

function toEnvelope(error: unknown, request: FastifyRequest): { status: number; body: Envelope } {
  const requestId = String(request.id);
  if (isAccordError(error)) {
    // A verb's whole-input problem ("nothing to change") has an empty path: that is the body.
    const details = error.details.map((d) => ({ path: d.path === '' && error.code === 'invalid_input' ? 'body' : wirePath(d.path), message: d.message }));
    return { status: STATUS[error.code], body: { code: error.code, message: error.message, details, requestId } };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const body: Envelope = { code: 'invalid_input', message: 'The request is not valid', details: validationDetails(fastifyError), requestId };
    return { status: 400, body };
  }
  // Fastify's own client errors: malformed JSON, wrong content type, body too large, bad URL.
  const status = fastifyError.statusCode;
  if (status === 413) {
    const message = 'The body is too large';
    return { status, body: { code: 'payload_too_large', message, details: [{ path: 'body', message: 'is too large' }], requestId } };
  }
  if (status === 415) {
    const message = fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' && /charset|send application\/json/.test(fastifyError.message) ? fastifyError.message : 'This route does not read that content type';
    return { status, body: { code: 'unsupported_media_type', message, details: [{ path: 'headers.content-type', message }], requestId } };
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const path = fastifyError.code?.startsWith('FST_ERR_CTP') ? 'body' : fastifyError.code === 'FST_ERR_BAD_URL' ? 'url' : '';
    return { status: 400, body: { code: 'invalid_input', message: fastifyError.message, details: path ? [{ path, message: fastifyError.message }] : [], requestId } };
  }
  return { status: 500, body: { code: 'internal', message: 'Something went wrong on our side', details: [], requestId } };
}

/** The status and envelope an error maps to (for transports that show it differently, as an HTML page). */
export function envelopeOf(error: unknown, request: FastifyRequest): { status: number; body: Envelope } {
  return toEnvelope(error, request);
}

function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body: full } = toEnvelope(error, request);
  if (isAccordError(error) && error.recorded) request.refusalRecorded = true;
  const body = capped(full);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: body.code, problems: full.details.length, details: body.details.slice(0, MAX_LOGGED_DETAILS) }, 'request refused');
  if (status === 401) reply.header('www-authenticate', 'Bearer');
  return reply.code(status).send(body);
}

/** Sends an envelope decided by the transport itself (idempotency conflicts, say). */
export function sendEnvelope(request: FastifyRequest, reply: FastifyReply, status: number, code: EnvelopeCode, message: string, details: ErrorDetail[] = []): FastifyReply {
  return reply.code(status).send(capped({ code, message, details, requestId: String(request.id) }));
}

/**
 * Errors Fastify raises before routing (an undecodable URL, say) skip the error handler;
 * pass this as the `frameworkErrors` option so they get the envelope too.
 */
/**
 * Errors the framework answers before any route (a path that is not a URL, a path segment past the
 * router's length): the envelope; for a browser's navigation outside the API, the site's "not
 * found" page, since such an address names no page.
 */
export function frameworkErrorReply(htmlNotFound?: HtmlNotFound) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    reply.header('x-request-id', request.id);
    setSecurityHeaders(reply);
    if (htmlNotFound && isNavigation(request) && (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH')) {
      void htmlNotFound(request, reply, `There is no page at ${bounded(request.url.split('?')[0], 200)}.`);
      return;
    }
    sendError(error, request, reply);
  };
}

/** A page for a browser that asked for one (src/web renders it in the site's layout). */
export type HtmlNotFound = (request: FastifyRequest, reply: FastifyReply, message: string) => Promise<FastifyReply>;

/** A browser's navigation (GET of an HTML page) outside the API: a "not found" for it is a page, not JSON. */
function isNavigation(request: FastifyRequest): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && /text\/html/.test(request.headers.accept ?? '') && !request.url.startsWith('/api/');
}

export function registerErrorHandling(app: FastifyInstance, options: { htmlNotFound?: HtmlNotFound } = {}): void {
  const { htmlNotFound } = options;
  app.setErrorHandler((error, request, reply: FastifyReply) => {
    // A path that names nothing (/status when the policy publishes no status page, say).
    if (htmlNotFound && isAccordError(error) && error.code === 'not_found' && isNavigation(request)) {
      request.log.info({ code: error.code }, 'request refused');
      return htmlNotFound(request, reply, error.message);
    }
    return sendError(error, request, reply);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = bounded(request.url.split('?')[0], 200);
    if (htmlNotFound && isNavigation(request)) return htmlNotFound(request, reply, `There is no page at ${path}.`);
    return sendEnvelope(request, reply, 404, 'not_found', `No route for ${request.method} ${path}`);
  });
}

export const ErrorEnvelopeSchema = {
  $id: 'ErrorEnvelope',
  type: 'object',
  required: ['code', 'message', 'details', 'requestId'],
  properties: {
    code: { type: 'string', enum: Object.keys(STATUS) },
    message: { type: 'string' },
    details: {
      type: 'array',
      items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
    requestId: { type: 'string' },
  },
} as const;
