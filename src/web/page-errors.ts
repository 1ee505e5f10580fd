// Errors on the pages, mapped once: no session -> the sign-in page (coming back afterwards);
// an address whose id is malformed (a broken or mistyped link) -> "not found", as for an address
// nothing serves; everything else -> an HTML page with the status and the message of the closed
// error set. A refused query or form names each field once, as the form-error partial labels it,
// never by a schema path (`querystring.severity`). The API keeps its own envelope (http/error-handler.ts).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isAccordError, type ErrorDetail } from '../platform/index.ts';
import { sendPage } from './render.ts';
import { multipartRefusal } from './uploads.ts';

const STATUS: Record<string, number> = {
  invalid_input: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, limit_exceeded: 429, unavailable: 503,
};
const TITLE: Record<number, string> = {
  400: 'That is not quite right', 403: 'Not allowed', 404: 'Not found', 409: 'That cannot be done now', 413: 'Too large', 429: 'Too many attempts', 503: 'Unavailable',
};
// What a refused part of the request was, said to the person who sent it.
const PART_MESSAGE: Record<string, string> = {
  querystring: 'This page cannot be shown with what the address asks for.',
  body: 'The form was not filled in as this page expects.',
};

type AjvIssue = { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> };

/** One issue in words, or null for an alternative nobody chose (`anyOf`'s "or empty", and the `anyOf` itself). */
function issueText(issue: AjvIssue): string | null {
  const limit = issue.params.limit;
  switch (issue.keyword) {
    case 'anyOf': return null;
    case 'required': return 'is missing';
    case 'additionalProperties': return 'is not something this page takes';
    case 'enum': return 'is not one of the choices offered';
    case 'type': return issue.params.type === 'integer' ? 'must be a whole number' : issue.params.type === 'number' ? 'must be a number' : 'is not valid here';
    case 'minimum': return `must be at least ${String(limit)}`;
    case 'maximum': return `must be at most ${String(limit)}`;
    case 'maxLength': return limit === 0 ? null : `is too long (at most ${String(limit)} characters)`;
    case 'minLength': return limit === 1 ? 'must be filled in' : `is too short (at least ${String(limit)} characters)`;
    default: return 'is not valid here';
  }
}

const camel = (name: string) => name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** A query's or form's schema problems, one per field, named as the form-error partial labels fields (camelCase). */
export function fieldDetails(issues: readonly AjvIssue[]): ErrorDetail[] {
  const byField = new Map<string, string | null>();
  for (const issue of issues) {
    const segments = issue.instancePath.split('/').filter(Boolean);
    const extra = issue.params.missingProperty ?? issue.params.additionalProperty;
    if (typeof extra === 'string') segments.push(extra);
    const field = segments.map(camel).join('.');
    if (!field) continue;
    const text = issueText(issue);
    if (!byField.get(field)) byField.set(field, text);
  }
  return [...byField].map(([path, message]) => ({ path, message: message ?? 'is not valid here' }));
}

/** The path asked for, as a page may show it (bounded: a hostile address can be long). */
function shownPath(request: FastifyRequest): string {
  const path = request.url.split('?')[0];
  return path.length <= 200 ? path : `${path.slice(0, 199)}…`;
}

/** A form past the route's body limit is not read at all: said plainly, with what to do. */
function tooLarge(request: FastifyRequest): string {
  const mib = request.routeOptions.bodyLimit / 1024 / 1024;
  return `The form is more than ${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB, too large to read: nothing in it was saved. Shorten the longest text, or attach it as a file, and send it again.`;
}

export async function pageErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  if (isAccordError(error) && error.code === 'unauthenticated') {
    const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
    return reply.redirect(`/login${next}`, 303);
  }
  let status = 500;
  let message = 'Something went wrong on our side.';
  let details: ErrorDetail[] = [];
  if (isAccordError(error)) {
    status = STATUS[error.code] ?? 400;
    // A customer's case of another organization, or of none, is not found in the portal's word for
    // it ("case", not the verbs' "ticket not found"), saying no more than that.
    message = error.code === 'not_found' && request.webSession?.actor.kind === 'contact' && request.url.startsWith('/portal/cases/')
      ? "This case is not among your organization's cases."
      : error.message;
    details = error.details;
  } else if (error.validation && error.validationContext === 'params') {
    // An id in the address that could name nothing: the link was broken or mistyped.
    status = 404;
    message = `There is no page at ${shownPath(request)}.`;
  } else if (error.validation) {
    status = 400;
    message = PART_MESSAGE[error.validationContext ?? ''] ?? 'The request is not valid.';
    details = fieldDetails(error.validation as AjvIssue[]);
  } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    status = error.statusCode === 413 || error.statusCode === 415 ? error.statusCode : 400;
    message = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? tooLarge(request) : multipartRefusal(error.code) ?? error.message;
  }
  if (status >= 500) request.log.error({ err: error }, 'page failed');
  else request.log.info({ code: isAccordError(error) ? error.code : status }, 'page refused');
  return sendPage(request, reply, 'error', { title: TITLE[status] ?? 'Something went wrong', message, details: details.slice(0, 20) }, status);
}
