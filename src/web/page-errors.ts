// Errors on the pages, mapped once: no session -> the sign-in page (coming back afterwards);
// everything else -> an HTML page with the status and the message of the closed error set.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isAccordError } from '../platform/index.ts';
import { sendPage } from './render.ts';

const STATUS: Record<string, number> = {
  invalid_input: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, limit_exceeded: 429, unavailable: 503,
};
const TITLE: Record<number, string> = {
  400: 'That is not quite right', 403: 'Not allowed', 404: 'Not found', 409: 'That cannot be done now', 413: 'Too large', 429: 'Too many attempts', 503: 'Unavailable',
};

export async function pageErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  if (isAccordError(error) && error.code === 'unauthenticated') {
    const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
    return reply.redirect(`/login${next}`, 303);
  }
  let status = 500;
  let message = 'Something went wrong on our side.';
  let details: Array<{ path: string; message: string }> = [];
  if (isAccordError(error)) {
    status = STATUS[error.code] ?? 400;
    message = error.message;
    details = error.details;
  } else if (error.validation) {
    status = 400;
    message = 'The request is not valid.';
    details = error.validation.map((v) => ({ path: `${error.validationContext ?? 'request'}${v.instancePath.replaceAll('/', '.')}`, message: v.message ?? 'is not valid' }));
  } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    status = error.statusCode === 413 || error.statusCode === 415 ? error.statusCode : 400;
    message = error.message;
  }
  if (status >= 500) request.log.error({ err: error }, 'page failed');
  else request.log.info({ code: isAccordError(error) ? error.code : status }, 'page refused');
  return sendPage(request, reply, 'error', { title: TITLE[status] ?? 'Something went wrong', message, details: details.slice(0, 20) }, status);
}
