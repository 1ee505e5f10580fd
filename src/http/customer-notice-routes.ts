// The link in each customer's scheduled-outage notice (status/customer-notice-links.ts; OfficeSpace:
// "customers are usually notified via email"): its page, on the status page's look, stops that mail
// or starts it again with one button (GET changes nothing: mail scanners follow links), and its
// /stop answers the mail program's one-click List-Unsubscribe (RFC 8058). Public: the token is the
// authority. A link that leads nowhere is a 404 page (status-link-routes.ts linkRefusalPage).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { possessive } from '../policy/index.ts';
import { getCustomerNoticeLink, renderMessage, requireStatusPage, setCustomerNotices, type CustomerNoticeLink, type StatusPageConfig } from '../status/index.ts';
import { errorResponses, readCtxFor, type RouteDeps } from './route-kit.ts';

const tags = ['status'];
const html = { 200: { type: 'string', description: 'An HTML page' } } as const;
const tokenParams = {
  type: 'object', required: ['token'], properties: { token: { type: 'string', description: 'the token from the link in the notice' } },
} as const;

export const NOTICE_LINK_ROUTES = ['/status/notices/:token', '/status/notices/:token/stop', '/status/notices/:token/resume'];

function sendHtml(reply: FastifyReply, body: string) {
  return reply.code(200).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(body);
}

/** What the page calls the notices: the vendor's own word where it has one (OfficeSpace: "Scheduled Outages"). */
const noticesOf = (page: StatusPageConfig) => `notices of ${page.maintenanceTerm ?? 'scheduled maintenance'}`;

/**
 * The link's page: where the contact's mail stands, and the one button that changes it. It states what
 * this desk does, not a promise: the vendor's "usually notified via email" stays its own word.
 */
function linkPage(page: StatusPageConfig, link: CustomerNoticeLink, token: string, changed: boolean): string {
  const notices = noticesOf(page);
  if (link.stoppedAt) {
    return renderMessage(page, changed ? 'Stopped' : 'These notices are stopped', [
      `No more ${notices} are mailed to ${link.email}. They are still posted on the status page.`,
    ], { form: { action: `/status/notices/${token}/resume`, button: 'Mail them to me again' } });
  }
  return renderMessage(page, changed ? 'Mailed again' : `${notices[0].toUpperCase()}${notices.slice(1)}`, [
    `${link.email} is among the contacts of ${possessive(page.vendor)} customers mailed ${notices}.`,
  ], { form: { action: `/status/notices/${token}/stop`, button: 'Stop mailing them to me' } });
}

export function registerCustomerNoticeRoutes(scope: FastifyInstance, deps: RouteDeps): void {
  type TokenReq = { Params: { token: string } };
  const schema = (operationId: string, summary: string, extra: Record<string, unknown> = {}) =>
    ({ operationId, tags, summary, params: tokenParams, response: { ...html, ...errorResponses }, ...extra });
  const oneClick = { body: { type: 'object', additionalProperties: false, properties: { 'List-Unsubscribe': { type: 'string', enum: ['One-Click'] } } } };

  scope.get<TokenReq>('/status/notices/:token', {
    config: { access: 'public' },
    schema: schema('customerNoticesPage', "A customer contact's scheduled-outage mail: whether it is sent, and a button to stop it or start it again"),
  }, async (request, reply) => {
    const link = await getCustomerNoticeLink({ ctx: readCtxFor(request, deps), input: { token: request.params.token } });
    return sendHtml(reply, linkPage(await requireStatusPage(deps.db), link, request.params.token, false));
  });

  for (const [verb, stop] of [['stop', true], ['resume', false]] as const) {
    scope.post<TokenReq>(`/status/notices/:token/${verb}`, {
      config: { access: 'public' },
      schema: schema(stop ? 'customerNoticesStop' : 'customerNoticesResume', stop
        ? 'Stop the scheduled-outage mail to this contact (RFC 8058 one-click: List-Unsubscribe=One-Click; used again, it answers the same)'
        : 'Mail this contact the scheduled-outage notices again', stop ? oneClick : {}),
    }, async (request, reply) => {
      const link = await setCustomerNotices({ ctx: readCtxFor(request, deps), input: { token: request.params.token, stop } });
      return sendHtml(reply, linkPage(await requireStatusPage(deps.db), link, request.params.token, true));
    });
  }
}
