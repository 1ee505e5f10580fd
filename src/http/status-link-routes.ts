// The links in subscriber mail, on the status page: confirm, manage, unsubscribe. A link that
// leads nowhere (cut short by a mail program, mangled, replaced, expired) is a 404; a browser is
// shown what to do about it on the status page's own look (linkRefusalPage).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  confirmSubscription, getSubscription, manageLinkText, peekConfirmation, renderManage, renderMessage, requireStatusPage, unsubscribe, updateSubscription,
  CONFIRM_LINK_GONE, SUBSCRIPTION_LINK_GONE, SUBSCRIBE_AGAIN, type Confirmation, type StatusPageConfig, type Subscription,
} from '../status/index.ts';
import { NOTICE_LINK_ROUTES } from './customer-notice-routes.ts';
import { errorResponses, readCtxFor } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';

const tags = ['status'];
const html = { 200: { type: 'string', description: 'An HTML page' } } as const;
// Any text: a token cut short or mangled is answered as a link that leads nowhere (404), not as a bad request.
const tokenParams = {
  type: 'object', required: ['token'], properties: { token: { type: 'string', description: 'the token from the link in the mail' } },
} as const;
const components = { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 100 }, description: 'none: every component' } as const;

const LINK_ROUTES = new Set(['/status/confirm/:token', '/status/subscription/:token', '/status/unsubscribe/:token']);
const COPY_WHOLE_LINK = 'Mail programs sometimes break a long link over two lines, so that only its first part opens: copy the whole link from the mail into the address bar.';

/** The page for a subscriber link that leads nowhere, or null when the refusal is not that. */
export function linkRefusalPage(page: StatusPageConfig, request: FastifyRequest, status: number, message: string): string | null {
  if (status !== 404) return null;
  // A customer's link to stop outage notices: the next notice brings it again; nothing to subscribe to.
  if (NOTICE_LINK_ROUTES.includes(request.routeOptions.url ?? '')) return renderMessage(page, 'This link does not work', [`${message}.`, COPY_WHOLE_LINK, 'The next notice mailed to you brings the link again.']);
  if (!LINK_ROUTES.has(request.routeOptions.url ?? '')) return null;
  const cut = message === CONFIRM_LINK_GONE || message === SUBSCRIPTION_LINK_GONE;
  const paragraphs = [`${message}.`, ...(cut ? [COPY_WHOLE_LINK] : []), 'Or subscribe again: the mail that follows brings new links.'];
  return renderMessage(page, 'This link does not work', paragraphs, { links: [SUBSCRIBE_AGAIN] });
}

function sendHtml(reply: FastifyReply, body: string, code = 200) {
  return reply.code(code).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(body);
}

const managePath = (token: string) => `/status/subscription/${token}`;

function confirmedPage(page: StatusPageConfig, sub: Confirmation): string {
  const manage = { href: managePath(sub.manageToken), text: manageLinkText(page, sub.list) };
  if (sub.alreadyConfirmed) {
    return renderMessage(page, 'Already confirmed', [`${sub.email} is subscribed: this link confirmed it before.`], { links: [manage] });
  }
  return renderMessage(page, 'You are subscribed', [`${sub.email} will receive notices.`, 'You can change or cancel it any time, on its page:'], { links: [manage] });
}

/** A page whose one button posts back to the link (GET changes nothing: mail scanners follow links). */
const buttonPage = (page: StatusPageConfig, heading: string, text: string, action: string, button: string) =>
  renderMessage(page, heading, [text], { form: { action, button } });

const unsubscribedPage = (page: StatusPageConfig, sub: Subscription) =>
  renderMessage(page, 'You are unsubscribed', [`${sub.email} will receive no more of these notices.`], { links: [SUBSCRIBE_AGAIN] });

export function registerSubscriberLinkRoutes(scope: FastifyInstance, deps: RouteDeps): void {
  type TokenReq = { Params: { token: string } };
  const schema = (operationId: string, summary: string, extra: Record<string, unknown> = {}) =>
    ({ operationId, tags, summary, params: tokenParams, response: { ...html, ...errorResponses }, ...extra });

  scope.get<TokenReq>('/status/confirm/:token', {
    config: { access: 'public' },
    schema: schema('statusConfirmPage', 'The confirmation page (a button: mail scanners that follow links confirm nothing)'),
  }, async (request, reply) => {
    const confirmed = await peekConfirmation({ ctx: readCtxFor(request, deps), input: { token: request.params.token } });
    const page = await requireStatusPage(deps.db);
    return sendHtml(reply, confirmed ? confirmedPage(page, confirmed) : buttonPage(page, 'Confirm your subscription', 'One more step: confirm that you want these notices.', request.url, 'Confirm'));
  });

  scope.post<TokenReq>('/status/confirm/:token', {
    config: { access: 'public' },
    schema: schema('statusConfirm', 'Confirm a subscription (the link expires; used again, it says the subscription is confirmed)'),
  }, async (request, reply) => {
    const sub = await confirmSubscription({ ctx: readCtxFor(request, deps), input: { token: request.params.token } });
    return sendHtml(reply, confirmedPage(await requireStatusPage(deps.db), sub));
  });

  scope.get<TokenReq>('/status/subscription/:token', {
    config: { access: 'public' },
    schema: schema('statusManagePage', 'Manage a subscription: components, unsubscribe'),
  }, async (request, reply) => {
    const sub = await getSubscription({ ctx: readCtxFor(request, deps), input: { token: request.params.token } });
    return sendHtml(reply, renderManage(await requireStatusPage(deps.db), sub, request.params.token));
  });

  scope.post<TokenReq>('/status/subscription/:token', {
    config: { access: 'public' },
    schema: schema('statusManage', "Change a subscription's components (none: all)", {
      body: { type: 'object', additionalProperties: false, properties: { components } },
    }),
  }, async (request, reply) => {
    const body = (request.body ?? {}) as { components?: string[] };
    const input = { token: request.params.token, components: body.components ?? [] };
    const sub = await updateSubscription({ ctx: readCtxFor(request, deps), input });
    return sendHtml(reply, renderManage(await requireStatusPage(deps.db), sub, request.params.token, true));
  });

  scope.get<TokenReq>('/status/unsubscribe/:token', {
    config: { access: 'public' },
    schema: schema('statusUnsubscribePage', 'The unsubscribe page (a button; none once unsubscribed)'),
  }, async (request, reply) => {
    const sub = await getSubscription({ ctx: readCtxFor(request, deps), input: { token: request.params.token } });
    const page = await requireStatusPage(deps.db);
    return sendHtml(reply, sub.unsubscribedAt ? unsubscribedPage(page, sub) : buttonPage(page, 'Unsubscribe', `Stop sending these notices to ${sub.email}?`, request.url, 'Unsubscribe'));
  });

  scope.post<TokenReq>('/status/unsubscribe/:token', {
    config: { access: 'public' },
    schema: schema('statusUnsubscribe', 'Unsubscribe (RFC 8058 one-click: List-Unsubscribe=One-Click; used again, it answers the same)', {
      body: { type: 'object', additionalProperties: false, properties: { 'List-Unsubscribe': { type: 'string', enum: ['One-Click'] } } },
    }),
  }, async (request, reply) => {
    const sub = await unsubscribe({ ctx: readCtxFor(request, deps), input: { token: request.params.token } });
    const page = await requireStatusPage(deps.db).catch(() => null);
    if (!page) return reply.code(200).send({ message: 'Unsubscribed' });
    return sendHtml(reply, unsubscribedPage(page, sub));
  });
}
